import { createHash } from 'node:crypto';
import { analyzeImpact } from '../../engine/index.ts';
import type { FailureKind, ImpactResult, SpofResult } from '../../engine/index.ts';
import {
  followScenario,
  objectivePlans,
  objectiveRisks,
  objectiveScenarios,
  planScenario,
} from '../../plans/objectives.ts';
import type { ObjectivesGap } from '../../plans/objectives.ts';
import { filterObjectives } from '../../plans/objectives-answer.ts';
import type { ObjectivesAnswer, ObjectivesFilter } from '../../plans/objectives-answer.ts';
import { withBusinessImpact } from '../../bia/business-impact.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createBiaService } from './bia.service.ts';
import type { BiaService } from './bia.service.ts';
import { CatalogError } from './errors.ts';
import { createGraphProvider } from './graph-provider.ts';
import type { GraphProvider } from './graph-provider.ts';
import { createHeavyWork, engineErrorOf } from './heavy-work.ts';
import type { HeavyWork, WorkContext } from './heavy-work.ts';
import type { TopSinglePoints } from './heavy-work.tasks.ts';

/** The largest cut-set order the API computes: order 3 on a big catalog is already minutes of work. */
export const MAX_CUT_SET_ORDER = 3;

/** A node of a neighbourhood graph, with what a map needs to draw it. */
export interface GraphNode {
  id: string;
  kind: FailureKind;
  name: string;
  tier?: number;
  type?: string;
}

/** `from` depends on `to`; `group` is set when the dependency is one member of a redundancy group. */
export interface GraphEdge {
  from: string;
  to: string;
  group?: { index: number; k: number; of: number };
}

/** A ranked single point of failure, with names: what a continuity manager reads first on the dashboard. */
export interface NamedSinglePoint {
  id: string;
  kind: FailureKind;
  name: string;
  weightedScore: number;
  byTier: { 1: number; 2: number; 3: number; 4: number };
  /** How many services it takes down alone; `services` lists the first of them, by tier then id. */
  serviceCount: number;
  services: { id: string; name: string; tier: number }[];
}

/** How many services each ranked single point lists by name. */
export const SERVICES_PER_POINT = 25;

/** A ranking from `topSinglePoints` with the names of its nodes and the tiers of its services. */
export function nameSinglePoints(
  ranked: TopSinglePoints,
  nameOf: (id: string) => string,
  tierOf: (id: string) => number,
): { total: number; points: NamedSinglePoint[] } {
  return {
    total: ranked.total,
    points: ranked.points.map((point) => ({
      ...point,
      name: nameOf(point.id),
      services: point.services.map((id) => ({ id, name: nameOf(id), tier: tierOf(id) })),
    })),
  };
}

/** Past this many nodes an impact analysis runs in the pool; below it, the hop to a thread costs more. */
const LARGE_GRAPH = 10_000;

/**
 * Runs the continuity engine on the stored catalog, through the shared graph provider (one graph per catalog
 * state, kept current from the audit log) and the heavy-work pool: cut sets always, impact analyses of large
 * catalogs; cut sets of every service are cached per catalog state (the dashboard asks on every load).
 */
export function createAnalysisService(deps: {
  database: LifeboatDatabase;
  graphs?: GraphProvider;
  work?: HeavyWork;
  bia?: BiaService;
}) {
  const { database } = deps;
  const graphs = deps.graphs ?? createGraphProvider({ database });
  const work = deps.work ?? createHeavyWork({ threads: 0 });
  const bia = deps.bia ?? createBiaService({ database, graphs });
  const local: WorkContext = { user: 'local' };

  async function impactAnswer(fail: readonly string[], context: WorkContext = local): Promise<string> {
    const state = await graphs.engine();
    // The answer says what the scenario costs, from the current (approved) BIA of each service.
    const business = await bia.basis();
    if (state.nodes.size >= LARGE_GRAPH) return work.impact(state, [...fail], context, undefined, business);
    try {
      return JSON.stringify(withBusinessImpact(analyzeImpact(state.graph(), fail), business));
    } catch (error) {
      throw engineErrorOf(error);
    }
  }

  async function spofAnswer(
    options: { service?: string; maxOrder: number },
    context: WorkContext = local,
  ): Promise<string> {
    const state = await graphs.engine();
    return state.memo(`spof:${options.service ?? '*'}:${options.maxOrder}`, () =>
      work.spof(state, options, context),
    );
  }

  /**
   * The `limit` single points of failure that take down the most services, weighted by tier (8, 4, 2, 1 for
   * tiers 1 to 4), with names; ranked in the pool and cached per catalog state.
   */
  async function singlePoints(
    limit: number,
    context: WorkContext = local,
  ): Promise<{ total: number; points: NamedSinglePoint[] }> {
    const state = await graphs.engine();
    const ranked = JSON.parse(
      await state.memo(`single-points:${limit}`, () =>
        work.singlePoints(state, limit, SERVICES_PER_POINT, context),
      ),
    ) as TopSinglePoints;
    const ids = new Set(ranked.points.flatMap((point) => [point.id, ...point.services]));
    const rows = await createDocumentRepository(database.db).getMany([...ids]);
    const names = new Map(rows.map((row) => [row.id, row.name ?? row.id]));
    return nameSinglePoints(
      ranked,
      (id) => names.get(id) ?? id,
      (id) => state.nodes.get(id)?.service?.tier ?? 4,
    );
  }

  /**
   * The objectives gap (every service in each site's, each vendor's and each plan's scenario) as its JSON
   * answer: computed in the pool and cached per catalog state. The engine state's memo lasts while the failure
   * nodes do; the scenarios' digest keys it further, so an edited plan is computed again. A filter keeps some
   * services of the cached answer (copying their slices, without parsing it); a service it names that the
   * answer does not hold is not found.
   */
  async function objectivesAnswer(
    context: WorkContext = local,
    filter: ObjectivesFilter = {},
  ): Promise<string> {
    const view = await graphs.catalog();
    const state = view.engine;
    const scenarios = objectiveScenarios(
      state.nodes.values(),
      objectivePlans(view.documents),
      objectiveRisks(view.documents),
    );
    const digest = createHash('sha256').update(JSON.stringify(scenarios)).digest('base64url');
    // One answer per state, for the latest scenarios only: plan edits within a state do not pile answers up.
    const latest = await state.memo('objectives', () =>
      Promise.resolve<{ digest?: string; answer?: ObjectivesAnswer }>({}),
    );
    if (latest.digest !== digest || latest.answer === undefined) {
      // Only an answer is kept, as `memo` does: a cancelled or refused computation leaves nothing.
      const answer = await work.objectives(state, scenarios, context);
      Object.assign(latest, { digest, answer });
    }
    const json = filterObjectives(latest.answer!, filter);
    if (json === undefined) throw new CatalogError('not-found', `No Service has the id "${filter.service}"`);
    return json;
  }

  /**
   * The impact of a plan's scenario (or of `fail` instead) with restore times that follow the plan's steps, as
   * its JSON answer (built in a worker thread on a large catalog).
   */
  async function followPlanAnswer(
    id: string,
    fail: readonly string[] | undefined,
    context: WorkContext = local,
  ): Promise<string> {
    const view = await graphs.catalog();
    const plan = view.byId.get(id);
    if (plan?.kind !== 'Plan') throw new CatalogError('not-found', `No Plan has the id "${id}"`);
    const scenario = planScenario({ id, spec: plan.spec });
    if (fail) scenario.fail = [...fail];
    const state = view.engine;
    const business = await bia.basis();
    if (state.nodes.size >= LARGE_GRAPH)
      return work.impact(state, scenario.fail, context, scenario, business);
    try {
      return JSON.stringify(withBusinessImpact(followScenario(state.graph(), scenario), business));
    } catch (error) {
      throw engineErrorOf(error);
    }
  }

  return {
    singlePoints,

    followPlanAnswer,

    /** The impact of a plan's scenario, or of `fail`, when the plan is followed. */
    async followPlan(id: string, fail?: readonly string[]): Promise<ImpactResult> {
      return JSON.parse(await followPlanAnswer(id, fail)) as ImpactResult;
    },

    objectivesAnswer,

    /** Every service against its RTO and RPO in every site, vendor and plan scenario. */
    async objectives(): Promise<ObjectivesGap> {
      return JSON.parse(await objectivesAnswer()) as ObjectivesGap;
    },

    /** The impact analysis as its JSON answer (built in a worker thread on a large catalog). */
    impactAnswer,

    /** Minimal cut sets as their JSON answer, computed in the pool and cached per catalog state. */
    spofAnswer,

    /** What fails, what goes down, when each service is back, and which objectives are breached. */
    async impact(fail: readonly string[]): Promise<ImpactResult> {
      return JSON.parse(await impactAnswer(fail)) as ImpactResult;
    },

    /** Minimal cut sets up to `maxOrder` of every service, or of one. */
    async spof(options: { service?: string; maxOrder: number }): Promise<SpofResult> {
      return JSON.parse(await spofAnswer(options)) as SpofResult;
    },

    /** The failure nodes within `depth` dependency steps of `around`, up (dependents), down, or both. */
    async neighbourhood(
      around: string,
      options: { depth: number; direction: 'up' | 'down' | 'both'; limit: number },
    ): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean }> {
      const state = await graphs.engine();
      const { nodes } = state;
      if (!nodes.has(around))
        throw new CatalogError('not-found', `No Service, Component, Site or Vendor has the id "${around}"`);
      const dependents = options.direction === 'down' ? new Map<string, string[]>() : state.dependents();
      const seen = new Set([around]);
      let frontier = [around];
      let truncated = false;
      for (let level = 0; level < options.depth && frontier.length > 0 && !truncated; level++) {
        const next: string[] = [];
        for (const id of frontier) {
          const node = nodes.get(id);
          const neighbours = [
            ...(options.direction !== 'up' && node
              ? [...node.requires, ...node.groups.flatMap((group) => group.of)]
              : []),
            ...(options.direction !== 'down' ? (dependents.get(id) ?? []) : []),
          ];
          for (const neighbour of neighbours) {
            if (seen.has(neighbour)) continue;
            if (seen.size >= options.limit) {
              truncated = true;
              break;
            }
            seen.add(neighbour);
            next.push(neighbour);
          }
        }
        frontier = next;
      }
      const edges: GraphEdge[] = [];
      for (const id of seen) {
        const node = nodes.get(id);
        if (!node) continue;
        for (const to of node.requires) if (seen.has(to)) edges.push({ from: id, to });
        node.groups.forEach((group, index) => {
          for (const to of group.of)
            if (seen.has(to)) edges.push({ from: id, to, group: { index, k: group.k, of: group.of.length } });
        });
      }
      const rows = await createDocumentRepository(database.db).getMany([...seen]);
      const graphNodes = rows.map((row) => {
        const spec = JSON.parse(row.spec) as { tier?: number; type?: string };
        return {
          id: row.id,
          // Only failure nodes are in the engine's graph.
          kind: row.kind as FailureKind,
          name: row.name ?? row.id,
          ...(spec.tier !== undefined && { tier: spec.tier }),
          ...(spec.type !== undefined && { type: spec.type }),
        };
      });
      return { nodes: graphNodes, edges, truncated };
    },
  };
}

/** The analysis service's interface. */
export type AnalysisService = ReturnType<typeof createAnalysisService>;
