/**
 * What the BIA pages compute in the browser, with the same rules the server uses (src/bia/curves.ts): the
 * questionnaire's grid kept non-decreasing, the curve of impact level and loss over time with the suggested
 * objectives, and a scenario's cumulative loss over time. Pure: no React, no HTTP.
 */
import { currentAssessments } from '../../../src/bia/current.ts';
import type { AssessmentDocument } from '../../../src/bia/current.ts';
import { impactLevelAt, lossAt, pointsOf } from '../../../src/bia/curves.ts';
import type { EffectivePolicy } from '../../../src/bia/policy.ts';
import { formatMinutes } from '../util/duration';

/** Impact levels by category, then by horizon (`{financial: {'1h': 1, '4h': 2}}`), as an assessment holds them. */
export type Impacts = Record<string, Record<string, number>>;

/** Losses by horizon (`{'1h': 10000}`). */
export type Losses = Record<string, number>;

/**
 * Sets one cell of a category's row and keeps the row from decreasing over time: the later horizons that were
 * below the new level are raised to it (an outage only gets worse), the earlier ones are left as they are.
 */
export function setLevel(
  row: Record<string, number>,
  horizons: readonly string[],
  horizon: string,
  level: number | undefined,
): Record<string, number> {
  const next = { ...row };
  if (level === undefined) {
    delete next[horizon];
    return next;
  }
  next[horizon] = level;
  for (const later of horizons.slice(horizons.indexOf(horizon) + 1)) {
    const value = next[later];
    if (value !== undefined && value < level) next[later] = level;
  }
  return next;
}

/** The lowest level a cell may take: the highest answered before it on the row (0 when none is). */
export function levelFloor(
  row: Record<string, number>,
  horizons: readonly string[],
  horizon: string,
): number {
  let floor = 0;
  for (const earlier of horizons.slice(0, horizons.indexOf(horizon)))
    floor = Math.max(floor, row[earlier] ?? 0);
  return floor;
}

/** The horizons whose loss is below an earlier one (the server refuses those): horizon -> the earlier horizon. */
export function decreasingLosses(loss: Losses, horizons: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  let highest: { horizon: string; value: number } | undefined;
  for (const horizon of horizons) {
    const value = loss[horizon];
    if (value === undefined) continue;
    if (highest && value < highest.value) found.set(horizon, highest.horizon);
    if (!highest || value > highest.value) highest = { horizon, value };
  }
  return found;
}

/** One point of the assessment's curve: at the start, then at each of the policy's horizons. */
export interface CurvePoint {
  /** The x-axis label: `0`, then the horizon as written (`4h`). */
  label: string;
  minutes: number;
  level: number;
  loss: number;
}

/** The impact level and the loss after an outage of each horizon (and 0 at the start). */
export function curvePoints(
  impacts: Impacts,
  loss: Losses,
  policy: Pick<EffectivePolicy, 'impact'>,
): CurvePoint[] {
  const points = pointsOf(loss);
  return [
    { label: '0', minutes: 0, level: 0, loss: 0 },
    ...policy.impact.horizons.map((label, index) => {
      const minutes = policy.impact.horizonMinutes[index] ?? 0;
      return { label, minutes, level: impactLevelAt(impacts, minutes), loss: lossAt(points, minutes) };
    }),
  ];
}

/** An amount of money in the policy's currency, without pennies (`€60,000`). */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  if (amount === Number.POSITIVE_INFINITY) return 'unbounded';
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** A down service of a scenario, as the impact answer's `businessImpact.services` gives it. */
export interface ScenarioServiceLoss {
  id: string;
  /** How long it is down; null when it is never back (an unbounded outage). */
  outageMinutes: number | null;
}

/** One point of a scenario's cumulative loss over time. */
export interface ScenarioLossPoint {
  label: string;
  minutes: number;
  loss: number;
}

/**
 * The scenario's cumulative loss after t minutes: the sum over its down services of lossAt(curve, min(t,
 * outage)), with each service's curve given as its loss at each of the policy's horizons (the BIA analysis'
 * `loss` row). Sampled at the start, at each horizon up to the last outage and at each outage's end, so the
 * chart shows where each service comes back (the loss stops growing there); an unbounded outage keeps growing
 * to the last horizon.
 */
export function scenarioLossPoints(
  horizonMinutes: readonly number[],
  curves: ReadonlyMap<string, readonly number[]>,
  services: readonly ScenarioServiceLoss[],
): ScenarioLossPoint[] {
  const counted = services.filter((service) => curves.has(service.id));
  if (counted.length === 0) return [];
  const points = new Map(
    counted.map((service) => [
      service.id,
      horizonMinutes.map((minutes, index) => ({ minutes, value: curves.get(service.id)?.[index] ?? 0 })),
    ]),
  );
  const outages = counted.map((service) => service.outageMinutes ?? Number.POSITIVE_INFINITY);
  const longest = Math.max(...outages);
  const end = Number.isFinite(longest) ? longest : (horizonMinutes.at(-1) ?? 0);
  const times = new Set<number>([0, ...horizonMinutes.filter((h) => h < end), end]);
  for (const outage of outages) if (Number.isFinite(outage) && outage < end) times.add(outage);
  return [...times]
    .sort((a, b) => a - b)
    .map((minutes) => ({
      label: formatMinutes(minutes),
      minutes,
      loss: counted.reduce(
        (sum, service) =>
          sum +
          lossAt(
            points.get(service.id) ?? [],
            Math.min(minutes, service.outageMinutes ?? Number.POSITIVE_INFINITY),
          ),
        0,
      ),
    }));
}

/** The state of an assessment, as the server derives it (a document without one is a draft). */
export type AssessmentState = 'draft' | 'submitted' | 'approved';

/**
 * A service's current BIA, by the server's rule (src/bia/current.ts: its latest approved assessment by
 * `assessedOn`), and the newest one being worked on that is not older than it (a draft or a submitted one).
 */
export function currentAndPending(assessments: readonly AssessmentDocument[]): {
  current: AssessmentDocument | undefined;
  pending: AssessmentDocument | undefined;
} {
  const current = [
    ...currentAssessments(assessments.filter((a) => a.spec.status === 'approved')).values(),
  ][0];
  const pending = currentAssessments(
    assessments.filter(
      (a) =>
        a.spec.status !== 'approved' &&
        (current === undefined || a.spec.assessedOn >= current.spec.assessedOn),
    ),
  )
    .values()
    .next().value;
  return { current, pending };
}
