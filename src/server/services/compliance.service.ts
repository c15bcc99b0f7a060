/**
 * Compliance on the stored catalog: the checks' input (the documents as clients read them, every frozen version
 * and review step, the audit chain's state and the cached objectives gap), the report evaluated in the heavy-work
 * pool and cached per catalog state, date and framework, and the daily snapshots the readiness trend reads.
 */
import { FRAMEWORK_IDS } from '../../catalog/vocabulary.ts';
import { KIND_NAMES } from '../../catalog/kinds.ts';
import { hasApproval } from '../../catalog/versions.ts';
import type { FrozenVersion, ReviewEvent } from '../../catalog/versions.ts';
import type { CheckId, CheckResult, ComplianceInput, ComplianceReport } from '../../compliance/types.ts';
import { isDate } from '../../dora/values.ts';
import type { ObjectivesGap } from '../../plans/objectives.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createComplianceSnapshotRepository } from '../repositories/compliance-snapshot.repository.ts';
import { createVersionRepository, frozenVersionOf } from '../repositories/version.repository.ts';
import { createAnalysisService } from './analysis.service.ts';
import { reviewEventOf } from './approval.service.ts';
import { createAuditStateCache } from './audit-state.ts';
import type { AuditState } from './audit-state.ts';
import { clientViews } from './client-documents.ts';
import { CatalogError } from './errors.ts';
import { createGraphProvider } from './graph-provider.ts';
import type { GraphProvider } from './graph-provider.ts';
import { createHeavyWork } from './heavy-work.ts';
import type { HeavyWork, WorkContext } from './heavy-work.ts';
import { complianceTaskInput } from './heavy-work.tasks.ts';

/** One day's readiness: the score and each check's status and counts, as the trend lists them. */
export interface ComplianceSnapshot {
  date: string;
  score: number | null;
  checks: { id: CheckId; status: CheckResult['status']; passed: number; failed: number }[];
}

/** Reports kept in memory: a few dates and frameworks of the latest catalog states. */
const CACHED_REPORTS = 32;

/** How far back the trend reaches when no `from` is given: a year of days, today included. */
const TREND_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A date `days` after (or before) `date`, both YYYY-MM-DD. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Refuses a date that is not a calendar day written YYYY-MM-DD, naming the parameter. */
function checkDate(name: string, value: string): string {
  if (!isDate(value))
    throw new CatalogError(
      'invalid',
      `${name} "${value}" is not a date: expected YYYY-MM-DD, such as 2026-12-06`,
    );
  return value;
}

/** Refuses a framework id no framework has, listing those there are. */
export function checkFramework(framework: string | undefined): void {
  if (framework !== undefined && !(FRAMEWORK_IDS as readonly string[]).includes(framework))
    throw new CatalogError(
      'invalid',
      `unknown framework "${framework}": expected one of ${FRAMEWORK_IDS.join(', ')}`,
    );
}

/** A report's snapshot: its score and each check's status and counts. */
export function snapshotOf(report: ComplianceReport): ComplianceSnapshot {
  return {
    date: report.at,
    score: report.score,
    checks: report.checks.map(({ id, status, passed, failed }) => ({ id, status, passed, failed })),
  };
}

/** The compliance checks on the stored catalog. */
export function createComplianceService(deps: {
  database: LifeboatDatabase;
  now?: () => Date;
  graphs?: GraphProvider;
  work?: HeavyWork;
}) {
  const { database } = deps;
  const now = deps.now ?? (() => new Date());
  const graphs = deps.graphs ?? createGraphProvider({ database });
  const work = deps.work ?? createHeavyWork({ threads: 0 });
  // The objectives gap is the analysis service's, cached per catalog state in the shared graph provider.
  const analysis = createAnalysisService({ database, graphs, work });
  const local: WorkContext = { user: 'local' };
  /** Report answers by catalog state, audit verdict, date and framework, least recently used first. */
  const reports = new Map<string, string>();
  // The audit chain as GET /api/v1/audit/verify checks it; walked in full at most every few minutes (audit-state.ts).
  const audits = createAuditStateCache({ database, now });

  const today = () => now().toISOString().slice(0, 10);

  /** Every frozen version and review step of the kinds approved through versions, by document id. */
  async function versionsAndEvents(): Promise<{
    versions: Map<string, FrozenVersion[]>;
    reviewEvents: Map<string, ReviewEvent[]>;
  }> {
    const versions = new Map<string, FrozenVersion[]>();
    const reviewEvents = new Map<string, ReviewEvent[]>();
    for (const kind of KIND_NAMES.filter(hasApproval)) {
      const repository = createVersionRepository(database.db, kind);
      // Rows come ordered by document and number: each list is oldest first.
      for (const row of await repository.all()) {
        const list = versions.get(row.document_id) ?? [];
        list.push(frozenVersionOf(row));
        versions.set(row.document_id, list);
      }
      for (const row of await repository.events()) {
        const list = reviewEvents.get(row.document_id) ?? [];
        list.push(reviewEventOf(row));
        reviewEvents.set(row.document_id, list);
      }
    }
    return { versions, reviewEvents };
  }

  async function inputWith(at: string, audit: AuditState, context: WorkContext): Promise<ComplianceInput> {
    const view = await graphs.catalog();
    const [documents, { versions, reviewEvents }, objectivesGap] = await Promise.all([
      clientViews(database, view.documents),
      versionsAndEvents(),
      analysis.objectivesAnswer(context).then((json) => JSON.parse(json) as ObjectivesGap),
    ]);
    return { at, documents, source: 'database', versions, reviewEvents, objectivesGap, audit };
  }

  /** The report of `at` (default today) for one framework or all, as its JSON answer. */
  async function reportAnswer(
    options: { at?: string | undefined; framework?: string | undefined } = {},
    context: WorkContext = local,
  ): Promise<string> {
    const at = checkDate('at', options.at ?? today());
    checkFramework(options.framework);
    const audit = await audits.current();
    const state = audit.head ? `${audit.head.sequence}:${audit.head.hash}` : '0';
    const verdict = audit.valid ? 'valid' : `broken@${audit.firstBroken?.sequence}`;
    const key = `${state}|${verdict}|${at}|${options.framework ?? '*'}`;
    const cached = reports.get(key);
    if (cached !== undefined) {
      // Least recently used first: a hit moves to the end.
      reports.delete(key);
      reports.set(key, cached);
      return cached;
    }
    // Only an answer is kept, as the analyses' memo does: work a closed request cancelled leaves nothing, and
    // another request waiting on it would have been cancelled with it.
    const input = await inputWith(at, audit, context);
    const answer = await work.compliance(complianceTaskInput(input), options.framework, context);
    reports.set(key, answer);
    if (reports.size > CACHED_REPORTS) reports.delete(reports.keys().next().value!);
    return answer;
  }

  return {
    reportAnswer,

    /** The report of `at` (default today) for one framework or all. */
    async report(
      options: { at?: string | undefined; framework?: string | undefined } = {},
      context: WorkContext = local,
    ): Promise<ComplianceReport> {
      return JSON.parse(await reportAnswer(options, context)) as ComplianceReport;
    },

    /** What the checks read at `at` (YYYY-MM-DD): the stored catalog, its versions and the audit chain's state. */
    async input(at: string, context: WorkContext = local): Promise<ComplianceInput> {
      return inputWith(checkDate('at', at), await audits.current(), context);
    },

    /** The snapshots from `from` to `to` (both included; default the last 365 days up to today), oldest first. */
    async trend(
      options: { from?: string | undefined; to?: string | undefined } = {},
    ): Promise<ComplianceSnapshot[]> {
      const to = checkDate('to', options.to ?? today());
      const from = checkDate('from', options.from ?? addDays(to, 1 - TREND_DAYS));
      if (from > to)
        throw new CatalogError('invalid', `from ${from} is after to ${to}: give a period forwards`);
      const rows = await createComplianceSnapshotRepository(database.db).between(from, to);
      return rows.map((row) => ({
        date: row.date,
        score: row.score,
        checks: JSON.parse(row.checks) as ComplianceSnapshot['checks'],
      }));
    },

    /**
     * Evaluates the report of the day of `at` (every framework) and keeps its snapshot, replacing one taken
     * earlier that day: running it twice a day leaves one row, of the later state.
     */
    async snapshot(at: Date): Promise<ComplianceSnapshot> {
      const snapshot = snapshotOf(
        JSON.parse(await reportAnswer({ at: at.toISOString().slice(0, 10) })) as ComplianceReport,
      );
      await database.writeTransaction((trx) =>
        createComplianceSnapshotRepository(trx).upsert({
          date: snapshot.date,
          score: snapshot.score,
          checks: JSON.stringify(snapshot.checks),
          created_at: at.toISOString(),
        }),
      );
      return snapshot;
    },
  };
}

/** The compliance service's interface (the compliance routes, the evidence pack and the management review). */
export type ComplianceService = ReturnType<typeof createComplianceService>;
