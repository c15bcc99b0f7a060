/**
 * Model calibration that can be applied (docs/exercises.md, "Calibration"): the catalog durations a done
 * exercise measured. A node's own duration is the time from when its work could start (the last of its down
 * dependencies back) to when it was back; a plan step's is from its start to its finish. Pure: it proposes the
 * changes, the server writes the ones a manager chooses.
 */
import { parseDuration } from '../catalog/duration.ts';
import type { ExerciseSpec } from '../catalog/kinds/exercise.kind.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { PLAN_PHASES } from '../catalog/kinds.schema.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { computeDownSet } from '../engine/index.ts';
import type { EngineGraph } from '../engine/index.ts';
import { exerciseFail } from './analysis.ts';

/** A node's own duration, as the catalog has it and as the exercise measured it. */
export interface NodeCalibration {
  id: string;
  /** `recovery` for a node the scenario failed, `restart` for one that went down through its dependencies. */
  field: 'recovery' | 'restart';
  /** The catalog's value; null when it gives none. */
  currentMinutes: number | null;
  measuredMinutes: number;
}

/** A plan step's duration, as the plan has it and as the exercise measured it. */
export interface StepCalibration {
  plan: string;
  step: string;
  currentMinutes: number | null;
  measuredMinutes: number;
}

/** `GET /api/v1/exercises/:id/calibration`: the durations that differ from what was measured. */
export interface CalibrationProposal {
  exercise: string;
  /** The most optimistic (measured / current largest) first. */
  nodes: NodeCalibration[];
  /** The most optimistic first. */
  steps: StepCalibration[];
}

/** What applying a proposal wrote: the changes chosen, and each document changed with its new version. */
export interface AppliedCalibration {
  exercise: string;
  nodes: NodeCalibration[];
  steps: StepCalibration[];
  documents: { kind: string; id: string; version: number }[];
}

/** What the proposal reads: the engine graph of the catalog, its documents by id, and the exercise. */
export interface CalibrationInput {
  graph: EngineGraph;
  documents: ReadonlyMap<string, CatalogDocument>;
  exercise: { id: string; spec: ExerciseSpec };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** measured / current: infinite when the catalog gives nothing (or zero) and something was measured. */
function optimism(row: { currentMinutes: number | null; measuredMinutes: number }): number {
  const current = row.currentMinutes ?? 0;
  if (current === 0) return row.measuredMinutes === 0 ? 1 : Number.POSITIVE_INFINITY;
  return row.measuredMinutes / current;
}

/** Whole minutes from one instant to another. */
function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** A duration field of a document in minutes; null when absent. */
function durationOf(document: CatalogDocument | undefined, field: 'recovery' | 'restart'): number | null {
  const value = (document?.spec as { recovery?: string; restart?: string } | undefined)?.[field];
  return value === undefined ? null : (parseDuration(value) ?? null);
}

/** The plans of the exercise, by id (those the catalog holds). */
function plansOf(input: CalibrationInput): Map<string, PlanSpec> {
  const plans = new Map<string, PlanSpec>();
  for (const id of input.exercise.spec.plans) {
    const document = input.documents.get(id);
    if (document?.kind === 'Plan') plans.set(id, document.spec);
  }
  return plans;
}

/** The node calibrations: see the module's comment and docs/exercises.md. */
function nodeCalibrations(input: CalibrationInput, plans: ReadonlyMap<string, PlanSpec>): NodeCalibration[] {
  const { graph, exercise } = input;
  const { spec } = exercise;
  if (spec.started === undefined) return [];
  const started = spec.started;

  // a(v): the first recorded `restored` of each node, in minutes from the exercise's start.
  const achieved = new Map<string, number>();
  for (const entry of spec.results?.restored ?? []) {
    const minutes = minutesBetween(started, entry.at);
    const before = achieved.get(entry.id);
    achieved.set(entry.id, before === undefined ? minutes : Math.min(before, minutes));
  }
  // A node a plan step restores is measured by that step's duration, not its own; the step's recorded finish
  // (when done) is when that node was back, unless a `restored` entry says otherwise.
  const byStep = new Set<string>();
  const finished = new Map<string, number>();
  for (const [planId, plan] of plans)
    for (const phase of PLAN_PHASES)
      for (const step of plan.phases?.[phase] ?? []) {
        for (const id of step.restores ?? []) byStep.add(id);
        const recorded = spec.results?.steps?.find((s) => s.plan === planId && s.step === step.id);
        if (recorded?.outcome !== 'done' || recorded.finished === undefined) continue;
        const minutes = minutesBetween(started, recorded.finished);
        for (const id of step.restores ?? [])
          finished.set(id, Math.min(finished.get(id) ?? Number.POSITIVE_INFINITY, minutes));
      }
  const backAt = (id: string) => achieved.get(id) ?? finished.get(id);

  const fail = exerciseFail(spec, plans).flatMap((id) => graph.index.get(id) ?? []);
  const downSet = computeDownSet(graph, fail);
  const isDown = (id: string) => {
    const v = graph.index.get(id);
    return v !== undefined && downSet.down[v] === 1;
  };
  const isFailed = (id: string) => {
    const v = graph.index.get(id);
    return v !== undefined && downSet.isFailed[v] === 1;
  };
  /** When a member of a group counts as up: from the start when up and active, else when recorded back. */
  const memberUp = (id: string): number | undefined => {
    const v = graph.index.get(id);
    const standby = v !== undefined && (graph.activation[v] ?? 0) > 0;
    if (!isDown(id) && !standby) return 0;
    return backAt(id);
  };

  const rows: NodeCalibration[] = [];
  for (const [id, at] of achieved) {
    if (byStep.has(id) || !isDown(id)) continue;
    const document = input.documents.get(id);
    const [node] = document ? toEngineNodes([document]) : [];
    if (!node) continue;
    // s(v): the last of its down required dependencies and needed groups back; unknown when one was not recorded.
    let start: number | undefined = 0;
    for (const required of node.requires) {
      if (!isDown(required)) continue;
      const back = backAt(required);
      start = back === undefined ? undefined : Math.max(start, back);
      if (start === undefined) break;
    }
    for (const group of start === undefined ? [] : node.groups) {
      const times = group.of.map(memberUp);
      // A group with k members up from the start was never needed.
      if (times.filter((time) => time === 0).length >= group.k) continue;
      const known = times.filter((time): time is number => time !== undefined).sort((a, b) => a - b);
      const back = known[group.k - 1];
      if (back === undefined) {
        start = undefined;
        break;
      }
      start = Math.max(start!, back);
    }
    if (start === undefined || at < start) continue;
    const field = isFailed(id) ? 'recovery' : 'restart';
    const currentMinutes = durationOf(document, field);
    const measuredMinutes = at - start;
    if (currentMinutes !== measuredMinutes) rows.push({ id, field, currentMinutes, measuredMinutes });
  }
  return rows.sort((a, b) => optimism(b) - optimism(a) || compare(a.id, b.id));
}

/** The step calibrations: each recorded step with a start and a finish whose plan duration differs. */
function stepCalibrations(spec: ExerciseSpec, plans: ReadonlyMap<string, PlanSpec>): StepCalibration[] {
  const rows: StepCalibration[] = [];
  const seen = new Set<string>();
  for (const recorded of spec.results?.steps ?? []) {
    if (recorded.started === undefined || recorded.finished === undefined) continue;
    const key = `${recorded.plan}\u0000${recorded.step}`;
    if (seen.has(key)) continue;
    const plan = plans.get(recorded.plan);
    const step = PLAN_PHASES.flatMap((phase) => plan?.phases?.[phase] ?? []).find(
      (candidate) => candidate.id === recorded.step,
    );
    if (!step) continue;
    seen.add(key);
    const currentMinutes = step.duration === undefined ? null : (parseDuration(step.duration) ?? null);
    const measuredMinutes = minutesBetween(recorded.started, recorded.finished);
    if (currentMinutes !== measuredMinutes)
      rows.push({ plan: recorded.plan, step: recorded.step, currentMinutes, measuredMinutes });
  }
  return rows.sort((a, b) => optimism(b) - optimism(a) || compare(a.plan, b.plan) || compare(a.step, b.step));
}

/**
 * The catalog durations a done exercise measured, where they differ from the catalog's (or it has none). An
 * exercise that is not done proposes nothing.
 */
export function calibrationProposal(input: CalibrationInput): CalibrationProposal {
  const { exercise } = input;
  if (exercise.spec.status !== 'done') return { exercise: exercise.id, nodes: [], steps: [] };
  const plans = plansOf(input);
  return {
    exercise: exercise.id,
    nodes: nodeCalibrations(input, plans),
    steps: stepCalibrations(exercise.spec, plans),
  };
}
