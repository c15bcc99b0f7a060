/**
 * Recording an exercise live, the pure parts: the queue of events waiting to be sent (kept in localStorage so a
 * reload or a dropped connection loses nothing), what the page shows (the server's document with the waiting
 * events applied on top, the first recorded value of each field winning as on the server), and the texts.
 */
import type {
  ExerciseSpec,
  FindingSeverity,
  RecordEvent,
  RecordEventBody,
  StepOutcome,
} from '../api/exercises';
import type { FieldError, Problem } from '../api/client';
import { findingIdOf, recordEventSchema } from '../../../src/exercises/recording.ts';

/** A recorded time and whether it is still waiting to be sent. */
export interface Recorded {
  at: string;
  waiting: boolean;
}

/** What the page shows of one step. */
export interface StepRecord {
  started?: Recorded;
  finished?: Recorded;
  outcome?: StepOutcome;
}

/** What the page shows of one finding. */
export interface FindingRecord {
  /** The finding's id on the server, or the waiting event's id. */
  key: string;
  title: string;
  severity?: FindingSeverity;
  description?: string;
  waiting: boolean;
}

/** Everything the recording page shows. */
export interface RecordView {
  status: ExerciseSpec['status'];
  started?: Recorded;
  finished?: Recorded;
  /** By `stepKey(plan, step)`. */
  steps: Map<string, StepRecord>;
  /** When each node was back, by its id. */
  restored: Map<string, Recorded>;
  findings: FindingRecord[];
}

/** The key of a step in `RecordView.steps`. */
export function stepKey(plan: string, step: string): string {
  return `${plan}/${step}`;
}

const stored = (at: string | undefined): Recorded | undefined =>
  at === undefined ? undefined : { at, waiting: false };

/** What the server's document records. */
export function viewOf(spec: ExerciseSpec): RecordView {
  const steps = new Map<string, StepRecord>();
  for (const entry of spec.results?.steps ?? []) {
    const key = stepKey(entry.plan, entry.step);
    if (steps.has(key)) continue;
    const started = stored(entry.started);
    const finished = stored(entry.finished);
    steps.set(key, {
      ...(started && { started }),
      ...(finished && { finished }),
      ...(entry.outcome && { outcome: entry.outcome }),
    });
  }
  const restored = new Map<string, Recorded>();
  for (const entry of spec.results?.restored ?? [])
    if (!restored.has(entry.id)) restored.set(entry.id, { at: entry.at, waiting: false });
  const started = stored(spec.started);
  const finished = stored(spec.finished);
  return {
    status: spec.status,
    ...(started && { started }),
    ...(finished && { finished }),
    steps,
    restored,
    findings: (spec.findings ?? []).map((finding) => ({
      key: finding.id,
      title: finding.title,
      severity: finding.severity,
      ...(finding.description !== undefined && { description: finding.description }),
      waiting: false,
    })),
  };
}

/** `view` with one more event applied: a field already recorded keeps its first value, as on the server. */
export function applyEvent(view: RecordView, event: RecordEvent): RecordView {
  const waiting = { at: event.at, waiting: true };
  switch (event.type) {
    case 'exercise-started':
      return {
        ...view,
        started: view.started ?? waiting,
        status: view.status === 'planned' ? 'running' : view.status,
      };
    case 'exercise-finished':
      return {
        ...view,
        finished: view.finished ?? waiting,
        status: view.status === 'planned' || view.status === 'running' ? 'done' : view.status,
      };
    case 'step-started':
    case 'step-finished': {
      const key = stepKey(event.plan, event.step);
      const step = { ...view.steps.get(key) };
      if (event.type === 'step-started') step.started ??= waiting;
      else {
        step.finished ??= waiting;
        step.outcome ??= event.outcome;
      }
      return { ...view, steps: new Map(view.steps).set(key, step) };
    }
    case 'restored':
      return view.restored.has(event.node)
        ? view
        : { ...view, restored: new Map(view.restored).set(event.node, waiting) };
    case 'finding':
      // Keyed by the id the server gives the finding, so it shows once while its answer is on its way.
      return view.findings.some((finding) => finding.key === findingIdOf(event.id))
        ? view
        : {
            ...view,
            findings: [
              ...view.findings,
              {
                key: findingIdOf(event.id),
                title: event.title,
                ...(event.severity && { severity: event.severity }),
                ...(event.description !== undefined && { description: event.description }),
                waiting: true,
              },
            ],
          };
  }
}

/** What the page shows: the server's document, then the events still waiting to be sent, in the order made. */
export function mergeView(spec: ExerciseSpec, waiting: readonly RecordEvent[]): RecordView {
  return waiting.reduce(applyEvent, viewOf(spec));
}

/** An event made now, with a fresh id (made once; a retry sends the same id). */
export function makeEvent(body: RecordEventBody, now: Date, id: string): RecordEvent {
  return { ...body, id, at: now.toISOString() };
}

/** The localStorage key of an exercise's waiting events. */
export function queueKey(exerciseId: string): string {
  return `lifeboat:exercise-record:${exerciseId}`;
}

/** The waiting events stored for an exercise (none when the stored text is missing or not a list of events). */
export function readQueue(storage: Pick<Storage, 'getItem'>, exerciseId: string): RecordEvent[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(queueKey(exerciseId)) ?? '[]');
    return Array.isArray(value)
      ? value.flatMap((item: unknown) => {
          const event = recordEventSchema.safeParse(item);
          return event.success ? [event.data] : [];
        })
      : [];
  } catch {
    return [];
  }
}

/** Stores the waiting events (and forgets the key once nothing waits). */
export function writeQueue(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  exerciseId: string,
  queue: readonly RecordEvent[],
): void {
  if (queue.length === 0) storage.removeItem(queueKey(exerciseId));
  else storage.setItem(queueKey(exerciseId), JSON.stringify(queue));
}

/** The queue without the events the server has answered for (applied, or recorded before). */
export function withoutEvents(queue: readonly RecordEvent[], ids: Iterable<string>): RecordEvent[] {
  const done = new Set(ids);
  return queue.filter((event) => !done.has(event.id));
}

/** The next events to send: the oldest first, leaving out those the server refused, at most `max`. */
export function nextBatch(
  queue: readonly RecordEvent[],
  max: number,
  refused: ReadonlySet<string> = new Set(),
): RecordEvent[] {
  return queue.filter((event) => !refused.has(event.id)).slice(0, max);
}

/**
 * Which event of a refused batch the server's problem names: by its id (`errors[].event`), else by its place
 * (`events[2]`, `events[2].type`); the only one when the batch held one; undefined when it cannot be told.
 */
export function refusedEvent(problem: Problem, batch: readonly RecordEvent[]): RecordEvent | undefined {
  if (batch.length === 1) return batch[0];
  // The server adds the refused event's id to each field error.
  for (const error of (problem.errors ?? []) as (FieldError & { event?: string })[]) {
    const named = batch.find((event) => event.id === error.event);
    if (named) return named;
    const match = /^(?:body\.)?events\[(\d+)\]/.exec(error.path);
    const placed = match ? batch[Number(match[1])] : undefined;
    if (placed) return placed;
  }
  return undefined;
}

/** The badge: how many events wait, or that everything is recorded. */
export function waitingText(count: number): string {
  if (count === 0) return 'All recorded';
  return `${count} waiting to send`;
}

/** The time since `started`, as `h:mm:ss` (`0:00:00` before it). */
export function elapsedText(started: string, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(started)) / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** A short description of an event, for the message when the server refuses it. */
export function describeEvent(event: RecordEvent): string {
  switch (event.type) {
    case 'exercise-started':
      return 'Exercise started';
    case 'exercise-finished':
      return 'Exercise finished';
    case 'step-started':
      return `Step ${event.step} started`;
    case 'step-finished':
      return `Step ${event.step} ${event.outcome === 'skipped' ? 'skipped' : event.outcome}`;
    case 'restored':
      return `${event.node} back`;
    case 'finding':
      return `Finding "${event.title}"`;
  }
}
