/**
 * The risk register's analysis on the stored catalog: the risks, the policy and the current BIA of each service
 * (the latest approved version of each assessment) go to the heavy-work pool with the engine graph of the catalog
 * state; the answer is cached per catalog state and per (runs, seed), and computed again when a risk, the policy
 * or an approved assessment changed within that state.
 */
import { createHash } from 'node:crypto';
import type { RiskAnalysis } from '../../risk/analysis.ts';
import type { RiskTaskInput } from './heavy-work.tasks.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createBiaService } from './bia.service.ts';
import type { GraphProvider } from './graph-provider.ts';
import type { HeavyWork, WorkContext } from './heavy-work.ts';

/** The risk analysis service. */
export function createRiskService(deps: {
  database: LifeboatDatabase;
  graphs: GraphProvider;
  work: HeavyWork;
  now: () => Date;
}) {
  const { database, graphs, work } = deps;
  const bia = createBiaService({ database, graphs });

  /**
   * The risk analysis as its JSON answer: `runs` years per risk (default the policy's), from `seed` (default 1).
   * The date decides which acceptances are current, so it keys the cache too.
   */
  async function analysisAnswer(
    options: { runs?: number; seed?: number },
    context: WorkContext,
  ): Promise<string> {
    const view = await graphs.catalog();
    const { policy, current } = await bia.basis();
    const risks = view.documents.flatMap((document) =>
      document.kind === 'Risk' ? [{ id: document.metadata.id, spec: document.spec }] : [],
    );
    const input: RiskTaskInput = {
      risks,
      policy,
      bias: [...current],
      today: deps.now().toISOString().slice(0, 10),
      runs: options.runs ?? policy.risk.runs,
      ...(options.seed !== undefined && { seed: options.seed }),
    };
    const state = view.engine;
    const digest = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
    // One answer per state and (runs, seed), for the latest risks only: edits within a state do not pile up.
    const latest = await state.memo(`risk:${input.runs}:${options.seed ?? ''}`, () =>
      Promise.resolve<{ digest?: string; answer?: string }>({}),
    );
    if (latest.digest === digest && latest.answer !== undefined) return latest.answer;
    const answer = await work.risk(state, input, context);
    Object.assign(latest, { digest, answer });
    return answer;
  }

  return {
    analysisAnswer,

    /** The risk analysis (the command line's reading of the database). */
    async analysis(options: { runs?: number; seed?: number }, context: WorkContext = { user: 'local' }) {
      return JSON.parse(await analysisAnswer(options, context)) as RiskAnalysis;
    },
  };
}

/** The risk service's interface. */
export type RiskService = ReturnType<typeof createRiskService>;
