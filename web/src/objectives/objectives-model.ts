/** The Objectives page's rules: how a cell reads, which colour it takes, and the orders of the rows. */
import type { Objectives } from '../api/analysis';
import { formatMinutes, formatRestore } from '../util/duration';

/** One service row of the objectives gap. */
export type ObjectiveService = Objectives['services'][number];

/** One cell: a service in a scenario. */
export type ObjectiveCell = ObjectiveService['results'][number];

/**
 * How a cell stands: `up` (the scenario does not take the service down, and what data it loses is within its
 * RPO), `breach` (an RTO or RPO is missed, even by the lower bound), `unknown` (within an objective only as a bound, or the data loss is unknown), `met`, or
 * `none` (down, but the service has neither an RTO nor an RPO).
 */
export type CellStatus = 'up' | 'breach' | 'unknown' | 'met' | 'none';

/** The status of one cell, given the service's objectives. */
export function cellStatus(service: ObjectiveService, cell: ObjectiveCell): CellStatus {
  if (cell.rtoBreach === true || cell.rpoBreach === true) return 'breach';
  const rtoSet = service.rtoMinutes !== null;
  const rpoSet = service.rpoMinutes !== null;
  // Up, but a data node in one of its redundancy groups went down: its loss still counts against the RPO.
  if (!cell.down) return rpoSet && cell.rpoBreach === null ? 'unknown' : 'up';
  if (!rtoSet && !rpoSet) return 'none';
  if ((rtoSet && cell.rtoBreach === null) || (rpoSet && cell.rpoBreach === null)) return 'unknown';
  return 'met';
}

/** The restore time as a cell shows it: `never`, `at least 4h` for a bound, else the time. */
export function restoreText(cell: ObjectiveCell): string {
  return cell.down ? formatRestore(cell.restoreMinutes, cell.restoreKnown) : 'up';
}

/** The data loss as a cell shows it: null is `unbounded` (then over any RPO) or `unknown`. */
export function lossText(cell: ObjectiveCell): string {
  if (cell.dataLossMinutes !== null) return formatMinutes(cell.dataLossMinutes);
  return cell.rpoBreach === true ? 'unbounded' : 'unknown';
}

/**
 * The worst gap of a service over every scenario, in minutes: how far its restore time is past its RTO, or its
 * data loss past its RPO; Infinity when it never comes back or loses an unbounded or unknown amount of data with
 * an RPO set; negative when every objective is met with room to spare; -Infinity when nothing is measured.
 */
export function worstGap(service: ObjectiveService): number {
  let worst = -Infinity;
  for (const cell of service.results) {
    if (service.rpoMinutes !== null && (cell.down || cell.dataLossMinutes !== 0))
      worst = Math.max(
        worst,
        cell.dataLossMinutes === null ? Infinity : cell.dataLossMinutes - service.rpoMinutes,
      );
    if (!cell.down) continue;
    if (service.rtoMinutes !== null)
      worst = Math.max(
        worst,
        cell.restoreMinutes === null ? Infinity : cell.restoreMinutes - service.rtoMinutes,
      );
  }
  return worst;
}

/** How the rows are ordered: by tier (then id, the server's order), or the worst gap first. */
export type ObjectivesSort = 'tier' | 'gap';

/** The services in the chosen order (a new array). */
export function sortServices(services: readonly ObjectiveService[], by: ObjectivesSort): ObjectiveService[] {
  if (by === 'tier') return [...services];
  const gaps = new Map(services.map((service) => [service.id, worstGap(service)]));
  return [...services].sort(
    (a, b) =>
      compareGaps(gaps.get(b.id)!, gaps.get(a.id)!) ||
      a.tier - b.tier ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Ascending, with equal infinities equal (Infinity - Infinity is NaN). */
function compareGaps(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** How many cells breach an objective. */
export function breachCount(gap: Objectives): number {
  return gap.services.reduce(
    (count, service) =>
      count + service.results.filter((cell) => cellStatus(service, cell) === 'breach').length,
    0,
  );
}
