/**
 * The risk register's analysis (`lifeboat analyze risk`, `GET /api/v1/analysis/risk`): each risk's scores, its
 * quantified annual loss (quantify.ts), the portfolio, and the single points of failure under tier 1 and 2
 * services that no risk covers yet. A risk's loss per event is its `loss` range, or else its scenario's business
 * loss, computed once per risk from the engine's restore times and the services' current BIA. Pure: the server
 * runs it in the heavy-work pool, the command line inline.
 */
import type { RiskSpec } from '../catalog/kinds/risk.kind.ts';
import type { BiaFigures, DownService } from '../bia/business-impact.ts';
import { businessImpact, prepareScenarioLoss } from '../bia/business-impact.ts';
import type { EffectivePolicy } from '../bia/policy.ts';
import { analyzeImpact, analyzeSpof, rankSinglePoints } from '../engine/index.ts';
import type { EngineGraph } from '../engine/index.ts';
import { quantifyRisks, type ExceedancePoint, type RiskModel } from './quantify.ts';
import { riskAccepted, riskScores, suggestedImpact } from './scoring.ts';

/** The seed of a quantification when none is given: answers are reproducible by default. */
export const DEFAULT_SEED = 1;

/** A Risk document as the analysis reads it. */
export interface RiskDocument {
  id: string;
  spec: RiskSpec;
}

/** One risk in the answer: its scores, and its quantified figures (null when it cannot be quantified). */
export interface RiskRow {
  id: string;
  score: number;
  residualScore: number | null;
  aboveAppetite: boolean;
  /** The scenario's peak BIA level on the risk's impact scale; null without a scenario or a BIA for it. */
  suggestedImpact: number | null;
  frequencyMean: number | null;
  lossPerEventMean: number | null;
  ale: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  probabilityOfLoss: number | null;
  exceedance: ExceedancePoint[] | null;
}

/** A single point of failure under tier 1 or 2 services that no risk's scenario fails. */
export interface SuggestedRisk {
  node: string;
  /** The tier 1 and 2 services it takes down alone, by tier then id. */
  services: string[];
}

/** `lifeboat analyze risk --json` and `GET /api/v1/analysis/risk`. */
export interface RiskAnalysis {
  currency: string;
  runs: number;
  seed: number;
  appetite: number;
  /** By id. */
  risks: RiskRow[];
  /** The risks added year by year; null figures when no risk is quantified. */
  portfolio: {
    ale: number | null;
    p90: number | null;
    p95: number | null;
    p99: number | null;
    exceedance: ExceedancePoint[];
  };
  /** Ranked by the services they take down, weighted by tier (8 for tier 1, 4 for tier 2). */
  suggested: SuggestedRisk[];
}

/** What the analysis reads. */
export interface RiskAnalysisInput {
  graph: EngineGraph;
  risks: readonly RiskDocument[];
  policy: EffectivePolicy;
  /** The current BIA of each service, by service id: what a scenario's outages cost. */
  bias: ReadonlyMap<string, BiaFigures>;
  /** YYYY-MM-DD: whether an acceptance is current. */
  today: string;
  /** Years simulated per risk; default the policy's `risk.runs`. */
  runs?: number;
  seed?: number;
  isCancelled?: () => boolean;
}

/** The services a scenario takes down and for how long: its restore times, computed once per risk. */
export function scenarioOutages(graph: EngineGraph, fail: readonly string[]): DownService[] {
  // A scenario may name a node the catalog no longer has (a stored risk outlives a deleted node).
  const known = fail.filter((id) => graph.index.has(id));
  if (known.length === 0) return [];
  return analyzeImpact(graph, known)
    .services.filter((service) => service.down)
    .map((service) => ({
      id: service.id,
      outageMinutes: service.restoreMinutes,
      exact: service.restoreKnown,
    }));
}

/**
 * How a risk's events are costed: its `loss` range; else its scenario's loss with each restore time multiplied
 * by a factor, when some down service's BIA gives a loss and no outage is unbounded. Undefined: not quantifiable.
 */
function riskModel(
  risk: RiskDocument,
  loss: ((factor: number) => number) | undefined,
): RiskModel | undefined {
  const { frequency } = risk.spec;
  if (!frequency) return undefined;
  if (risk.spec.loss) return { id: risk.id, frequency, loss: { ranges: [risk.spec.loss] } };
  if (!loss) return undefined;
  const durationFactor = risk.spec.durationFactor ?? { min: 1, likely: 1, max: 1 };
  return { id: risk.id, frequency, loss: { scenario: loss, durationFactor } };
}

/**
 * The single points of failure (order-1 cut sets) of the tier 1 and 2 services that no risk's scenario fails,
 * ranked by the services they take down weighted by tier. A node a Risk names in `scenario.fail` is covered (and
 * accepted when that Risk is, see `singlePointStatus`).
 */
export function suggestedRisks(
  graph: EngineGraph,
  risks: readonly RiskDocument[],
  isCancelled?: () => boolean,
): SuggestedRisk[] {
  const services: string[] = [];
  for (const [v, info] of graph.service) if (info.tier <= 2) services.push(graph.ids[v]!);
  if (services.length === 0) return [];
  const spof = analyzeSpof(graph, { maxOrder: 1, services, ...(isCancelled && { isCancelled }) });
  const covered = new Set(risks.flatMap((risk) => risk.spec.scenario?.fail ?? []));
  return rankSinglePoints(graph, spof)
    .filter((point) => !covered.has(point.id))
    .map((point) => ({ node: point.id, services: point.services }));
}

/** Whether a node is covered by a risk, and whether one of those risks accepts it on `today`. */
export function singlePointStatus(
  node: string,
  risks: readonly RiskDocument[],
  today: string,
): { risks: string[]; accepted: boolean } {
  const covering = risks.filter((risk) => risk.spec.scenario?.fail.includes(node));
  return {
    risks: covering.map((risk) => risk.id),
    accepted: covering.some((risk) => riskAccepted(risk.spec, today)),
  };
}

const NOT_QUANTIFIED = {
  frequencyMean: null,
  lossPerEventMean: null,
  ale: null,
  p50: null,
  p90: null,
  p95: null,
  p99: null,
  probabilityOfLoss: null,
  exceedance: null,
};

/** The risk register's analysis (see the file header). */
export function analyzeRisks(input: RiskAnalysisInput): RiskAnalysis {
  const { graph, policy, bias } = input;
  const runs = input.runs ?? policy.risk.runs;
  const seed = input.seed ?? DEFAULT_SEED;
  const risks = [...input.risks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const models: RiskModel[] = [];
  const peaks = new Map<string, number | null>();
  for (const risk of risks) {
    let loss: ((factor: number) => number) | undefined;
    const fail = risk.spec.scenario?.fail;
    if (fail) {
      // Restore times and the BIA curves once per risk; the years only call the prepared function.
      const down = scenarioOutages(graph, fail);
      const cost = businessImpact(policy, bias, down);
      peaks.set(risk.id, cost.services.length > 0 ? cost.peakLevel : null);
      if (cost.totalLoss !== null && cost.services.some((service) => service.loss !== null))
        loss = prepareScenarioLoss(bias, down);
    }
    const model = riskModel(risk, loss);
    if (model) models.push(model);
  }
  const quantified = quantifyRisks(models, {
    runs,
    seed,
    ...(input.isCancelled && { isCancelled: input.isCancelled }),
  });
  const figures = new Map(quantified.risks.map((risk) => [risk.id, risk]));
  const portfolio = quantified.portfolio;
  return {
    currency: policy.organisation.currency,
    runs,
    seed,
    appetite: policy.risk.appetite,
    risks: risks.map((risk) => {
      const { score, residualScore, aboveAppetite } = riskScores(risk.spec, policy.risk.appetite);
      const quantifiedRisk = figures.get(risk.id);
      const row = { id: risk.id, score, residualScore, aboveAppetite };
      const suggested = suggestedImpact(peaks.get(risk.id) ?? null, policy);
      if (!quantifiedRisk) return { ...row, ...NOT_QUANTIFIED, suggestedImpact: suggested };
      const { id: _id, ...rest } = quantifiedRisk;
      return { ...row, ...rest, suggestedImpact: suggested };
    }),
    portfolio: portfolio
      ? {
          ale: portfolio.ale,
          p90: portfolio.p90,
          p95: portfolio.p95,
          p99: portfolio.p99,
          exceedance: portfolio.exceedance,
        }
      : { ale: null, p90: null, p95: null, p99: null, exceedance: [] },
    suggested: suggestedRisks(graph, risks, input.isCancelled),
  };
}
