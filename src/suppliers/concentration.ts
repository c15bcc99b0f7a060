/**
 * Supplier concentration (DORA Art. 29): for each supplier, what its failure takes down together with its supply
 * chain and its group, weighted by tier and by BIA loss, and the share of critical or important functions that rely
 * on it; the subcontractors several suppliers share (fourth-party risk); and each supplier's substitutability, exit
 * plan state and contracts. Pure: the graph, the documents, the current BIA figures and `today` come in.
 */
import type { BiaFigures } from '../bia/business-impact.ts';
import { lossAt, pointsOf } from '../bia/curves.ts';
import type { CatalogDocument, DocumentOf } from '../catalog/kinds.ts';
import { computeDownSet, TIER_WEIGHTS, type EngineGraph } from '../engine/index.ts';
import { exerciseDate } from '../exercises/analysis.ts';
import { addMonths, contractEnded, criticalFunctions, EXIT_PLAN_VALID_MONTHS } from './critical.ts';

/** The outage a service's loss is read at when it has no RTO: 24 hours, in minutes. */
export const LOSS_HORIZON_WITHOUT_RTO = 24 * 60;

/** A supplier's exit plan: the plan, when it was last tested (stored or exercised, the later), and whether overdue. */
export interface SupplierExitPlan {
  plan: string;
  /** The later of `exitPlan.lastTested` and the latest done Exercise of the plan; null when never tested. */
  lastTested: string | null;
  /** Never tested, or last tested over 12 months before today. */
  overdue: boolean;
}

/** One contract with the supplier, as the suppliers view lists it. */
export interface SupplierContract {
  id: string;
  reference: string;
  end: string | null;
  /** Whether its end has passed. */
  ended: boolean;
  services: string[];
}

/** One supplier's concentration. */
export interface SupplierConcentration {
  id: string;
  name: string;
  /**
   * Over the services it affects (down, or critical functions its contracts in force name): tier weight x (1 +
   * loss / the costliest service's loss); see docs/suppliers.md.
   */
  score: number;
  /**
   * The vendors failed with it: itself and the suppliers relying on it as a subcontractor, each with its group and
   * its subcontractors down the chain.
   */
  failed: string[];
  /** Its subcontractors down the chain (contracts in force). */
  subcontractors: string[];
  /** The services its failure takes down, by tier then id. */
  servicesDown: { id: string; tier: number }[];
  /** The critical or important functions that rely on it (down, or named by one of its contracts in force). */
  criticalFunctions: string[];
  /** criticalFunctions over all critical or important functions; null when the catalog assesses none as such. */
  criticalShare: number | null;
  /** The BIA loss of the services it affects, each at its RTO (24h without one); null when none has loss figures. */
  loss: number | null;
  substitutability: { level: string; reason?: string } | null;
  alternatives: string[];
  exitPlan: SupplierExitPlan | null;
  contracts: SupplierContract[];
}

/** The concentration analysis: suppliers ranked by score, and the subcontractors two or more suppliers share. */
export interface SupplierAnalysis {
  suppliers: SupplierConcentration[];
  fourthParties: { id: string; suppliers: string[] }[];
}

/** What the analysis reads. */
export interface SupplierAnalysisInput {
  graph: EngineGraph;
  vendors: readonly DocumentOf<'Vendor'>[];
  services: readonly DocumentOf<'Service'>[];
  contracts: readonly DocumentOf<'Contract'>[];
  exercises: readonly DocumentOf<'Exercise'>[];
  /** The current BIA figures of each service. */
  bias: ReadonlyMap<string, BiaFigures>;
  today: string;
}

/** The documents the analysis reads, picked out of a catalog. */
export function supplierDocuments(
  documents: Iterable<CatalogDocument>,
): Pick<SupplierAnalysisInput, 'vendors' | 'services' | 'contracts' | 'exercises'> {
  const vendors: DocumentOf<'Vendor'>[] = [];
  const services: DocumentOf<'Service'>[] = [];
  const contracts: DocumentOf<'Contract'>[] = [];
  const exercises: DocumentOf<'Exercise'>[] = [];
  for (const document of documents)
    if (document.kind === 'Vendor') vendors.push(document);
    else if (document.kind === 'Service') services.push(document);
    else if (document.kind === 'Contract') contracts.push(document);
    else if (document.kind === 'Exercise') exercises.push(document);
  return { vendors, services, contracts, exercises };
}

/** The ids reachable from `start` through `next`, `start` included. */
function closure(start: readonly string[], next: (id: string) => Iterable<string> | undefined): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const other of next(id) ?? []) queue.push(other);
  }
  return seen;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The later of the stored test date and the latest done exercise of the plan; null when neither. */
export function exitPlanLastTested(
  exit: { plan: string; lastTested?: string | undefined },
  exercises: readonly DocumentOf<'Exercise'>[],
): string | null {
  let last = exit.lastTested ?? null;
  for (const { spec } of exercises) {
    if (spec.status !== 'done' || !spec.plans.includes(exit.plan)) continue;
    const date = exerciseDate(spec);
    if (last === null || date > last) last = date;
  }
  return last;
}

/** The supplier concentration analysis (docs/suppliers.md, Concentration). */
export function analyzeSuppliers(input: SupplierAnalysisInput): SupplierAnalysis {
  const { graph, today } = input;
  const inForce = input.contracts.filter((contract) => !contractEnded(contract.spec, today));
  // The supply chain: who each supplier subcontracts (any rank), and who relies on each subcontractor.
  const subsOf = new Map<string, Set<string>>();
  const reliedOnBy = new Map<string, Set<string>>();
  for (const contract of inForce)
    for (const sub of contract.spec.subcontractors ?? []) {
      const subs = subsOf.get(contract.spec.vendor) ?? new Set<string>();
      subs.add(sub.vendor);
      subsOf.set(contract.spec.vendor, subs);
      const users = reliedOnBy.get(sub.vendor) ?? new Set<string>();
      users.add(contract.spec.vendor);
      reliedOnBy.set(sub.vendor, users);
    }
  const topOf = new Map(input.vendors.map((v) => [v.metadata.id, v.spec.parent ?? v.metadata.id]));
  const group = new Map<string, string[]>();
  for (const [id, top] of topOf) group.set(top, [...(group.get(top) ?? []), id]);

  // Each service's loss at its RTO (24h without one); the costliest scales the loss weight.
  const serviceLoss = new Map<number, number>();
  for (const [v, info] of graph.service) {
    const figures = input.bias.get(graph.ids[v]!)?.loss;
    if (figures === undefined) continue;
    const amount = lossAt(pointsOf(figures), info.rtoMinutes ?? LOSS_HORIZON_WITHOUT_RTO);
    if (Number.isFinite(amount)) serviceLoss.set(v, amount);
  }
  const maxLoss = Math.max(0, ...serviceLoss.values());
  const critical = criticalFunctions(input.services);
  const criticalSet = new Set(critical);
  const contractsOf = (vendor: string) => input.contracts.filter((c) => c.spec.vendor === vendor);

  const suppliers = input.vendors.map((vendor): SupplierConcentration => {
    const id = vendor.metadata.id;
    // The failed set: the vendor and the suppliers that rely on it as a subcontractor (up the chain, as its failure
    // stops them), then with each of those its group and its subcontractors down the chain.
    const failed = closure([id], (next) => reliedOnBy.get(next));
    for (const next of closure([...failed], (v) => {
      const top = topOf.get(v) ?? v;
      return [top, ...(group.get(top) ?? []), ...(subsOf.get(v) ?? [])];
    }))
      failed.add(next);
    const nodes = [...failed].flatMap((v) => {
      const index = graph.index.get(v);
      return index === undefined ? [] : [index];
    });
    const { down } = computeDownSet(graph, nodes);
    const servicesDown: { id: string; tier: number; v: number }[] = [];
    for (const [v, info] of graph.service)
      if (down[v]) servicesDown.push({ id: graph.ids[v]!, tier: info.tier, v });
    servicesDown.sort((a, b) => a.tier - b.tier || byId(a.id, b.id));
    const relying = new Set(servicesDown.filter((s) => criticalSet.has(s.id)).map((s) => s.id));
    for (const contract of inForce)
      if (failed.has(contract.spec.vendor))
        for (const service of contract.spec.services ?? [])
          if (criticalSet.has(service)) relying.add(service);
    // What it affects: the services down, and the critical functions a contract in force says rely on it (the
    // graph may not model that dependency, or only through redundancy the contract does not share).
    const affected = new Set(servicesDown.map((s) => s.v));
    for (const service of relying) {
      const v = graph.index.get(service);
      if (v !== undefined && graph.service.has(v)) affected.add(v);
    }
    let score = 0;
    let loss: number | null = null;
    for (const v of affected) {
      const amount = serviceLoss.get(v);
      if (amount !== undefined) loss = (loss ?? 0) + amount;
      const tier = graph.service.get(v)!.tier;
      score += (TIER_WEIGHTS[tier] ?? 1) * (1 + (maxLoss > 0 ? (amount ?? 0) / maxLoss : 0));
    }
    const exit = vendor.spec.exitPlan;
    const lastTested = exit ? exitPlanLastTested(exit, input.exercises) : null;
    return {
      id,
      name: vendor.metadata.name ?? id,
      score: Math.round(score * 100) / 100,
      failed: [...failed].sort(byId),
      subcontractors: [...(subsOf.get(id) ?? [])].sort(byId),
      servicesDown: servicesDown.map(({ id: service, tier }) => ({ id: service, tier })),
      criticalFunctions: critical.filter((service) => relying.has(service)),
      criticalShare: critical.length === 0 ? null : relying.size / critical.length,
      loss,
      substitutability: vendor.spec.substitutability ?? null,
      alternatives: [...(vendor.spec.alternatives ?? [])],
      exitPlan: exit
        ? {
            plan: exit.plan,
            lastTested,
            overdue: lastTested === null || addMonths(lastTested, EXIT_PLAN_VALID_MONTHS) < today,
          }
        : null,
      contracts: contractsOf(id).map((contract) => ({
        id: contract.metadata.id,
        reference: contract.spec.reference,
        end: contract.spec.end ?? null,
        ended: contractEnded(contract.spec, today),
        services: [...(contract.spec.services ?? [])],
      })),
    };
  });
  suppliers.sort(
    (a, b) =>
      b.score - a.score ||
      b.criticalFunctions.length - a.criticalFunctions.length ||
      // On a tie (a group, a supply chain), the supplier under contract first.
      Number(b.contracts.length > 0) - Number(a.contracts.length > 0) ||
      byId(a.id, b.id),
  );
  const fourthParties = [...reliedOnBy]
    .filter(([, users]) => users.size >= 2)
    .map(([sub, users]) => ({ id: sub, suppliers: [...users].sort(byId) }))
    .sort((a, b) => b.suppliers.length - a.suppliers.length || byId(a.id, b.id));
  return { suppliers, fourthParties };
}
