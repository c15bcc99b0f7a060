/**
 * The exercise report (ISO 22301 clause 8.5.5, NIST SP 800-84 section 6: the after-action report): scope,
 * participants, the recorded timeline, achieved against predicted against target per service, where the catalog's
 * durations were wrong, findings and lessons. One model, resolved to names and texts, that the PDF and the HTML
 * render alike; built from the catalog and the exercise analysis (src/exercises/analysis.ts). Pure: the caller
 * passes the time it was generated.
 */
import { contentChecksum } from '../catalog/versions.ts';
import type { ExerciseSpec } from '../catalog/kinds/exercise.kind.ts';
import type { CatalogDocument, DocumentOf } from '../catalog/kinds.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { PLAN_PHASES } from '../catalog/kinds.schema.ts';
import type { EngineGraph } from '../engine/index.ts';
import { analyzeExercise, exerciseFail } from '../exercises/analysis.ts';
import { serviceChart } from './exercise-report-chart.ts';
import type { ServiceChart } from './exercise-report-chart.ts';
import { documentName, minutesText } from './pack-model.ts';

/** A plan's approval as the caller knows it (the server's frozen versions); absent, the document's status. */
export interface PlanApproval {
  status: string;
  version: number | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

/** One line of the recorded timeline: a step as carried out, or something back. */
export interface TimelineEntry {
  kind: 'step' | 'restored';
  /** The step's start, or when the node was back; null for a step recorded without times. */
  at: string | null;
  /** `at` as read in the report: `07:20` on the exercise's day, else `2026-10-18 07:20` (UTC). */
  time: string;
  /** Since the exercise started: `+1h05m`; `-` without times. */
  offset: string;
  /** The step's title, or `<name> back`. */
  what: string;
  plan: string;
  started: string;
  finished: string;
  duration: string;
  /** A step's outcome, `restored` for a node back. */
  outcome: string;
  notes: string;
}

/** One service in scope: its target, the model's two predictions, what was achieved, and the data lost. */
export interface ReportService {
  id: string;
  name: string;
  tier: number | null;
  target: string;
  predicted: string;
  graph: string;
  achieved: string;
  /** `met`, `MISSED`, or `-` without both times. */
  verdict: string;
  dataLoss: string;
  rpo: string;
  dataLossVerdict: string;
}

/** Everything an exercise report prints, already resolved. */
export interface ExerciseReportModel {
  id: string;
  title: string;
  type: string;
  status: ExerciseSpec['status'];
  /** Why there are no results, for an exercise that is not done; null once it is. */
  notRun: string | null;
  scheduled: string;
  started: string | null;
  finished: string | null;
  /** From start to finish: `8h30m`, or `-`. */
  duration: string;
  scenario: { fail: { id: string; name: string }[]; source: string };
  plans: ({ id: string; name: string } & PlanApproval)[];
  objectives: string;
  facilitator: { id: string; name: string } | null;
  participants: { id: string; name: string; kind: string; role: string }[];
  timeline: TimelineEntry[];
  services: ReportService[];
  chart: ServiceChart;
  /** Most optimistic first: predicted / achieved below 1 means the catalog promised more than was done. */
  calibration: { id: string; name: string; predicted: string; achieved: string; ratio: string; reading: string }[];
  findings: {
    id: string;
    title: string;
    severity: string;
    owner: string;
    due: string;
    status: string;
    description: string;
  }[];
  summary: string;
  lessons: string[];
  generatedAt: string;
  /** What the report was made from: the exercise record's version (the server's) and its SHA-256. */
  source: { version: number | null; checksum: string };
}

/** An instant as the report prints it, in UTC: the time alone on the exercise's day. */
function instantText(instant: string | undefined, day: string | undefined): string {
  if (instant === undefined) return '-';
  const iso = new Date(instant).toISOString();
  const time = iso.slice(11, 16);
  return iso.slice(0, 10) === day ? time : `${iso.slice(0, 10)} ${time}`;
}

const minutesFrom = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/** A verdict cell: met, MISSED or a dash. */
const verdictText = (met: boolean | null): string => (met === null ? '-' : met ? 'met' : 'MISSED');

const NOT_RUN: Record<ExerciseSpec['status'], (spec: ExerciseSpec) => string | null> = {
  planned: (spec) => `Not yet run: scheduled for ${spec.scheduled}. No results are recorded.`,
  running: (spec) =>
    `Running since ${spec.started ?? spec.scheduled}: results so far are recorded below; nothing counts as achieved until it is done.`,
  cancelled: () => 'Cancelled: the exercise was not run to its end, and no result counts.',
  done: () => null,
};

/** Builds the report of one exercise from the catalog (documents by id) and its engine graph. */
export function buildExerciseReportModel(input: {
  exercise: DocumentOf<'Exercise'>;
  documents: ReadonlyMap<string, CatalogDocument>;
  graph: EngineGraph;
  /** Plan approvals the caller knows (by plan id); otherwise the plan document's own status. */
  approvals?: ReadonlyMap<string, PlanApproval>;
  generatedAt: Date;
}): ExerciseReportModel {
  const { exercise, documents } = input;
  const { spec } = exercise;
  const nameOf = (id: string): string => documentName(documents, id);
  const planSpecs = new Map<string, PlanSpec>();
  for (const id of spec.plans) {
    const plan = documents.get(id);
    if (plan?.kind === 'Plan') planSpecs.set(id, plan.spec);
  }
  const analysis = analyzeExercise(input.graph, { id: exercise.metadata.id, spec }, planSpecs);
  const day = spec.started?.slice(0, 10);

  const plans = spec.plans.map((id) => {
    const plan = documents.get(id);
    const status = plan?.kind === 'Plan' ? (plan.spec.status ?? 'draft') : 'not in the catalog';
    const approval = input.approvals?.get(id) ?? {
      status,
      version: null,
      approvedBy: null,
      approvedAt: null,
    };
    return { id, name: nameOf(id), ...approval };
  });

  const stepTitles = new Map<string, string>();
  for (const [planId, plan] of planSpecs)
    for (const phase of PLAN_PHASES)
      for (const step of plan.phases?.[phase] ?? []) stepTitles.set(`${planId}/${step.id}`, step.title);
  const offset = (at: string | undefined) =>
    at === undefined || spec.started === undefined ? '-' : `+${minutesText(Math.max(0, minutesFrom(spec.started, at)))}`;
  const steps = (spec.results?.steps ?? []).map((step): TimelineEntry => {
    const at = step.started ?? step.finished;
    return {
      kind: 'step',
      at: at ?? null,
      time: instantText(at, day),
      offset: offset(at),
      what: stepTitles.get(`${step.plan}/${step.step}`) ?? step.step,
      plan: nameOf(step.plan),
      started: instantText(step.started, day),
      finished: instantText(step.finished, day),
      duration:
        step.started && step.finished ? minutesText(minutesFrom(step.started, step.finished)) : '-',
      // A step being carried out has no outcome yet.
      outcome: step.outcome ?? (step.started ? 'in progress' : '-'),
      notes: step.notes ?? '',
    };
  });
  const restored = (spec.results?.restored ?? []).map(
    (entry): TimelineEntry => ({
      kind: 'restored',
      at: entry.at,
      time: instantText(entry.at, day),
      offset: offset(entry.at),
      what: `${nameOf(entry.id)} back`,
      plan: '',
      started: '-',
      finished: instantText(entry.at, day),
      duration: offset(entry.at) === '-' ? '-' : offset(entry.at).slice(1),
      outcome: 'restored',
      notes: '',
    }),
  );
  // In time order; among entries of the same minute, steps first; steps recorded without times last, as recorded.
  const timeline = [...steps, ...restored]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      if (a.entry.at === null || b.entry.at === null)
        return (a.entry.at === null ? 1 : 0) - (b.entry.at === null ? 1 : 0) || a.index - b.index;
      return Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index;
    })
    .map(({ entry }) => entry);

  const services = analysis.services.map((row): ReportService => {
    const document = documents.get(row.id);
    return {
      id: row.id,
      name: nameOf(row.id),
      tier: document?.kind === 'Service' ? document.spec.tier : null,
      target: minutesText(row.targetMinutes),
      predicted: row.predictedMinutes === null ? 'stays up' : minutesText(row.predictedMinutes),
      graph: row.graphMinutes === null ? 'stays up' : minutesText(row.graphMinutes),
      achieved:
        row.achievedMinutes === null ? (spec.status === 'done' ? 'not restored' : '-') : minutesText(row.achievedMinutes),
      verdict: verdictText(row.met),
      dataLoss: minutesText(row.dataLossMinutes),
      rpo: minutesText(row.rpoMinutes),
      dataLossVerdict: verdictText(row.dataLossMet),
    };
  });

  const failed = spec.scenario?.fail ?? exerciseFail(spec, planSpecs);
  return {
    id: exercise.metadata.id,
    title: spec.title,
    type: spec.type,
    status: spec.status,
    notRun: NOT_RUN[spec.status](spec),
    scheduled: spec.scheduled,
    started: spec.started ?? null,
    finished: spec.finished ?? null,
    duration: spec.started && spec.finished ? minutesText(minutesFrom(spec.started, spec.finished)) : '-',
    scenario: {
      fail: failed.map((id) => ({ id, name: nameOf(id) })),
      source: spec.scenario ? 'the exercise' : `the scenario of ${nameOf(spec.plans[0]!)}`,
    },
    plans,
    objectives: spec.objectives ?? '',
    facilitator: spec.facilitator ? { id: spec.facilitator, name: nameOf(spec.facilitator) } : null,
    participants: (spec.participants ?? []).map((participant) => ({
      id: participant.id,
      name: nameOf(participant.id),
      kind: documents.get(participant.id)?.kind ?? '?',
      role: participant.role ?? '-',
    })),
    timeline,
    services,
    chart: serviceChart(
      analysis.services.map((row) => ({
        id: row.id,
        name: nameOf(row.id),
        targetMinutes: row.targetMinutes,
        predictedMinutes: row.predictedMinutes,
        achievedMinutes: row.achievedMinutes,
        met: row.met,
      })),
      spec.status === 'done' ? 'not restored' : '-',
    ),
    calibration: analysis.calibration.map((entry) => ({
      id: entry.id,
      name: nameOf(entry.id),
      predicted: minutesText(entry.predictedMinutes),
      achieved: minutesText(entry.achievedMinutes),
      ratio: entry.ratio.toFixed(2),
      reading:
        entry.ratio < 1
          ? 'optimistic: took longer than the catalog says'
          : entry.ratio > 1
            ? 'pessimistic: back sooner than the catalog says'
            : 'as predicted',
    })),
    findings: (spec.findings ?? []).map((finding) => ({
      id: finding.id,
      title: finding.title,
      severity: finding.severity,
      owner: finding.owner === undefined ? '-' : nameOf(finding.owner),
      due: finding.due ?? '-',
      status: finding.status,
      description: finding.description ?? '',
    })),
    summary: spec.summary ?? '',
    lessons: spec.lessons ?? [],
    generatedAt: input.generatedAt.toISOString(),
    source: { version: exercise.metadata.version ?? null, checksum: contentChecksum(exercise) },
  };
}
