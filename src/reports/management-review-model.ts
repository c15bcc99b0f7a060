/**
 * The management review report (ISO 22301 clause 9.3: the inputs top management reviews): readiness and its trend
 * over the period, what changed (checks whose status changed, documents created and updated), the exercises and
 * their results, the incidents, the open and overdue actions, the top risks by annual loss expectancy, supplier
 * concentration, and the decisions needed, one line each. One model that the PDF and the HTML render alike. Pure:
 * the compliance report, the stored snapshots, the risk and supplier analyses and the time it was generated come in.
 */
import { catalogPolicy } from '../bia/current.ts';
import type { CatalogDocument, Kind } from '../catalog/kinds.ts';
import { CHECKS_BY_ID } from '../compliance/registry.ts';
import type { CheckId, CheckResult, ComplianceReport } from '../compliance/types.ts';
import type { EngineGraph } from '../engine/index.ts';
import { collectActions } from '../plans/actions.ts';
import { reminderContext } from '../reminders/context.ts';
import { planReviewSource } from '../reminders/sources/plan-review.ts';
import type { RiskAnalysis } from '../risk/analysis.ts';
import { acceptanceCurrent, riskScores } from '../risk/scoring.ts';
import type { SupplierAnalysis } from '../suppliers/concentration.ts';
import {
  count,
  inPeriod,
  moneyText,
  packHeader,
  percentText,
  periodExercises,
  periodIncidents,
  trendChart,
} from './compliance-period.ts';
import type { PackHeader, PeriodExercise, PeriodIncident, TrendChart } from './compliance-period.ts';
import { documentName } from './pack-model.ts';

/** A daily compliance snapshot as the trend stores it. */
export interface TrendSnapshot {
  /** YYYY-MM-DD. */
  date: string;
  score: number | null;
  checks: readonly { id: string; status: CheckResult['status']; passed: number; failed: number }[];
}

/** One risk among the top ones. */
export interface ReviewRisk {
  id: string;
  name: string;
  /** Annual loss expectancy (the Monte Carlo mean), or `-` when the risk is not quantified. */
  ale: string;
  /** The 90th percentile of the annual loss. */
  p90: string;
  /** The score the organisation carries (residual when assessed, else inherent). */
  score: number;
  aboveAppetite: boolean;
  treatment: string;
}

/** One supplier in the concentration table. */
export interface ReviewSupplier {
  id: string;
  name: string;
  score: string;
  servicesDown: string;
  criticalShare: string;
  substitutability: string;
  exitPlan: string;
}

/** Everything a management review prints, already resolved. */
export interface ManagementReviewModel {
  header: PackHeader;
  readiness: {
    /** The score at the period's end. */
    score: string;
    /** One sentence: from what to what over the period, or why there is no trend. */
    change: string;
    /** Every snapshot of the period, oldest first (the chart). */
    points: { date: string; score: number | null }[];
    /** The same, laid out for the chart. */
    chart: TrendChart;
    /** The last snapshot of each month (the table). */
    monthly: { date: string; score: string }[];
  };
  /** Checks whose status differs between the period's first and last snapshot. */
  checkChanges: { id: string; title: string; from: string; to: string }[];
  /** Documents created and updated in the period, by kind. */
  documentChanges: { kind: string; created: number; updated: number }[];
  /** Why there are no document dates (catalog files carry none). */
  documentNote: string;
  exercises: PeriodExercise[];
  incidents: PeriodIncident[];
  actions: {
    open: number;
    overdue: number;
    rows: { title: string; source: string; document: string; owner: string; due: string; overdue: boolean }[];
  };
  risks: { basis: string; appetite: number; rows: ReviewRisk[] };
  suppliers: { rows: ReviewSupplier[]; fourthParties: string[]; note: string };
  /** One line each: what management has to decide or see done. */
  decisions: string[];
}

/** What the management review is built from. */
export interface ManagementReviewInput {
  /** The compliance report at the period's end (every framework). */
  report: ComplianceReport;
  /** The stored daily snapshots; those outside the period are left out here. */
  trend: readonly TrendSnapshot[];
  documents: readonly CatalogDocument[];
  from: string;
  to: string;
  generatedAt: Date;
  /** The risk register's analysis (its Monte Carlo gives the ALE); without it, risks rank by score. */
  risks?: RiskAnalysis | null;
  /** The supplier concentration analysis; without it, the section says so. */
  suppliers?: SupplierAnalysis | null;
  /** The catalog's engine graph when the caller has it; built from the documents otherwise. */
  graph?: EngineGraph;
}

/** How many risks and suppliers the report lists. */
export const TOP_RISKS = 10;
export const TOP_SUPPLIERS = 8;

const POINTS = (share: number): number => Math.round(share * 100);

/** The readiness section from the snapshots in the period. */
function readiness(input: ManagementReviewInput, points: readonly TrendSnapshot[]): ManagementReviewModel['readiness'] {
  const scored = points.filter((point) => point.score !== null);
  const first = scored[0];
  const last = scored.at(-1);
  let change: string;
  if (first === undefined || last === undefined)
    change = `No daily snapshot with a score between ${input.from} and ${input.to}: the trend starts with the first.`;
  else if (first === last) change = `One snapshot in the period: ${percentText(first.score)} on ${first.date}.`;
  else {
    const delta = POINTS(last.score!) - POINTS(first.score!);
    change =
      `From ${percentText(first.score)} on ${first.date} to ${percentText(last.score)} on ${last.date} ` +
      `(${delta > 0 ? `up ${delta}` : delta < 0 ? `down ${-delta}` : 'no change in'} points).`;
  }
  const monthly = new Map<string, TrendSnapshot>();
  for (const point of points) monthly.set(point.date.slice(0, 7), point);
  return {
    score: percentText(input.report.score),
    change,
    points: points.map((point) => ({ date: point.date, score: point.score })),
    chart: trendChart(points, { from: input.from, to: input.to }),
    monthly: [...monthly.values()].map((point) => ({ date: point.date, score: percentText(point.score) })),
  };
}

/** A check's title from the report, else from the registry. */
function checkTitle(report: ComplianceReport, id: string): string {
  return report.checks.find((check) => check.id === id)?.title ?? CHECKS_BY_ID.get(id as CheckId)?.title ?? id;
}

/** Builds the management review's model. */
export function managementReviewModel(input: ManagementReviewInput): ManagementReviewModel {
  const { documents, report } = input;
  const period = { from: input.from, to: input.to };
  const byId = new Map(documents.map((document) => [document.metadata.id, document]));
  const nameOf = (id: string) => documentName(byId, id);
  const policy = catalogPolicy(documents);
  const currency = policy.organisation.currency;

  const points = input.trend
    .filter((snapshot) => inPeriod(snapshot.date, period))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const firstSnapshot = points[0];
  const lastSnapshot = points.at(-1);
  const checkChanges: ManagementReviewModel['checkChanges'] = [];
  if (firstSnapshot && lastSnapshot && firstSnapshot !== lastSnapshot) {
    const before = new Map(firstSnapshot.checks.map((check) => [check.id, check]));
    const after = new Map(lastSnapshot.checks.map((check) => [check.id, check]));
    for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const from = before.get(id);
      const to = after.get(id);
      if (from?.status === to?.status) continue;
      checkChanges.push({
        id,
        title: checkTitle(report, id),
        from: from ? `${from.status} on ${firstSnapshot.date}` : 'not checked',
        to: to ? `${to.status} on ${lastSnapshot.date} (${to.passed} passing, ${to.failed} failing)` : 'not checked',
      });
    }
  }

  const changes = new Map<string, { created: number; updated: number }>();
  let dated = false;
  for (const document of documents) {
    const { createdAt, updatedAt } = document.metadata;
    if (createdAt !== undefined || updatedAt !== undefined) dated = true;
    const created = inPeriod(createdAt, period);
    const updated = !created && inPeriod(updatedAt, period);
    if (!created && !updated) continue;
    const entry = changes.get(document.kind) ?? { created: 0, updated: 0 };
    if (created) entry.created += 1;
    else entry.updated += 1;
    changes.set(document.kind, entry);
  }

  const context = reminderContext(documents, policy, input.to);
  const of = <K extends Kind>(kind: K) => context.ofKind(kind);
  const open = collectActions(
    {
      incidents: of('Incident').map((d) => ({ id: d.metadata.id, spec: d.spec })),
      risks: of('Risk').map((d) => ({ id: d.metadata.id, name: d.metadata.name, spec: d.spec })),
      exercises: of('Exercise').map((d) => ({ id: d.metadata.id, spec: d.spec })),
    },
    input.to,
    { status: 'open' },
  );
  const overdueActions = open.filter((action) => action.overdue);

  // The risks: by ALE when the Monte Carlo analysis came in, else by the score carried.
  const riskDocs = of('Risk');
  const rows = riskDocs.map((risk): ReviewRisk & { aleValue: number | null } => {
    const analysed = input.risks?.risks.find((row) => row.id === risk.metadata.id);
    const scores = riskScores(risk.spec, policy.risk.appetite);
    return {
      id: risk.metadata.id,
      name: nameOf(risk.metadata.id),
      ale: moneyText(analysed?.ale, currency),
      p90: moneyText(analysed?.p90, currency),
      aleValue: analysed?.ale ?? null,
      score: scores.currentScore,
      aboveAppetite: analysed?.aboveAppetite ?? scores.aboveAppetite,
      treatment: risk.spec.treatment?.decision ?? 'none',
    };
  });
  rows.sort(
    (a, b) =>
      (b.aleValue ?? -1) - (a.aleValue ?? -1) || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  const supplierRows = (input.suppliers?.suppliers ?? []).slice(0, TOP_SUPPLIERS).map(
    (supplier): ReviewSupplier => ({
      id: supplier.id,
      name: supplier.name,
      score: supplier.score.toFixed(1),
      servicesDown:
        supplier.servicesDown.length === 0
          ? '-'
          : supplier.servicesDown.map((service) => `${nameOf(service.id)} (tier ${service.tier})`).join(', '),
      criticalShare: percentText(supplier.criticalShare),
      substitutability: supplier.substitutability
        ? `${supplier.substitutability.level}${supplier.substitutability.reason ? `: ${supplier.substitutability.reason}` : ''}`
        : 'not assessed',
      exitPlan:
        supplier.exitPlan === null
          ? 'none'
          : `${nameOf(supplier.exitPlan.plan)}, ${supplier.exitPlan.lastTested ? `tested ${supplier.exitPlan.lastTested}` : 'never tested'}${supplier.exitPlan.overdue ? ' (test overdue)' : ''}`,
    }),
  );

  // Decisions: failing high-severity checks, untreated risks above appetite, overdue actions, plans due for review.
  const decisions: string[] = [];
  for (const check of report.checks)
    if (check.status === 'fail' && check.severity === 'high') {
      const failing = check.items.filter((item) => item.status === 'fail').map((item) => item.id);
      decisions.push(
        `Fix ${check.id} ${check.title} (high severity): ${count(check.failed, 'item')} failing${failing.length > 0 ? ` (${failing.slice(0, 5).join(', ')}${failing.length > 5 ? ', ...' : ''})` : ''}.`,
      );
    }
  for (const risk of riskDocs) {
    const row = rows.find((r) => r.id === risk.metadata.id)!;
    if (!row.aboveAppetite) continue;
    const { treatment } = risk.spec;
    if (treatment === undefined)
      decisions.push(
        `Decide the treatment of the risk "${row.name}": its score ${row.score} is above the appetite ${policy.risk.appetite} and it has none.`,
      );
    else if (treatment.decision === 'accept' && !acceptanceCurrent(risk.spec, input.to))
      decisions.push(
        `Renew or change the acceptance of the risk "${row.name}" (score ${row.score}, above the appetite ${policy.risk.appetite}): ${risk.spec.acceptance ? `it ended on ${risk.spec.acceptance.until}` : 'no one has accepted it'}.`,
      );
  }
  for (const action of overdueActions)
    decisions.push(
      `See to the overdue action "${action.title}" (${action.documentTitle}), due ${action.due}, owner ${nameOf(action.owner)}.`,
    );
  const reviews = planReviewSource.items(context);
  for (const review of reviews)
    decisions.push(
      `Review the plan "${review.subject}": ${review.due === null ? 'never reviewed, or a document in its scope changed' : `due since ${review.due}`}.`,
    );

  return {
    header: packHeader({
      documents,
      title: 'Management review',
      framework: 'ISO 22301:2019 clause 9.3',
      period,
      generatedAt: input.generatedAt,
    }),
    readiness: readiness(input, points),
    checkChanges,
    documentChanges: [...changes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([kind, entry]) => ({ kind, ...entry })),
    documentNote: dated
      ? ''
      : 'The documents carry no creation or update dates (catalog files): changes are in the repository history.',
    exercises: periodExercises(documents, period, input.graph ?? context.graph()),
    incidents: periodIncidents(documents, period),
    actions: {
      open: open.length,
      overdue: overdueActions.length,
      rows: open.map((action) => ({
        title: action.title,
        source: action.source,
        document: action.documentTitle,
        owner: nameOf(action.owner),
        due: action.due,
        overdue: action.overdue,
      })),
    },
    risks: {
      basis: input.risks
        ? `By annual loss expectancy (Monte Carlo, ${input.risks.runs.toLocaleString('en-GB')} simulated years per risk), then by score.`
        : 'By score (no quantified analysis was available).',
      appetite: policy.risk.appetite,
      rows: rows.slice(0, TOP_RISKS).map(({ aleValue: _, ...row }) => row),
    },
    suppliers: {
      rows: supplierRows,
      fourthParties: (input.suppliers?.fourthParties ?? []).map(
        (entry) => `${nameOf(entry.id)}: shared by ${entry.suppliers.map(nameOf).join(', ')}`,
      ),
      note: input.suppliers ? '' : 'No supplier analysis was available.',
    },
    decisions,
  };
}
