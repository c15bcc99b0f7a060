/**
 * The business impact analysis over HTTP: the policy, assessments and their workflow (submit, approve, return,
 * versions, history), a campaign's progress, the BIAs requested of the signed-in owner, and the BIA analysis.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { effectivePolicy } from '../../../src/bia/policy.ts';
import type { EffectivePolicy } from '../../../src/bia/policy.ts';
import type { BusinessImpact } from '../../../src/bia/business-impact.ts';
import type { BiaAnalysis } from '../../../src/bia/current.ts';
import type {
  AssessmentApproval,
  AssessmentHistoryEntry,
  CampaignProgressAnswer,
  RequestedAssessmentAnswer,
} from '../../../src/server/routes/assessment.schema.ts';
import type { PlanVersionSummary } from '../../../src/server/routes/plan.schema.ts';
import type { ImpactResult } from './analysis';
import { listDocuments } from './catalog';
import type { DocumentOf } from './catalog';
import { request } from './client';
import { keys } from './queries';

export type { EffectivePolicy };

/** An ImpactAssessment document. */
export type AssessmentDocument = DocumentOf<'ImpactAssessment'>;
/** A Campaign document. */
export type CampaignDocument = DocumentOf<'Campaign'>;

/** The answers of the workflow and campaign routes, as their schemas (src/server/routes/assessment.schema.ts) give them. */
export type { AssessmentApproval };

/** One frozen (approved) version of an assessment. */
export type AssessmentVersionSummary = PlanVersionSummary;

/** One step of an assessment's workflow: a submission, a return with its comment, an approval. */
export type AssessmentEvent = AssessmentHistoryEntry;

/** A campaign's progress by service. */
export type CampaignProgress = CampaignProgressAnswer;

/** One service of a campaign, with where its assessment stands. */
export type CampaignService = CampaignProgress['services'][number];

/** Where a service stands in a campaign: not-started, draft, submitted, approved. */
export type CampaignState = CampaignService['state'];

/** One BIA the signed-in owner is asked for. */
export type RequestedAssessment = RequestedAssessmentAnswer;

/** `GET /api/v1/analysis/bia` and a scenario's `businessImpact`, as the shared BIA code (src/bia/) shapes them. */
export type { BiaAnalysis, BusinessImpact };

/** The impact answer with its business impact (absent from a server without the BIA). */
export type ImpactWithCost = ImpactResult & { businessImpact?: BusinessImpact };

function assessmentPath(id: string): string {
  return `/assessments/${encodeURIComponent(id)}`;
}

/** The If-Match header naming the version reviewed (the server refuses a stale one with 409). */
function ifMatch(version: number | undefined): Record<string, string> {
  return version === undefined ? {} : { 'if-match': `"${version}"` };
}

/** `POST /api/v1/assessments/{id}/submit`. */
export function submitAssessment(id: string, version: number | undefined) {
  return request<AssessmentDocument>('POST', `${assessmentPath(id)}/submit`, {
    headers: ifMatch(version),
    body: {},
  });
}

/** `POST /api/v1/assessments/{id}/approve`. */
export function approveAssessment(id: string, version: number | undefined) {
  return request<AssessmentApproval>('POST', `${assessmentPath(id)}/approve`, {
    headers: ifMatch(version),
    body: {},
  });
}

/** `POST /api/v1/assessments/{id}/return` with the comment the owner will read. */
export function returnAssessment(id: string, version: number | undefined, comment: string) {
  return request<AssessmentDocument>('POST', `${assessmentPath(id)}/return`, {
    headers: ifMatch(version),
    body: { comment },
  });
}

/** Query keys of the BIA pages. */
export const biaKeys = {
  policy: ['bia-policy'] as const,
  versions: (id: string) => ['assessment-versions', id] as const,
  history: (id: string) => ['assessment-history', id] as const,
  // Under the assessments' list prefix, which every save of an assessment invalidates.
  ofService: (service: string) => ['list', 'assessments', 'service', service] as const,
  progress: (id: string) => ['list', 'assessments', 'campaign', id] as const,
  requested: ['list', 'assessments', 'requested'] as const,
  analysis: ['list', 'assessments', 'analysis'] as const,
};

/** The effective policy: the catalog's Policy document over the defaults (the defaults alone when none). */
export function usePolicy() {
  return useQuery({
    queryKey: biaKeys.policy,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const page = await listDocuments('policies', { limit: 1 }, signal);
      const policy = page.items[0] as DocumentOf<'Policy'> | undefined;
      return effectivePolicy(policy && { id: policy.metadata.id, spec: policy.spec });
    },
  });
}

/** Every assessment of one service (a handful: one a year or so). */
export function useServiceAssessments(service: string) {
  return useQuery({
    queryKey: biaKeys.ofService(service),
    queryFn: async ({ signal }) => {
      const items: AssessmentDocument[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDocuments(
          'assessments',
          { fields: { service }, limit: 500, ...(cursor && { cursor }) },
          signal,
        );
        items.push(...(page.items as AssessmentDocument[]).filter((a) => a.spec.service === service));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return items;
    },
  });
}

/** An assessment's approved versions, oldest first. */
export function useAssessmentVersions(id: string, enabled = true) {
  return useQuery({
    queryKey: biaKeys.versions(id),
    enabled,
    meta: { silent: true }, // the versions tab says why
    queryFn: ({ signal }) =>
      request<{ items: AssessmentVersionSummary[] }>('GET', `${assessmentPath(id)}/versions`, { signal }),
  });
}

/** An assessment's workflow history (submissions, returns with their comments, approvals), oldest first. */
export function useAssessmentHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: biaKeys.history(id),
    enabled,
    meta: { silent: true }, // the page works without it
    queryFn: ({ signal }) =>
      request<{ items: AssessmentEvent[] }>('GET', `${assessmentPath(id)}/history`, { signal }),
  });
}

/** A campaign's progress by service. */
export function useCampaignProgress(id: string) {
  return useQuery({
    queryKey: biaKeys.progress(id),
    meta: { silent: true }, // the campaign page says why
    queryFn: ({ signal }) =>
      request<CampaignProgress>('GET', `/campaigns/${encodeURIComponent(id)}/progress`, { signal }),
  });
}

/** The BIAs the signed-in owner is asked for. */
export function useRequestedAssessments(enabled = true) {
  return useQuery({
    queryKey: biaKeys.requested,
    enabled,
    meta: { silent: true }, // a card that stays away when it cannot answer
    queryFn: ({ signal }) =>
      request<{ items: RequestedAssessment[] }>('GET', '/assessments/requested', { signal }),
  });
}

/** Every service's BIA against the policy. */
export function useBiaAnalysis() {
  return useQuery({
    queryKey: biaKeys.analysis,
    meta: { silent: true }, // shown where it is used
    queryFn: ({ signal }) => request<BiaAnalysis>('GET', '/analysis/bia', { signal }),
  });
}

/** A workflow step on an assessment: submit, approve, or return with a comment. */
export type WorkflowAction =
  { action: 'submit' } | { action: 'approve' } | { action: 'return'; comment: string };

/** Runs a workflow step at the version on screen; on success refreshes the assessment and what derives from it. */
export function useAssessmentWorkflow(assessment: AssessmentDocument) {
  const queryClient = useQueryClient();
  const id = assessment.metadata.id;
  return useMutation({
    mutationFn: async (step: WorkflowAction): Promise<AssessmentDocument> => {
      const version = assessment.metadata.version;
      if (step.action === 'submit') return submitAssessment(id, version);
      if (step.action === 'approve') return (await approveAssessment(id, version)).document;
      return returnAssessment(id, version, step.comment);
    },
    meta: { silent: true }, // the buttons' dialogs show a refusal with the server's detail
    onSuccess: (document) => queryClient.setQueryData(keys.document('assessments', id), document),
    onSettled: () => {
      for (const queryKey of [
        keys.document('assessments', id),
        biaKeys.versions(id),
        biaKeys.history(id),
        keys.lists('assessments'),
        keys.audit('ImpactAssessment', id),
        biaKeys.analysis,
      ])
        void queryClient.invalidateQueries({ queryKey });
    },
  });
}
