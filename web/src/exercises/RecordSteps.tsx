/** The steps of an exercise's plans, in an order they can be carried out, each with Start and its outcome buttons. */
import { Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { PlanDocument } from '../api/plans';
import type { RecordEventBody, StepOutcome } from '../api/exercises';
import { stepsInOrder } from '../../../src/plans/step-order.ts';
import { stepKey } from './record-model';
import type { RecordView, StepRecord } from './record-model';
import { RecordedTime } from './RecordedTime';

const OUTCOMES: { outcome: StepOutcome; label: string; color: string }[] = [
  { outcome: 'done', label: 'Done', color: 'green' },
  { outcome: 'failed', label: 'Failed', color: 'red' },
  { outcome: 'skipped', label: 'Skip', color: 'gray' },
];

const OUTCOME_TEXT: Record<StepOutcome, string> = { done: 'Done', failed: 'Failed', skipped: 'Skipped' };

function StepCard({
  plan,
  id,
  title,
  phase,
  record,
  disabled,
  onRecord,
}: {
  plan: string;
  id: string;
  title: string;
  phase: string;
  record: StepRecord | undefined;
  disabled: boolean;
  onRecord: (body: RecordEventBody) => void;
}) {
  const finished = record?.finished;
  return (
    <Paper component="li" withBorder p="sm" data-step={id} aria-label={`Step ${title}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="start" wrap="nowrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
            {phase}
          </Badge>
        </Group>
        {(record?.started ?? finished) && (
          <Group gap="md" data-testid="step-times">
            {record?.started && <RecordedTime label="Started" recorded={record.started} />}
            {finished && <RecordedTime label="Finished" recorded={finished} />}
            {finished && record.outcome && (
              <Badge color={OUTCOMES.find((o) => o.outcome === record.outcome)?.color} data-testid="outcome">
                {OUTCOME_TEXT[record.outcome]}
              </Badge>
            )}
          </Group>
        )}
        {!finished && (
          <>
            {!record?.started && (
              <Button
                size="lg"
                variant="light"
                fullWidth
                disabled={disabled}
                onClick={() => onRecord({ type: 'step-started', plan, step: id })}
              >
                Start
              </Button>
            )}
            <SimpleGrid cols={3} spacing="xs">
              {OUTCOMES.map(({ outcome, label, color }) => (
                <Button
                  key={outcome}
                  size="lg"
                  px={4}
                  color={color}
                  variant={outcome === 'done' ? 'filled' : 'light'}
                  disabled={disabled}
                  onClick={() => onRecord({ type: 'step-finished', plan, step: id, outcome })}
                >
                  {label}
                </Button>
              ))}
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** One section per plan, in the exercise's order; a plan still loading shows a loader. */
export function RecordSteps({
  planIds,
  plans,
  view,
  disabled,
  onRecord,
}: {
  planIds: readonly string[];
  plans: ReadonlyMap<string, PlanDocument>;
  view: RecordView;
  disabled: boolean;
  onRecord: (body: RecordEventBody) => void;
}) {
  return (
    <Stack>
      {planIds.map((planId) => {
        const plan = plans.get(planId);
        return (
          <section key={planId} aria-label={`Steps of ${plan?.metadata.name ?? planId}`}>
            <Title order={2} size="h4" mb="xs">
              {plan?.metadata.name ?? planId}
            </Title>
            {!plan ? (
              <Loader size="sm" aria-label={`Loading ${planId}`} />
            ) : (
              <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {stepsInOrder(plan.spec).map(({ phase, step }) => (
                  <StepCard
                    key={step.id}
                    plan={planId}
                    id={step.id}
                    title={step.title}
                    phase={phase}
                    record={view.steps.get(stepKey(planId, step.id))}
                    disabled={disabled}
                    onRecord={onRecord}
                  />
                ))}
              </Stack>
            )}
          </section>
        );
      })}
    </Stack>
  );
}
