/**
 * What a failure scenario costs the organisation: each down service with a current BIA is out for its restore
 * time, which its BIA turns into an impact level and a loss (docs/bia.md). Pure: the analysis services, the
 * command line, the heavy-work pool and the risk simulation call it.
 */
import type { ImpactResult } from '../engine/index.ts';
import { impactLevelAt, lossAt, pointsOf } from './curves.ts';
import type { AssessmentDocument } from './current.ts';
import type { EffectivePolicy } from './policy.ts';

/** What a BIA says that a scenario's cost reads: its impact levels and loss figures. */
export type BiaFigures = Pick<AssessmentDocument['spec'], 'impacts' | 'loss'>;

/** A service the scenario takes down, and for how long. */
export interface DownService {
  id: string;
  /** How long it is out (its restore time), in minutes; null or Infinity when it is never back. */
  outageMinutes: number | null;
  /** False when the outage is a lower bound (the restore waited on an unknown duration). */
  exact: boolean;
}

/** One down service with a current BIA, in `businessImpact`. */
export interface ServiceCost {
  id: string;
  /** Its outage length; null when it is never back. */
  outageMinutes: number | null;
  /** Its impact level at the end of the outage (the level it reaches). */
  level: number;
  /** The money its outage loses; null when unbounded (never back) or when its BIA gives no loss figures. */
  loss: number | null;
}

/** A scenario's business impact: `businessImpact` in the impact answers. */
export interface BusinessImpact {
  /** The policy's currency (ISO 4217). */
  currency: string;
  /** The sum of the services' losses; null when one is unbounded. */
  totalLoss: number | null;
  /**
   * False when the total is not exact: a loss is unbounded, a restore time is only a lower bound (so is the loss),
   * or a BIA gives no loss figures (its service adds nothing to the total).
   */
  lossKnown: boolean;
  /** The highest impact level any service reaches (0 when none has a current BIA). */
  peakLevel: number;
  /** The first horizon at which some service still down is at the policy's tolerance; null when none is. */
  toleranceReachedAtMinutes: number | null;
  /** The down services with a current BIA, by id. */
  services: ServiceCost[];
}

/** An impact answer with what the scenario costs. */
export type ImpactWithCost = ImpactResult & { businessImpact: BusinessImpact };

/** Infinity for an outage with no end. */
function outageOf(down: DownService): number {
  return down.outageMinutes === null ? Number.POSITIVE_INFINITY : down.outageMinutes;
}

/**
 * A scenario's business impact. A service is at the level its BIA gives for its whole outage and loses what its
 * loss curve gives at that length; the tolerance is reached at the smallest policy horizon h at which a service
 * whose outage lasts at least h is at the tolerance.
 */
export function businessImpact(
  policy: Pick<EffectivePolicy, 'organisation' | 'impact'>,
  current: ReadonlyMap<string, BiaFigures>,
  down: Iterable<DownService>,
): BusinessImpact {
  const services: ServiceCost[] = [];
  let total = 0;
  let known = true;
  let peak = 0;
  let reached = Number.POSITIVE_INFINITY;
  const sorted = [...down].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const service of sorted) {
    const bia = current.get(service.id);
    if (!bia) continue;
    const outage = outageOf(service);
    const level = impactLevelAt(bia.impacts, outage);
    peak = Math.max(peak, level);
    for (const h of policy.impact.horizonMinutes) {
      if (h > outage || h >= reached) break;
      if (impactLevelAt(bia.impacts, h) >= policy.impact.tolerance) reached = h;
    }
    let loss: number | null = null;
    if (bia.loss === undefined) known = false;
    else {
      const amount = lossAt(pointsOf(bia.loss), outage);
      if (Number.isFinite(amount)) loss = amount;
      total += amount;
      if (!service.exact || !Number.isFinite(amount)) known = false;
    }
    services.push({
      id: service.id,
      outageMinutes: Number.isFinite(outage) ? outage : null,
      level,
      loss,
    });
  }
  return {
    currency: policy.organisation.currency,
    totalLoss: Number.isFinite(total) ? total : null,
    lossKnown: known,
    peakLevel: peak,
    toleranceReachedAtMinutes: Number.isFinite(reached) ? reached : null,
    services,
  };
}

/** What a scenario's cost is computed from: the policy and the current BIA of each service (plain, cloneable data). */
export interface CostBasis {
  policy: Pick<EffectivePolicy, 'organisation' | 'impact'>;
  current: ReadonlyMap<string, BiaFigures>;
}

/** An impact result with its business impact: the down services' restore times are their outages. */
export function withBusinessImpact(result: ImpactResult, basis: CostBasis): ImpactWithCost {
  const down = result.services
    .filter((service) => service.down)
    .map((service) => ({
      id: service.id,
      outageMinutes: service.restoreMinutes,
      exact: service.restoreKnown,
    }));
  return { ...result, businessImpact: businessImpact(basis.policy, basis.current, down) };
}

/**
 * The scenario's total loss as a function of a factor on every outage, for a simulation that calls it millions of
 * times: the curves are laid out once in typed arrays, and a call allocates nothing. `factor(1)` is the
 * `totalLoss` of `businessImpact` (Infinity where that is null). An unbounded outage stays unbounded.
 */
export function prepareScenarioLoss(
  current: ReadonlyMap<string, BiaFigures>,
  down: Iterable<DownService>,
): (factor: number) => number {
  const outages: number[] = [];
  const starts: number[] = [0];
  const minutes: number[] = [];
  const values: number[] = [];
  let unbounded = 0;
  for (const service of down) {
    const loss = current.get(service.id)?.loss;
    if (loss === undefined) continue;
    const points = pointsOf(loss);
    if (points.length === 0) continue;
    const outage = outageOf(service);
    if (!Number.isFinite(outage)) {
      unbounded += lossAt(points, outage);
      continue;
    }
    outages.push(outage);
    for (const point of points) {
      minutes.push(point.minutes);
      values.push(point.value);
    }
    starts.push(minutes.length);
  }
  if (unbounded > 0) return () => Number.POSITIVE_INFINITY;
  const outage = Float64Array.from(outages);
  const start = Uint32Array.from(starts);
  const x = Float64Array.from(minutes);
  const y = Float64Array.from(values);
  const count = outage.length;
  // The loss of one curve at t, as `lossAt` computes it (linear from (0, 0), the last slope beyond the last point).
  return (factor: number): number => {
    let total = 0;
    for (let s = 0; s < count; s++) {
      const t = outage[s]! * factor;
      if (t <= 0) continue;
      const first = start[s]!;
      const end = start[s + 1]!;
      let x0 = 0;
      let y0 = 0;
      let index = first;
      while (index < end && t > x[index]!) {
        x0 = x[index]!;
        y0 = y[index]!;
        index++;
      }
      if (index < end) {
        const span = x[index]! - x0;
        total += span <= 0 ? y[index]! : y0 + ((y[index]! - y0) * (t - x0)) / span;
        continue;
      }
      const xb = end - first > 1 ? x[end - 2]! : 0;
      const yb = end - first > 1 ? y[end - 2]! : 0;
      const slope = x0 > xb ? (y0 - yb) / (x0 - xb) : 0;
      total += y0 + slope * (t - x0);
    }
    return total;
  };
}
