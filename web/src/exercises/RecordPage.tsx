/**
 * Recording an exercise live, on a phone held in one hand: the clock, each step's start and outcome, when each
 * service or component in scope was back, findings, and the finish. Every tap is kept on the device until the
 * server has it, so a reload or a dropped connection loses nothing.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useNetwork } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { canWrite } from '../api/auth';
import { getDocument } from '../api/catalog';
import { isApiError } from '../api/client';
import { useExercise } from '../api/exercises';
import type { PlanDocument } from '../api/plans';
import { keys, useAllServices, useImpact, useSession } from '../api/queries';
import { NotFoundPage } from '../app/NotFoundPage';
import { FindingBox } from './FindingBox';
import { stepsInOrder } from '../../../src/plans/step-order.ts';
import type { ImpactResult } from '../api/analysis';
import { describeEvent, elapsedText, mergeView, stepKey, waitingText } from './record-model';
import type { RecordView } from './record-model';
import { RecordScope } from './RecordScope';
import { RecordSteps } from './RecordSteps';
import { useRecorder } from './use-recorder';
import type { Recorder } from './use-recorder';

/** How often the exercise is read again, so what others record shows up. */
const REFRESH_MS = 10_000;

/** What the page shows below the clock: `?show=`. */
const SHOWN = ['steps', 'back', 'findings'] as const;

/** "2/21": the steps finished of all, and the nodes back of all in scope (blank while loading). */
function progress(
  planIds: readonly string[],
  plans: ReadonlyMap<string, PlanDocument>,
  impact: ImpactResult | undefined,
  view: RecordView,
): { steps: string; back: string } {
  const steps = planIds.flatMap((planId) => {
    const plan = plans.get(planId);
    return plan ? stepsInOrder(plan.spec).map(({ step }) => stepKey(planId, step.id)) : [];
  });
  const finished = steps.filter((key) => view.steps.get(key)?.finished).length;
  const back = impact?.down.filter((node) => view.restored.has(node.id)).length;
  return {
    steps: steps.length === 0 ? '' : `${finished}/${steps.length}`,
    back: impact === undefined ? '' : `${back}/${impact.down.length}`,
  };
}

/** The recording page of the exercise named in the URL. */
export function RecordPage() {
  const { id = '' } = useParams();
  return <Recording key={id} id={id} />;
}

/** The time since the start, ticking each second until the finish. */
function Clock({ started, finished }: { started: string; finished: string | undefined }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (finished !== undefined) return;
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, [finished]);
  return (
    <Text
      fz={36}
      fw={700}
      ff="monospace"
      lh={1.1}
      role="timer"
      aria-label={finished ? 'Time taken' : 'Time since the start'}
    >
      {elapsedText(started, finished === undefined ? now : new Date(finished))}
    </Text>
  );
}

/** The top of the page: clock or start, and how much waits to be sent; stays in view while scrolling. */
function StatusBar({
  view,
  recorder,
  online,
  disabled,
  children,
}: {
  view: RecordView;
  recorder: Recorder;
  online: boolean;
  disabled: boolean;
  children: ReactNode;
}) {
  const count = recorder.waiting.length;
  return (
    <Paper
      withBorder
      p="sm"
      shadow="xs"
      style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 56px) + 4px)', zIndex: 2 }}
    >
      <Group justify="space-between" align="center" gap="xs">
        {view.started ? (
          <Clock started={view.started.at} finished={view.finished?.at} />
        ) : (
          <Button size="lg" disabled={disabled} onClick={() => recorder.record({ type: 'exercise-started' })}>
            Start exercise
          </Button>
        )}
        <Stack gap={4} align="end">
          <Badge
            size="lg"
            color={count === 0 ? 'green' : 'orange'}
            variant={count === 0 ? 'light' : 'filled'}
            role="status"
            data-testid="sync-status"
          >
            {waitingText(count)}
          </Badge>
          {!online && (
            <Text size="xs" c="dimmed">
              Offline: kept on this device
            </Text>
          )}
        </Stack>
      </Group>
      {children}
    </Paper>
  );
}

function Recording({ id }: { id: string }) {
  const exercise = useExercise(id, REFRESH_MS);
  const session = useSession();
  const recorder = useRecorder(id);
  const { online } = useNetwork();
  const [params, setParams] = useSearchParams();
  const show = SHOWN.find((value) => value === params.get('show')) ?? 'steps';
  const [confirming, confirm] = useDisclosure(false);
  const document = exercise.data;
  const spec = document?.kind === 'Exercise' ? document.spec : undefined;

  const plans = useQueries({
    queries: (spec?.plans ?? []).map((plan) => ({
      queryKey: keys.document('plans', plan),
      queryFn: ({ signal }: { signal: AbortSignal }) => getDocument('plans', plan, signal),
    })),
  });
  const planMap = new Map<string, PlanDocument>();
  for (const query of plans) if (query.data?.kind === 'Plan') planMap.set(query.data.metadata.id, query.data);
  const firstPlan = spec?.plans[0] === undefined ? undefined : planMap.get(spec.plans[0]);
  const fail = spec?.scenario?.fail ?? firstPlan?.spec.scenario.fail ?? [];
  const impact = useImpact(fail);
  const services = useAllServices();
  const names = new Map((services.data ?? []).map((s) => [s.metadata.id, s.metadata.name ?? s.metadata.id]));

  if (exercise.isPending) return <Loader aria-label="Loading" />;
  if (exercise.isError && !document) {
    return isApiError(exercise.error, 404) ? (
      <NotFoundPage what={`There is no exercise "${id}".`} />
    ) : (
      <Alert color="red">{exercise.error.message}</Alert>
    );
  }
  if (!document || !spec) return <NotFoundPage what={`"${id}" is not an exercise.`} />;

  const view = mergeView(spec, recorder.waiting);
  // A service owner may record the exercises they take part in: the server says which.
  const mayRecord = canWrite(session.data);
  const disabled = !mayRecord || view.status === 'cancelled';
  const counts = progress(spec.plans, planMap, impact.data, view);

  return (
    <Stack maw={640} mx="auto" gap="md">
      <Stack gap={4}>
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {spec.title}
        </Title>
        <Group gap="xs">
          <Badge variant="outline">{spec.type}</Badge>
          <Badge variant="light" data-testid="exercise-status">
            {view.status}
          </Badge>
          <Anchor component={Link} to={`/exercises/${encodeURIComponent(id)}`} size="sm">
            The exercise
          </Anchor>
        </Group>
      </Stack>

      {!mayRecord && <Alert color="gray">Your role may read this exercise but not record it.</Alert>}
      {view.status === 'cancelled' && <Alert color="gray">This exercise was cancelled.</Alert>}
      {recorder.refused.map(({ event, detail }) => (
        <Alert key={event.id} color="red" title={`Not recorded: ${describeEvent(event)}`}>
          <Stack gap="xs" align="start">
            <Text size="sm">{detail}</Text>
            <Button color="red" variant="light" onClick={() => recorder.discardRefused(event.id)}>
              Discard it
            </Button>
          </Stack>
        </Alert>
      ))}
      {recorder.blocked && (
        <Alert color="red" title="The server does not take these recordings">
          <Stack gap="xs" align="start">
            <Text size="sm">{recorder.blocked}</Text>
            <Button color="red" variant="light" onClick={recorder.discardAll}>
              Discard what waits
            </Button>
          </Stack>
        </Alert>
      )}

      <Tabs
        value={show}
        onChange={(value) => setParams({ show: value ?? 'steps' }, { replace: true })}
        variant="pills"
        keepMounted={false}
      >
        <StatusBar view={view} recorder={recorder} online={online} disabled={disabled}>
          <Tabs.List grow mt="xs">
            <Tabs.Tab value="steps" fz="md">
              Steps {counts.steps}
            </Tabs.Tab>
            <Tabs.Tab value="back" fz="md">
              Back {counts.back}
            </Tabs.Tab>
            <Tabs.Tab value="findings" fz="md">
              Findings {view.findings.length}
            </Tabs.Tab>
          </Tabs.List>
        </StatusBar>
        <Tabs.Panel value="steps" pt="md">
          <RecordSteps
            planIds={spec.plans}
            plans={planMap}
            view={view}
            disabled={disabled}
            onRecord={recorder.record}
          />
        </Tabs.Panel>
        <Tabs.Panel value="back" pt="md">
          <RecordScope
            impact={impact.data}
            error={impact.error}
            names={names}
            view={view}
            disabled={disabled}
            onRecord={recorder.record}
          />
        </Tabs.Panel>
        <Tabs.Panel value="findings" pt="md">
          <FindingBox findings={view.findings} disabled={disabled} onRecord={recorder.record} />
        </Tabs.Panel>
      </Tabs>

      {!view.finished && (
        <Button size="lg" color="red" fullWidth disabled={disabled} onClick={confirm.open}>
          Finish exercise
        </Button>
      )}
      <Modal opened={confirming} onClose={confirm.close} title="Finish the exercise now?" centered>
        <Stack>
          <Text size="sm">The finish time is recorded now and this page will not change it afterwards.</Text>
          <Group grow>
            <Button size="md" variant="default" onClick={confirm.close}>
              Keep going
            </Button>
            <Button
              size="md"
              color="red"
              onClick={() => {
                recorder.record({ type: 'exercise-finished' });
                confirm.close();
              }}
            >
              Finish exercise
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
