/**
 * Compliance over HTTP: the checks, the frameworks' requirements and the score computed from the catalog, and
 * the daily snapshots behind the trend (docs/compliance.md).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ComplianceReport, FrameworkId } from '../../../src/compliance/types.ts';
import type { complianceTrendSchema } from '../../../src/server/routes/compliance.schema.ts';
import { apiUrl, request } from './client';

/** The answer of `GET /api/v1/analysis/compliance/trend`: one snapshot per day, as the job queue keeps them. */
export type ComplianceTrend = z.infer<typeof complianceTrendSchema>;

/** `GET /api/v1/analysis/compliance?framework=`: today's report, of one framework or of all. */
export function getCompliance(framework: FrameworkId | undefined, signal?: AbortSignal) {
  return request<ComplianceReport>('GET', '/analysis/compliance', { query: { framework }, signal });
}

/** `GET /api/v1/analysis/compliance/trend`: the snapshots of the last year. */
export function getComplianceTrend(signal?: AbortSignal) {
  return request<ComplianceTrend>('GET', '/analysis/compliance/trend', { signal });
}

/**
 * The report of a framework (all when undefined). It reads the whole catalog, so any edit may change it: asked
 * again whenever the page opens (staleTime 0); the previous framework's answer stays shown while another loads.
 */
export function useCompliance(framework: FrameworkId | undefined) {
  return useQuery({
    queryKey: ['compliance', framework ?? 'all'] as const,
    staleTime: 0,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => getCompliance(framework, signal),
  });
}

/** The daily snapshots (they change once a day, when the job queue takes one). */
export function useComplianceTrend() {
  return useQuery({
    queryKey: ['compliance', 'trend'] as const,
    queryFn: ({ signal }) => getComplianceTrend(signal),
  });
}

/** `GET /api/v1/reports/compliance-evidence`: the auditor's evidence pack of a framework, last 12 months. */
export function evidencePackUrl(framework: FrameworkId, format: 'pdf' | 'html'): string {
  return apiUrl('/reports/compliance-evidence', { framework, format });
}

/** `GET /api/v1/reports/management-review`: the management review report (ISO 22301 9.3), last 12 months. */
export function managementReviewUrl(format: 'pdf' | 'html'): string {
  return apiUrl('/reports/management-review', { format });
}
