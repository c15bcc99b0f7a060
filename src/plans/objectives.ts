import type { PlanSpec } from '../catalog/kinds.schema.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { analyzeImpact } from '../engine/index.ts';
import type { EngineGraph, EngineNode, ImpactResult, RestoredAt } from '../engine/index.ts';
import { planTimeline } from './plan-timeline.ts';

/** Where a scenario of the objectives gap comes from. */
export type ScenarioSource = 'site' | 'vendor' | 'plan' | 'risk';

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
  /** Data lost (a service that stays up may lose some too); null when unbounded or unknown. */
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

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The plans whose scenarios the objectives gap follows: every plan but the retired ones. */
export function objectivePlans(documents: Iterable<CatalogDocument>): { id: string; spec: PlanSpec }[] {
  const plans: { id: string; spec: PlanSpec }[] = [];
  for (const document of documents)
    if (document.kind === 'Plan' && document.spec.status !== 'retired')
      plans.push({ id: document.metadata.id, spec: document.spec });
  return plans;
}

/** The risks whose scenarios the objectives gap follows: every Risk with a scenario, with what it fails. */
export function objectiveRisks(documents: Iterable<CatalogDocument>): { id: string; fail: string[] }[] {
  const risks: { id: string; fail: string[] }[] = [];
  for (const document of documents)
    if (document.kind === 'Risk' && document.spec.scenario)
      risks.push({ id: document.metadata.id, fail: [...document.spec.scenario.fail] });
  return risks;
}

/**
 * The scenarios of the objectives gap: each Site alone, each Vendor alone (by id), then each Plan's scenario
 * (by plan id) with the plan's timeline, so its restore times are those of the plan followed, then each Risk's
 * scenario (by risk id).
 */
export function objectiveScenarios(
  nodes: Iterable<EngineNode>,
  plans: readonly { id: string; spec: PlanSpec }[],
  risks: readonly { id: string; fail: string[] }[] = [],
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
    ...[...plans].sort((a, b) => compare(a.id, b.id)).map(planScenario),
    ...[...risks]
      .sort((a, b) => compare(a.id, b.id))
      .map(({ id, fail }) => ({ id, source: 'risk' as const, fail: [...fail] })),
  ];
}

/** A plan's scenario with its timeline: what fails, and when the plan's steps bring nodes back. */
export function planScenario(plan: { id: string; spec: PlanSpec }): ObjectiveScenario {
  const timeline = planTimeline(plan.spec);
  return {
    id: plan.id,
    source: 'plan',
    fail: [...plan.spec.scenario.fail],
    restoredAt: [...timeline.restoredAt],
    restoredAtBound: [...timeline.restoredAtBound],
  };
}

/**
 * The impact of a scenario, following its plan when it has one: the engine restores a node a step restores at
 * the later of the step's end and its own requirements; a step whose end is only a lower bound (a step before it
 * has no duration) makes what waits on it a lower bound too.
 */
export function followScenario(graph: EngineGraph, scenario: ObjectiveScenario): ImpactResult {
  const bound = new Set(scenario.restoredAtBound ?? []);
  const restoredAt = new Map<string, RestoredAt>();
  // A plan may name a node the catalog no longer has; the engine refuses unknown ids.
  for (const [id, minutes] of scenario.restoredAt ?? [])
    if (graph.index.has(id)) restoredAt.set(id, { minutes, known: !bound.has(id) });
  const fail = scenario.fail.filter((id) => graph.index.has(id));
  return analyzeImpact(graph, fail, restoredAt.size > 0 ? { restoredAt } : {});
}

/**
 * The objectives gap: for every service, in every scenario, whether it goes down, when it is back, what data it
 * loses, and whether that breaches its RTO and RPO. Services by tier then id; results in scenario order.
 */
export function objectivesGap(graph: EngineGraph, scenarios: readonly ObjectiveScenario[]): ObjectivesGap {
  const services: ObjectivesGap['services'] = [...graph.service]
    .map(([v, info]) => ({
      id: graph.ids[v]!,
      tier: info.tier,
      rtoMinutes: info.rtoMinutes,
      rpoMinutes: info.rpoMinutes,
      results: [] as ObjectiveResult[],
    }))
    .sort((a, b) => a.tier - b.tier || compare(a.id, b.id));
  const row = new Map(services.map((service) => [service.id, service.results]));
  for (const scenario of scenarios)
    for (const service of followScenario(graph, scenario).services)
      row.get(service.id)!.push({
        scenario: scenario.id,
        down: service.down,
        restoreMinutes: service.restoreMinutes,
        restoreKnown: service.restoreKnown,
        // A service that stays up may still lose data: a data node in one of its redundancy groups went down.
        dataLossMinutes: service.dataLossMinutes,
        rtoBreach: service.rtoBreach,
        rpoBreach: service.rpoBreach,
      });
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
