/** Pure edits of a plan draft for the plan editor: steps by phase, the call tree, server errors by path. */
import type { FieldError } from '../api/client';
import type { PlanDocument } from '../api/plans';

/** A plan's phases object. */
export type Phases = NonNullable<PlanDocument['spec']['phases']>;
/** A phase's name. */
export type PhaseName = keyof Phases;
/** One written step. */
export type Step = NonNullable<Phases['recovery']>[number];
/** One call tree entry. */
export type Contact = NonNullable<PlanDocument['spec']['contacts']>[number];

/** The phases in the order NIST SP 800-34 section 3.5 gives them (the server's PLAN_PHASES). */
export const PHASES: readonly { key: PhaseName; title: string }[] = [
  { key: 'activation', title: 'Activation' },
  { key: 'recovery', title: 'Recovery' },
  { key: 'reconstitution', title: 'Reconstitution' },
];

/** Every step id of a draft, in written order. */
export function stepIds(plan: PlanDocument): string[] {
  return PHASES.flatMap(({ key }) => (plan.spec.phases?.[key] ?? []).map((step) => step.id));
}

/** A step id not used yet in the draft: `step-1`, `step-2`... */
export function freshStepId(plan: PlanDocument): string {
  const used = new Set(stepIds(plan));
  let n = used.size + 1;
  while (used.has(`step-${n}`)) n++;
  return `step-${n}`;
}

/** Leaves out empty optional strings and lists, as the schema wants them absent rather than empty. */
function tidyStep(step: Step): Step {
  const tidy: Record<string, unknown> = { ...step };
  for (const [key, value] of Object.entries(tidy))
    if (key !== 'id' && key !== 'title' && (value === '' || (Array.isArray(value) && value.length === 0)))
      delete tidy[key];
  return tidy as Step;
}

/** The draft with one phase's steps replaced (an empty phase is removed, and no phases at all drops `phases`). */
export function withPhase(plan: PlanDocument, phase: PhaseName, steps: Step[]): PlanDocument {
  const phases: Phases = { ...plan.spec.phases };
  if (steps.length === 0) delete phases[phase];
  else phases[phase] = steps.map(tidyStep);
  const { phases: _old, ...rest } = plan.spec;
  return { ...plan, spec: Object.keys(phases).length === 0 ? rest : { ...rest, phases } };
}

/**
 * The draft with the step at `phase[index]` renamed to `to`; the `after` lists that named its old id follow,
 * unless another step shares the old id (then nobody can tell which one they meant).
 */
export function renameStep(plan: PlanDocument, phase: PhaseName, index: number, to: string): PlanDocument {
  const from = plan.spec.phases?.[phase]?.[index]?.id;
  if (from === undefined) return plan;
  const follow = stepIds(plan).filter((id) => id === from).length === 1;
  let next = plan;
  for (const { key } of PHASES) {
    const steps = next.spec.phases?.[key];
    if (!steps) continue;
    next = withPhase(
      next,
      key,
      steps.map((step, i) => ({
        ...step,
        id: key === phase && i === index ? to : step.id,
        ...(follow && step.after && { after: step.after.map((id) => (id === from ? to : id)) }),
      })),
    );
  }
  return next;
}

/** The draft with a step removed, and the `after` lists no longer naming it. */
export function removeStep(plan: PlanDocument, phase: PhaseName, index: number): PlanDocument {
  const removed = plan.spec.phases?.[phase]?.[index];
  let next = withPhase(
    plan,
    phase,
    (plan.spec.phases?.[phase] ?? []).filter((_, i) => i !== index),
  );
  if (!removed) return next;
  for (const { key } of PHASES) {
    const steps = next.spec.phases?.[key];
    if (steps)
      next = withPhase(
        next,
        key,
        steps.map((step) => ({ ...step, after: (step.after ?? []).filter((id) => id !== removed.id) })),
      );
  }
  return next;
}

/** A list with the item at `index` moved by `by` places (kept inside the list). */
export function moved<T>(items: readonly T[], index: number, by: number): T[] {
  const to = Math.max(0, Math.min(items.length - 1, index + by));
  const next = [...items];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** The draft with its call tree replaced (empty optional fields left out; no contacts drops the list). */
export function withContacts(plan: PlanDocument, contacts: Contact[]): PlanDocument {
  const { contacts: _old, ...rest } = plan.spec;
  if (contacts.length === 0) return { ...plan, spec: rest };
  const tidy = contacts.map((contact) => {
    const entry: Contact = { id: contact.id };
    if (contact.role) entry.role = contact.role;
    if (contact.escalateAfter) entry.escalateAfter = contact.escalateAfter;
    return entry;
  });
  return { ...plan, spec: { ...rest, contacts: tidy } };
}

/** The server's messages for one path and what lies below it (`spec.phases.recovery[2]` -> its fields). */
export function errorsAt(errors: readonly FieldError[], path: string): string | undefined {
  const messages = errors
    .filter(
      (error) =>
        error.path === path || error.path.startsWith(`${path}.`) || error.path.startsWith(`${path}[`),
    )
    .map((error) =>
      error.path === path ? error.message : `${error.path.slice(path.length)}: ${error.message}`,
    );
  return messages.length > 0 ? messages.join('; ') : undefined;
}
