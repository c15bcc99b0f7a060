/**
 * The parts of a plan the generic form does not cover: the scenario, the activation criteria, the call tree and
 * the steps of each phase. The plan editor and the "New plan" page both use them.
 */
import { Stack, Textarea } from '@mantine/core';
import type { FieldError } from '../api/client';
import type { PlanDocument } from '../api/plans';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { MultiRefSelect } from '../catalog/RefSelect';
import { ContactsEditor } from './ContactsEditor';
import { errorsAt } from './editor-model';
import { PlanSection } from './PlanOverview';
import { StepsEditor } from './StepsEditor';

/** The spec paths these fields place errors on (with `activation` unless it is left out). */
export const PLAN_FIELD_PATHS = ['spec.scenario', 'spec.activation', 'spec.contacts', 'spec.phases'];

/** Scenario, activation (unless `activation` is false: the generic form has it), call tree and steps. */
export function PlanFields({
  draft,
  onChange,
  errors,
  activation = true,
}: {
  draft: PlanDocument;
  onChange: (draft: PlanDocument) => void;
  errors: readonly FieldError[];
  activation?: boolean;
}) {
  // A new plan starts without a scenario: the inputs show it empty until something is typed.
  const scenario = draft.spec.scenario ?? { description: '', fail: [] };
  const setSpec = (patch: Partial<PlanDocument['spec']>) =>
    onChange({ ...draft, spec: { ...draft.spec, ...patch } });
  return (
    <>
      <PlanSection title="Scenario">
        <Stack gap="xs">
          <Textarea
            label="What happens"
            required
            autosize
            minRows={2}
            value={scenario.description}
            error={errorsAt(errors, 'spec.scenario.description')}
            onChange={(event) =>
              setSpec({ scenario: { ...scenario, description: event.currentTarget.value } })
            }
          />
          <MultiRefSelect
            label="Fails"
            description="The failure nodes the disruption takes out; the recovery order starts from them"
            required
            kinds={FAILURE_KINDS}
            value={scenario.fail}
            error={errorsAt(errors, 'spec.scenario.fail')}
            onChange={(fail) => setSpec({ scenario: { ...scenario, fail } })}
          />
        </Stack>
      </PlanSection>
      {activation && (
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
      )}
      <PlanSection title="Call tree">
        <ContactsEditor draft={draft} onChange={onChange} errors={errors} />
      </PlanSection>
      <PlanSection title="Steps">
        <StepsEditor draft={draft} onChange={onChange} errors={errors} />
      </PlanSection>
    </>
  );
}
