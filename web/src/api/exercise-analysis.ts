/**
 * The exercise analysis over HTTP: each exercise against its targets, the proven RTOs, the programme and training
 * coverage (docs/exercises.md). Read by the calendar, the training page and wherever an RTO is shown.
 */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { exerciseAnalysisSchema } from '../../../src/server/routes/exercise.schema.ts';
import { listDocuments } from './catalog';
import type { DocumentOf } from './catalog';
import { request } from './client';

/** The answer of `GET /api/v1/analysis/exercises`, as the route's schema says. */
export type ExerciseAnalysisAnswer = z.infer<typeof exerciseAnalysisSchema>;

/** A service's proven RTO. */
export type ProvenRto = ExerciseAnalysisAnswer['proven'][number];

/** `GET /api/v1/analysis/exercises`. */
export function getExerciseAnalysis(signal?: AbortSignal) {
  return request<ExerciseAnalysisAnswer>('GET', '/analysis/exercises', { signal });
}

/**
 * The exercise analysis's query, one for every reader (the whole answer, the proven RTOs). Its key sits under `['list', 'exercises']`, which the editor invalidates on saving an
 * exercise; other edits (a plan, a service's RTO) are picked up when it is next asked for (staleTime 0).
 */
const exerciseAnalysisQuery = {
  queryKey: ['list', 'exercises', 'analysis'] as const,
  staleTime: 0,
  queryFn: ({ signal }: { signal: AbortSignal }) => getExerciseAnalysis(signal),
};

/** The exercise analysis. */
export function useExerciseAnalysis() {
  return useQuery(exerciseAnalysisQuery);
}

/** The proven RTO of each service, by service id (from the same analysis). */
export function useProvenRtos() {
  return useQuery({
    ...exerciseAnalysisQuery,
    select: (analysis: ExerciseAnalysisAnswer) => new Map(analysis.proven.map((row) => [row.service, row])),
  });
}

/** Every document of a kind a catalog holds tens to hundreds of (training sessions, people), page by page. */
export function useAllOf<P extends 'trainings' | 'people' | 'teams'>(plural: P) {
  return useQuery({
    queryKey: ['list', plural, 'all'] as const,
    queryFn: async ({ signal }) => {
      const items: DocumentOf<KindOfPlural<P>>[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDocuments(plural, { limit: 500, ...(cursor && { cursor }) }, signal);
        items.push(...(page.items as DocumentOf<KindOfPlural<P>>[]));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return items;
    },
  });
}

type KindOfPlural<P> = P extends 'trainings' ? 'Training' : P extends 'people' ? 'Person' : 'Team';
