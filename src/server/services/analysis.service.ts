import { toEngineNodes } from '../../catalog/engine-input.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { FAILURE_KINDS } from '../../catalog/kinds.ts';
import {
  addNode,
  analyzeImpact,
  analyzeSpof,
  buildGraph,
  updateNode,
  UnknownIdError,
} from '../../engine/index.ts';
import type { EngineGraph, EngineNode, ImpactResult, SpofResult } from '../../engine/index.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { toAuditEntry } from './audit.service.ts';
import { rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';

/** The largest cut-set order the API computes: order 3 on a big catalog is already minutes of work. */
export const MAX_CUT_SET_ORDER = 3;
/** Past this many changes since the cached graph, a rebuild is cheaper than replaying them. */
const MAX_REPLAY = 1000;

/** A node of a neighbourhood graph, with what a map needs to draw it. */
export interface GraphNode {
  id: string;
  kind: string;
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

/** The engine's graph of the stored catalog, with the plain nodes it was built from (for neighbourhoods). */
interface CachedGraph {
  /** The audit sequence number the graph reflects: every write appends one, so it names a catalog state. */
  seq: number;
  graph: EngineGraph;
  nodes: Map<string, EngineNode>;
  /** Who depends on each id: built on the first neighbourhood request, dropped when the nodes change. */
  dependents?: Map<string, string[]>;
}

/** Reverse edges: for each id, the nodes that require it or hold it in a group. */
function dependentsOf(nodes: ReadonlyMap<string, EngineNode>): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const node of nodes.values()) {
    for (const to of [...node.requires, ...node.groups.flatMap((group) => group.of)]) {
      const list = dependents.get(to);
      if (list) list.push(node.id);
      else dependents.set(to, [node.id]);
    }
  }
  return dependents;
}

const FAILURE = new Set<string>(FAILURE_KINDS);

/**
 * Runs the continuity engine on the stored catalog. The engine's graph is cached and kept current by replaying
 * the audit log's new entries as in-place node edits (creates and updates); a delete, or a long backlog, rebuilds.
 * The audit head is read on every call, so several server processes sharing one database stay consistent.
 */
export function createAnalysisService(deps: { database: LifeboatDatabase }) {
  const { database } = deps;
  let cache: CachedGraph | undefined;
  let refreshing: Promise<CachedGraph> | undefined;

  async function rebuild(seq: number): Promise<CachedGraph> {
    const documents = (await createDocumentRepository(database.db).all()).map(rowToDocument);
    const nodes = toEngineNodes(documents);
    return { seq, graph: buildGraph(nodes), nodes: new Map(nodes.map((node) => [node.id, node])) };
  }

  /** Applies the writes after `current.seq` in place; undefined when only a rebuild can bring it up to date. */
  async function replay(current: CachedGraph, seq: number): Promise<CachedGraph | undefined> {
    if (seq - current.seq > MAX_REPLAY) return undefined;
    const entries = (
      await createAuditRepository(database.db).list({ afterSeq: current.seq, limit: MAX_REPLAY + 1 })
    ).map(toAuditEntry);
    const relevant = entries.filter((entry) => FAILURE.has(entry.kind));
    if (relevant.some((entry) => entry.action === 'delete')) return undefined;
    const latest = new Map<string, EngineNode>();
    for (const entry of relevant) {
      const [node] = toEngineNodes([entry.after as CatalogDocument]);
      if (node) latest.set(node.id, node);
    }
    try {
      // New nodes first without dependencies, so a new node may depend on another new one; then every edit.
      for (const node of latest.values()) {
        if (!current.graph.index.has(node.id)) addNode(current.graph, { ...node, requires: [], groups: [] });
      }
      for (const node of latest.values()) {
        updateNode(current.graph, node);
        current.nodes.set(node.id, node);
      }
    } catch {
      return undefined;
    }
    return { seq, graph: current.graph, nodes: current.nodes };
  }

  async function refresh(): Promise<CachedGraph> {
    const seq = (await createAuditRepository(database.db).last())?.seq ?? 0;
    if (cache?.seq === seq) return cache;
    cache = (cache && (await replay(cache, seq))) ?? (await rebuild(seq));
    return cache;
  }

  /** The cached graph brought up to date; concurrent callers share one refresh. */
  async function current(): Promise<CachedGraph> {
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  function engineCall<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof UnknownIdError) throw new CatalogError('invalid', error.message);
      throw error;
    }
  }

  return {
    /** What fails, what goes down, when each service is back, and which objectives are breached. */
    async impact(fail: readonly string[]): Promise<ImpactResult> {
      const { graph } = await current();
      return engineCall(() => analyzeImpact(graph, fail));
    },

    /** Minimal cut sets up to `maxOrder` of every service, or of one. */
    async spof(options: { service?: string; maxOrder: number }): Promise<SpofResult> {
      const { graph } = await current();
      return engineCall(() => analyzeSpof(graph, options));
    },

    /** The failure nodes within `depth` dependency steps of `around`, up (dependents), down, or both. */
    async neighbourhood(
      around: string,
      options: { depth: number; direction: 'up' | 'down' | 'both'; limit: number },
    ): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean }> {
      const cached = await current();
      const { nodes } = cached;
      if (!nodes.has(around))
        throw new CatalogError('not-found', `No Service, Component, Site or Vendor has the id "${around}"`);
      const dependents =
        options.direction === 'down'
          ? new Map<string, string[]>()
          : (cached.dependents ??= dependentsOf(nodes));
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
          kind: row.kind,
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
