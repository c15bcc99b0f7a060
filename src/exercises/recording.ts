/**
 * Recording an exercise live: the events phones send while it runs (the exercise started, a step started or
 * finished, a node was back, a finding), merged into the Exercise's spec. Several people record at once and
 * resend on a dropped connection, so the merge is first-wins per field and a replayed event changes nothing.
 * Pure: the caller reads the exercise, its plans and the kinds of the nodes named, and writes the result.
 */
import { z } from 'zod';
import { KINDS, isKind } from '../catalog/kinds.ts';
import { exerciseSpecSchema } from '../catalog/kinds/exercise.kind.ts';
import type { ExerciseSpec } from '../catalog/kinds/exercise.kind.ts';
import { instantSchema } from '../catalog/kinds/fields.ts';
import { PLAN_PHASES } from '../catalog/kinds.schema.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { idSchema } from '../catalog/metadata.schema.ts';

/** The most events one request records. */
export const MAX_RECORD_EVENTS = 500;

/** The outcomes a finished step can have. */
export const STEP_OUTCOMES = ['done', 'failed', 'skipped'] as const;

/** The severities a finding can have; a recorded finding without one is `medium`. */
export const FINDING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** What an event may say, by its `type`. */
export const RECORD_EVENT_TYPES = [
  'exercise-started',
  'exercise-finished',
  'step-started',
  'step-finished',
  'restored',
  'finding',
] as const;

/** An event's id: made once by the recording phone and sent again unchanged on every retry. */
export const eventIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'an event id is 1 to 100 letters, digits, "_" and "-"')
  .meta({ description: 'Made once by the client, resent unchanged on retry.', examples: ['7f3c9a2e-01'] });

const base = {
  id: eventIdSchema,
  at: instantSchema.meta({ description: "The moment on the recorder's phone." }),
};
const stepFields = {
  plan: idSchema.meta({ description: "One of the exercise's plans." }),
  step: idSchema.meta({ description: "A step's id in that plan." }),
};

/** One thing that happened during an exercise, as a phone records it. */
export const recordEventSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ ...base, type: z.literal('exercise-started') }),
    z.strictObject({ ...base, type: z.literal('exercise-finished') }),
    z.strictObject({ ...base, type: z.literal('step-started'), ...stepFields }),
    z.strictObject({
      ...base,
      type: z.literal('step-finished'),
      ...stepFields,
      outcome: z.enum(STEP_OUTCOMES),
      notes: z.string().trim().min(1).max(10_000).optional(),
    }),
    z.strictObject({
      ...base,
      type: z.literal('restored'),
      node: idSchema.meta({ description: 'A failure node (Service, Component, Site, Vendor).' }),
    }),
    z.strictObject({
      ...base,
      type: z.literal('finding'),
      title: z.string().trim().min(1).max(300),
      severity: z.enum(FINDING_SEVERITIES).optional().meta({ description: 'Default medium.' }),
      description: z.string().max(10_000).optional(),
    }),
  ])
  .meta({ id: 'ExerciseEvent' });

/** An event of `POST /api/v1/exercises/{id}/record`. */
export type RecordEvent = z.infer<typeof recordEventSchema>;

/** The body of `POST /api/v1/exercises/{id}/record`. */
export const recordBodySchema = z.strictObject({
  events: z.array(recordEventSchema).min(1).max(MAX_RECORD_EVENTS),
});

/** A problem with one event (or with the body, when `event` is absent). */
export interface EventError {
  /** Where in the body: `events[3]`, or `events`. */
  path: string;
  /** The event's id, when it has one. */
  event?: string;
  message: string;
}

/** The events of a body, or what is wrong with them, each problem naming its event. */
export type ParsedEvents = { ok: true; events: RecordEvent[] } | { ok: false; errors: EventError[] };

/** Reads a request body into events; every problem names the event's id (or its place when it has none). */
export function parseRecordBody(input: unknown): ParsedEvents {
  const events = (input as { events?: unknown } | null)?.events;
  if (typeof input !== 'object' || input === null || !Array.isArray(events))
    return {
      ok: false,
      errors: [{ path: 'events', message: 'send {"events": [...]}, a list of 1 to 500 events' }],
    };
  const extra = Object.keys(input).filter((key) => key !== 'events');
  if (extra.length > 0)
    return { ok: false, errors: [{ path: extra[0]!, message: 'the body holds only "events"' }] };
  if (events.length === 0 || events.length > MAX_RECORD_EVENTS)
    return {
      ok: false,
      errors: [
        {
          path: 'events',
          message: `send 1 to ${MAX_RECORD_EVENTS} events at a time, not ${events.length}`,
        },
      ],
    };
  const parsed: RecordEvent[] = [];
  const errors: EventError[] = [];
  const seen = new Map<string, string>();
  events.forEach((raw: unknown, index) => {
    const path = `events[${index}]`;
    const rawId = (raw as { id?: unknown } | null)?.id;
    const event = typeof rawId === 'string' ? rawId : undefined;
    const named = event === undefined ? {} : { event };
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !(RECORD_EVENT_TYPES as readonly string[]).includes(type)) {
      errors.push({
        path,
        ...named,
        message: `type is ${JSON.stringify(type)}; it must be one of ${RECORD_EVENT_TYPES.join(', ')}`,
      });
      return;
    }
    const result = recordEventSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      errors.push({ path, ...named, message: `${field}${issue.message}` });
      return;
    }
    // The same event twice in one batch is harmless; two different events under one id are a client's bug.
    const text = JSON.stringify(result.data);
    const before = seen.get(result.data.id);
    if (before === undefined) {
      seen.set(result.data.id, text);
      parsed.push(result.data);
    } else if (before !== text)
      errors.push({
        path,
        ...named,
        message: 'another event of this batch has the same id: ids are one per event',
      });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events: parsed };
}

/** What the merge needs besides the exercise: its plans, and the kind of each node an event names. */
export interface RecordingContext {
  /** Plan id -> spec, for the exercise's plans (at least). */
  plans: ReadonlyMap<string, PlanSpec>;
  /** Node id -> its kind, for the nodes `restored` events name; absent when no document has the id. */
  kinds: ReadonlyMap<string, string>;
}

/** The merge's answer: the new spec and which events changed it, or what is wrong with which event. */
export type RecordingResult =
  | { ok: true; spec: ExerciseSpec; applied: string[]; alreadyRecorded: string[] }
  | { ok: false; errors: EventError[] };

/** The id a `finding` event's finding gets. */
export function findingIdOf(eventId: string): string {
  return `f-${eventId}`;
}

/** The ids of every step of a plan. */
function stepIds(plan: PlanSpec): Set<string> {
  return new Set(PLAN_PHASES.flatMap((phase) => (plan.phases?.[phase] ?? []).map((step) => step.id)));
}

/** Why an event cannot be recorded against this exercise, or undefined when it can. */
function eventProblem(spec: ExerciseSpec, event: RecordEvent, context: RecordingContext): string | undefined {
  switch (event.type) {
    case 'exercise-started':
    case 'exercise-finished':
      return undefined;
    case 'step-started':
    case 'step-finished': {
      if (!spec.plans.includes(event.plan))
        return `"${event.plan}" is not one of the exercise's plans (${spec.plans.join(', ')})`;
      const plan = context.plans.get(event.plan);
      if (plan === undefined) return `the plan "${event.plan}" does not exist`;
      if (!stepIds(plan).has(event.step)) return `the plan "${event.plan}" has no step "${event.step}"`;
      return undefined;
    }
    case 'restored': {
      const kind = context.kinds.get(event.node);
      if (kind === undefined) return `no document has the id "${event.node}"`;
      if (!isKind(kind) || !KINDS[kind].failureNode)
        return `"${event.node}" is a ${kind}; only a Service, Component, Site or Vendor can be restored`;
      return undefined;
    }
    case 'finding': {
      const id = findingIdOf(event.id);
      if (!idSchema.safeParse(id).success)
        return `the finding's id would be "${id}", which is not a valid id (lowercase letters, digits and hyphens, at most 63 characters): give a finding event a lowercase id such as a UUID`;
      return undefined;
    }
  }
}

type Step = NonNullable<NonNullable<ExerciseSpec['results']>['steps']>[number];

const NOTES_SEPARATOR = '\n\n';

/** Whether `notes` already holds `added` as one of its paragraphs (appended earlier). */
function holdsNotes(notes: string, added: string): boolean {
  return (
    notes === added ||
    notes.startsWith(added + NOTES_SEPARATOR) ||
    notes.endsWith(NOTES_SEPARATOR + added) ||
    notes.includes(NOTES_SEPARATOR + added + NOTES_SEPARATOR)
  );
}

/** The results' entry of a step, made when absent. */
function stepEntry(spec: ExerciseSpec, plan: string, step: string): Step {
  const results = (spec.results ??= {});
  const steps = (results.steps ??= []);
  let entry = steps.find((candidate) => candidate.plan === plan && candidate.step === step);
  if (entry === undefined) steps.push((entry = { plan, step }));
  return entry;
}

/** Applies one event to `spec` (in place); whether it changed anything. First value wins, per field. */
function apply(spec: ExerciseSpec, event: RecordEvent): boolean {
  let changed = false;
  switch (event.type) {
    case 'exercise-started':
      if (spec.started === undefined) [spec.started, changed] = [event.at, true];
      if (spec.status === 'planned') [spec.status, changed] = ['running', true];
      return changed;
    case 'exercise-finished':
      if (spec.finished === undefined) [spec.finished, changed] = [event.at, true];
      if (spec.status !== 'done') [spec.status, changed] = ['done', true];
      return changed;
    case 'step-started': {
      const entry = stepEntry(spec, event.plan, event.step);
      if (entry.started === undefined) [entry.started, changed] = [event.at, true];
      return changed;
    }
    case 'step-finished': {
      const entry = stepEntry(spec, event.plan, event.step);
      if (entry.finished === undefined) [entry.finished, changed] = [event.at, true];
      if (entry.outcome === undefined) [entry.outcome, changed] = [event.outcome, true];
      if (event.notes !== undefined && (entry.notes === undefined || !holdsNotes(entry.notes, event.notes))) {
        entry.notes = entry.notes === undefined ? event.notes : entry.notes + NOTES_SEPARATOR + event.notes;
        changed = true;
      }
      return changed;
    }
    case 'restored': {
      const results = (spec.results ??= {});
      const restored = (results.restored ??= []);
      if (restored.some((entry) => entry.id === event.node)) return false;
      restored.push({ id: event.node, at: event.at });
      return true;
    }
    case 'finding': {
      const id = findingIdOf(event.id);
      const findings = (spec.findings ??= []);
      if (findings.some((finding) => finding.id === id)) return false;
      findings.push({
        id,
        title: event.title,
        severity: event.severity ?? 'medium',
        status: 'open',
        ...(event.description !== undefined && { description: event.description }),
      });
      return true;
    }
  }
}

/** The exercise schema's problems with a spec, in one line; undefined when it is valid. */
function specProblem(spec: ExerciseSpec): string | undefined {
  const result = exerciseSpecSchema.safeParse(spec);
  if (result.success) return undefined;
  return result.error.issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length > 0 ? `spec.${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/**
 * Merges events into an exercise's spec. Every event is checked first (its plan is one of the exercise's, its
 * step is in that plan, its node is a failure node, and the merged exercise is valid); any problem fails the
 * whole batch. Per field the first recorded value wins, so replaying an event changes nothing: it is listed in
 * `alreadyRecorded`, the events that changed something in `applied`. The input spec is not modified.
 */
export function recordEvents(
  spec: ExerciseSpec,
  events: readonly RecordEvent[],
  context: RecordingContext,
): RecordingResult {
  const errors: EventError[] = [];
  events.forEach((event, index) => {
    const message = eventProblem(spec, event, context);
    if (message !== undefined) errors.push({ path: `events[${index}]`, event: event.id, message });
  });
  if (errors.length > 0) return { ok: false, errors };

  const merged = structuredClone(spec);
  const applied: string[] = [];
  const alreadyRecorded: string[] = [];
  for (const event of events) (apply(merged, event) ? applied : alreadyRecorded).push(event.id);
  if (applied.length === 0 || specProblem(merged) === undefined)
    return { ok: true, spec: merged, applied, alreadyRecorded };

  // The merged exercise is not valid: replay the events one by one to name the first that makes it so.
  const before = specProblem(spec);
  if (before !== undefined)
    return {
      ok: false,
      errors: [{ path: 'exercise', message: `the stored exercise is not valid: ${before}` }],
    };
  const step = structuredClone(spec);
  for (const [index, event] of events.entries()) {
    if (!apply(step, event)) continue;
    const problem = specProblem(step);
    if (problem !== undefined)
      return { ok: false, errors: [{ path: `events[${index}]`, event: event.id, message: problem }] };
  }
  // Unreachable: the events applied one by one end where they did all at once.
  return {
    ok: false,
    errors: [{ path: 'events', message: `the recorded exercise is not valid: ${specProblem(merged)}` }],
  };
}
