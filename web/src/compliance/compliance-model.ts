/**
 * The compliance page's view of `GET /api/v1/analysis/compliance` and its trend (pure): the score as a
 * percentage, the checks in the order a continuity manager works through them, each check's items failing
 * first, evidence as a person reads it, each framework's requirements counted, and the trend as chart series.
 */
import type {
  CheckId,
  CheckItem,
  CheckResult,
  ComplianceReport,
  Evidence,
  FrameworkId,
  FrameworkResult,
  RequirementResult,
  Severity,
} from '../../../src/compliance/types.ts';
import { FRAMEWORK_IDS } from '../../../src/catalog/vocabulary.ts';
import type { ComplianceTrend } from '../api/compliance';

export type { CheckId, CheckItem, CheckResult, ComplianceReport, Evidence, FrameworkId, FrameworkResult };

/** A check's or a requirement's status. */
export type Status = RequirementResult['status'];

/** One day's snapshot of the report, as the trend route's schema says. */
export type Snapshot = ComplianceTrend['snapshots'][number];

/** The frameworks the page's selector offers, as people name them. */
export const FRAMEWORK_LABELS: Record<FrameworkId, string> = {
  iso22301: 'ISO 22301',
  'nist-800-34': 'NIST SP 800-34',
  dora: 'DORA',
  nis2: 'NIS2',
};

/** The selector's choices: every framework, then each one. */
export const FRAMEWORK_CHOICES: { value: string; label: string }[] = [
  { value: 'all', label: 'All frameworks' },
  ...FRAMEWORK_IDS.map((id) => ({ value: id, label: FRAMEWORK_LABELS[id] })),
];

/** The framework a `?framework=` value names, or undefined for all (an unknown value reads as all). */
export function frameworkParam(value: string | null): FrameworkId | undefined {
  return (FRAMEWORK_IDS as readonly string[]).includes(value ?? '') ? (value as FrameworkId) : undefined;
}

/**
 * A share (0..1) as a whole percentage. Never 100% while something fails nor 0% while something passes: a
 * rounded 99.6% would read as "all pass".
 */
export function percentValue(share: number): number {
  if (share >= 1) return 100;
  if (share <= 0) return 0;
  return Math.min(99, Math.max(1, Math.round(share * 100)));
}

/** The score as the page writes it: `83%`, or `n/a` when no check has an item. */
export function scoreText(score: number | null): string {
  return score === null ? 'n/a' : `${percentValue(score)}%`;
}

/** A check's passing share (0..1), null when it has no item. */
export function passedShare(check: Pick<CheckResult, 'passed' | 'failed'>): number | null {
  const total = check.passed + check.failed;
  return total === 0 ? null : check.passed / total;
}

const STATUS_ORDER: Record<CheckResult['status'], number> = { fail: 0, pass: 1, 'not-applicable': 2 };
const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * The checks in the order to work through them: failing ones first, the most severe and then the most failures
 * first; then passing ones; then those with nothing in scope; by id within each.
 */
export function orderChecks(checks: readonly CheckResult[]): CheckResult[] {
  return [...checks].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.status === 'fail' ? SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] : 0) ||
      (a.status === 'fail' ? b.failed - a.failed : 0) ||
      a.id.localeCompare(b.id),
  );
}

/** How many checks pass, fail, and have nothing in scope. */
export function countChecks(checks: readonly CheckResult[]): {
  pass: number;
  fail: number;
  notApplicable: number;
} {
  return {
    pass: checks.filter((check) => check.status === 'pass').length,
    fail: checks.filter((check) => check.status === 'fail').length,
    notApplicable: checks.filter((check) => check.status === 'not-applicable').length,
  };
}

/** A check's items with the failing ones first, each group in the check's own order. */
export function orderItems(items: readonly CheckItem[]): CheckItem[] {
  return [
    ...items.filter((item) => item.status === 'fail'),
    ...items.filter((item) => item.status === 'pass'),
  ];
}

/** The first characters of a checksum or hash: enough to compare with a pack or a version list by eye. */
export function shortChecksum(checksum: string): string {
  return checksum.slice(0, 12);
}

/** What an evidence link says: its title, and for a version its number and short checksum. */
export function evidenceText(evidence: Evidence): string {
  const details: string[] = [];
  if (evidence.type === 'version' && evidence.version !== undefined) details.push(`v${evidence.version}`);
  if (evidence.checksum) details.push(shortChecksum(evidence.checksum));
  return details.length > 0 ? `${evidence.title} (${details.join(', ')})` : evidence.title;
}

/** The page's address of a check on the checks tab, opened (the frameworks link their checks there). */
export function checkHref(id: CheckId, framework: FrameworkId | undefined): string {
  const query = new URLSearchParams({ tab: 'checks', check: id });
  if (framework) query.set('framework', framework);
  return `?${query.toString()}`;
}

/** A framework's requirements counted by status. */
export function countRequirements(framework: FrameworkResult): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, 'not-applicable': 0, manual: 0 };
  for (const requirement of framework.requirements) counts[requirement.status] += 1;
  return counts;
}

/** A requirement's checks with their titles and statuses, in the requirement's order (a check not run is left out). */
export function requirementChecks(
  requirement: Pick<RequirementResult, 'checks'>,
  checks: readonly CheckResult[],
): Pick<CheckResult, 'id' | 'title' | 'status'>[] {
  const byId = new Map(checks.map((check) => [check.id, check]));
  return requirement.checks.flatMap((id) => {
    const check = byId.get(id);
    return check ? [{ id, title: check.title, status: check.status }] : [];
  });
}

/** One point of the score chart: the date and the score in percent (null on a day no check had an item). */
export interface ScorePoint {
  date: string;
  score: number | null;
}

/** The score over time, oldest first. */
export function scoreSeries(snapshots: readonly Snapshot[]): ScorePoint[] {
  return [...snapshots]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((snapshot) => ({
      date: snapshot.date,
      score: snapshot.score === null ? null : percentValue(snapshot.score),
    }));
}

/**
 * Each check's passing share in percent over time, as chart rows (`{date, C01: 100, C04: 75}`, a check absent
 * or with no item that day left out) and the checks that have a value on some day, in id order.
 */
export function checkSeries(snapshots: readonly Snapshot[]): {
  data: ({ date: string } & Partial<Record<CheckId, number>>)[];
  checks: CheckId[];
} {
  const seen = new Set<CheckId>();
  const data = [...snapshots]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((snapshot) => {
      const row: { date: string } & Partial<Record<CheckId, number>> = { date: snapshot.date };
      for (const check of snapshot.checks) {
        const share = passedShare(check);
        if (share === null) continue;
        row[check.id] = percentValue(share);
        seen.add(check.id);
      }
      return row;
    });
  return { data, checks: [...seen].sort((a, b) => a.localeCompare(b)) };
}

/** How the score moved from the first snapshot to the last, in words (for the chart's caption). */
export function trendSummary(points: readonly ScorePoint[]): string {
  const known = points.filter((point): point is { date: string; score: number } => point.score !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return 'No snapshot has a score yet.';
  if (first === last) return `${last.score}% on ${last.date}, the only snapshot so far.`;
  const change = last.score - first.score;
  const moved = change === 0 ? 'unchanged' : `${change > 0 ? 'up' : 'down'} ${Math.abs(change)} points`;
  return `${first.score}% on ${first.date}, ${last.score}% on ${last.date} (${moved}).`;
}
