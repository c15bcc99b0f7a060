/**
 * Incidents and what follows from them: the figures derived from an incident, the corrective actions across
 * incidents, and the plan review state the dashboard reads beside them (every plan, the plans due for review).
 */
import { useQuery } from '@tanstack/react-query';
import type { ActionAnswer, DuePlan, IncidentFiguresAnswer } from '../../../src/server/routes/plan.schema.ts';
import { listDocuments } from './catalog';
import type { DocumentOf } from './catalog';
import { request } from './client';

/** An incident's figures, as the route's schema gives them. */
export type IncidentFigures = IncidentFiguresAnswer;
/** One affected service's figures. */
export type ServiceFigures = IncidentFigures['services'][number];
/** One corrective action. */
export type ActionItem = ActionAnswer;
export type { DuePlan };

/** `GET /api/v1/incidents/{id}/figures`: the affected services against their objectives and the prediction. */
export function getIncidentFigures(id: string, signal?: AbortSignal) {
  return request<IncidentFigures>('GET', `/incidents/${encodeURIComponent(id)}/figures`, { signal });
}

/**
 * `GET /api/v1/actions?source=incident&status=`: the actions of every incident, soonest due first, overdue ones
 * flagged (the actions of risks and exercises too: `web/src/actions/`).
 */
export function listActions(status: 'open' | 'done' | undefined, signal?: AbortSignal) {
  return request<{ items: ActionItem[] }>('GET', '/actions', {
    query: { source: 'incident', status },
    signal,
  });
}

/** `GET /api/v1/plans/due`. */
export function listDuePlans(signal?: AbortSignal) {
  return request<{ items: DuePlan[] }>('GET', '/plans/due', { signal });
}

/** A plan document. */
export type PlanDocument = DocumentOf<'Plan'>;

/** Every plan, page by page (a catalog holds a plan per scenario and service: tens to a few hundred). */
export async function listAllPlans(signal?: AbortSignal): Promise<PlanDocument[]> {
  const plans: PlanDocument[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDocuments('plans', { limit: 500, ...(cursor && { cursor }) }, signal);
    plans.push(...(page.items as PlanDocument[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return plans;
}

/**
 * Query keys. They sit under the `['list', plural]` prefix the editor invalidates on save, so editing an
 * incident or a plan refreshes what is derived from it.
 */
export const incidentKeys = {
  figures: (id: string) => ['list', 'incidents', 'figures', id] as const,
  actions: (status: 'open' | 'done' | undefined) =>
    ['list', 'incidents', 'actions', status ?? 'all'] as const,
  allPlans: ['list', 'plans', 'all'] as const,
  plansDue: ['list', 'plans', 'due'] as const,
};

/** An incident's figures. */
export function useIncidentFigures(id: string) {
  return useQuery({
    queryKey: incidentKeys.figures(id),
    // The figures also follow the objectives of services and components, which any edit may change.
    staleTime: 0,
    queryFn: ({ signal }) => getIncidentFigures(id, signal),
  });
}

/** The actions of every incident, optionally only open or done ones. */
export function useActions(status?: 'open' | 'done') {
  return useQuery({
    queryKey: incidentKeys.actions(status),
    queryFn: async ({ signal }) => (await listActions(status, signal)).items,
  });
}

/** Every plan. */
export function useAllPlans() {
  return useQuery({ queryKey: incidentKeys.allPlans, queryFn: ({ signal }) => listAllPlans(signal) });
}

/** The plans due for review now. */
export function usePlansDue() {
  return useQuery({
    queryKey: incidentKeys.plansDue,
    queryFn: async ({ signal }) => (await listDuePlans(signal)).items,
  });
}
