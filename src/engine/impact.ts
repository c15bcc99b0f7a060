/**
 * Impact of a failed set F: the least fixed point (the smallest down set containing F and closed under
 * "a required dependency is down" and "a group has fewer than k members up and active": a standby does not
 * count until activated), computed by one worklist pass:
 * each node is queued once, when it goes down, and each reverse edge is looked at once (counting down members
 * per group), so the work is O(down nodes + their reverse edges), like a plain breadth-first search.
 */
import { DEAD, TOMBSTONE, brokenAtRest, type EngineGraph } from './graph.ts';
import { UnknownIdError } from './errors.ts';
import { POSITION, QUEUE, workspaceOf } from './workspace.ts';

/** The down set of a scenario, and the per-group down counts the restore simulation starts from. */
export interface DownSet {
  /** The failed node indices, distinct, in the order given. */
  failed: Int32Array;
  /** 1 for a node in F, 0 otherwise. */
  isFailed: Uint8Array;
  /** 1 for a down node. */
  down: Uint8Array;
  /** The down nodes in the order they went down (F first). */
  order: Int32Array;
  /**
   * Per group: threshold minus its unavailable members (down, or standbys not yet activated), so a group is
   * broken while this is <= 0 (the restore counters).
   */
  groupLeft: Int32Array;
}

/** Resolves ids to node indices, throwing UnknownIdError (naming the id) for one the graph does not hold. */
export function resolveIds(graph: EngineGraph, ids: readonly string[], where: string): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const id of ids) {
    const v = graph.index.get(id);
    if (v === undefined) throw new UnknownIdError(id, where);
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/** The least fixed point down set for failed node indices (see the file header). */
export function computeDownSet(graph: EngineGraph, failed: readonly number[] | Int32Array): DownSet {
  const { n, revStart, revSplit, revEntry, extraHead, extraNext, extraEntry, condSlack, condOwner } = graph;
  const { activation } = graph;
  const down = new Uint8Array(n);
  const isFailed = new Uint8Array(n);
  // The graph's scratch queue: only the down nodes are copied out, so a small scenario stays small.
  const queue = workspaceOf(graph).int32(QUEUE);
  let tail = 0;
  const distinct: number[] = [];
  for (const v of failed) {
    if (isFailed[v]) continue;
    isFailed[v] = 1;
    down[v] = 1;
    queue[tail++] = v;
    distinct.push(v);
  }
  // `left[c]`: how many more members of group c must go down before it breaks (a dead group never does); its
  // standbys count as unavailable from the start, so a group they alone would satisfy is broken already.
  const left = condSlack.slice(0, graph.condCount);
  for (const c of brokenAtRest(graph)) {
    const v = condOwner[c]!;
    if (down[v] === 0) {
      down[v] = 1;
      queue[tail++] = v;
    }
  }
  const edited = graph.extraLength > 0;
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    // A standby was never counted as an available member: its going down breaks no group.
    const standby = activation[u]! > 0;
    // The CSR row, then the overflow list that edits add to (empty unless the node was edited).
    const split = revSplit[u]!;
    for (let e = revStart[u]!; e < split; e++) {
      const v = revEntry[e]!;
      if (v >= 0 && down[v] === 0) {
        down[v] = 1;
        queue[tail++] = v;
      }
    }
    for (let e = split, end = standby ? split : revStart[u + 1]!; e < end; e++) {
      const c = revEntry[e]!;
      if (--left[c]! !== 0) continue;
      const v = condOwner[c]!;
      if (down[v] === 0) {
        down[v] = 1;
        queue[tail++] = v;
      }
    }
    // Edits since the last build: skip the lookup entirely on a graph that was never edited.
    for (let e = edited ? extraHead[u]! : -1; e >= 0; e = extraNext[e]!) {
      const x = extraEntry[e]!;
      let v: number;
      if (x < 0) {
        if (x === TOMBSTONE) continue;
        v = ~x;
      } else {
        if (standby || --left[x]! !== 0) continue;
        v = condOwner[x]!;
      }
      if (down[v] === 0) {
        down[v] = 1;
        queue[tail++] = v;
      }
    }
  }
  return {
    failed: Int32Array.from(distinct),
    isFailed,
    down,
    order: queue.slice(0, tail),
    groupLeft: left,
  };
}

/** `position[v]` = v's position in `downSet.order` for every down node v, in the graph's workspace (valid until the next scenario on the graph; read it only for down nodes). */
export function positionsOf(graph: EngineGraph, downSet: DownSet): Int32Array {
  const position = workspaceOf(graph).int32(POSITION);
  const { order } = downSet;
  for (let j = 0; j < order.length; j++) position[order[j]!] = j;
  return position;
}

/**
 * The shortest cause chains, by position in `downSet.order`: `parent[p]` is the position of the previous node on
 * a shortest chain from a source to the node at p (each node depending on the previous one, every node on the
 * chain down), -1 for a source and for a node no chain reaches; `visited` lists the positions reached, parents
 * first. A multi-source breadth-first search from `sources` over the down nodes, O(down nodes + their reverse
 * edges). `position` is `positionsOf(graph, downSet)`.
 */
export function causePositions(
  graph: EngineGraph,
  downSet: DownSet,
  sources: readonly number[],
  position: Int32Array,
): { parent: Int32Array; visited: Int32Array } {
  const { down, order } = downSet;
  const { revStart, revSplit, revEntry, extraHead, extraNext, extraEntry, condOwner, condThreshold } = graph;
  const parent = new Int32Array(order.length).fill(-1);
  const seen = new Uint8Array(order.length);
  const queue = new Int32Array(order.length);
  let tail = 0;
  for (const v of sources) {
    seen[position[v]!] = 1;
    queue[tail++] = position[v]!;
  }
  let from = -1;
  const reach = (v: number): void => {
    if (down[v] === 0) return;
    const p = position[v]!;
    if (seen[p] === 1) return;
    seen[p] = 1;
    parent[p] = from;
    queue[tail++] = p;
  };
  const edited = graph.extraLength > 0;
  for (let head = 0; head < tail; head++) {
    from = queue[head]!;
    const u = order[from]!;
    // The same entries, in the same order, as `forEachDependent`.
    for (let e = revStart[u]!, split = revSplit[u]!; e < split; e++) {
      const v = revEntry[e]!;
      if (v >= 0) reach(v);
    }
    for (let e = revSplit[u]!, end = revStart[u + 1]!; e < end; e++) {
      const c = revEntry[e]!;
      if (condThreshold[c] !== DEAD) reach(condOwner[c]!);
    }
    for (let e = edited ? extraHead[u]! : -1; e >= 0; e = extraNext[e]!) {
      const x = extraEntry[e]!;
      if (x === TOMBSTONE) continue;
      if (x < 0) reach(~x);
      else if (condThreshold[x] !== DEAD) reach(condOwner[x]!);
    }
  }
  return { parent, visited: queue.subarray(0, tail) };
}

/**
 * For every down node, the previous node on a shortest chain from a failed node (each node depending on the
 * previous one, every node on the chain down): a multi-source breadth-first search from F over the down nodes.
 * Returns -1 for nodes in F and for nodes that are not down.
 */
export function causeParents(graph: EngineGraph, downSet: DownSet, sources: readonly number[]): Int32Array {
  const { order } = downSet;
  const { parent: byPosition } = causePositions(graph, downSet, sources, positionsOf(graph, downSet));
  const parent = new Int32Array(graph.n).fill(-1);
  for (let p = 0; p < order.length; p++) {
    if (byPosition[p]! >= 0) parent[order[p]!] = order[byPosition[p]!]!;
  }
  return parent;
}

/** The chain of ids from a failed node to `v`, following `causeParents`. */
export function causeChain(graph: EngineGraph, parent: Int32Array, v: number): string[] {
  const chain: string[] = [];
  for (let u = v; u >= 0; u = parent[u]!) chain.push(graph.ids[u]!);
  return chain.reverse();
}
