/**
 * Monte Carlo quantification of risks (docs/risk.md): each run is one year. For each risk, draw an annual rate
 * from Beta-PERT(frequency), a number of events from Poisson(rate), and for each event a loss, from
 * Beta-PERT(loss) or from the scenario's computed loss with its restore times multiplied by a factor drawn from
 * Beta-PERT(durationFactor). The year's loss is the sum; the portfolio adds the risks year by year (independent
 * risks). Seeded: each risk draws from its own stream (seed, risk id), so the same seed gives the same answer and
 * adding a risk leaves the others' figures unchanged. Pure, no allocation inside the yearly loop.
 */
import { Random, hashString, pertMean, pertVariance, type Range } from './random.ts';

/** How one event's loss is drawn. */
export type EventLoss =
  /** The sum of one draw from each range: the risk's `loss`, or pyfair's primary and secondary loss. */
  | { ranges: Range[] }
  | {
      /** The scenario's total loss with every restore time multiplied by `factor`. */
      scenario: (factor: number) => number;
      durationFactor: Range;
    };

/** A risk as the simulation sees it. */
export interface RiskModel {
  id: string;
  /** Events a year. */
  frequency: Range;
  loss: EventLoss;
}

/** One point of a loss exceedance curve: the probability that a year loses `loss` or more. */
export interface ExceedancePoint {
  loss: number;
  probability: number;
}

/** The figures of a simulated annual loss. */
export interface LossFigures {
  /** The mean annual loss: the annualised loss expectancy (ALE). */
  ale: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  /** The share of years with any loss. */
  probabilityOfLoss: number;
  exceedance: ExceedancePoint[];
}

/** A quantified risk: its figures, the mean rate (closed form) and the mean loss of one event. */
export interface RiskFigures extends LossFigures {
  id: string;
  frequencyMean: number;
  lossPerEventMean: number;
}

/** Points of a loss exceedance curve. */
export const EXCEEDANCE_POINTS = 50;

/**
 * Past this many events in one year, the year's loss is drawn as one normal variable with the exact mean and
 * variance of the sum (central limit theorem) instead of event by event, so any frequency costs bounded time; at a
 * thousand events the sum of Beta-PERT draws is normal to well within the Monte Carlo error.
 */
export const EVENTS_DRAWN_ONE_BY_ONE = 1000;

/** Events whose loss the mean loss per event of a scenario is estimated from when the years drew too few. */
const LOSS_SAMPLE = 1000;

/**
 * The `p`-quantile of sorted values by the nearest-rank method: the smallest value with at least p of the values
 * at or below it (`sorted[ceil(p n) - 1]`).
 */
export function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

/** How many of the sorted values are at least `x` (binary search). */
function countAtLeast(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/**
 * The loss exceedance curve of sorted annual losses: `EXCEEDANCE_POINTS` losses spaced evenly on a log scale from
 * the smallest loss over 0 to the largest, each with the share of years that lost at least that much. The first
 * point's probability is the probability of any loss, the last one's that of the worst year. No loss: no point.
 */
export function exceedanceCurve(sorted: Float64Array, points = EXCEEDANCE_POINTS): ExceedancePoint[] {
  const n = sorted.length;
  const firstLoss = n - countAtLeast(sorted, Number.MIN_VALUE);
  if (firstLoss >= n) return [];
  const lo = sorted[firstLoss]!;
  const hi = sorted[n - 1]!;
  if (!Number.isFinite(hi) || hi <= lo) return [{ loss: lo, probability: (n - firstLoss) / n }];
  const curve: ExceedancePoint[] = [];
  const step = Math.log(hi / lo) / (points - 1);
  for (let i = 0; i < points; i++) {
    // The ends exactly: exp(log) may land a hair past the largest loss.
    const loss = i === 0 ? lo : i === points - 1 ? hi : lo * Math.exp(step * i);
    // A hair of tolerance: a year that lost exactly a level's amount counts despite rounding in exp(log).
    curve.push({ loss, probability: countAtLeast(sorted, loss * (1 - 1e-12)) / n });
  }
  return curve;
}

/** The figures of annual losses; sorts `years` in place. */
export function lossFigures(years: Float64Array): LossFigures {
  let sum = 0;
  let any = 0;
  for (let i = 0; i < years.length; i++) {
    const loss = years[i]!;
    sum += loss;
    if (loss > 0) any++;
  }
  years.sort();
  return {
    ale: sum / years.length,
    p50: quantile(years, 0.5),
    p90: quantile(years, 0.9),
    p95: quantile(years, 0.95),
    p99: quantile(years, 0.99),
    probabilityOfLoss: any / years.length,
    exceedance: exceedanceCurve(years),
  };
}

/** The seed of a risk's own stream. */
function streamOf(id: string): number {
  return hashString(id);
}

/**
 * Simulates `runs` years of one risk into `years` (one loss per year), adding each year to `portfolio` when
 * given. Returns the mean loss of one event: the sum of Beta-PERT's means for ranges; for a scenario with a constant factor,
 * its loss; otherwise the mean over the events drawn (topped up to `LOSS_SAMPLE` draws when the years had fewer).
 */
export function simulateRisk(
  risk: RiskModel,
  runs: number,
  seed: number,
  years: Float64Array,
  portfolio?: Float64Array,
): number {
  const random = new Random(seed, streamOf(risk.id));
  const { min: fMin, likely: fLikely, max: fMax } = risk.frequency;
  const loss = risk.loss;
  let eventLossSum = 0;
  let eventCount = 0;
  if ('ranges' in loss) {
    const { ranges } = loss;
    const parts = ranges.length;
    const eventMean = ranges.reduce((sum, range) => sum + pertMean(range), 0);
    const eventVariance = ranges.reduce((sum, range) => sum + pertVariance(range), 0);
    for (let year = 0; year < runs; year++) {
      const events = random.poisson(random.pert(fMin, fLikely, fMax));
      let total = 0;
      if (events > EVENTS_DRAWN_ONE_BY_ONE)
        total = Math.max(0, events * eventMean + Math.sqrt(events * eventVariance) * random.normal());
      else
        for (let e = 0; e < events; e++)
          for (let r = 0; r < parts; r++) {
            const range = ranges[r]!;
            total += random.pert(range.min, range.likely, range.max);
          }
      years[year] = total;
      if (portfolio) portfolio[year] = portfolio[year]! + total;
    }
    return eventMean;
  }
  const { scenario } = loss;
  const { min, likely, max } = loss.durationFactor;
  // A constant factor (the default 1, 1, 1) makes every event cost the same: computed once.
  const constant = max <= min ? scenario(min) : undefined;
  // A scenario's mean and variance per event, for a year past EVENTS_DRAWN_ONE_BY_ONE: from a sample, once.
  let moments: { mean: number; variance: number } | undefined;
  for (let year = 0; year < runs; year++) {
    const events = random.poisson(random.pert(fMin, fLikely, fMax));
    let total = 0;
    if (constant !== undefined) total = events === 0 ? 0 : events * constant;
    else if (events > EVENTS_DRAWN_ONE_BY_ONE) {
      moments ??= sampleMoments(() => scenario(random.pert(min, likely, max)));
      total = Math.max(0, events * moments.mean + Math.sqrt(events * moments.variance) * random.normal());
    } else
      for (let e = 0; e < events; e++) {
        const cost = scenario(random.pert(min, likely, max));
        total += cost;
        eventLossSum += cost;
      }
    if (constant === undefined && events <= EVENTS_DRAWN_ONE_BY_ONE) eventCount += events;
    years[year] = total;
    if (portfolio) portfolio[year] = portfolio[year]! + total;
  }
  if (constant !== undefined) return constant;
  for (; eventCount < LOSS_SAMPLE; eventCount++) eventLossSum += scenario(random.pert(min, likely, max));
  return eventLossSum / eventCount;
}

/**
 * Draws of a scenario's loss per event that estimate its mean and variance for the normal sums: 100,000, so the
 * estimate's own error (about 0.3 % of the mean for a spread as wide as the mean) stays below the simulation's.
 */
const MOMENT_SAMPLE = 100_000;

/** The mean and variance of `MOMENT_SAMPLE` draws. */
function sampleMoments(draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < MOMENT_SAMPLE; i++) {
    const x = draw();
    sum += x;
    squares += x * x;
  }
  const mean = sum / MOMENT_SAMPLE;
  return { mean, variance: Math.max(0, squares / MOMENT_SAMPLE - mean * mean) };
}

/** The quantified risks and the portfolio, which adds them year by year. */
export interface Quantification {
  risks: RiskFigures[];
  /** Null when no risk could be quantified. */
  portfolio: LossFigures | null;
}

/**
 * Quantifies each risk over `runs` years from `seed`, and the portfolio of them all (risks in the order given).
 * `isCancelled` is asked between risks.
 */
export function quantifyRisks(
  risks: readonly RiskModel[],
  options: { runs: number; seed: number; isCancelled?: () => boolean },
): Quantification {
  const { runs, seed } = options;
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a whole number >= 1, got ${runs}`);
  const years = new Float64Array(runs);
  const portfolio = new Float64Array(runs);
  const figures: RiskFigures[] = [];
  for (const risk of risks) {
    if (options.isCancelled?.()) throw new QuantificationCancelledError();
    const lossPerEventMean = simulateRisk(risk, runs, seed, years, portfolio);
    figures.push({
      id: risk.id,
      frequencyMean: pertMean(risk.frequency),
      lossPerEventMean,
      ...lossFigures(years),
    });
  }
  return { risks: figures, portfolio: risks.length > 0 ? lossFigures(portfolio) : null };
}

/** Thrown when `isCancelled` says the quantification is no longer wanted. */
export class QuantificationCancelledError extends Error {
  constructor() {
    super('The risk quantification was cancelled');
    // The heavy-work pool maps errors by class name, as the engine's cancellation.
    this.name = 'AnalysisCancelledError';
  }
}
