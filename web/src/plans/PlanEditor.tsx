/**
 * The plan editor on the plan page: scenario, activation, call tree and steps, saved with the ordinary PUT.
 * Errors land on the field their path names; a version conflict shows what changed meanwhile.
 */
import { Alert, Button, Group, Stack } from '@mantine/core';
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
import { PlanFields } from './PlanFields';

import { PLAN_FIELD_PATHS as PLACED } from './PlanFields';

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
        <PlanFields draft={draft} onChange={setDraft} errors={errors} />
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
