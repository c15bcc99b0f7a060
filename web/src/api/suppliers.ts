/** The supplier concentration analysis over HTTP. */
import { useQuery } from '@tanstack/react-query';
import type { SupplierAnalysisAnswer } from '../../../src/server/routes/supplier.schema.ts';
import { request } from './client';

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
