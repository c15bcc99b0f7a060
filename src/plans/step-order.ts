import { PLAN_PHASES } from '../catalog/kinds.schema.ts';
import type { PlanSpec, PlanStep } from '../catalog/kinds.schema.ts';
import type { EngineNode } from '../engine/index.ts';

/** A written step order that the dependency graph says cannot work. */
export interface StepOrderProblem {
  /** `cycle`: the steps' `after` lists form a loop; `contradiction`: a step restores something before what it needs. */
  type: 'cycle' | 'contradiction';
  /** The step that is too early (or the steps of the loop). */
  steps: string[];
  message: string;
}

/** For each step, the steps that must be finished before it: its `after` lists and every step of an earlier phase. */
function predecessors(spec: PlanSpec): {
  order: string[];
  before: Map<string, Set<string>>;
  cycle?: string[];
} {
  const direct = new Map<string, string[]>();
  const earlier: string[] = [];
  const order: string[] = [];
  for (const phase of PLAN_PHASES) {
    const steps = spec.phases?.[phase] ?? [];
    for (const step of steps) {
      direct.set(step.id, [...earlier, ...(step.after ?? [])]);
      order.push(step.id);
    }
    earlier.push(...steps.map((step) => step.id));
  }
  const before = new Map<string, Set<string>>();
  const state = new Map<string, 'visiting' | 'done'>();
  let cycle: string[] | undefined;
  const visit = (id: string, path: string[]): Set<string> => {
    const known = before.get(id);
    if (known && state.get(id) === 'done') return known;
    if (state.get(id) === 'visiting') {
      cycle ??= path.slice(path.indexOf(id));
      return new Set();
    }
    state.set(id, 'visiting');
    const all = new Set<string>();
    for (const p of direct.get(id) ?? []) {
      all.add(p);
      for (const q of visit(p, [...path, id])) all.add(q);
    }
    state.set(id, 'done');
    before.set(id, all);
    return all;
  };
  for (const id of order) visit(id, []);
  return { order, before, ...(cycle && { cycle }) };
}

/** A step with the phase it is written in. */
export interface OrderedStep {
  phase: (typeof PLAN_PHASES)[number];
  step: PlanStep;
}

/**
 * The steps in an order they can be carried out: each after the steps it waits for (its `after` list and every
 * step of an earlier phase), otherwise as written. Steps that wait for each other in a loop keep their written
 * place after the others.
 */
export function stepsInOrder(spec: PlanSpec): OrderedStep[] {
  const written = PLAN_PHASES.flatMap((phase) =>
    (spec.phases?.[phase] ?? []).map((step) => ({ phase, step })),
  );
  const { before } = predecessors(spec);
  const placed = new Set<string>();
  const result: OrderedStep[] = [];
  while (result.length < written.length) {
    const ready = written.find(
      ({ step }) =>
        !placed.has(step.id) &&
        [...(before.get(step.id) ?? [])].every((id) => placed.has(id) || id === step.id || !before.has(id)),
    );
    // Only a loop leaves nothing ready: the first step left goes next, as written.
    const next = ready ?? written.find(({ step }) => !placed.has(step.id))!;
    placed.add(next.step.id);
    result.push(next);
  }
  return result;
}

/**
 * Checks the written steps against the dependency graph (NIST SP 800-34 section 3.5.2: recover in an order that
 * respects dependencies). A step that `restores` a node contradicts the graph when a node it needs (a required
 * dependency, directly or through other required dependencies, or a redundancy group that cannot have k members up
 * without it) is restored only by a step that comes after it. Also reports steps whose `after` lists form a loop.
 */
export function checkStepOrder(spec: PlanSpec, nodes: ReadonlyMap<string, EngineNode>): StepOrderProblem[] {
  const { order, before, cycle } = predecessors(spec);
  const problems: StepOrderProblem[] = [];
  if (cycle)
    problems.push({
      type: 'cycle',
      steps: cycle,
      message: `the steps ${cycle.join(' -> ')} wait for each other in a loop: none of them can start`,
    });
  const restoredBy = new Map<string, string[]>();
  for (const phase of PLAN_PHASES)
    for (const step of spec.phases?.[phase] ?? [])
      for (const id of step.restores ?? []) restoredBy.set(id, [...(restoredBy.get(id) ?? []), step.id]);
  const isAfter = (later: string, earlier: string): boolean => before.get(later)?.has(earlier) ?? false;
  // A node restored only by steps that all come after `step` is not back when `step` runs.
  const lateFor = (step: string, id: string): string[] | undefined => {
    const steps = restoredBy.get(id);
    return steps && steps.every((other) => other !== step && isAfter(other, step)) ? steps : undefined;
  };

  for (const stepId of order) {
    const step = PLAN_PHASES.flatMap((phase) => spec.phases?.[phase] ?? []).find((s) => s.id === stepId);
    for (const target of step?.restores ?? []) {
      // Walk required dependencies (restored or not by some step) and check each redundancy group on the way.
      const seen = new Set<string>([target]);
      const queue = [target];
      while (queue.length > 0) {
        const current = queue.shift()!;
        const node = nodes.get(current);
        if (!node) continue;
        for (const need of node.requires) {
          if (seen.has(need)) continue;
          seen.add(need);
          const late = lateFor(stepId, need);
          if (late)
            problems.push({
              type: 'contradiction',
              steps: [stepId, ...late],
              message: `step "${stepId}" restores "${target}", which needs "${need}", but "${need}" is restored by ${late.map((s) => `"${s}"`).join(', ')}, after it`,
            });
          queue.push(need);
        }
        for (const group of node.groups) {
          const late = group.of.filter((member) => lateFor(stepId, member) !== undefined);
          if (group.of.length - late.length < group.k)
            problems.push({
              type: 'contradiction',
              steps: [stepId, ...late.flatMap((member) => restoredBy.get(member) ?? [])],
              message: `step "${stepId}" restores "${target}", which needs ${group.k} of ${group.of.join(', ')}, but ${late.join(', ')} are restored only by later steps`,
            });
        }
      }
    }
  }
  return problems;
}
