/**
 * The risk register's pure helpers: the register's rows (a Risk joined with its analysed figures), their filters
 * and orders, the heat map's cells, a risk's acceptance state, money, the histogram of annual loss read off the
 * exceedance curve, and the Risk a suggested single point of failure becomes. No React, no HTTP.
 */
import type { EffectivePolicy } from '../../../src/bia/policy.ts';
import { acceptanceCurrent, riskReview, riskScores } from '../../../src/risk/scoring.ts';
import type { DocumentOf } from '../../../src/catalog/kinds.ts';
import type { RiskAnalysisAnswer } from '../../../src/server/routes/risk.schema.ts';

// The types of web/src/api/risk.ts, taken from the same sources, so that this file needs nothing of the browser.
type RiskDocument = DocumentOf<'Risk'>;
type RiskFigures = RiskAnalysisAnswer['risks'][number];
type ExceedancePoint = RiskAnalysisAnswer['portfolio']['exceedance'][number];

/** Which pair of levels a heat map or a filter reads: before or after treatment. */
export type Scale = 'inherent' | 'residual';

/** How a risk's acceptance stands on a day. */
export type AcceptanceState = 'none' | 'current' | 'expired';

/** One line of the register. */
export interface RiskRow {
  id: string;
  name: string;
  category: string;
  owner: string;
  likelihood: number;
  impact: number;
  /** The residual levels; the inherent ones when the risk gives none (what the organisation carries then). */
  residualLikelihood: number;
  residualImpact: number;
  score: number;
  /** Null when the residual risk is not assessed. */
  residualScore: number | null;
  /** The residual score when assessed, else the inherent one: what counts against the appetite. */
  currentScore: number;
  aboveAppetite: boolean;
  decision: string | null;
  acceptance: AcceptanceState;
  acceptedUntil: string | null;
  /** Null when the risk has no frequency or the analysis has not answered yet. */
  ale: number | null;
  lastReviewed: string | null;
  reviewDue: boolean;
  document: RiskDocument;
}

/** Whether a risk's acceptance is absent, runs on `today`, or has ended. */
export function acceptanceState(risk: RiskDocument, today: string): AcceptanceState {
  if (acceptanceCurrent(risk.spec, today)) return 'current';
  const until = risk.spec.acceptance?.until;
  return until !== undefined && until < today ? 'expired' : 'none';
}

/** The register's rows: each Risk with its scores, its review state and, once analysed, its ALE. */
export function riskRows(
  risks: readonly RiskDocument[],
  figures: readonly RiskFigures[] | undefined,
  policy: EffectivePolicy,
  today: string,
): RiskRow[] {
  const byId = new Map((figures ?? []).map((entry) => [entry.id, entry]));
  return risks.map((risk) => {
    const { spec } = risk;
    const scores = riskScores(spec, policy.risk.appetite);
    const analysed = byId.get(risk.metadata.id);
    return {
      id: risk.metadata.id,
      name: risk.metadata.name ?? risk.metadata.id,
      category: spec.category,
      owner: spec.owner,
      likelihood: spec.likelihood,
      impact: spec.impact,
      residualLikelihood: spec.residual?.likelihood ?? spec.likelihood,
      residualImpact: spec.residual?.impact ?? spec.impact,
      score: scores.score,
      residualScore: scores.residualScore,
      currentScore: scores.currentScore,
      aboveAppetite: scores.aboveAppetite,
      decision: spec.treatment?.decision ?? null,
      acceptance: acceptanceState(risk, today),
      acceptedUntil: spec.acceptance?.until ?? null,
      ale: analysed?.ale ?? null,
      lastReviewed: spec.lastReviewed ?? null,
      reviewDue: riskReview(spec, policy, today).due,
      document: risk,
    };
  });
}

/**
 * Why a risk above the appetite stands untreated: no decision, or "accept" with no acceptance in force (none
 * recorded, or ended); null when it is within the appetite or treated.
 */
export function untreatedReason(row: RiskRow): string | null {
  if (!row.aboveAppetite) return null;
  if (row.decision === null) return 'no treatment decided';
  if (row.decision !== 'accept' || row.acceptance === 'current') return null;
  return row.acceptance === 'expired' && row.acceptedUntil
    ? `acceptance ended on ${row.acceptedUntil}`
    : 'accepted without an acceptance in force';
}

/** The `count` risks with the largest ALE, largest first (unquantified risks left out). */
export function topByAle(rows: readonly RiskRow[], count: number): RiskRow[] {
  return sortRows(
    rows.filter((row) => row.ale !== null),
    'ale',
    'desc',
  ).slice(0, count);
}

/** The register's filters, as the URL carries them. */
export interface RiskFilters {
  category?: string | undefined;
  owner?: string | undefined;
  /** `yes`: only risks above the appetite; `no`: only those within it. */
  appetite?: 'yes' | 'no' | undefined;
  /** `yes`: only risks due for review. */
  reviewDue?: 'yes' | 'no' | undefined;
  /** A heat map cell: the likelihood and impact on `scale`. */
  cell?: { scale: Scale; likelihood: number; impact: number } | undefined;
}

/** The levels a row has on a scale. */
export function levelsOn(row: RiskRow, scale: Scale): { likelihood: number; impact: number } {
  return scale === 'inherent'
    ? { likelihood: row.likelihood, impact: row.impact }
    : { likelihood: row.residualLikelihood, impact: row.residualImpact };
}

/** The rows that pass every filter given. */
export function filterRows(rows: readonly RiskRow[], filters: RiskFilters): RiskRow[] {
  return rows.filter((row) => {
    if (filters.category && row.category !== filters.category) return false;
    if (filters.owner && row.owner !== filters.owner) return false;
    if (filters.appetite && row.aboveAppetite !== (filters.appetite === 'yes')) return false;
    if (filters.reviewDue && row.reviewDue !== (filters.reviewDue === 'yes')) return false;
    if (filters.cell) {
      const levels = levelsOn(row, filters.cell.scale);
      if (levels.likelihood !== filters.cell.likelihood || levels.impact !== filters.cell.impact)
        return false;
    }
    return true;
  });
}

/** The columns the register sorts by. */
export type SortKey =
  'name' | 'category' | 'owner' | 'score' | 'residualScore' | 'decision' | 'ale' | 'lastReviewed';

/**
 * The rows in order of `key`; missing values (no ALE, never reviewed, no decision) go last whichever the
 * direction, and ties keep the name order.
 */
export function sortRows(rows: readonly RiskRow[], key: SortKey, direction: 'asc' | 'desc'): RiskRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: RiskRow, b: RiskRow) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * sign || byName(a, b);
  });
}

/** One cell of the heat map. */
export interface HeatCell {
  likelihood: number;
  impact: number;
  score: number;
  aboveAppetite: boolean;
  count: number;
}

/**
 * The heat map: one row per likelihood level, most likely first (the top of the grid), each with a cell per
 * impact level from the least; counts of the rows on `scale`.
 */
export function heatMap(rows: readonly RiskRow[], scale: Scale, policy: EffectivePolicy): HeatCell[][] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const { likelihood, impact } = levelsOn(row, scale);
    const key = `${likelihood}x${impact}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...policy.risk.likelihood].reverse().map((likelihood) =>
    policy.risk.impact.map((impact) => {
      const { score, aboveAppetite } = riskScores(
        { likelihood: likelihood.level, impact: impact.level },
        policy.risk.appetite,
      );
      return {
        likelihood: likelihood.level,
        impact: impact.level,
        score,
        aboveAppetite,
        count: counts.get(`${likelihood.level}x${impact.level}`) ?? 0,
      };
    }),
  );
}

/** The name of a level on a scale ("3 Possible"), or the number alone when the policy names none. */
export function levelName(levels: EffectivePolicy['risk']['likelihood'], level: number): string {
  const found = levels.find((entry) => entry.level === level);
  return found ? `${level} ${found.name}` : String(level);
}

/** An amount of money in the policy's currency, whole units, compact past a million ("€1.6B"). */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const compact = Math.abs(amount) >= 1_000_000;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: compact ? 1 : 0,
    notation: compact ? 'compact' : 'standard',
  }).format(amount);
}

/** A probability as a percentage people read ("12%", "0.4%", "<0.1%"). */
export function formatProbability(probability: number): string {
  if (probability <= 0) return '0%';
  if (probability < 0.001) return '<0.1%';
  const percent = probability * 100;
  return `${percent < 10 ? Number(percent.toFixed(1)) : Math.round(percent)}%`;
}

/** One bar of the histogram of annual loss. */
export interface LossBin {
  /** What the bar covers, as the axis shows it. */
  label: string;
  from: number;
  /** Null for the open tail past the last point of the curve. */
  to: number | null;
  probability: number;
}

/**
 * The probability that a year's loss exceeds `loss`, read off the exceedance curve: linear between its points,
 * from `probabilityOfLoss` at a loss of 0 up to the first point; past the last point only the tail is known.
 */
export function exceedanceAt(
  curve: readonly ExceedancePoint[],
  probabilityOfLoss: number,
  loss: number,
): number {
  let before: ExceedancePoint = { loss: 0, probability: probabilityOfLoss };
  for (const point of curve) {
    if (point.loss <= before.loss) {
      before = { loss: before.loss, probability: Math.min(before.probability, point.probability) };
      continue;
    }
    if (loss <= point.loss) {
      const share = (loss - before.loss) / (point.loss - before.loss);
      return before.probability + share * (point.probability - before.probability);
    }
    before = point;
  }
  return before.probability;
}

/** Whether losses from `first` to `last` span two orders of magnitude or more: then a log scale reads them. */
export function spansOrders(first: number, last: number): boolean {
  return first > 0 && last / first >= 100;
}

/**
 * The histogram of annual loss read off the exceedance curve: "no loss" (1 - probabilityOfLoss), then `bins`
 * ranges up to the curve's last point (equal on a log scale when the losses span two orders of magnitude or more,
 * equal widths otherwise), then the tail past it. The bars add up to 1.
 */
export function lossHistogram(
  curve: readonly ExceedancePoint[],
  probabilityOfLoss: number,
  currency: string,
  bins = 10,
  locale?: string,
): LossBin[] {
  const money = (amount: number) => formatMoney(amount, currency, locale);
  const result: LossBin[] = [{ label: 'no loss', from: 0, to: 0, probability: 1 - probabilityOfLoss }];
  const positive = curve.filter((point) => point.loss > 0);
  const first = positive[0]?.loss;
  const last = positive.at(-1)?.loss;
  if (first === undefined || last === undefined || probabilityOfLoss <= 0) return result;
  const logScale = spansOrders(first, last);
  const edges = [0];
  for (let index = 1; index <= bins; index++) {
    edges.push(logScale ? first * (last / first) ** ((index - 1) / (bins - 1)) : (last * index) / bins);
  }
  for (let index = 1; index < edges.length; index++) {
    const from = edges[index - 1]!;
    const to = edges[index]!;
    const probability =
      exceedanceAt(curve, probabilityOfLoss, from) - exceedanceAt(curve, probabilityOfLoss, to);
    result.push({ label: `${money(from)}–${money(to)}`, from, to, probability: Math.max(0, probability) });
  }
  const tail = exceedanceAt(curve, probabilityOfLoss, last);
  if (tail > 0) result.push({ label: `over ${money(last)}`, from: last, to: null, probability: tail });
  return result;
}

/** What the manager decides when a suggested single point of failure becomes a Risk. */
export interface SuggestionDecision {
  node: string;
  nodeName: string;
  services: readonly string[];
  owner: string;
  likelihood: number;
  impact: number;
  decision: 'accept' | 'mitigate' | 'transfer' | 'avoid';
  /** Required for `accept`. */
  acceptance?: { by: string; on: string; until: string } | undefined;
  today: string;
}

/** The id of the Risk a single point of failure becomes: `risk-spof-<node>`, cut to the 63 characters of an id. */
export function suggestionRiskId(node: string): string {
  return `risk-spof-${node}`.slice(0, 63).replace(/-+$/, '');
}

/** The Risk a suggested single point of failure becomes: its scenario fails the node, category technical. */
export function riskFromSuggestion(choice: SuggestionDecision): RiskDocument {
  const count = choice.services.length;
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'Risk',
    metadata: {
      id: suggestionRiskId(choice.node),
      name: `${choice.nodeName} is a single point of failure`,
    },
    spec: {
      category: 'technical',
      owner: choice.owner,
      description:
        `${choice.nodeName} (${choice.node}) alone takes down ${count} critical ` +
        `${count === 1 ? 'service' : 'services'}: ${choice.services.join(', ')}.`,
      scenario: { fail: [choice.node] },
      likelihood: choice.likelihood,
      impact: choice.impact,
      treatment: { decision: choice.decision },
      ...(choice.decision === 'accept' && choice.acceptance ? { acceptance: { ...choice.acceptance } } : {}),
      lastReviewed: choice.today,
    },
  };
}
