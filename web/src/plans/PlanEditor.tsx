/**
 * The plan editor on the plan page: scenario, activation, call tree and steps, saved with the ordinary PUT.
 * Errors land on the field their path names; a version conflict shows what changed meanwhile.
 */
import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { updateDocument } from '../api/catalog';
import { isApiError } from '../api/client';
import type { FieldError } from '../api/client';
import { planKeys } from '../api/plans';
import type { PlanDocument } from '../api/plans';
import { keys } from '../api/queries';
import { notifyError, notifySuccess } from '../app/notify';
import { ConflictAlert, UnplacedErrors } from '../catalog/ConflictAlert';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { MultiRefSelect } from '../catalog/RefSelect';
import { ContactsEditor } from './ContactsEditor';
import { errorsAt } from './editor-model';
import { PlanSection } from './PlanOverview';
import { StepsEditor } from './StepsEditor';

/** The spec paths this editor places errors on; the rest are listed above it. */
const PLACED = ['spec.scenario', 'spec.activation', 'spec.contacts', 'spec.phases'];

/** The editor; `onDone` leaves edit mode (after a save or on cancel). */
export function PlanEditor({ plan, onDone }: { plan: PlanDocument; onDone: () => void }) {
  const queryClient = useQueryClient();
  const id = plan.metadata.id;
  // `base` is the version the edit started from: the 409 message compares it with the current one.
  const [base, setBase] = useState(plan);
  const [draft, setDraft] = useState(plan);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [conflict, setConflict] = useState<PlanDocument | null>(null);

  const save = useMutation({
    mutationFn: async () => (await updateDocument('plans', draft)) as PlanDocument,
    meta: { silent: true },
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.document('plans', id), saved);
      // Leave edit mode at once; the recovery order and the review state follow when recomputed.
      for (const queryKey of [
        planKeys.recoveryOrder(id),
        planKeys.due,
        keys.audit('Plan', id),
        keys.lists('plans'),
      ])
        void queryClient.invalidateQueries({ queryKey });
      const unapproved = base.spec.status === 'approved' && saved.spec.status !== 'approved';
      notifySuccess(
        `Saved ${id} (version ${saved.metadata.version})${unapproved ? ': it is a draft again until approved' : ''}`,
      );
      onDone();
    },
    onError: (error) => {
      setErrors([]);
      if (isApiError(error, 409) && error.problem.current) {
        setConflict(error.problem.current as PlanDocument);
      } else if (isApiError(error, 400, 422) && error.problem.errors?.length) {
        setErrors(error.problem.errors);
      } else {
        notifyError(error);
      }
    },
  });

  const unplaced = errors.filter(
    (error) => !PLACED.some((path) => error.path === path || error.path.startsWith(path)),
  );
  const setSpec = (patch: Partial<PlanDocument['spec']>) =>
    setDraft({ ...draft, spec: { ...draft.spec, ...patch } });

  return (
    <form
      aria-label="Edit plan"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        {base.spec.status === 'approved' && (
          <Alert color="yellow" variant="light">
            This plan is approved. Saving a change makes it a draft again until someone approves it.
          </Alert>
        )}
        {conflict && (
          <ConflictAlert
            plural="plans"
            base={base}
            draft={draft}
            current={conflict}
            onResolve={(next, nextBase) => {
              setDraft(next);
              setBase(nextBase);
              setConflict(null);
            }}
          />
        )}
        <UnplacedErrors errors={unplaced} />
        <PlanSection title="Scenario">
          <Stack gap="xs">
            <Textarea
              label="What happens"
              required
              autosize
              minRows={2}
              value={draft.spec.scenario.description}
              error={errorsAt(errors, 'spec.scenario.description')}
              onChange={(event) =>
                setSpec({ scenario: { ...draft.spec.scenario, description: event.currentTarget.value } })
              }
            />
            <MultiRefSelect
              label="Fails"
              description="The failure nodes the disruption takes out; the recovery order starts from them"
              required
              kinds={FAILURE_KINDS}
              value={draft.spec.scenario.fail}
              error={errorsAt(errors, 'spec.scenario.fail')}
              onChange={(fail) => setSpec({ scenario: { ...draft.spec.scenario, fail } })}
            />
          </Stack>
        </PlanSection>
        <PlanSection title="Activation">
          <Textarea
            label="When to invoke the plan and who decides"
            required
            autosize
            minRows={2}
            value={draft.spec.activation}
            error={errorsAt(errors, 'spec.activation')}
            onChange={(event) => setSpec({ activation: event.currentTarget.value })}
          />
        </PlanSection>
        <PlanSection title="Call tree">
          <ContactsEditor draft={draft} onChange={setDraft} errors={errors} />
        </PlanSection>
        <PlanSection title="Steps">
          <StepsEditor draft={draft} onChange={setDraft} errors={errors} />
        </PlanSection>
        <Group>
          <Button type="submit" loading={save.isPending} disabled={conflict !== null}>
            Save plan
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
