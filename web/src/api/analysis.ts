/** The engine over HTTP: impact of a scenario, single points of failure, and the dependency graph. */
import type { FailureKind, ImpactResult, SpofResult } from '../../../src/engine/types.ts';
import type {
  GraphData as ApiGraphData,
  ObjectivesAnswer,
  SinglePoints,
} from '../../../src/server/routes/analysis.schema.ts';
import { request } from './client';

export type { FailureKind, ImpactResult, SpofResult };

/** `POST /api/v1/analysis/impact`: what goes down when `fail` fails, when each node is back, the breaches. */
export function analyseImpact(fail: string[], signal?: AbortSignal) {
  return request<ImpactResult>('POST', '/analysis/impact', { body: { fail }, signal });
}

/** `POST /api/v1/analysis/impact` with `plan`: the plan's scenario with restore times that follow its steps. */
export function analyseFollowingPlan(plan: string, signal?: AbortSignal) {
  return request<ImpactResult>('POST', '/analysis/impact', { body: { plan }, signal });
}

/** `GET /api/v1/analysis/spof`: minimal cut sets up to `maxOrder` of one service or of every service. */
export function findSpofs(options: { service?: string; maxOrder: number }, signal?: AbortSignal) {
  return request<SpofResult>('GET', '/analysis/spof', {
    query: { service: options.service, maxOrder: options.maxOrder },
    signal,
  });
}

/** The neighbourhood of a node, as the route's schema says; `truncated` when the server stopped at `limit`. */
export type GraphData = ApiGraphData;

/** A node of the dependency graph. */
export type GraphNode = GraphData['nodes'][number];

/** `from` depends on `to`; `group` is set when the dependency is a member of an anyOf/atLeast group. */
export type GraphEdge = GraphData['edges'][number];

/** Single points of failure, ranked, as the route's schema says. */
export type { SinglePoints };

/** `GET /api/v1/analysis/single-points?limit=`: the nodes that take the most services down alone, weighted by tier. */
export function findSinglePoints(limit: number, signal?: AbortSignal) {
  return request<SinglePoints>('GET', '/analysis/single-points', { query: { limit }, signal });
}

/** The objectives gap, as the route's schema says. */
export type Objectives = ObjectivesAnswer;

/** `GET /api/v1/analysis/objectives`: every service against its RTO and RPO in every site, vendor and plan scenario. */
export function getObjectives(signal?: AbortSignal) {
  return request<Objectives>('GET', '/analysis/objectives', { signal });
}

/** Which way to walk: `down` to what a node depends on, `up` to what depends on it. */
export type Direction = 'both' | 'down' | 'up';

/** The most nodes one graph answer may hold (the server's own ceiling is 20,000). */
export const GRAPH_LIMIT = 20_000;

/** `GET /api/v1/graph?around=&depth=&direction=&limit=`. */
export function getGraph(around: string, depth: number, direction: Direction, signal?: AbortSignal) {
  return request<GraphData>('GET', '/graph', {
    query: { around, depth, direction, limit: GRAPH_LIMIT },
    signal,
  });
}
