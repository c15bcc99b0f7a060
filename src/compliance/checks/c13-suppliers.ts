/**
 * C13: every supplier of a critical or important function has a substitutability assessment and an exit plan
 * tested within the last 12 months (DORA Art. 28(8); NIS2 Art. 21(2)(d), supply chain security). Which suppliers
 * support such functions, and where an exit plan stands, are src/suppliers/critical.ts's rules, the ones the
 * checker warns with.
 */
import { EXIT_PLAN_VALID_MONTHS, criticalSuppliers, exitPlanState } from '../../suppliers/critical.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';

/** A document's name, else its id. */
function nameOf(context: ComplianceContext, id: string): string {
  return context.byId.get(id)?.metadata.name ?? id;
}

/** `Payments, Card issuing`, the first few of a list, then how many more. */
function list(context: ComplianceContext, ids: readonly string[]): string {
  const shown = ids.slice(0, 4).map((id) => nameOf(context, id));
  const more = ids.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** C13 Suppliers (see the file header). */
export const suppliersCheck: ComplianceCheck = {
  id: 'C13',
  title: 'Critical suppliers substitutable and exit plans tested',
  rule:
    'Every supplier a critical or important function relies on (its failure takes the function down, or a ' +
    'contract in force names the function) has a substitutability assessment and an exit plan tested within ' +
    `the last ${EXIT_PLAN_VALID_MONTHS} months (a test counts until the same day ${EXIT_PLAN_VALID_MONTHS} months later, included).`,
  references: [
    { framework: 'dora', clause: 'Art. 28(8)' },
    { framework: 'nis2', clause: 'Art. 21(2)(d)' },
  ],
  defaults: { tiers: [], severity: 'high' },
  items(context) {
    const vendors = context.ofKind('Vendor');
    const suppliers = criticalSuppliers({
      graph: context.graph(),
      vendors,
      services: context.ofKind('Service'),
      contracts: context.ofKind('Contract'),
      today: context.at,
    });
    const items: CheckItem[] = [];
    for (const vendor of vendors) {
      const functions = suppliers.get(vendor.metadata.id);
      if (!functions) continue;
      const { spec } = vendor;
      const problems: string[] = [];
      const good = [`supports ${list(context, functions)}`];
      const evidence: Evidence[] = [];
      if (spec.substitutability === undefined)
        problems.push(
          'it has no substitutability assessment: set substitutability.level (easy, medium, highly-complex or not-substitutable)',
        );
      else good.push(`substitutability ${spec.substitutability.level}`);
      const exit = exitPlanState(spec, context.at);
      const plan = exit.state === 'none' ? undefined : context.byId.get(exit.plan);
      const planName = exit.state === 'none' ? '' : nameOf(context, exit.plan);
      if (exit.state === 'none') problems.push('it has no exit plan: write one and name it in exitPlan');
      else if (exit.state === 'untested')
        problems.push(
          `its exit plan ${planName} has never been tested: test it and record exitPlan.lastTested`,
        );
      else if (exit.state === 'overdue')
        problems.push(
          `its exit plan ${planName} was last tested on ${exit.lastTested}, which counted until ${exit.due}: test it again and record exitPlan.lastTested`,
        );
      else {
        good.push(`exit plan ${planName} tested on ${exit.lastTested}, valid until ${exit.due}`);
        evidence.push({
          type: 'document',
          kind: 'Plan',
          id: exit.plan,
          title: `Exit plan ${planName}, tested on ${exit.lastTested}`,
          ...(plan && { path: context.pathOf(plan) }),
          date: exit.lastTested,
        });
      }
      const base = { id: vendor.metadata.id, kind: 'Vendor' as const, path: context.pathOf(vendor) };
      items.push(
        problems.length > 0
          ? {
              ...base,
              status: 'fail',
              message: `${capitalise(`supports ${list(context, functions)}, but ${problems.join('; ')}`)}.`,
            }
          : { ...base, status: 'pass', message: `${capitalise(good.join('; '))}.`, evidence },
      );
    }
    return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
