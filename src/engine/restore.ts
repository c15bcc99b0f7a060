/**
 * Restore times of a down set, with unlimited parallel work: a down node starts as soon as each required
 * dependency is up and each group has k members up, and is back after `recovery` (it is in F) or `restart` (it
 * went down only through its dependencies). The start time of a node is a max over its requirements of a k-th
 * smallest restore time of members: a "superior function" in the sense of Knuth, "A generalization of Dijkstra's
 * algorithm" (Information Processing Letters 6(1), 1977), so the event simulation is Dijkstra's algorithm with a
 * binary heap: nodes are restored in time order, each restoration decrements the unsatisfied-requirement
 * counters of its dependents, and a node is scheduled when its counter reaches zero. O((D + E) log D).
 *
 * Standbys (activation > 0) count in a group only once activated: a healthy one `activation` minutes after the
 * start, a down one that long after it is restored, so the simulation also has activation events. A plan can fix
 * when a node is back (`restoredAt`): then the later of that minute and the moment its requirements are met, and a
 * standby it restores is serving from then. Required dependencies wait for health, groups for availability.
 *
 * Nodes never scheduled can never start: each still has a requirement that too many blocked nodes keep broken.
 * Following one such blocker from each of them must end in a cycle (the "dependency cycle that blocks it").
 */
import { TOMBSTONE, compareIds, forEachDependent, type EngineGraph } from './graph.ts';
import type { DownSet } from './impact.ts';
import type { RestoredAt } from './types.ts';

/** Restore times of every down node (NaN for unrecoverable ones) and the unrecoverable nodes with their cycle. */
export interface RestoreTimes {
  /** Minutes from the start of the disruption; NaN when the node is not down or never comes back. */
  restoreMinutes: Float64Array;
  /** The down nodes in the order they come back (unrecoverable ones left out). */
  order: Int32Array;
  /** Unrecoverable node indices with the blocking cycle (each node depends on the next, the last on the first). */
  unrecoverable: { node: number; cycle: number[] }[];
  /** 1 where a restore time is only a lower bound (it waited on an unknown duration); null when none is. */
  bound: Uint8Array | null;
  /** Standbys a down node waited for, and the minute each is ready (serving). */
  activations: { node: number; readyMinutes: number }[];
  /** Down nodes (and needed standbys) whose own duration is unknown here. */
  unknownSources: number[];
}

/** Min-heap of (time, event) in typed arrays, growing as needed. */
class TimeHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }
  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
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

/** The restore time a plan gives a node (see `ImpactOptions.restoredAt`), by node index. */
export type PlannedRestores = ReadonlyMap<number, RestoredAt>;

const NO_PLAN: PlannedRestores = new Map();

/** Simulates the restoration of a down set (see the file header), optionally following a plan's steps. */
export function computeRestoreTimes(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores = NO_PLAN,
): RestoreTimes {
  const { down, isFailed, order: downOrder } = downSet;
  const { condOwner, revStart, revSplit, revEntry, extraHead, extraNext, extraEntry, activation } = graph;
  const left = downSet.groupLeft.slice();
  const unsatisfied = new Int32Array(graph.n);
  const restoreMinutes = new Float64Array(graph.n).fill(Number.NaN);
  const heap = new TimeHeap(downOrder.length + 16);
  const planned = restoredAt.size > 0;
  // Standbys in a group that a down node waits for: each is activated once, as soon as it is healthy.
  const needed = new Uint8Array(graph.n);
  const ready = new Map<number, number>();
  const schedule = (v: number, start: number): void => {
    const step = planned ? restoredAt.get(v) : undefined;
    if (step !== undefined) heap.push(Math.max(step.minutes, start), v);
    else heap.push(start + (isFailed[v] ? graph.recovery[v]! : graph.restart[v]!), v);
  };

  for (const v of downOrder) {
    let count = 0;
    for (let i = graph.reqFirst[v]!, end = i + graph.reqCount[v]!; i < end; i++)
      count += down[graph.reqPool[i]!]!;
    for (let c = graph.groupFirst[v]!, end = c + graph.groupCount[v]!; c < end; c++) {
      if (left[c]! > 0) continue;
      count++;
      for (let i = graph.condMemberFirst[c]!, e2 = i + graph.condSize[c]!; i < e2; i++) {
        const m = graph.memberPool[i]!;
        if (activation[m]! === 0 || needed[m] === 1) continue;
        needed[m] = 1;
        if (down[m] === 1) continue;
        // A healthy standby: activated from the start, or when the plan's step says.
        const step = planned ? restoredAt.get(m) : undefined;
        heap.push(step !== undefined ? step.minutes : activation[m]!, ~m);
      }
    }
    unsatisfied[v] = count;
    if (count === 0) schedule(v, 0);
  }
  const unknownSources = unknownDurations(graph, downSet, restoredAt, needed);
  // Only a scenario with an unknown duration needs to know when each group was satisfied.
  const satisfiedAt = unknownSources.length > 0 ? new Float64Array(graph.condCount) : undefined;

  const edited = graph.extraLength > 0;
  let now = 0;
  const releaseNode = (v: number): void => {
    if (down[v] === 1 && --unsatisfied[v]! === 0) schedule(v, now);
  };
  // A group becomes satisfied when its unavailable members fall from `threshold` to `threshold - 1`.
  const releaseGroup = (c: number): void => {
    if (++left[c]! !== 1) return;
    if (satisfiedAt !== undefined) satisfiedAt[c] = now;
    releaseNode(condOwner[c]!);
  };
  const releaseGroups = (u: number): void => {
    for (let e = revSplit[u]!, end = revStart[u + 1]!; e < end; e++) releaseGroup(revEntry[e]!);
    if (edited) {
      for (let e = extraHead[u]!; e >= 0; e = extraNext[e]!) {
        const x = extraEntry[e]!;
        if (x >= 0) releaseGroup(x);
      }
    }
  };
  const order = new Int32Array(downOrder.length);
  let restored = 0;
  while (heap.size > 0) {
    now = heap.topKey();
    const x = heap.topValue();
    heap.pop();
    if (x < 0) {
      // A standby is activated: it now counts in its groups.
      ready.set(~x, now);
      releaseGroups(~x);
      continue;
    }
    const u = x;
    restoreMinutes[u] = now;
    order[restored++] = u;
    for (let e = revStart[u]!, split = revSplit[u]!; e < split; e++) {
      const v = revEntry[e]!;
      if (v >= 0) releaseNode(v);
    }
    if (edited) {
      for (let e = extraHead[u]!; e >= 0; e = extraNext[e]!) {
        const y = extraEntry[e]!;
        if (y < 0 && y !== TOMBSTONE) releaseNode(~y);
      }
    }
    if (needed[u] === 1 && !(planned && restoredAt.has(u))) {
      // A standby that was down itself: healthy now, serving `activation` minutes later.
      heap.push(now + activation[u]!, ~u);
    } else {
      if (needed[u] === 1) ready.set(u, now);
      releaseGroups(u);
    }
  }

  const unrecoverable =
    restored < downOrder.length ? blockingCycles(graph, downSet, restoreMinutes, left) : [];
  const activations = [...ready].map(([node, readyMinutes]) => ({ node, readyMinutes }));
  const bound =
    satisfiedAt === undefined
      ? null
      : boundTimes(graph, downSet, restoredAt, restoreMinutes, order.subarray(0, restored), satisfiedAt);
  return {
    restoreMinutes,
    order: order.slice(0, restored),
    unrecoverable,
    bound,
    activations,
    unknownSources,
  };
}

/**
 * The down nodes whose own duration is unknown in this scenario: failed nodes without a recovery time that no
 * plan step restores, and nodes (or needed standbys) a plan step with an unknown end restores.
 */
function unknownDurations(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores,
  needed: Uint8Array,
): number[] {
  const out: number[] = [];
  for (const v of downSet.failed) {
    if (graph.recoveryKnown[v] === 0 && !restoredAt.has(v)) out.push(v);
  }
  for (const [v, step] of restoredAt) {
    if (!step.known && (downSet.down[v] === 1 || needed[v] === 1)) out.push(v);
  }
  return out;
}

/**
 * Which restore times are lower bounds: the least fixed point of "exact" (see docs/engine.md). A restored node
 * is exact when its own duration is known, every down required dependency is exact, and every group it waited
 * for had at least k members available exactly by the minute it was satisfied. One worklist pass over the down
 * nodes' edges, like the simulation, once its times are known.
 */
function boundTimes(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores,
  restoreMinutes: Float64Array,
  restoredOrder: Int32Array,
  satisfiedAt: Float64Array,
): Uint8Array {
  const { down, isFailed, groupLeft } = downSet;
  const { activation } = graph;
  const ownKnown = (v: number): boolean => {
    const step = restoredAt.get(v);
    if (step !== undefined) return step.known;
    return !isFailed[v] || graph.recoveryKnown[v] === 1;
  };
  // When member m is available (A), and whether that minute is exact for a member that is not down.
  const available = (m: number): number => {
    const step = activation[m]! > 0 ? restoredAt.get(m) : undefined;
    if (down[m] === 1)
      return restoreMinutes[m]! + (activation[m]! > 0 && step === undefined ? activation[m]! : 0);
    if (activation[m] === 0) return 0;
    return step === undefined ? activation[m]! : step.minutes;
  };
  const healthyKnown = (m: number): boolean => {
    if (activation[m] === 0) return true;
    return restoredAt.get(m)?.known ?? true;
  };
  const pending = new Int32Array(graph.n);
  const short = new Int32Array(graph.condCount);
  const stack: number[] = [];
  for (const v of restoredOrder) {
    let p = 0;
    for (let i = graph.reqFirst[v]!, end = i + graph.reqCount[v]!; i < end; i++)
      p += down[graph.reqPool[i]!]!;
    for (let c = graph.groupFirst[v]!, end = c + graph.groupCount[v]!; c < end; c++) {
      if (groupLeft[c]! > 0) continue;
      let s = graph.condSize[c]! - graph.condThreshold[c]! + 1;
      for (let i = graph.condMemberFirst[c]!, e2 = i + graph.condSize[c]!; i < e2; i++) {
        const m = graph.memberPool[i]!;
        if (down[m] === 0 && healthyKnown(m) && available(m) <= satisfiedAt[c]!) s--;
      }
      short[c] = s;
      if (s > 0) p++;
    }
    pending[v] = p;
    if (p === 0 && ownKnown(v)) stack.push(v);
  }
  const known = new Uint8Array(graph.n);
  const restored = (v: number): boolean => down[v] === 1 && !Number.isNaN(restoreMinutes[v]!);
  while (stack.length > 0) {
    const u = stack.pop()!;
    known[u] = 1;
    forEachDependent(graph, u, (x) => {
      let v: number;
      if (x < 0) {
        v = ~x;
        if (!restored(v)) return;
      } else {
        v = graph.condOwner[x]!;
        if (!restored(v) || groupLeft[x]! > 0 || short[x]! <= 0) return;
        if (available(u) > satisfiedAt[x]! || --short[x]! > 0) return;
      }
      if (--pending[v]! === 0 && ownKnown(v)) stack.push(v);
    });
  }
  const bound = new Uint8Array(graph.n);
  for (const v of restoredOrder) if (known[v] === 0) bound[v] = 1;
  return bound;
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
