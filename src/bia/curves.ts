/**
 * A business impact analysis read as functions of the outage length t (minutes): the impact level of a category
 * and of the service, the derived MTPD, the suggested RTO and tier, and the money lost. docs/bia.md states each
 * rule with a worked example. Pure, shared by the server, the command line and the web application.
 */
import { parseDuration } from '../catalog/duration.ts';
import type { EffectivePolicy } from './policy.ts';

/** `{horizon: value}` as (minutes, value) points, in order of horizon. */
export function pointsOf(values: Record<string, number>): { minutes: number; value: number }[] {
  return Object.entries(values)
    .map(([horizon, value]) => ({ minutes: parseDuration(horizon) ?? Number.NaN, value }))
    .filter((point) => Number.isFinite(point.minutes))
    .sort((a, b) => a.minutes - b.minutes);
}

/**
 * The level of one category after an outage of length t: the level at the largest listed horizon not after t, 0
 * before the first.
 */
export function categoryLevelAt(levels: Record<string, number>, t: number): number {
  let level = 0;
  for (const point of pointsOf(levels)) {
    if (point.minutes > t) break;
    level = point.value;
  }
  return level;
}

/** The impact level after an outage of length t: the largest over the categories. */
export function impactLevelAt(impacts: Record<string, Record<string, number>>, t: number): number {
  let level = 0;
  for (const levels of Object.values(impacts)) level = Math.max(level, categoryLevelAt(levels, t));
  return level;
}

/**
 * The derived MTPD, in minutes: the smallest of the policy's horizons at which the impact level reaches the
 * tolerance; undefined when it never does.
 */
export function derivedMtpd(
  impacts: Record<string, Record<string, number>>,
  policy: Pick<EffectivePolicy, 'impact'>,
): number | undefined {
  return policy.impact.horizonMinutes.find((h) => impactLevelAt(impacts, h) >= policy.impact.tolerance);
}

/** The suggested RTO: the MTPD minus the work recovery time (never below 0). */
export function suggestedRto(
  mtpdMinutes: number,
  policy: Pick<EffectivePolicy, 'workRecoveryMinutes'>,
): number {
  return Math.max(0, mtpdMinutes - policy.workRecoveryMinutes);
}

/** The suggested tier: the first policy tier whose `mtpdUpTo` is not before the MTPD; undefined past them all. */
export function suggestedTier(
  mtpdMinutes: number,
  policy: Pick<EffectivePolicy, 'tiers'>,
): number | undefined {
  return policy.tiers.find((tier) => tier.mtpdUpToMinutes >= mtpdMinutes)?.tier;
}

/**
 * The money lost after an outage of length t: linear between (0, 0) and the listed (horizon, amount) points in
 * order of horizon; past the last point it goes on at the slope of the last segment. An unbounded outage
 * (t = Infinity) loses an unbounded amount (Infinity) unless nothing is ever lost. No points: 0.
 */
export function lossAt(points: readonly { minutes: number; value: number }[], t: number): number {
  if (points.length === 0 || t <= 0) return 0;
  let previous = { minutes: 0, value: 0 };
  for (const point of points) {
    if (t <= point.minutes) {
      const span = point.minutes - previous.minutes;
      if (span <= 0) return point.value;
      return previous.value + ((point.value - previous.value) * (t - previous.minutes)) / span;
    }
    previous = point;
  }
  const last = points[points.length - 1]!;
  const before = points.length > 1 ? points[points.length - 2]! : { minutes: 0, value: 0 };
  const slope =
    last.minutes > before.minutes ? (last.value - before.value) / (last.minutes - before.minutes) : 0;
  if (t === Number.POSITIVE_INFINITY) return slope > 0 || last.value > 0 ? Number.POSITIVE_INFINITY : 0;
  return last.value + slope * (t - last.minutes);
}
