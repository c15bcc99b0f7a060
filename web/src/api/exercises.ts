/** Exercises over HTTP: the exercise document and recording what happens during one, live. */
import { useQuery } from '@tanstack/react-query';
import { MAX_RECORD_EVENTS } from '../../../src/exercises/recording.ts';
import type { RecordEvent } from '../../../src/exercises/recording.ts';
import { getDocument } from './catalog';
import type { DocumentOf } from './catalog';
import { request } from './client';
import { keys } from './queries';

/** An Exercise document. */
export type ExerciseDocument = DocumentOf<'Exercise'>;

/** An Exercise's spec. */
export type ExerciseSpec = ExerciseDocument['spec'];

export { MAX_RECORD_EVENTS };

/**
 * One recorded event, as the domain defines it (src/exercises/recording.ts): `id` is made once by the browser
 * and sent unchanged on every retry, so the server records it once; `at` is when it happened by the device's clock.
 */
export type { RecordEvent };

/** What a tap on the recording page says happened, without its id and time. */
export type RecordEventBody = RecordEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'id' | 'at'>
    : never
  : never;

/** How a recorded step ended. */
export type StepOutcome = Extract<RecordEvent, { type: 'step-finished' }>['outcome'];

/** A finding's severity. */
export type FindingSeverity = NonNullable<Extract<RecordEvent, { type: 'finding' }>['severity']>;

/** The answer to a recording: the exercise as now stored, and which events were new and which already there. */
export interface RecordAnswer {
  exercise: ExerciseDocument;
  applied: string[];
  alreadyRecorded: string[];
}

/**
 * `POST /api/v1/exercises/{id}/record`: per field the first recorded value wins, so sending an event again
 * changes nothing. 400 (nothing written) names a bad event; 409 when the exercise is cancelled.
 */
export function recordEvents(id: string, events: readonly RecordEvent[], signal?: AbortSignal) {
  return request<RecordAnswer>('POST', `/exercises/${encodeURIComponent(id)}/record`, {
    body: { events },
    signal,
  });
}

/**
 * An exercise, under the document key every editor refreshes; `refetchMs` asks it again at that interval so what
 * others record shows up (TanStack Query pauses while the browser is offline). A page that refreshes shows a
 * failure itself, rather than a notification every few seconds while the server cannot be reached.
 */
export function useExercise(id: string, refetchMs?: number) {
  return useQuery({
    queryKey: keys.document('exercises', id),
    queryFn: async ({ signal }) => (await getDocument('exercises', id, signal)) as ExerciseDocument,
    ...(refetchMs !== undefined && { refetchInterval: refetchMs, meta: { silent: true } }),
  });
}
