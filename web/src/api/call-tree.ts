/** Invoking a plan and an incident's call tree: who was reached, who acknowledged, what escalates when. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallTreeAnswer, InvocationAnswer } from '../../../src/server/routes/call-tree.schema.ts';
import { request } from './client';
import { keys } from './queries';

export type { CallTreeAnswer, InvocationAnswer };
/** One contact of a call tree. */
export type CallTreeContact = CallTreeAnswer['contacts'][number];

/** Query keys of the call tree. */
export const callTreeKeys = {
  callTree: (incident: string) => ['call-tree', incident] as const,
};

/** `POST /api/v1/plans/{id}/invoke`: declares an incident for the plan's scenario and notifies its call tree. */
export function invokePlan(id: string, summary: string | undefined) {
  return request<InvocationAnswer>('POST', `/plans/${encodeURIComponent(id)}/invoke`, {
    body: summary ? { summary } : {},
  });
}

/** Invoking a plan; the dialog shows a refusal itself. */
export function useInvokePlan(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (summary: string | undefined) => invokePlan(id, summary),
    meta: { silent: true },
    onSuccess: (answer) => {
      queryClient.setQueryData(keys.document('incidents', answer.incident.metadata.id), answer.incident);
      void queryClient.invalidateQueries({ queryKey: keys.lists('incidents') });
    },
  });
}

/** `GET /api/v1/incidents/{id}/call-tree`, refreshed each minute while the page is open (escalations happen). */
export function useCallTree(incident: string) {
  return useQuery({
    queryKey: callTreeKeys.callTree(incident),
    queryFn: ({ signal }) =>
      request<CallTreeAnswer>('GET', `/incidents/${encodeURIComponent(incident)}/call-tree`, { signal }),
    refetchInterval: 60_000,
  });
}
