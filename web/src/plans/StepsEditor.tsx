/** Edits a plan's steps phase by phase: add, remove, reorder, and every field of a step. */
import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { FieldError } from '../api/client';
import type { PlanDocument } from '../api/plans';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { MultiRefSelect, RefSelect } from '../catalog/RefSelect';
import {
  errorsAt,
  freshStepId,
  moved,
  PHASES,
  removeStep,
  renameStep,
  stepIds,
  withPhase,
} from './editor-model';
import type { PhaseName, Step } from './editor-model';
import { PEOPLE_KINDS } from './PlanOverview';

interface Props {
  draft: PlanDocument;
  onChange: (draft: PlanDocument) => void;
  errors: readonly FieldError[];
}

function StepFields({
  draft,
  onChange,
  errors,
  phase,
  index,
  count,
}: Props & { phase: PhaseName; index: number; count: number }) {
  const steps = draft.spec.phases?.[phase] ?? [];
  const step = steps[index];
  if (!step) return null;
  const path = `spec.phases.${phase}[${index}]`;
  const name = `${phase} step ${index + 1}`;
  const set = (patch: Partial<Step>) =>
    onChange(
      withPhase(
        draft,
        phase,
        steps.map((old, i) => (i === index ? { ...old, ...patch } : old)),
      ),
    );
  const others = stepIds(draft).filter((id) => id !== step.id && id !== '');

  return (
    <Paper withBorder p="sm" role="group" aria-label={`Step ${index + 1}: ${step.title || 'untitled'}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {index + 1}. {step.title || 'New step'}
          </Text>
          <Group gap={4}>
            <ActionIcon
              variant="default"
              aria-label={`Move ${name} up`}
              disabled={index === 0}
              onClick={() => onChange(withPhase(draft, phase, moved(steps, index, -1)))}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={`Move ${name} down`}
              disabled={index === count - 1}
              onClick={() => onChange(withPhase(draft, phase, moved(steps, index, 1)))}
            >
              ↓
            </ActionIcon>
            <Button
              size="compact-sm"
              color="red"
              variant="subtle"
              aria-label={`Remove ${name}`}
              onClick={() => onChange(removeStep(draft, phase, index))}
            >
              Remove
            </Button>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Title"
            required
            value={step.title}
            error={errorsAt(errors, `${path}.title`)}
            onChange={(event) => set({ title: event.currentTarget.value })}
          />
          <TextInput
            label="Step id"
            description="Other steps name it in After"
            required
            value={step.id}
            error={errorsAt(errors, `${path}.id`)}
            onChange={(event) => onChange(renameStep(draft, phase, index, event.currentTarget.value))}
          />
          <RefSelect
            label="Owner"
            kinds={PEOPLE_KINDS}
            value={step.owner}
            error={errorsAt(errors, `${path}.owner`)}
            onChange={(owner) => set({ owner: owner ?? '' })}
          />
          <TextInput
            label="Duration"
            placeholder="e.g. 30m, 4h, 1d"
            value={step.duration ?? ''}
            error={errorsAt(errors, `${path}.duration`)}
            onChange={(event) => set({ duration: event.currentTarget.value })}
          />
          <MultiSelect
            label="After"
            description="Steps that must be finished first"
            data={[...new Set([...others, ...(step.after ?? [])])]}
            searchable
            value={step.after ?? []}
            error={errorsAt(errors, `${path}.after`)}
            onChange={(after) => set({ after })}
          />
          <MultiRefSelect
            label="Restores"
            description="Failure nodes this step brings back"
            kinds={FAILURE_KINDS}
            value={step.restores ?? []}
            error={errorsAt(errors, `${path}.restores`)}
            onChange={(restores) => set({ restores })}
          />
        </SimpleGrid>
        <Textarea
          label="Details"
          autosize
          minRows={1}
          value={step.details ?? ''}
          error={errorsAt(errors, `${path}.details`)}
          onChange={(event) => set({ details: event.currentTarget.value })}
        />
      </Stack>
    </Paper>
  );
}

/** The steps editor: one block per phase, each with its steps and "Add step". */
export function StepsEditor({ draft, onChange, errors }: Props) {
  return (
    <Stack>
      {PHASES.map((phase) => {
        const steps = draft.spec.phases?.[phase.key] ?? [];
        return (
          <section key={phase.key} aria-label={`${phase.title} phase`}>
            <Title order={4} mb="xs">
              {phase.title}
            </Title>
            <Stack gap="xs">
              {steps.length === 0 && (
                <Text size="sm" c="dimmed">
                  No steps in this phase.
                </Text>
              )}
              {steps.map((step, index) => (
                <StepFields
                  // The position is the identity while the id is being typed.
                  key={`${phase.key}-${index}`}
                  draft={draft}
                  onChange={onChange}
                  errors={errors}
                  phase={phase.key}
                  index={index}
                  count={steps.length}
                />
              ))}
              <Button
                variant="light"
                size="xs"
                style={{ alignSelf: 'start' }}
                onClick={() =>
                  onChange(withPhase(draft, phase.key, [...steps, { id: freshStepId(draft), title: '' }]))
                }
              >
                Add a step to {phase.title.toLowerCase()}
              </Button>
            </Stack>
          </section>
        );
      })}
    </Stack>
  );
}
