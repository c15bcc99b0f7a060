/**
 * C15: everyone an approved plan names (its call tree and step owners, a Team standing for its people) is trained
 * on it within validity: a Training on the plan they attended, or a done exercise of it they took part in, still
 * counts on the day (ISO 22301 7.2 competence, 7.3 awareness; NIST SP 800-34 3.5, testing, training and
 * exercises). Who is trained until when is src/exercises/analysis.ts `trainingCoverage`, as the exercise page and
 * the training reminder read it.
 */
import type { CatalogDocument } from '../../catalog/kinds.ts';
import {
  exerciseDate,
  exerciseInput,
  trainingCoverage,
  trainingValidUntil,
  type ExerciseInput,
} from '../../exercises/analysis.ts';
import { addDays } from '../../plans/review.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';

const DAY_MINUTES = 24 * 60;

/** A document's name, else its id. */
function nameOf(context: ComplianceContext, id: string): string {
  return context.byId.get(id)?.metadata.name ?? id;
}

/** Whether a plan counts as approved: from files every plan does, from the database its derived status says. */
function approved(context: ComplianceContext, plan: CatalogDocument): boolean {
  const status = (plan.spec as { status?: string }).status;
  return context.input.source === 'files' ? status !== 'retired' : status === 'approved';
}

/**
 * The training session or exercise that keeps `person` trained on `plan` until `until`: the one
 * `trainingCoverage` credited (its end of validity is that day), so the item links to it.
 */
function evidenceOf(
  context: ComplianceContext,
  input: ExerciseInput,
  plan: string,
  person: string,
  until: string,
): Evidence | undefined {
  const link = (id: string, title: string, date: string): Evidence => {
    const document = context.byId.get(id)!;
    return { type: 'document', kind: document.kind, id, title, path: context.pathOf(document), date };
  };
  for (const { id, spec } of input.trainings)
    if (
      spec.plans.includes(plan) &&
      spec.attendees.includes(person) &&
      spec.date <= context.at &&
      trainingValidUntil(spec, context.policy) === until
    )
      return link(id, `Training ${spec.title} on ${spec.date}`, spec.date);
  const days = Math.ceil(context.policy.exercises.trainingValidForMinutes / DAY_MINUTES);
  for (const { id, spec } of input.exercises) {
    if (spec.status !== 'done' || !spec.plans.includes(plan)) continue;
    const date = exerciseDate(spec);
    if (date > context.at || addDays(date, days) !== until) continue;
    const took = [
      ...(spec.facilitator ? [spec.facilitator] : []),
      ...(spec.participants ?? []).map((p) => p.id),
    ];
    if (took.some((id) => id === person || input.teams.get(id)?.includes(person)))
      return link(id, `Exercise ${spec.title} on ${date}`, date);
  }
  return undefined;
}

/** C15 Training (see the file header). */
export const trainingCheck: ComplianceCheck = {
  id: 'C15',
  title: 'People named in plans trained',
  rule:
    'Everyone an approved plan names in its call tree or as a step owner (a Team standing for its people) ' +
    "attended a Training on the plan, or took part in a done exercise of it, within the training's validity " +
    "(its validFor, else the Policy's; counted up to and including its last day).",
  references: [
    { framework: 'iso22301', clause: '7.2' },
    { framework: 'iso22301', clause: '7.3' },
    { framework: 'nist-800-34', clause: '3.5' },
  ],
  defaults: { tiers: [], severity: 'medium' },
  items(context) {
    const plans = new Set(
      context
        .ofKind('Plan')
        .filter((plan) => approved(context, plan))
        .map((plan) => plan.metadata.id),
    );
    if (plans.size === 0) return [];
    const input = exerciseInput(context.documents, context.graph(), context.policy, context.at);
    const coverage = trainingCoverage({ ...input, plans: input.plans.filter((plan) => plans.has(plan.id)) });
    const items: CheckItem[] = [];
    for (const { plan, people } of coverage) {
      const planName = nameOf(context, plan);
      for (const { id: person, trained, until } of people) {
        const document = context.byId.get(person)!;
        const who = nameOf(context, person);
        const base = { id: `${plan}:${person}`, kind: 'Person' as const, path: context.pathOf(document) };
        if (trained && until !== null) {
          const evidence = evidenceOf(context, input, plan, person, until);
          items.push({
            ...base,
            status: 'pass',
            message: `${who} is trained on plan ${planName} until ${until}${evidence ? ` (${evidence.title})` : ''}.`,
            ...(evidence && { evidence: [evidence] }),
          });
        } else
          items.push({
            ...base,
            status: 'fail',
            message:
              until === null
                ? `${who}, named in plan ${planName}, has never been trained on it: train them on the plan or have them take part in its next exercise.`
                : `${who}'s training on plan ${planName} counted until ${until}: train them on the plan again or have them take part in its next exercise.`,
          });
      }
    }
    return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
