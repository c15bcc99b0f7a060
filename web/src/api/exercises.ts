/** Exercises over HTTP: the exercise document and recording what happens during one, live. */
import { useQuery } from '@tanstack/react-query';
import { MAX_RECORD_EVENTS } from '../../../src/exercises/recording.ts';
import type { RecordEvent } from '../../../src/exercises/recording.ts';
import { getDocument } from './catalog';
import type { DocumentOf } from './catalog';
import { request } from './client';
import { keys } from './queries';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AppliedCalibration,
  CalibrationProposal,
  NodeCalibration,
  StepCalibration,
} from '../../../src/exercises/calibration.ts';
import type { User } from './auth';
import { apiUrl } from './client';

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

/** A calibration proposal: the node and step durations a done exercise measured that differ from the catalog's. */
export type { CalibrationProposal, NodeCalibration, StepCalibration, AppliedCalibration };

/** The changes chosen from a proposal. */
export interface CalibrationChoice {
  nodes: string[];
  steps: { plan: string; step: string }[];
}

/** The exercise's calibration proposal, under `['list', 'exercises']` so an edited exercise refreshes it. */
export const calibrationKey = (id: string) => ['list', 'exercises', 'calibration', id] as const;

/** `GET /api/v1/exercises/{id}/calibration`. */
export function getCalibration(id: string, signal?: AbortSignal) {
  return request<CalibrationProposal>('GET', `/exercises/${encodeURIComponent(id)}/calibration`, { signal });
}

/** `POST /api/v1/exercises/{id}/calibration/apply`: 400 for a choice not proposed, 409 unless the exercise is done. */
export function applyCalibration(id: string, choice: CalibrationChoice) {
  return request<AppliedCalibration>('POST', `/exercises/${encodeURIComponent(id)}/calibration/apply`, {
    body: choice,
  });
}

/** The calibration proposal of an exercise (staleTime 0: any catalog edit may change it). */
export function useCalibration(id: string) {
  return useQuery({
    queryKey: calibrationKey(id),
    staleTime: 0,
    queryFn: ({ signal }) => getCalibration(id, signal),
  });
}

/** Whether a user may apply a calibration: managers and admins, as the server decides. */
export function canCalibrate(user: User | null | undefined): boolean {
  return user?.role === 'admin' || user?.role === 'manager';
}

/**
 * Applies the chosen changes; on success every query but the session is refreshed, since a changed duration moves
 * restore times everywhere (analyses, plans, the documents changed).
 */
export function useApplyCalibration(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: CalibrationChoice) => applyCalibration(id, choice),
    // The confirmation dialog shows a refusal itself, with the server's detail.
    meta: { silent: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.session[0] });
    },
  });
}

/** The exercise report, `GET /api/v1/exercises/{id}/report?format=`. */
export function exerciseReportUrl(id: string, format: 'pdf' | 'html'): string {
  return apiUrl(`/exercises/${encodeURIComponent(id)}/report`, { format });
}
