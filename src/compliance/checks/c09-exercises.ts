import { formatDuration } from '../../catalog/duration.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { exerciseDate, exerciseInput, exerciseProgramme } from '../../exercises/analysis.ts';
import type { ProgrammeEntry } from '../../exercises/analysis.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';
import { isApprovedPlan, planCitation, planEvidence } from './c06-plans.ts';

type PlanDocument = Parameters<typeof planEvidence>[1];
type ExerciseDocument = Extract<CatalogDocument, { kind: 'Exercise' }>;

/** An exercise as a message names it, by its title as its page shows it: `"Leeds failover test" (ex-1)`. */
function titled(exercise: ExerciseDocument): string {
  return `"${exercise.spec.title}" (${exercise.metadata.id})`;
}

/** What the tier asks for, as a message says it: `a parallel exercise or heavier every 26w`. */
function requirementText(context: ComplianceContext, entry: ProgrammeEntry): string {
  const { exercises } = context.policy;
  const minutes =
    exercises.tiers.find((t) => t.tier === entry.tier)?.intervalMinutes ?? exercises.intervalMinutes;
  const what = entry.atLeast === 'communication' ? 'any exercise' : `a ${entry.atLeast} exercise or heavier`;
  return `tier ${entry.tier}: ${what} every ${formatDuration(minutes)}`;
}

/** The done exercise the programme counted as the plan's last (the latest id on a tie). */
function lastExercise(context: ComplianceContext, entry: ProgrammeEntry): ExerciseDocument | undefined {
  return context
    .ofKind('Exercise')
    .filter(
      ({ spec }) =>
        spec.status === 'done' &&
        spec.plans.includes(entry.plan) &&
        spec.type === entry.lastType &&
        exerciseDate(spec) === entry.lastExercised,
    )
    .sort((a, b) => (a.metadata.id < b.metadata.id ? 1 : -1))[0];
}

/**
 * One approved plan's item, from src/exercises/analysis.ts exerciseProgramme: its last done exercise of a type
 * that counts for its tier, and the due date that gives (last + the tier's interval). A plan is overdue the
 * day after that date, so on the due date itself it still passes.
 */
function planItem(context: ComplianceContext, plan: PlanDocument, entry: ProgrammeEntry): CheckItem {
  const exercise = lastExercise(context, entry);
  const evidence: Evidence[] = [planEvidence(context, plan)];
  if (exercise)
    evidence.push({
      type: 'document',
      kind: 'Exercise',
      id: exercise.metadata.id,
      title: `Exercise ${titled(exercise)}, ${exercise.spec.type}, on ${exerciseDate(exercise.spec)}`,
      path: context.pathOf(exercise),
      date: exerciseDate(exercise.spec),
    });
  const base = { id: plan.metadata.id, kind: 'Plan' as const, path: context.pathOf(plan), evidence };
  const requirement = requirementText(context, entry);
  const last = exercise
    ? `the ${entry.lastType} exercise ${titled(exercise)} on ${entry.lastExercised}`
    : `a ${entry.lastType} exercise on ${entry.lastExercised}`;
  if (!entry.overdue)
    return {
      ...base,
      status: 'pass',
      message: `The approved ${planCitation(context, plan)} was exercised by ${last} (${requirement}) and is due again on ${entry.due}.`,
    };
  const scheduled =
    entry.scheduled === null ? 'schedule one' : `hold the one scheduled for ${entry.scheduled}`;
  return {
    ...base,
    status: 'fail',
    message:
      entry.due === null
        ? `The approved ${planCitation(context, plan)} has never been exercised with a type that counts (${requirement}): ${scheduled}.`
        : `The approved ${planCitation(context, plan)} was due for an exercise on ${entry.due} (${requirement}; last ${last}): ${scheduled}.`,
  };
}

/** C09: every approved plan exercised within its tier's interval with a type that counts for its tier. */
export const exercisesCheck: ComplianceCheck = {
  id: 'C09',
  title: 'Plans exercised on time',
  rule:
    "Every approved plan was exercised (a done exercise) within the interval its services' most demanding tier " +
    'sets, with a type that counts for that tier; by default tier 1 a parallel test or heavier every 26 weeks, ' +
    'tier 2 a simulation or heavier every 52 weeks, tiers 3-4 any exercise every 52 weeks (the Policy can change ' +
    'these). A plan passes up to and including its due date.',
  references: [
    { framework: 'iso22301', clause: '8.5' },
    { framework: 'nist-800-34', clause: '3.5' },
    { framework: 'dora', clause: 'Art. 11(6)' },
    { framework: 'dora', clause: 'Art. 24(6)' },
  ],
  defaults: { tiers: [], severity: 'high' },
  items(context) {
    const tiers = new Set(context.scopeOf('C09').tiers);
    const plans = new Map(
      context
        .ofKind('Plan')
        .filter((plan) => isApprovedPlan(context, plan))
        .map((plan) => [plan.metadata.id, plan]),
    );
    const programme = exerciseProgramme(
      exerciseInput(context.documents, context.graph(), context.policy, context.at),
    );
    return programme
      .filter((entry) => plans.has(entry.plan) && (tiers.size === 0 || tiers.has(entry.tier)))
      .map((entry) => planItem(context, plans.get(entry.plan)!, entry))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
