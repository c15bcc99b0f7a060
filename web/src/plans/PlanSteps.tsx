/** A plan's written steps by phase, with the step-order problems the server found placed on the steps they name. */
import { Alert, Badge, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { PlanDocument, StepOrderProblem } from '../api/plans';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { RefLink } from '../catalog/links';
import { planTimeline } from '../../../src/plans/plan-timeline.ts';
import type { TimelineStep } from '../../../src/plans/plan-timeline.ts';
import { formatMinutes } from '../util/duration';
import { PHASES } from './editor-model';
import type { Step } from './editor-model';
import { PEOPLE_KINDS } from './PlanOverview';

/** Every step of a plan in written order, with its phase. */
export function stepsOf(plan: PlanDocument): { phase: string; step: Step }[] {
  return PHASES.flatMap(({ key }) => (plan.spec.phases?.[key] ?? []).map((step) => ({ phase: key, step })));
}

/**
 * When a step runs if the plan is followed with as many hands as needed: from when the steps before it (its
 * `after` list and the earlier phases) are finished, for its duration; "at least" when a duration is missing.
 */
function timingText(timing: TimelineStep): string {
  if (timing.startMinutes === null || timing.endMinutes === null)
    return 'Never starts: it waits on steps that wait for each other';
  const bound = timing.known ? '' : 'at least ';
  return `Runs ${bound}${formatMinutes(timing.startMinutes)} to ${bound}${formatMinutes(timing.endMinutes)} into the disruption`;
}

function StepCard({
  step,
  timing,
  problems,
}: {
  step: Step;
  timing: TimelineStep | undefined;
  problems: readonly StepOrderProblem[];
}) {
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      data-step={step.id}
      aria-label={`Step ${step.title}`}
      style={problems.length > 0 ? { borderColor: 'var(--mantine-color-orange-6)' } : undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" align="start" wrap="nowrap">
          <Text fw={600}>{step.title}</Text>
          {step.duration && (
            <Badge variant="light" color="gray" tt="none" style={{ flexShrink: 0 }}>
              {step.duration}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          <Code>{step.id}</Code>
          {step.owner && (
            <Text size="sm">
              by <RefLink id={step.owner} kinds={PEOPLE_KINDS} />
            </Text>
          )}
        </Group>
        {step.after && step.after.length > 0 && (
          <Text size="sm">
            After:{' '}
            {step.after.map((id, index) => (
              <span key={id}>
                {index > 0 && ', '}
                <Code>{id}</Code>
              </span>
            ))}
          </Text>
        )}
        {step.restores && step.restores.length > 0 && (
          <Group gap={6}>
            <Text size="sm">Restores:</Text>
            {step.restores.map((id) => (
              <RefLink key={id} id={id} kinds={FAILURE_KINDS} />
            ))}
          </Group>
        )}
        {timing && (
          <Text size="sm" data-testid="step-timing">
            {timingText(timing)}
          </Text>
        )}
        {step.details && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
            {step.details}
          </Text>
        )}
        {problems.map((problem) => (
          <Alert
            key={problem.message}
            color="orange"
            variant="light"
            p="xs"
            title={problem.type === 'cycle' ? 'Steps wait for each other' : 'Out of order'}
            data-testid="step-problem"
          >
            <Text size="sm">{problem.message}</Text>
          </Alert>
        ))}
      </Stack>
    </Paper>
  );
}

/** The steps, phase by phase; a problem shows on every step it names. */
export function PlanSteps({
  plan,
  problems = [],
}: {
  plan: PlanDocument;
  problems?: readonly StepOrderProblem[];
}) {
  const phases = PHASES.map((phase) => ({ ...phase, steps: plan.spec.phases?.[phase.key] ?? [] })).filter(
    (phase) => phase.steps.length > 0,
  );
  if (phases.length === 0) return <Text c="dimmed">The plan has no steps yet.</Text>;
  const timeline = new Map(planTimeline(plan.spec).steps.map((step) => [step.id, step]));
  return (
    <Stack data-testid="plan-steps">
      {phases.map((phase) => (
        <section key={phase.key} aria-label={`${phase.title} phase`}>
          <Title order={4} mb="xs">
            {phase.title}
          </Title>
          <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {phase.steps.map((step) => (
              <StepCard
                key={step.id}
                step={step}
                timing={timeline.get(step.id)}
                problems={problems.filter((problem) => problem.steps.includes(step.id))}
              />
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
