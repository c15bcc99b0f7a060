/** Pure helpers of the incident page: durations between instants, the timeline's order, prediction errors. */
import type { DocumentOf } from '../api/catalog';
import { formatMinutes } from '../util/duration';

/** One timeline entry of an incident. */
export type TimelineEntry = NonNullable<DocumentOf<'Incident'>['spec']['timeline']>[number];

/** Whole minutes from `from` to `to`, or null when either is missing (an incident not yet detected or resolved). */
export function minutesBetween(from: string | undefined, to: string | undefined): number | null {
  if (from === undefined || to === undefined) return null;
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** The entries sorted by instant; entries at the same instant keep the order they were written in. */
export function inTimeOrder<T extends { at: string }>(entries: readonly T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Real minus predicted restore time, in words. */
export function predictionError(minutes: number | null): string {
  if (minutes === null) return '-';
  if (minutes === 0) return 'as predicted';
  return minutes > 0 ? `${formatMinutes(minutes)} longer` : `${formatMinutes(-minutes)} sooner`;
}
