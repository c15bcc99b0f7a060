/**
 * What the auditor's evidence pack and the management review report both print about a period: the header every
 * page repeats (organisation, framework, period, when generated), the exercises and incidents of the period, and
 * the small formatting rules they share. Pure: the documents, the period and the generation time come in.
 */
import { catalogPolicy } from '../bia/current.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import type { CatalogDocument, DocumentOf } from '../catalog/kinds.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { buildGraph } from '../engine/index.ts';
import type { EngineGraph } from '../engine/index.ts';
import { analyzeExercise, exerciseDate } from '../exercises/analysis.ts';
import { documentName, minutesText } from './pack-model.ts';

/** A period of days, both ends included (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

/** What the top of every page says: whose report, on what, over which period, generated when. */
export interface PackHeader {
  /** The organisation's name (the Policy's `organisation.name`, `Organisation` without one). */
  organisation: string;
  /** `Evidence pack` or `Management review`. */
  title: string;
  /** What it is measured against: `ISO 22301:2019`, `ISO 22301:2019 clause 9.3`. */
  framework: string;
  from: string;
  to: string;
  /** An instant (ISO 8601, UTC). */
  generatedAt: string;
  /** The line every page repeats. */
  running: string;
}

/** One exercise of the period as both reports list it. */
export interface PeriodExercise {
  id: string;
  title: string;
  type: string;
  /** The day it ran, or is scheduled for. */
  date: string;
  status: string;
  plans: string;
  /** Met and missed RTOs, findings: one sentence. */
  results: string;
  /** Where its full report is: the API path of its PDF. */
  report: string;
}

/** One incident of the period. */
export interface PeriodIncident {
  id: string;
  title: string;
  started: string;
  resolved: string;
  /** From start to resolution, or `unresolved`. */
  duration: string;
  failed: string;
  rootCause: string;
  lessons: number;
  /** `3 (1 open)`, or `-`. */
  actions: string;
}

/** Whether a date (or the date part of an instant) falls within the period. */
export function inPeriod(date: string | undefined, period: Period): boolean {
  if (date === undefined) return false;
  const day = date.slice(0, 10);
  return period.from <= day && day <= period.to;
}


/** The header of a report over a period. */
export function packHeader(input: {
  documents: readonly CatalogDocument[];
  title: string;
  framework: string;
  period: Period;
  generatedAt: Date;
}): PackHeader {
  const organisation = catalogPolicy(input.documents).organisation.name;
  const generatedAt = input.generatedAt.toISOString();
  const { from, to } = input.period;
  return {
    organisation,
    title: input.title,
    framework: input.framework,
    from,
    to,
    generatedAt,
    running: `${organisation} · ${input.title} · ${input.framework} · ${from} to ${to} · generated ${generatedAt}`,
  };
}

/** A share (0..1) as a whole percentage, or a dash. */
export const percentText = (share: number | null | undefined): string =>
  share === null || share === undefined ? '-' : `${Math.round(share * 100)} %`;

/** The catalog's graph, built when the caller has none at hand. */
export function graphOf(documents: readonly CatalogDocument[], graph?: EngineGraph): EngineGraph {
  return graph ?? buildGraph(toEngineNodes(documents));
}

/** A count and its noun: `1 finding`, `3 findings`. */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The exercises dated within the period (run or scheduled), by date, with a sentence on their results. */
export function periodExercises(
  documents: readonly CatalogDocument[],
  period: Period,
  graph: EngineGraph,
): PeriodExercise[] {
  const byId = new Map(documents.map((document) => [document.metadata.id, document]));
  const plans = new Map<string, PlanSpec>();
  for (const document of documents) if (document.kind === 'Plan') plans.set(document.metadata.id, document.spec);
  return documents
    .filter((d): d is DocumentOf<'Exercise'> => d.kind === 'Exercise' && inPeriod(exerciseDate(d.spec), period))
    .map((exercise) => {
      const { spec } = exercise;
      const id = exercise.metadata.id;
      return {
        id,
        title: spec.title,
        type: spec.type,
        date: exerciseDate(spec),
        status: spec.status,
        plans: spec.plans.map((plan) => documentName(byId, plan)).join(', '),
        results: exerciseResults(graph, exercise, plans, byId),
        report: `/api/v1/exercises/${id}/report`,
      };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
}

/** One sentence on an exercise's results: the RTOs met and missed (by name), and its findings. */
function exerciseResults(
  graph: EngineGraph,
  exercise: DocumentOf<'Exercise'>,
  plans: ReadonlyMap<string, PlanSpec>,
  byId: ReadonlyMap<string, CatalogDocument>,
): string {
  const { spec } = exercise;
  if (spec.status === 'planned') return `Not yet run: scheduled for ${spec.scheduled}.`;
  if (spec.status === 'cancelled') return 'Cancelled: no result counts.';
  const result = analyzeExercise(graph, { id: exercise.metadata.id, spec }, plans);
  const judged = result.services.filter((service) => service.met !== null);
  const missed = judged.filter((service) => service.met === false);
  const findings = spec.findings ?? [];
  const parts = [
    judged.length === 0
      ? 'No restore time recorded against an RTO'
      : missed.length === 0
        ? `All ${count(judged.length, 'service')} back within their RTO`
        : `${judged.length - missed.length} of ${count(judged.length, 'service')} back within their RTO; missed: ${missed
            .map((service) => {
              const name = documentName(byId, service.id);
              return `${name} (${minutesText(service.achievedMinutes)} against ${minutesText(service.targetMinutes)})`;
            })
            .join(', ')}`,
    `${count(findings.length, 'finding')} (${result.openFindings} open)`,
  ];
  return `${spec.status === 'running' ? 'Running: ' : ''}${parts.join('; ')}.`;
}

/** The incidents that started within the period, oldest first. */
export function periodIncidents(documents: readonly CatalogDocument[], period: Period): PeriodIncident[] {
  const byId = new Map(documents.map((document) => [document.metadata.id, document]));
  return documents
    .filter((d): d is DocumentOf<'Incident'> => d.kind === 'Incident' && inPeriod(d.spec.started, period))
    .sort((a, b) => Date.parse(a.spec.started) - Date.parse(b.spec.started))
    .map((incident) => {
      const { spec } = incident;
      const actions = spec.actions ?? [];
      const open = actions.filter((action) => action.status === 'open').length;
      return {
        id: incident.metadata.id,
        title: spec.title,
        started: instantText(spec.started),
        resolved: spec.resolved === undefined ? 'unresolved' : instantText(spec.resolved),
        duration:
          spec.resolved === undefined
            ? 'unresolved'
            : minutesText((Date.parse(spec.resolved) - Date.parse(spec.started)) / 60_000),
        failed: spec.failed.map((id) => documentName(byId, id)).join(', '),
        rootCause: spec.rootCause ?? '-',
        lessons: spec.lessons?.length ?? 0,
        actions: actions.length === 0 ? '-' : `${actions.length} (${open} open)`,
      };
    });
}

/** An instant as the reports print it: `2026-10-17 07:00 UTC`. */
export function instantText(instant: string): string {
  const iso = new Date(instant).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** An amount of money, rounded, with thousands separators and the policy's currency. */
export function moneyText(value: number | null | undefined, currency: string): string {
  return value === null || value === undefined ? '-' : `${currency} ${Math.round(value).toLocaleString('en-GB')}`;
}

/** The readiness trend laid out once for the HTML (SVG) and the PDF: positions in percent of the plot. */
export interface TrendChart {
  /** Each scored snapshot: x from the period's start (0) to its end (100), y the score (0 to 100). */
  points: { x: number; y: number; date: string }[];
  /** The first day of each month in the period (every few months over a long one). */
  months: { x: number; label: string }[];
}

const dayNumber = (date: string): number => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/** Lays out the scored snapshots of a period on a time axis. */
export function trendChart(points: readonly { date: string; score: number | null }[], period: Period): TrendChart {
  const start = dayNumber(period.from);
  const span = Math.max(1, dayNumber(period.to) - start);
  const x = (date: string) => ((dayNumber(date) - start) / span) * 100;
  const months: TrendChart['months'] = [];
  const first = new Date(`${period.from.slice(0, 7)}-01T00:00:00Z`);
  for (const at = first; at.toISOString().slice(0, 10) <= period.to; at.setUTCMonth(at.getUTCMonth() + 1)) {
    const day = at.toISOString().slice(0, 10);
    if (day >= period.from) months.push({ x: x(day), label: day.slice(0, 7) });
  }
  const step = Math.ceil(months.length / 7);
  return {
    points: points.flatMap((point) =>
      point.score === null ? [] : [{ x: x(point.date), y: point.score * 100, date: point.date }],
    ),
    months: months.filter((_, index) => index % step === 0),
  };
}
