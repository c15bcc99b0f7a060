/**
 * Exercises and training, analysed (ISO 22301 clause 8.5, NIST SP 800-84): what each exercise achieved against
 * what the catalog predicts and the RTO it targets, the RTO each service has proven, how far the catalog's
 * durations are from what was measured, when each plan is next due for an exercise, and who is trained on each
 * plan. Pure, shared by the checker, the command line, the server and the web application; derived from the
 * records on the day given, never stored.
 */
import { parseDuration } from '../catalog/duration.ts';
import { EXERCISE_TYPES } from '../catalog/kinds/exercise.kind.ts';
import type { ExerciseSpec, ExerciseType } from '../catalog/kinds/exercise.kind.ts';
import type { TrainingSpec } from '../catalog/kinds/training.kind.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { PLAN_PHASES } from '../catalog/kinds.schema.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { EffectivePolicy } from '../bia/policy.ts';
import { analyzeImpact } from '../engine/index.ts';
import type { EngineGraph } from '../engine/index.ts';
import { followScenario, planScenario } from '../plans/objectives.ts';
import { addDays } from '../plans/review.ts';

/** How one service fared in one exercise. */
export interface ExerciseServiceResult {
  id: string;
  /** The RTO in force: the catalog's. */
  targetMinutes: number | null;
  /** When the exercise's plans, followed, bring it back; null when the scenario does not take it down or never. */
  predictedMinutes: number | null;
  /** When the dependency graph alone brings it back (the nodes' own durations, no plan). */
  graphMinutes: number | null;
  /** From the exercise's start to its `restored` entry; null until recorded. */
  achievedMinutes: number | null;
  /** achieved <= target; null without both. */
  met: boolean | null;
  rpoMinutes: number | null;
  /** The data loss recorded for it; null when none was. */
  dataLossMinutes: number | null;
  /** dataLoss <= RPO; null without both. */
  dataLossMet: boolean | null;
}

/** A node whose restore time the exercise measured and the catalog predicts: predicted / achieved. */
export interface Calibration {
  id: string;
  predictedMinutes: number;
  achievedMinutes: number;
  /** Below 1: the catalog was optimistic (the node took longer than its durations say). */
  ratio: number;
}

/** One exercise, analysed. */
export interface ExerciseResult {
  id: string;
  title: string;
  type: ExerciseType;
  status: ExerciseSpec['status'];
  /** The day it ran (its start) or is scheduled for. */
  date: string;
  plans: string[];
  fail: string[];
  services: ExerciseServiceResult[];
  /** By ratio, the most optimistic first. */
  calibration: Calibration[];
  openFindings: number;
}

/** A plan's place in the exercise programme. */
export interface ProgrammeEntry {
  plan: string;
  /** The most demanding tier among its services (what sets its interval and the types that count). */
  tier: number;
  /** The lightest exercise type that counts for it. */
  atLeast: ExerciseType;
  /** The date of its last done exercise of a counting type; null when never. */
  lastExercised: string | null;
  lastType: ExerciseType | null;
  /** lastExercised + the tier's interval; null when never exercised (then it is overdue). */
  due: string | null;
  overdue: boolean;
  /** The next planned exercise of it, if any. */
  scheduled: string | null;
}

/** A service's proven RTO: its achieved time in its latest counting exercise within the interval. */
export interface ProvenRto {
  service: string;
  rtoMinutes: number | null;
  provenMinutes: number | null;
  exercise: string | null;
}

/** Whether a person named in a plan is trained on it, and until when. */
export interface TrainingCoverage {
  plan: string;
  people: { id: string; trained: boolean; until: string | null }[];
}

/** `lifeboat analyze exercises --json` and `GET /api/v1/analysis/exercises`. */
export interface ExerciseAnalysis {
  exercises: ExerciseResult[];
  programme: ProgrammeEntry[];
  proven: ProvenRto[];
  training: TrainingCoverage[];
}

/** What the analysis reads. */
export interface ExerciseInput {
  graph: EngineGraph;
  plans: readonly { id: string; spec: PlanSpec }[];
  exercises: readonly { id: string; spec: ExerciseSpec }[];
  trainings: readonly { id: string; spec: TrainingSpec }[];
  /** Person ids, so that Teams named in a plan are told from people. */
  people: ReadonlySet<string>;
  /** Team id -> its people (members, lead, and Persons whose `team` it is). */
  teams: ReadonlyMap<string, readonly string[]>;
  policy: EffectivePolicy;
  /** YYYY-MM-DD. */
  today: string;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const DAY = 24 * 60;

/** Whether an exercise of `type` counts where `atLeast` is asked for: it is that heavy or heavier. */
export function typeCounts(type: ExerciseType, atLeast: ExerciseType): boolean {
  return EXERCISE_TYPES.indexOf(type) >= EXERCISE_TYPES.indexOf(atLeast);
}

/** The day an exercise ran (its start) or is scheduled for. */
export function exerciseDate(spec: ExerciseSpec): string {
  return spec.started?.slice(0, 10) ?? spec.scheduled;
}

/** What an exercise fails: its own scenario, or its first plan's. */
export function exerciseFail(spec: ExerciseSpec, plans: ReadonlyMap<string, PlanSpec>): string[] {
  return [...(spec.scenario?.fail ?? plans.get(spec.plans[0]!)?.scenario.fail ?? [])];
}

/** Whole minutes from one instant to another. */
function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** The requirement of a tier: its interval in days and the lightest type that counts. */
function requirement(policy: EffectivePolicy, tier: number): { days: number; atLeast: ExerciseType } {
  const entry = policy.exercises.tiers.find((t) => t.tier === tier);
  return {
    days: Math.ceil((entry?.intervalMinutes ?? policy.exercises.intervalMinutes) / DAY),
    atLeast: entry?.atLeast ?? 'communication',
  };
}

/** Achieved restore minutes by node id, for a done exercise that has a start. */
function achievedTimes(spec: ExerciseSpec): Map<string, number> {
  const achieved = new Map<string, number>();
  if (spec.status !== 'done' || spec.started === undefined) return achieved;
  for (const entry of spec.results?.restored ?? []) {
    const minutes = minutesBetween(spec.started, entry.at);
    const before = achieved.get(entry.id);
    achieved.set(entry.id, before === undefined ? minutes : Math.min(before, minutes));
  }
  return achieved;
}

/** One exercise against the graph: achieved, predicted (plans followed), graph-only and target per service. */
export function analyzeExercise(
  graph: EngineGraph,
  exercise: { id: string; spec: ExerciseSpec },
  plans: ReadonlyMap<string, PlanSpec>,
): ExerciseResult {
  const { spec } = exercise;
  const fail = exerciseFail(spec, plans).filter((id) => graph.index.has(id));
  // Every plan's timeline, the earliest step restoring a node winning.
  const restoredAt = new Map<string, number>();
  const bound = new Set<string>();
  for (const planId of spec.plans) {
    const plan = plans.get(planId);
    if (!plan) continue;
    const scenario = planScenario({ id: planId, spec: plan });
    for (const [id, minutes] of scenario.restoredAt ?? []) {
      const before = restoredAt.get(id);
      if (before === undefined || minutes < before) restoredAt.set(id, minutes);
    }
    for (const id of scenario.restoredAtBound ?? []) bound.add(id);
  }
  const predicted = followScenario(graph, {
    id: exercise.id,
    source: 'plan',
    fail,
    restoredAt: [...restoredAt],
    restoredAtBound: [...bound],
  });
  const graphOnly = analyzeImpact(graph, fail);
  const achieved = achievedTimes(spec);
  const loss = new Map((spec.results?.dataLoss ?? []).map((entry) => [entry.service, entry.minutes]));

  const scope: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    if (!seen.has(id) && graph.service.has(graph.index.get(id) ?? -1)) scope.push(id);
    seen.add(id);
  };
  for (const planId of spec.plans) for (const id of plans.get(planId)?.services ?? []) add(id);
  for (const entry of spec.results?.restored ?? []) add(entry.id);
  for (const entry of spec.results?.dataLoss ?? []) add(entry.service);

  const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((row) => [row.id, row]));
  const predictedServices = byId(predicted.services);
  const graphServices = byId(graphOnly.services);
  const services = scope.map((id): ExerciseServiceResult => {
    const info = graph.service.get(graph.index.get(id)!)!;
    const planned = predictedServices.get(id);
    const alone = graphServices.get(id);
    const achievedMinutes = achieved.get(id) ?? null;
    const dataLossMinutes = loss.get(id) ?? null;
    return {
      id,
      targetMinutes: info.rtoMinutes,
      predictedMinutes: planned?.down ? planned.restoreMinutes : null,
      graphMinutes: alone?.down ? alone.restoreMinutes : null,
      achievedMinutes,
      met: achievedMinutes === null || info.rtoMinutes === null ? null : achievedMinutes <= info.rtoMinutes,
      rpoMinutes: info.rpoMinutes,
      dataLossMinutes,
      dataLossMet:
        dataLossMinutes === null || info.rpoMinutes === null ? null : dataLossMinutes <= info.rpoMinutes,
    };
  });

  const predictedNodes = new Map<string, number>();
  for (const node of predicted.down)
    if (node.restoreMinutes !== null) predictedNodes.set(node.id, node.restoreMinutes);
  const calibration: Calibration[] = [];
  for (const [id, achievedMinutes] of achieved) {
    const predictedMinutes = predictedNodes.get(id);
    if (predictedMinutes === undefined || achievedMinutes <= 0) continue;
    calibration.push({ id, predictedMinutes, achievedMinutes, ratio: predictedMinutes / achievedMinutes });
  }
  calibration.sort((a, b) => a.ratio - b.ratio || compare(a.id, b.id));

  return {
    id: exercise.id,
    title: spec.title,
    type: spec.type,
    status: spec.status,
    date: exerciseDate(spec),
    plans: [...spec.plans],
    fail,
    services,
    calibration,
    openFindings: (spec.findings ?? []).filter((finding) => finding.status === 'open').length,
  };
}

/** The most demanding tier among a plan's services (4 when none is in the graph). */
export function planTier(graph: EngineGraph, plan: PlanSpec): number {
  let tier = 4;
  for (const id of plan.services) {
    const info = graph.service.get(graph.index.get(id) ?? -1);
    if (info) tier = Math.min(tier, info.tier);
  }
  return tier;
}

/** Per plan: its last done exercise of a counting type, the next due date and whether it is overdue. */
export function exerciseProgramme(input: ExerciseInput): ProgrammeEntry[] {
  return input.plans
    .filter((plan) => plan.spec.status !== 'retired')
    .map((plan): ProgrammeEntry => {
      const tier = planTier(input.graph, plan.spec);
      const { days, atLeast } = requirement(input.policy, tier);
      let last: { date: string; type: ExerciseType } | undefined;
      let scheduled: string | null = null;
      for (const { spec } of input.exercises) {
        if (!spec.plans.includes(plan.id)) continue;
        const date = exerciseDate(spec);
        if (spec.status === 'done' && typeCounts(spec.type, atLeast) && (!last || date > last.date))
          last = { date, type: spec.type };
        if (
          (spec.status === 'planned' || spec.status === 'running') &&
          (scheduled === null || spec.scheduled < scheduled)
        )
          scheduled = spec.scheduled;
      }
      const due = last ? addDays(last.date, days) : null;
      return {
        plan: plan.id,
        tier,
        atLeast,
        lastExercised: last?.date ?? null,
        lastType: last?.type ?? null,
        due,
        overdue: due === null || due < input.today,
        scheduled,
      };
    })
    .sort((a, b) => a.tier - b.tier || compare(a.plan, b.plan));
}

/**
 * Every service's proven RTO: its achieved restore time in its latest done exercise of a type that counts for
 * its tier, run within the tier's interval before `today`. Services by tier then id.
 */
export function provenRtos(input: ExerciseInput, results: readonly ExerciseResult[]): ProvenRto[] {
  const rows: (ProvenRto & { tier: number })[] = [];
  for (const [v, info] of input.graph.service) {
    const service = input.graph.ids[v]!;
    const { days, atLeast } = requirement(input.policy, info.tier);
    const since = addDays(input.today, -days);
    let best: { date: string; minutes: number; exercise: string } | undefined;
    for (const result of results) {
      if (result.status !== 'done' || !typeCounts(result.type, atLeast)) continue;
      if (result.date < since || result.date > input.today) continue;
      const minutes = result.services.find((row) => row.id === service)?.achievedMinutes ?? null;
      if (minutes === null) continue;
      if (!best || result.date > best.date || (result.date === best.date && result.id > best.exercise))
        best = { date: result.date, minutes, exercise: result.id };
    }
    rows.push({
      service,
      tier: info.tier,
      rtoMinutes: info.rtoMinutes,
      provenMinutes: best?.minutes ?? null,
      exercise: best?.exercise ?? null,
    });
  }
  return rows
    .sort((a, b) => a.tier - b.tier || compare(a.service, b.service))
    .map(({ service, rtoMinutes, provenMinutes, exercise }) => ({
      service,
      rtoMinutes,
      provenMinutes,
      exercise,
    }));
}

/** The people a plan names: its call tree and step owners, Teams standing for their people. In order. */
export function planPeople(
  plan: PlanSpec,
  people: ReadonlySet<string>,
  teams: ReadonlyMap<string, readonly string[]>,
): string[] {
  const named = [
    ...(plan.contacts ?? []).map((contact) => contact.id),
    ...PLAN_PHASES.flatMap((phase) => (plan.phases?.[phase] ?? []).flatMap((step) => step.owner ?? [])),
  ];
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    if (people.has(id) && !seen.has(id)) out.push(id);
    seen.add(id);
  };
  for (const id of named) {
    if (people.has(id)) add(id);
    else for (const member of teams.get(id) ?? []) add(member);
  }
  return out;
}

/** The day a training session stops counting: its date plus its `validFor`, default the policy's validity. */
export function trainingValidUntil(
  spec: Pick<TrainingSpec, 'date' | 'validFor'>,
  policy: Pick<EffectivePolicy, 'exercises'>,
): string {
  const minutes =
    spec.validFor === undefined
      ? policy.exercises.trainingValidForMinutes
      : (parseDuration(spec.validFor) ?? 0);
  return addDays(spec.date, Math.ceil(minutes / DAY));
}

/**
 * Per plan, each person it names: trained until the latest end of validity of a Training covering the plan
 * that they attended (its `validFor`, default the policy's), or of a done exercise of the plan they took part in
 * (as facilitator, participant, or member of a participating Team; the policy's validity). Trained while that
 * date is today or later.
 */
export function trainingCoverage(input: ExerciseInput): TrainingCoverage[] {
  const policyDays = Math.ceil(input.policy.exercises.trainingValidForMinutes / DAY);
  return input.plans
    .filter((plan) => plan.spec.status !== 'retired')
    .map((plan) => {
      const until = new Map<string, string>();
      const credit = (person: string, end: string) => {
        const before = until.get(person);
        if (before === undefined || end > before) until.set(person, end);
      };
      for (const { spec } of input.trainings) {
        if (!spec.plans.includes(plan.id) || spec.date > input.today) continue;
        const end = trainingValidUntil(spec, input.policy);
        for (const person of spec.attendees) credit(person, end);
      }
      for (const { spec } of input.exercises) {
        if (spec.status !== 'done' || !spec.plans.includes(plan.id)) continue;
        const date = exerciseDate(spec);
        if (date > input.today) continue;
        const end = addDays(date, policyDays);
        const ids = [
          ...(spec.facilitator ? [spec.facilitator] : []),
          ...(spec.participants ?? []).map((p) => p.id),
        ];
        for (const id of ids)
          if (input.people.has(id)) credit(id, end);
          else for (const member of input.teams.get(id) ?? []) credit(member, end);
      }
      return {
        plan: plan.id,
        people: planPeople(plan.spec, input.people, input.teams).map((id) => {
          const end = until.get(id) ?? null;
          return { id, trained: end !== null && end >= input.today, until: end };
        }),
      };
    })
    .sort((a, b) => compare(a.plan, b.plan));
}

/** The whole analysis. Exercises by date, then id. */
export function analyzeExercises(input: ExerciseInput): ExerciseAnalysis {
  const plans = new Map(input.plans.map((plan) => [plan.id, plan.spec]));
  const exercises = input.exercises
    .map((exercise) => analyzeExercise(input.graph, exercise, plans))
    .sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
  return {
    exercises,
    programme: exerciseProgramme(input),
    proven: provenRtos(input, exercises),
    training: trainingCoverage(input),
  };
}

/** Team id -> its people: members, lead, and every Person whose `team` it is. */
export function teamPeople(documents: Iterable<CatalogDocument>): Map<string, string[]> {
  const teams = new Map<string, Set<string>>();
  const of = (id: string) => {
    let set = teams.get(id);
    if (!set) teams.set(id, (set = new Set()));
    return set;
  };
  for (const document of documents) {
    if (document.kind === 'Team') {
      const set = of(document.metadata.id);
      for (const member of document.spec.members ?? []) set.add(member);
      if (document.spec.lead) set.add(document.spec.lead);
    } else if (document.kind === 'Person' && document.spec.team)
      of(document.spec.team).add(document.metadata.id);
  }
  return new Map([...teams].map(([id, set]) => [id, [...set].sort(compare)]));
}

/** The analysis input of a catalog's documents (its graph and policy worked out by the caller). */
export function exerciseInput(
  documents: readonly CatalogDocument[],
  graph: EngineGraph,
  policy: EffectivePolicy,
  today: string,
): ExerciseInput {
  const plans: ExerciseInput['plans'][number][] = [];
  const exercises: ExerciseInput['exercises'][number][] = [];
  const trainings: ExerciseInput['trainings'][number][] = [];
  const people = new Set<string>();
  for (const document of documents) {
    if (document.kind === 'Plan') plans.push({ id: document.metadata.id, spec: document.spec });
    else if (document.kind === 'Exercise') exercises.push({ id: document.metadata.id, spec: document.spec });
    else if (document.kind === 'Training') trainings.push({ id: document.metadata.id, spec: document.spec });
    else if (document.kind === 'Person') people.add(document.metadata.id);
  }
  return { graph, plans, exercises, trainings, people, teams: teamPeople(documents), policy, today };
}
