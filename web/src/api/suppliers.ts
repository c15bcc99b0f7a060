/** The supplier concentration analysis over HTTP. */
import { useQuery } from '@tanstack/react-query';
import type { SupplierAnalysisAnswer } from '../../../src/server/routes/supplier.schema.ts';
import { apiUrl, request } from './client';

/** `GET /api/v1/analysis/suppliers`: suppliers ranked by concentration, and the fourth parties. */
export type SupplierAnalysis = SupplierAnalysisAnswer;

/** One supplier's concentration, exit plan state and contracts. */
export type SupplierRow = SupplierAnalysis['suppliers'][number];

/** `GET /api/v1/analysis/suppliers`. */
export function getSupplierAnalysis(signal?: AbortSignal) {
  return request<SupplierAnalysis>('GET', '/analysis/suppliers', { signal });
}

/**
 * The supplier analysis (computed off the request path and cached by catalog state on the server), under the
 * `['list', 'vendors']` prefix the generic editor invalidates on save.
 */
export function useSupplierAnalysis() {
  return useQuery({
    queryKey: ['list', 'vendors', 'concentration'] as const,
    // Any catalog edit (a dependency, a contract, an exercise, a BIA) may change it.
    staleTime: 0,
    queryFn: ({ signal }) => getSupplierAnalysis(signal),
  });
}

/** `GET /api/v1/exports/dora/problems`: whether the register of information is ready, and what stands in its way. */
export interface RegisterReadiness {
  ready: boolean;
  zipName: string | null;
  problems: {
    table: string;
    template: string | null;
    row: number | null;
    column: string | null;
    rule: string;
    message: string;
    document: { kind: string; id: string } | null;
  }[];
}

/** The register's readiness (managers, admins and auditors), under the `['list']` prefix every edit refreshes. */
export function useRegisterReadiness(enabled: boolean) {
  return useQuery({
    queryKey: ['list', 'contracts', 'dora-register'] as const,
    staleTime: 0,
    enabled,
    queryFn: ({ signal }) => request<RegisterReadiness>('GET', '/exports/dora/problems', { signal }),
  });
}

/** Where the register's package downloads from. */
export const REGISTER_URL = apiUrl('/exports/dora');
