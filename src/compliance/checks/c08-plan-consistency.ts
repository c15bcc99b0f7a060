import { PLAN_PHASES } from '../../catalog/kinds.schema.ts';
import { checkStepOrder } from '../../plans/step-order.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext } from '../types.ts';
import { livePlans, named, planEvidence } from './c06-plans.ts';

type PlanDocument = Parameters<typeof planEvidence>[1];

/** One plan's item: src/plans/step-order.ts checkStepOrder over the catalog's dependency graph. */
function planItem(context: ComplianceContext, plan: PlanDocument): CheckItem {
  const problems = checkStepOrder(plan.spec, context.nodes());
  const steps = PLAN_PHASES.flatMap((phase) => plan.spec.phases?.[phase] ?? []);
  const restoring = steps.filter((step) => (step.restores ?? []).length > 0).length;
  const base = {
    id: plan.metadata.id,
    kind: 'Plan' as const,
    path: context.pathOf(plan),
    evidence: [planEvidence(context, plan)],
  };
  if (problems.length === 0)
    return {
      ...base,
      status: 'pass',
      message:
        restoring === 0
          ? `The plan ${named(plan)} has ${steps.length} step${steps.length === 1 ? '' : 's'} and none names what it restores, so none can contradict the dependency graph (name them in \`restores\` to have the order checked).`
          : `The written order of the plan ${named(plan)} agrees with the dependency graph: each of the ${restoring} step${restoring === 1 ? '' : 's'} naming what it restores comes after the steps restoring what that needs.`,
    };
  return {
    ...base,
    status: 'fail',
    message: `The written order of the plan ${named(plan)} contradicts the dependency graph: ${problems.map((problem) => problem.message).join('; ')}. Reorder the steps (their phase or \`after\`).`,
  };
}

/** C08: no plan's written step order contradicts the dependency graph. */
export const planConsistencyCheck: ComplianceCheck = {
  id: 'C08',
  title: 'Plan steps in a workable order',
  rule:
    'In every plan that is not retired, no step restores something before a step that restores what it needs ' +
    '(a required dependency, directly or through others, or enough members of a redundancy group), and no ' +
    'steps wait for each other in a loop.',
  references: [
    { framework: 'iso22301', clause: '8.4.4' },
    { framework: 'nist-800-34', clause: '4.3' },
  ],
  defaults: { tiers: [], severity: 'medium' },
  items(context) {
    return livePlans(context).map((plan) => planItem(context, plan));
  },
};
