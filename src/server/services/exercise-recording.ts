import type { ExerciseSpec } from '../../catalog/kinds/exercise.kind.ts';
import { PLAN_PHASES } from '../../catalog/kinds.schema.ts';
import type { PlanSpec } from '../../catalog/kinds.schema.ts';
import type { DocumentOf } from '../../catalog/kinds.ts';
import { parseRecordBody, recordEvents } from '../../exercises/recording.ts';
import type { EventError } from '../../exercises/recording.ts';
import { actorName } from './catalog.service.ts';
import type { Actor, CatalogService, DocumentReader } from './catalog.service.ts';
import { CatalogError } from './errors.ts';
import { pageUrl, publishSafely } from '../notify/publish.ts';
import type { Notifier } from '../notify/types.ts';

/** The answer of `POST /api/v1/exercises/{id}/record`. */
export interface RecordingAnswer {
  /** The exercise after the merge, as `GET /api/v1/documents/{id}` answers it. */
  exercise: DocumentOf<'Exercise'>;
  /** The events that changed something. */
  applied: string[];
  /** The events that changed nothing: recorded before, or a later value for a field already set. */
  alreadyRecorded: string[];
}

/** The plans of an exercise that exist, by id. */
async function plansOf(spec: ExerciseSpec, reader: DocumentReader): Promise<Map<string, PlanSpec>> {
  const plans = new Map<string, PlanSpec>();
  for (const id of spec.plans) {
    const document = await reader.get(id);
    if (document?.kind === 'Plan') plans.set(id, document.spec);
  }
  return plans;
}

/** The people and teams taking part in an exercise: its facilitator, participants and its plans' step owners. */
function takingPart(spec: ExerciseSpec, plans: ReadonlyMap<string, PlanSpec>): string[] {
  return [
    ...(spec.facilitator === undefined ? [] : [spec.facilitator]),
    ...(spec.participants ?? []).map((participant) => participant.id),
    ...[...plans.values()].flatMap((plan) =>
      PLAN_PHASES.flatMap((phase) => (plan.phases?.[phase] ?? []).flatMap((step) => step.owner ?? [])),
    ),
  ];
}

function invalidEvents(id: string, errors: readonly EventError[]): CatalogError {
  const described = errors.map((error) =>
    error.event === undefined
      ? `${error.path}: ${error.message}`
      : `event "${error.event}": ${error.message}`,
  );
  const more = described.length > 5 ? ` (and ${described.length - 5} more)` : '';
  return new CatalogError(
    'invalid',
    `Nothing was recorded for the exercise "${id}": ${described.slice(0, 5).join('; ')}${more}`,
    {
      errors: errors.map((error) => ({
        path: error.path,
        message: error.message,
        ...(error.event !== undefined && { event: error.event }),
      })),
    },
  );
}

/**
 * Records an exercise live (docs/exercises.md, "Recording live"): the events of a request are merged into the
 * stored exercise in one write transaction, first value wins per field, so concurrent recorders and replayed
 * batches cannot overwrite each other. A request that changes nothing writes nothing.
 */
export function createExerciseRecording(deps: {
  catalog: CatalogService;
  /** Webhooks: `exercise.finished` when a recording finishes the exercise. */
  events?: { notifier: Notifier; publicUrl: string; onError?: (error: unknown) => void };
}) {
  const { catalog } = deps;
  return {
    /** Merges a request body's events into the exercise `id`, as `actor`. */
    async record(id: string, body: unknown, actor: Actor): Promise<RecordingAnswer> {
      const parsed = parseRecordBody(body);
      if (!parsed.ok) throw invalidEvents(id, parsed.errors);
      const { events } = parsed;
      const { document, result } = await catalog.updateWith(
        'Exercise',
        id,
        async (current, reader) => {
          if (current.kind !== 'Exercise')
            throw new CatalogError('not-found', `No Exercise has the id "${id}"`);
          const { spec } = current;
          if (spec.status === 'cancelled')
            throw new CatalogError(
              'conflict',
              `The exercise "${id}" is cancelled: nothing can be recorded for it (set its status back to planned to record it)`,
            );
          const nodes = events.flatMap((event) => (event.type === 'restored' ? [event.node] : []));
          const merged = recordEvents(spec, events, {
            plans: await plansOf(spec, reader),
            kinds: nodes.length > 0 ? await reader.kindsOf(nodes) : new Map(),
          });
          if (!merged.ok) throw invalidEvents(id, merged.errors);
          const { applied, alreadyRecorded } = merged;
          return {
            document: applied.length === 0 ? undefined : { ...current, spec: merged.spec },
            result: { applied, alreadyRecorded },
          };
        },
        actor,
        {
          scope: async (current, reader) => {
            const spec = current.spec as ExerciseSpec;
            return {
              ids: takingPart(spec, await plansOf(spec, reader)),
              refusal: `As a service owner you may record only exercises you take part in (as facilitator, participant or owner of a step of its plans); you do not take part in "${id}"`,
            };
          },
        },
      );
      if (document.kind !== 'Exercise') throw new CatalogError('not-found', `No Exercise has the id "${id}"`);
      const finished = events.find(
        (event) => event.type === 'exercise-finished' && result.applied.includes(event.id),
      );
      if (finished && deps.events) {
        const title = document.spec.title;
        await publishSafely(
          deps.events.notifier,
          {
            event: 'exercise.finished',
            text: `Exercise "${title}" finished (recorded by ${actorName(actor)})`,
            url: pageUrl(deps.events.publicUrl, 'exercises', id),
            data: { exercise: id, title, finished: document.spec.finished ?? finished.at },
          },
          deps.events.onError,
        );
      }
      return { exercise: document, ...result };
    },
  };
}

/** The exercise recording service's interface. */
export type ExerciseRecording = ReturnType<typeof createExerciseRecording>;
