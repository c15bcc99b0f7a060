/**
 * Data loss of a scenario (worst case: everything written since the last copy that survives is lost). A down
 * data node loses the smallest lag of a replica that is not down, else its backup interval if the node holding
 * the backup is not down, else everything (unbounded). A node's data loss is the largest loss among the down data
 * nodes it depends on, transitively (groups included), itself included.
 *
 * Computed from the down data nodes outwards: their losses sorted largest first, each spreads over the nodes that
 * depend on it and that no larger loss reached yet. So every dependent is visited once: O(down data nodes log
 * + the nodes and reverse edges they reach), nothing when no data node is down, and no array of the graph's size
 * allocated (the marks live in the graph's workspace).
 */
import { DEAD, TOMBSTONE, type EngineGraph } from './graph.ts';
import type { DownSet } from './impact.ts';
import { LOSS, LOSS_REACHED, QUEUE, UNKNOWN_QUEUE, UNKNOWN_REACHED, workspaceOf } from './workspace.ts';

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

const NOTHING: DataLoss & ReachedByLoss = {
  lossOf: () => -1,
  unknownOf: () => false,
  unknownNodes: [],
  lossReached: new Int32Array(0),
  unknownReached: new Int32Array(0),
};

/** The nodes a data loss reached, in the order reached. */
interface ReachedByLoss {
  lossReached: Int32Array;
  unknownReached: Int32Array;
}

/**
 * Marks with `stamp` the node `from` and every node that depends on it, transitively, not marked yet (the
 * dependents `forEachDependent` lists, through groups whatever their state); appends them to `queue` from `tail`
 * and returns the new tail.
 */
function reach(
  graph: EngineGraph,
  from: number,
  mark: Int32Array,
  stamp: number,
  queue: Int32Array,
  tail: number,
): number {
  if (mark[from] === stamp) return tail;
  const { revStart, revSplit, revEntry, extraHead, extraNext, extraEntry, condOwner, condThreshold } = graph;
  const edited = graph.extraLength > 0;
  mark[from] = stamp;
  queue[tail++] = from;
  for (let head = tail - 1; head < tail; head++) {
    const u = queue[head]!;
    for (let e = revStart[u]!, split = revSplit[u]!; e < split; e++) {
      const v = revEntry[e]!;
      if (v >= 0 && mark[v] !== stamp) {
        mark[v] = stamp;
        queue[tail++] = v;
      }
    }
    for (let e = revSplit[u]!, end = revStart[u + 1]!; e < end; e++) {
      const c = revEntry[e]!;
      const v = condOwner[c]!;
      if (condThreshold[c] !== DEAD && mark[v] !== stamp) {
        mark[v] = stamp;
        queue[tail++] = v;
      }
    }
    for (let e = edited ? extraHead[u]! : -1; e >= 0; e = extraNext[e]!) {
      const x = extraEntry[e]!;
      if (x === TOMBSTONE || (x >= 0 && condThreshold[x] === DEAD)) continue;
      const v = x < 0 ? ~x : condOwner[x]!;
      if (mark[v] !== stamp) {
        mark[v] = stamp;
        queue[tail++] = v;
      }
    }
  }
  return tail;
}

/**
 * The data loss each node depends on in this scenario (see the file header), read from the graph's workspace:
 * valid until the next scenario computed on the same graph. `analyzeImpact` reads it at once; `computeDataLoss`
 * keeps a copy.
 */
export function spreadDataLoss(graph: EngineGraph, downSet: DownSet): DataLoss & ReachedByLoss {
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
  const ws = workspaceOf(graph);
  const lossMark = ws.int32(LOSS_REACHED);
  const unknownMark = ws.int32(UNKNOWN_REACHED);
  const lossStamp = ws.nextStamp();
  const unknownStamp = ws.nextStamp();
  const loss = ws.float64(LOSS);
  const lossQueue = ws.int32(QUEUE);
  const unknownQueue = ws.int32(UNKNOWN_QUEUE);
  // Largest loss first: the nodes a source reaches that no larger loss reached take its loss.
  let lossTail = 0;
  for (const source of sources) {
    const from = lossTail;
    lossTail = reach(graph, source.node, lossMark, lossStamp, lossQueue, lossTail);
    for (let i = from; i < lossTail; i++) loss[lossQueue[i]!] = source.loss;
  }
  let unknownTail = 0;
  for (const node of unknownNodes) {
    unknownTail = reach(graph, node, unknownMark, unknownStamp, unknownQueue, unknownTail);
  }
  return {
    lossOf: (v) => (lossMark[v] === lossStamp ? loss[v]! : -1),
    unknownOf: (v) => unknownMark[v] === unknownStamp,
    unknownNodes,
    lossReached: lossQueue.subarray(0, lossTail),
    unknownReached: unknownQueue.subarray(0, unknownTail),
  };
}

/** The data loss each node depends on in this scenario (see the file header). */
export function computeDataLoss(graph: EngineGraph, downSet: DownSet): DataLoss {
  const spread = spreadDataLoss(graph, downSet);
  if (spread === NOTHING) return NOTHING;
  const loss = new Map<number, number>();
  for (const v of spread.lossReached) loss.set(v, spread.lossOf(v));
  const unknown = new Set(spread.unknownReached);
  return {
    lossOf: (v) => loss.get(v) ?? -1,
    unknownOf: (v) => unknown.has(v),
    unknownNodes: spread.unknownNodes,
  };
}
