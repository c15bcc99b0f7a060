import type { PlanSpec } from '../catalog/kinds.schema.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { analyzeImpact } from '../engine/index.ts';
import type { EngineGraph, EngineNode, ImpactResult } from '../engine/index.ts';
import { planTimeline } from './plan-timeline.ts';

/** Where a scenario of the objectives gap comes from. */
export type ScenarioSource = 'site' | 'vendor' | 'plan';

/** One scenario of the objectives gap: what fails, and for a plan, when its steps bring nodes back. */
export interface ObjectiveScenario {
  id: string;
  source: ScenarioSource;
  fail: string[];
  /** Following a plan: node id -> minute the step that restores it ends (JSON-friendly entries). */
  restoredAt?: [string, number][];
  /** The nodes of `restoredAt` whose time is a lower bound (a step before it has no duration). */
  restoredAtBound?: string[];
}

/** How one service fares in one scenario. */
export interface ObjectiveResult {
  scenario: string;
  down: boolean;
  /** When it is back; null when it stays up, or never comes back. */
  restoreMinutes: number | null;
  /** False when `restoreMinutes` is a lower bound (it waited on something whose duration is unknown). */
  restoreKnown: boolean;
  /** Data lost; 0 when it stays up, null when unbounded or unknown. */
  dataLossMinutes: number | null;
  /** True: breached (even the bound is over); null: no RTO, or within it only as a bound; false: met. */
  rtoBreach: boolean | null;
  rpoBreach: boolean | null;
}

/** `lifeboat analyze objectives --json` and `GET /api/v1/analysis/objectives`. */
export interface ObjectivesGap {
  scenarios: { id: string; source: ScenarioSource; fail: string[] }[];
  services: {
    id: string;
    tier: number;
    rtoMinutes: number | null;
    rpoMinutes: number | null;
    results: ObjectiveResult[];
  }[];
}

/** The fields the engine adds to each service for recovery strategies, read as optional until every caller has them. */
type ImpactService = ImpactResult['services'][number] & {
  restoreKnown?: boolean;
  rpoMinutes?: number | null;
  dataLossMinutes?: number | null;
  dataLossKnown?: boolean;
  rpoBreach?: boolean | null;
};

/** `analyzeImpact` with the plan's restore times; see `followPlan`. */
type Analyze = (
  graph: EngineGraph,
  fail: readonly string[],
  options?: { restoredAt?: ReadonlyMap<string, number> },
) => ImpactResult;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The plans whose scenarios the objectives gap follows: every plan but the retired ones. */
export function objectivePlans(documents: Iterable<CatalogDocument>): { id: string; spec: PlanSpec }[] {
  const plans: { id: string; spec: PlanSpec }[] = [];
  for (const document of documents)
    if (document.kind === 'Plan' && document.spec.status !== 'retired')
      plans.push({ id: document.metadata.id, spec: document.spec });
  return plans;
}

/**
 * The scenarios of the objectives gap: each Site alone, each Vendor alone (by id), then each Plan's scenario
 * (by plan id) with the plan's timeline, so its restore times are those of the plan followed.
 */
export function objectiveScenarios(
  nodes: Iterable<EngineNode>,
  plans: readonly { id: string; spec: PlanSpec }[],
): ObjectiveScenario[] {
  const sites: string[] = [];
  const vendors: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'Site') sites.push(node.id);
    else if (node.kind === 'Vendor') vendors.push(node.id);
  }
  const alone = (source: ScenarioSource) => (id: string) => ({ id, source, fail: [id] });
  return [
    ...sites.sort(compare).map(alone('site')),
    ...vendors.sort(compare).map(alone('vendor')),
    ...[...plans]
      .sort((a, b) => compare(a.id, b.id))
      .map((plan) => {
        const timeline = planTimeline(plan.spec);
        return {
          id: plan.id,
          source: 'plan' as const,
          fail: [...plan.spec.scenario.fail],
          restoredAt: [...timeline.restoredAt],
          restoredAtBound: [...timeline.restoredAtBound],
        };
      }),
  ];
}

/**
 * The down nodes that waited, directly or through other down nodes, on one of `bound` (restored at a time that is
 * only a lower bound). Conservative: a group member counts even when the group came back without it.
 */
function waitingOnBound(graph: EngineGraph, down: ReadonlySet<number>, bound: readonly string[]): Uint8Array {
  // 0 unvisited, 1 visiting, 2 exact, 3 waits on a bound.
  const state = new Uint8Array(graph.n);
  for (const id of bound) {
    const v = graph.index.get(id);
    if (v !== undefined && down.has(v)) state[v] = 3;
  }
  const visit = (v: number): boolean => {
    if (state[v] === 3) return true;
    if (state[v] !== 0) return false;
    state[v] = 1;
    let waits = false;
    const needs: number[] = [];
    for (let i = graph.reqFirst[v]!; i < graph.reqFirst[v]! + graph.reqCount[v]!; i++)
      needs.push(graph.reqPool[i]!);
    for (let c = graph.groupFirst[v]!; c < graph.groupFirst[v]! + graph.groupCount[v]!; c++)
      for (let i = graph.condMemberFirst[c]!; i < graph.condMemberFirst[c]! + graph.condSize[c]!; i++)
        needs.push(graph.memberPool[i]!);
    for (const u of needs) if (down.has(u) && visit(u)) waits = true;
    state[v] = waits ? 3 : 2;
    return waits;
  };
  for (const v of down) visit(v);
  return state;
}

/**
 * The impact of a scenario, following its plan when it has one: the engine restores a node a step restores at
 * the later of the step's end and its own requirements. A down service that waited on a step whose end is only a
 * lower bound gets a lower bound too (`restoreKnown` false, and a met RTO becomes `null`, "at least").
 */
export function followScenario(graph: EngineGraph, scenario: ObjectiveScenario): ImpactResult {
  const fail = scenario.fail.filter((id) => graph.index.has(id));
  const restoredAt = new Map(scenario.restoredAt ?? []);
  const analyze: Analyze = analyzeImpact;
  const impact = analyze(graph, fail, restoredAt.size > 0 ? { restoredAt } : undefined);
  const bound = scenario.restoredAtBound ?? [];
  if (bound.length === 0) return impact;
  const down = new Set<number>();
  for (const item of impact.down) down.add(graph.index.get(item.id)!);
  const state = waitingOnBound(graph, down, bound);
  return {
    ...impact,
    services: impact.services.map((service: ImpactService) => {
      if (!service.down || state[graph.index.get(service.id)!] !== 3) return service;
      const atLeast = (breach: boolean | null) => (breach === false ? null : breach);
      return {
        ...service,
        restoreKnown: false,
        rtoBreach: atLeast(service.rtoBreach),
        mtpdBreach: atLeast(service.mtpdBreach),
      };
    }),
  };
}

/**
 * The objectives gap: for every service, in every scenario, whether it goes down, when it is back, what data it
 * loses, and whether that breaches its RTO and RPO. Services by tier then id; results in scenario order.
 */
export function objectivesGap(graph: EngineGraph, scenarios: readonly ObjectiveScenario[]): ObjectivesGap {
  const services: ObjectivesGap['services'] = [];
  const row = new Map<string, ObjectiveResult[]>();
  scenarios.forEach((scenario, index) => {
    const impact = followScenario(graph, scenario);
    if (index === 0)
      for (const service of impact.services as ImpactService[]) {
        const results: ObjectiveResult[] = [];
        row.set(service.id, results);
        const info = graph.service.get(graph.index.get(service.id)!);
        services.push({
          id: service.id,
          tier: service.tier,
          rtoMinutes: service.rtoMinutes,
          rpoMinutes: service.rpoMinutes ?? info?.rpoMinutes ?? null,
          results,
        });
      }
    for (const service of impact.services as ImpactService[])
      row.get(service.id)?.push({
        scenario: scenario.id,
        down: service.down,
        restoreMinutes: service.restoreMinutes,
        restoreKnown: service.restoreKnown ?? true,
        dataLossMinutes: service.down ? (service.dataLossMinutes ?? null) : 0,
        rtoBreach: service.rtoBreach,
        rpoBreach: service.rpoBreach ?? (service.down ? null : false),
      });
  });
  if (scenarios.length === 0)
    for (const v of [...graph.service.keys()]) {
      const info = graph.service.get(v)!;
      services.push({
        id: graph.ids[v]!,
        tier: info.tier,
        rtoMinutes: info.rtoMinutes,
        rpoMinutes: info.rpoMinutes,
        results: [],
      });
    }
  services.sort((a, b) => a.tier - b.tier || compare(a.id, b.id));
  return {
    scenarios: scenarios.map(({ id, source, fail }) => ({ id, source, fail })),
    services,
  };
}

/** Whether any service breaches its RTO or RPO in any scenario (what `--fail-on breach` gates on). */
export function gapBreaches(gap: ObjectivesGap): { service: string; scenario: string; missed: string[] }[] {
  const breaches: { service: string; scenario: string; missed: string[] }[] = [];
  for (const service of gap.services)
    for (const result of service.results) {
      const missed = [result.rtoBreach ? 'RTO' : '', result.rpoBreach ? 'RPO' : ''].filter(Boolean);
      if (missed.length > 0) breaches.push({ service: service.id, scenario: result.scenario, missed });
    }
  return breaches;
}
