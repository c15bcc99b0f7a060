/**
 * Data loss of a scenario (worst case: everything written since the last copy that survives is lost). A down
 * data node loses the smallest lag of a replica that is not down, else its backup interval if the node holding
 * the backup is not down, else everything (unbounded). A node's data loss is the largest loss among the down data
 * nodes it depends on, transitively (groups included), itself included.
 *
 * Computed from the down data nodes outwards: their losses sorted largest first, each spreads over the nodes that
 * depend on it and that no larger loss reached yet. So every dependent is visited once: O(down data nodes log
 * + the nodes and reverse edges they reach), nothing when no data node is down.
 */
import { forEachDependent, type EngineGraph } from './graph.ts';
import type { DownSet } from './impact.ts';

/** Data losses of one scenario, read by node index. */
export interface DataLoss {
  /** The loss (minutes, Infinity when unbounded) a node depends on; -1 when it depends on no down data node. */
  lossOf(v: number): number;
  /** Whether a down data node without `data` (loss unknown) is among those a node depends on. */
  unknownOf(v: number): boolean;
  /** Down data nodes without `data`. */
  unknownNodes: number[];
}

/** The loss of one down data node: Infinity when unbounded, NaN when unknown (it has no `data`). */
export function ownLoss(graph: EngineGraph, downSet: DownSet, v: number): number {
  const data = graph.data.get(v);
  if (data === undefined) return Number.NaN;
  let best = Infinity;
  for (const replica of data.replicas) {
    if (downSet.down[replica.node] === 0 && replica.lagMinutes < best) best = replica.lagMinutes;
  }
  if (best !== Infinity) return best;
  if (data.backupAt >= 0 && downSet.down[data.backupAt] === 0) return data.backupIntervalMinutes;
  return Infinity;
}

const NOTHING: DataLoss = { lossOf: () => -1, unknownOf: () => false, unknownNodes: [] };

/** The data loss each node depends on in this scenario (see the file header). */
export function computeDataLoss(graph: EngineGraph, downSet: DownSet): DataLoss {
  const sources: { node: number; loss: number }[] = [];
  const unknownNodes: number[] = [];
  for (const v of downSet.order) {
    if (graph.holdsData[v] === 0) continue;
    const loss = ownLoss(graph, downSet, v);
    if (Number.isNaN(loss)) unknownNodes.push(v);
    else sources.push({ node: v, loss });
  }
  if (sources.length === 0 && unknownNodes.length === 0) return NOTHING;
  sources.sort((a, b) => b.loss - a.loss || a.node - b.node);
  const loss = new Map<number, number>();
  const unknown = new Set<number>();
  const spread = (from: number, visited: { has(v: number): boolean }, mark: (v: number) => void): void => {
    if (visited.has(from)) return;
    mark(from);
    const stack = [from];
    while (stack.length > 0) {
      forEachDependent(graph, stack.pop()!, (x) => {
        const v = x < 0 ? ~x : graph.condOwner[x]!;
        if (visited.has(v)) return;
        mark(v);
        stack.push(v);
      });
    }
  };
  for (const { node, loss: minutes } of sources) spread(node, loss, (v) => loss.set(v, minutes));
  for (const node of unknownNodes) spread(node, unknown, (v) => unknown.add(v));
  return {
    lossOf: (v) => loss.get(v) ?? -1,
    unknownOf: (v) => unknown.has(v),
    unknownNodes,
  };
}
