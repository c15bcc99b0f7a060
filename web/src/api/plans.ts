/** Plans over HTTP: recovery order, approval, frozen versions, review due-ness and the plan pack's addresses. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Approval,
  DuePlan,
  PlanRecoveryOrder,
  PlanVersionSummary,
} from '../../../src/server/routes/plan.schema.ts';
import type { PlanDocument, PlanVersion } from '../../../src/plans/versions.ts';
import type { User } from './auth';
import { analyseFollowingPlan } from './analysis';
import { apiUrl, isApiError, request } from './client';
import { keys } from './queries';

/** The answers of the plan routes, as their schemas (src/server/routes/plan.schema.ts) give them. */
export type { Approval, DuePlan, PlanDocument, PlanRecoveryOrder, PlanVersion, PlanVersionSummary };

/** One node of the generated recovery order. */
export type RecoveryItem = PlanRecoveryOrder['items'][number];

/** A written step order that the dependency graph says cannot work. */
export type StepOrderProblem = PlanRecoveryOrder['stepProblems'][number];

/** The plan pack formats the server renders. */
export type PackFormat = 'pdf' | 'html';

function planPath(id: string): string {
  return `/plans/${encodeURIComponent(id)}`;
}

/** The address of a plan's offline pack (a plain link: the session cookie travels with it). */
export function packUrl(id: string, format: PackFormat): string {
  return apiUrl(`${planPath(id)}/pack`, { format });
}

/** `GET /api/v1/plans/{id}/recovery-order`. */
export function getRecoveryOrder(id: string, signal?: AbortSignal) {
  return request<PlanRecoveryOrder>('GET', `${planPath(id)}/recovery-order`, { signal });
}

/** `GET /api/v1/plans/{id}/versions`, oldest first. */
export function listVersions(id: string, signal?: AbortSignal) {
  return request<{ items: PlanVersionSummary[] }>('GET', `${planPath(id)}/versions`, { signal });
}

/** `GET /api/v1/plans/{id}/versions/{number}`: the document as it was approved. */
export function getVersion(id: string, number: number, signal?: AbortSignal) {
  return request<PlanVersion>('GET', `${planPath(id)}/versions/${number}`, { signal });
}

/** `GET /api/v1/plans/due`. */
export function listDuePlans(signal?: AbortSignal) {
  return request<{ items: DuePlan[] }>('GET', '/plans/due', { signal });
}

/**
 * `POST /api/v1/plans/{id}/approve`, naming the version the approver reviewed: the server refuses with 409 when
 * the plan has changed since, so nobody approves what they have not seen.
 */
export function approvePlan(id: string, version: number | undefined) {
  return request<Approval>('POST', `${planPath(id)}/approve`, {
    body: version === undefined ? {} : { version },
  });
}

/**
 * Whether a role may approve plans: the approve route asks for catalog:write without a kind, which the server
 * refuses to a service owner (src/server/http/authorization.ts). The server still decides.
 */
export function canApprove(user: User | null | undefined): boolean {
  return user?.role === 'admin' || user?.role === 'manager';
}

/** Query keys of the plan pages, so approval can invalidate exactly what it changed. */
export const planKeys = {
  recoveryOrder: (id: string) => ['plan-recovery-order', id] as const,
  versions: (id: string) => ['plan-versions', id] as const,
  version: (id: string, number: number) => ['plan-version', id, number] as const,
  due: ['plans-due'] as const,
};

/** A plan's recovery order. */
export function useRecoveryOrder(id: string) {
  return useQuery({
    queryKey: planKeys.recoveryOrder(id),
    meta: { silent: true }, // the plan page shows why there is no order (an unknown id in the scenario, say)
    queryFn: ({ signal }) => getRecoveryOrder(id, signal),
  });
}

/**
 * The plan's scenario when the plan is followed (its steps' ends restore what they name). Under the recovery
 * order's key, so whatever refreshes the order after an edit refreshes this too.
 */
export function useFollowingPlan(id: string) {
  return useQuery({
    queryKey: [...planKeys.recoveryOrder(id), 'following'] as const,
    meta: { silent: true }, // the plan page says why there is none
    queryFn: ({ signal }) => analyseFollowingPlan(id, signal),
  });
}

/** A plan's frozen versions. */
export function useVersions(id: string) {
  return useQuery({
    queryKey: planKeys.versions(id),
    meta: { silent: true }, // shown on the versions tab
    queryFn: ({ signal }) => listVersions(id, signal),
  });
}

/** One frozen version (nothing is asked until a number is given). */
export function useVersion(id: string, number: number | undefined) {
  return useQuery({
    queryKey: planKeys.version(id, number ?? 0),
    enabled: number !== undefined,
    staleTime: Infinity, // a frozen version never changes
    meta: { silent: true }, // shown in the version dialog
    queryFn: ({ signal }) => getVersion(id, number ?? 0, signal),
  });
}

/** The plans due for review, with the reasons. */
export function useDuePlans() {
  return useQuery({ queryKey: planKeys.due, queryFn: ({ signal }) => listDuePlans(signal) });
}

/** Approves a plan; on success refreshes the plan, its versions, its history, the due list and the plan list. */
export function useApprovePlan(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number | undefined) => approvePlan(id, version),
    // The approve dialog shows a refusal itself (403, 409), with the server's detail.
    meta: { silent: true },
    onError: (error) => {
      // The plan changed since it was shown: fetch it again, so what is on screen is what would be approved.
      if (isApiError(error, 409))
        void queryClient.invalidateQueries({ queryKey: keys.document('plans', id) });
    },
    onSuccess: (approval) => {
      queryClient.setQueryData(keys.document('plans', id), approval.document);
      // Not awaited: the dialog closes at once and the rest refreshes behind it.
      for (const queryKey of [
        planKeys.versions(id),
        planKeys.due,
        keys.audit('Plan', id),
        keys.lists('plans'),
      ])
        void queryClient.invalidateQueries({ queryKey });
    },
  });
}
