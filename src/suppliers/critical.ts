/**
 * Which suppliers the critical or important functions rely on, and where their exit plans stand (DORA Art. 28(8)):
 * shared by the checker and the supplier views. Pure: the graph, the documents and `today` come in.
 */
import type { EngineGraph } from '../engine/index.ts';
import { computeDownSet } from '../engine/index.ts';
import type { DocumentOf } from '../catalog/kinds.ts';

/** How long a tested exit plan stays current. */
export const EXIT_PLAN_VALID_MONTHS = 12;

/** The date `months` after an ISO date (a 29 February rolls to 1 March). */
export function addMonths(date: string, months: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + months);
  return at.toISOString().slice(0, 10);
}

/** Where a supplier's exit plan stands on `today`. */
export type ExitPlanState =
  | { state: 'none' }
  | { state: 'untested'; plan: string }
  | { state: 'overdue'; plan: string; lastTested: string; due: string }
  | { state: 'current'; plan: string; lastTested: string; due: string };

/** A supplier's exit plan: none, never tested, tested within 12 months (current) or before (overdue). */
export function exitPlanState(vendor: DocumentOf<'Vendor'>['spec'], today: string): ExitPlanState {
  const exit = vendor.exitPlan;
  if (!exit) return { state: 'none' };
  if (exit.lastTested === undefined) return { state: 'untested', plan: exit.plan };
  const due = addMonths(exit.lastTested, EXIT_PLAN_VALID_MONTHS);
  return { state: due < today ? 'overdue' : 'current', plan: exit.plan, lastTested: exit.lastTested, due };
}

/** Whether a contract has ended by `today` (its end date is in the past). */
export function contractEnded(spec: DocumentOf<'Contract'>['spec'], today: string): boolean {
  return spec.end !== undefined && spec.end < today;
}

/** The business services assessed as critical or important functions. */
export function criticalFunctions(services: Iterable<DocumentOf<'Service'>>): string[] {
  const ids: string[] = [];
  for (const service of services)
    if (service.spec.type === 'business' && service.spec.function?.criticalOrImportant === 'yes')
      ids.push(service.metadata.id);
  return ids;
}

/**
 * For each supplier a critical or important function relies on, those functions, in catalog order: the ones its
 * failure takes down (the engine's down set of the vendor alone), and the ones a contract of it still in force
 * names in `services`. Suppliers that support none are left out.
 */
export function criticalSuppliers(input: {
  graph: EngineGraph;
  vendors: readonly DocumentOf<'Vendor'>[];
  services: readonly DocumentOf<'Service'>[];
  contracts: readonly DocumentOf<'Contract'>[];
  today: string;
}): Map<string, string[]> {
  const critical = criticalFunctions(input.services);
  const result = new Map<string, string[]>();
  if (critical.length === 0) return result;
  const position = new Map(critical.map((id, index) => [id, index]));
  const add = (vendor: string, service: string) => {
    const list = result.get(vendor) ?? [];
    if (!list.includes(service)) list.push(service);
    result.set(vendor, list);
  };
  const criticalNodes = critical.flatMap((id) => {
    const v = input.graph.index.get(id);
    return v === undefined ? [] : [[v, id] as const];
  });
  for (const vendor of input.vendors) {
    const v = input.graph.index.get(vendor.metadata.id);
    if (v === undefined) continue;
    const { down } = computeDownSet(input.graph, [v]);
    for (const [node, id] of criticalNodes) if (down[node]) add(vendor.metadata.id, id);
  }
  for (const contract of input.contracts) {
    if (contractEnded(contract.spec, input.today)) continue;
    for (const service of contract.spec.services ?? [])
      if (position.has(service)) add(contract.spec.vendor, service);
  }
  for (const list of result.values()) list.sort((a, b) => position.get(a)! - position.get(b)!);
  return result;
}
