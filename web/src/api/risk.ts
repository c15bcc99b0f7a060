/**
 * The risk register over HTTP: every Risk document, the quantified analysis with the suggested risks, and the one-step creation of a
 * Risk from a suggested single point of failure.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EffectivePolicy } from '../../../src/bia/policy.ts';
import type { RiskAnalysisAnswer } from '../../../src/server/routes/risk.schema.ts';
import { createDocument, listDocuments } from './catalog';
import type { CatalogDocument, DocumentOf } from './catalog';
import { request } from './client';
import { keys } from './queries';

export type { EffectivePolicy };
/** The effective policy (level names, appetite, review interval, currency), shared with the BIA pages. */
export { usePolicy } from './bia';

/** A Risk document. */
export type RiskDocument = DocumentOf<'Risk'>;

/** `GET /api/v1/analysis/risk`: the register quantified, the portfolio, and the uncovered single points. */
export type RiskAnalysis = RiskAnalysisAnswer;

/** One risk's scores and, when it has a frequency, its simulated annual loss (null otherwise). */
export type RiskFigures = RiskAnalysis['risks'][number];

/** One point of a loss exceedance curve: the share of years that lost at least `loss`. */
export type ExceedancePoint = RiskAnalysis['portfolio']['exceedance'][number];

/** `GET /api/v1/analysis/risk`. */
export function getRiskAnalysis(signal?: AbortSignal) {
  return request<RiskAnalysis>('GET', '/analysis/risk', { signal });
}

/** Every Risk, page by page (a register holds tens to a few thousand). */
export async function listAllRisks(signal?: AbortSignal): Promise<RiskDocument[]> {
  const risks: RiskDocument[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDocuments('risks', { limit: 500, ...(cursor && { cursor }) }, signal);
    risks.push(...(page.items as RiskDocument[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return risks;
}

/**
 * Query keys, under the `['list', plural]` prefixes the generic editor invalidates on save, so editing a risk
 * refreshes what is derived from it.
 */
export const riskKeys = {
  all: ['list', 'risks', 'all'] as const,
  analysis: ['list', 'risks', 'analysis'] as const,
};

/** Every Risk document. */
export function useAllRisks() {
  return useQuery({ queryKey: riskKeys.all, queryFn: ({ signal }) => listAllRisks(signal) });
}

/** The risk analysis (computed off the request path and cached by catalog state on the server). */
export function useRiskAnalysis() {
  return useQuery({
    queryKey: riskKeys.analysis,
    // Any catalog edit (a node's recovery, a BIA) may change a scenario's computed cost.
    staleTime: 0,
    queryFn: ({ signal }) => getRiskAnalysis(signal),
  });
}

/**
 * Creates a Risk (from a suggested single point of failure) and refreshes the register, the analysis (the
 * point leaves the suggested list) and the risk lists.
 */
export function useCreateRisk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: RiskDocument) =>
      createDocument('risks', document as CatalogDocument) as Promise<RiskDocument>,
    // The dialog shows a refusal itself, with the server's detail.
    meta: { silent: true },
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.document('risks', saved.metadata.id), saved);
      await queryClient.invalidateQueries({ queryKey: keys.lists('risks') });
    },
  });
}
