/**
 * Restore times of a down set, with unlimited parallel work: a down node starts as soon as each required
 * dependency is up and each group has k members up, and is back after `recovery` (it is in F) or `restart` (it
 * went down only through its dependencies). The start time of a node is a max over its requirements of a k-th
 * smallest restore time of members: a "superior function" in the sense of Knuth, "A generalization of Dijkstra's
 * algorithm" (Information Processing Letters 6(1), 1977), so the event simulation is Dijkstra's algorithm with a
 * binary heap: nodes are restored in time order, each restoration decrements the unsatisfied-requirement
 * counters of its dependents, and a node is scheduled when its counter reaches zero. O((D + E) log D).
 *
 * Nodes never scheduled can never start: each still has a requirement that too many blocked nodes keep broken.
 * Following one such blocker from each of them must end in a cycle (the "dependency cycle that blocks it").
 */
import { TOMBSTONE, compareIds, type EngineGraph } from './graph.ts';
import type { DownSet } from './impact.ts';

/** Restore times of every down node (NaN for unrecoverable ones) and the unrecoverable nodes with their cycle. */
export interface RestoreTimes {
  /** Minutes from the start of the disruption; NaN when the node is not down or never comes back. */
  restoreMinutes: Float64Array;
  /** The down nodes in the order they come back (unrecoverable ones left out). */
  order: Int32Array;
  /** Unrecoverable node indices with the blocking cycle (each node depends on the next, the last on the first). */
  unrecoverable: { node: number; cycle: number[] }[];
}

/** Min-heap of (time, node) in typed arrays. */
class TimeHeap {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }
  push(key: number, value: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.values[i] = this.values[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }
  /** Removes the minimum; read `topKey`/`topValue` before calling. */
  pop(): void {
    const last = --this.size;
    const key = this.keys[last]!;
    const value = this.values[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.values[i] = this.values[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }
  topKey(): number {
    return this.keys[0]!;
  }
  topValue(): number {
    return this.values[0]!;
  }
}

/** Simulates the restoration of a down set (see the file header). */
export function computeRestoreTimes(graph: EngineGraph, downSet: DownSet): RestoreTimes {
  const { down, isFailed, order: downOrder } = downSet;
  const { condOwner, revStart, revSplit, revEntry, extraHead, extraNext, extraEntry } = graph;
  const left = downSet.groupLeft.slice();
  const unsatisfied = new Int32Array(graph.n);
  const restoreMinutes = new Float64Array(graph.n).fill(Number.NaN);
  const heap = new TimeHeap(downOrder.length);
  const duration = (v: number): number => (isFailed[v] ? graph.recovery[v]! : graph.restart[v]!);

  for (const v of downOrder) {
    let count = 0;
    for (let i = graph.reqFirst[v]!, end = i + graph.reqCount[v]!; i < end; i++)
      count += down[graph.reqPool[i]!]!;
    for (let c = graph.groupFirst[v]!, end = c + graph.groupCount[v]!; c < end; c++) {
      if (left[c]! <= 0) count++;
    }
    unsatisfied[v] = count;
    if (count === 0) heap.push(duration(v), v);
  }

  const edited = graph.extraLength > 0;
  let now = 0;
  const release = (x: number): void => {
    let v: number;
    if (x < 0) {
      if (x === TOMBSTONE) return;
      v = ~x;
    } else {
      // The group becomes satisfied when its down members fall from `threshold` to `threshold - 1`.
      if (++left[x]! !== 1) return;
      v = condOwner[x]!;
    }
    if (down[v] === 1 && --unsatisfied[v]! === 0) heap.push(now + duration(v), v);
  };
  const order = new Int32Array(downOrder.length);
  let restored = 0;
  while (heap.size > 0) {
    now = heap.topKey();
    const u = heap.topValue();
    heap.pop();
    restoreMinutes[u] = now;
    order[restored++] = u;
    for (let e = revStart[u]!, split = revSplit[u]!; e < split; e++) {
      const v = revEntry[e]!;
      if (v >= 0 && down[v] === 1 && --unsatisfied[v]! === 0) heap.push(now + duration(v), v);
    }
    for (let e = revSplit[u]!, end = revStart[u + 1]!; e < end; e++) release(revEntry[e]!);
    if (edited) for (let e = extraHead[u]!; e >= 0; e = extraNext[e]!) release(extraEntry[e]!);
  }

  const unrecoverable =
    restored < downOrder.length ? blockingCycles(graph, downSet, restoreMinutes, left) : [];
  return { restoreMinutes, order: order.slice(0, restored), unrecoverable };
}

/** For each node that never came back, the cycle its chain of blockers ends in (see the file header). */
function blockingCycles(
  graph: EngineGraph,
  downSet: DownSet,
  restoreMinutes: Float64Array,
  left: Int32Array,
): { node: number; cycle: number[] }[] {
  const blocked = (v: number): boolean => downSet.down[v] === 1 && Number.isNaN(restoreMinutes[v]!);
  // One blocker per blocked node: a required dependency that is blocked, or a blocked member of a group that
  // can no longer reach k members up.
  const blocker = (v: number): number => {
    for (let i = graph.reqFirst[v]!, end = i + graph.reqCount[v]!; i < end; i++) {
      const m = graph.reqPool[i]!;
      if (blocked(m)) return m;
    }
    for (let c = graph.groupFirst[v]!, end = c + graph.groupCount[v]!; c < end; c++) {
      if (left[c]! > 0) continue;
      for (let i = graph.condMemberFirst[c]!, e2 = i + graph.condSize[c]!; i < e2; i++) {
        const m = graph.memberPool[i]!;
        if (blocked(m)) return m;
      }
    }
    throw new Error(`engine invariant: blocked node "${graph.ids[v]}" has no blocked requirement`);
  };
  // Walk blocker chains; `cycleOf` memoises the cycle each visited node leads to (a functional graph).
  const cycleOf = new Map<number, number[]>();
  const result: { node: number; cycle: number[] }[] = [];
  for (const v of downSet.order) {
    if (!blocked(v)) continue;
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let u = v;
    let cycle: number[] | undefined;
    while ((cycle = cycleOf.get(u)) === undefined) {
      const at = onPath.get(u);
      if (at !== undefined) {
        cycle = rotateToSmallest(graph, path.slice(at));
        break;
      }
      onPath.set(u, path.length);
      path.push(u);
      u = blocker(u);
    }
    for (const w of path) cycleOf.set(w, cycle);
    result.push({ node: v, cycle });
  }
  return result.sort((a, b) => compareIds(graph.ids[a.node]!, graph.ids[b.node]!));
}

/** Starts a cycle at its smallest id so the same cycle always reads the same. */
function rotateToSmallest(graph: EngineGraph, cycle: number[]): number[] {
  let best = 0;
  for (let i = 1; i < cycle.length; i++) {
    if (compareIds(graph.ids[cycle[i]!]!, graph.ids[cycle[best]!]!) < 0) best = i;
  }
  return [...cycle.slice(best), ...cycle.slice(0, best)];
}
