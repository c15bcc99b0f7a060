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
 * When no down node waits on itself, one pass in dependency order gives the same times without the heap
 * (`dependencyOrder`, `timesInOrder`); the heap runs only when a cycle among the down nodes leaves that pass with waiting nodes.
 *
 * Nodes never scheduled can never start: each still has a requirement that too many blocked nodes keep broken.
 * Following one such blocker from each of them must end in a cycle (the "dependency cycle that blocks it").
 */
import { DEAD, TOMBSTONE, compareIds, type EngineGraph } from './graph.ts';
import type { DownSet } from './impact.ts';
import type { RestoredAt } from './types.ts';

/** Restore times of every down node (NaN for unrecoverable ones) and the unrecoverable nodes with their cycle. */
export interface RestoreTimes {
  /** Minutes from the start of the disruption; NaN when the node is not down or never comes back. */
  restoreMinutes: Float64Array;
  /**
   * The down nodes that come back (unrecoverable ones left out), each after every node it waited for: in time
   * order when the simulation ran on the heap, in a dependency order on the acyclic fast path.
   */
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

/** One run of the simulation: restore times, the final group counters, and when each needed standby serves. */
interface Simulation {
  restoreMinutes: Float64Array;
  order: Int32Array;
  left: Int32Array;
  needed: Uint8Array;
  ready: Map<number, number>;
}

/**
 * Simulates the restoration of a down set (see the file header), optionally following a plan's steps. When a
 * duration is unknown (a failed node without recovery, a step marked unknown), the times are computed with it as
 * 0, the lower bound, and a second run with it as unbounded tells which times it can change: those are bounds.
 */
export function computeRestoreTimes(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores = NO_PLAN,
): RestoreTimes {
  // Without a cycle among the down nodes, one dependency order serves both runs (see `dependencyOrder`).
  const acyclic = dependencyOrder(graph, downSet);
  const run = (unknownAs: number): Simulation => {
    if (acyclic === undefined) return simulate(graph, downSet, restoredAt, unknownAs);
    const ready = new Map<number, number>();
    const restoreMinutes = timesInOrder(graph, downSet, restoredAt, acyclic.order, unknownAs, ready);
    return { restoreMinutes, order: acyclic.order, left: downSet.groupLeft, needed: acyclic.needed, ready };
  };
  const low = run(0);
  const { restoreMinutes, order, left, needed, ready } = low;
  const unknownSources = unknownDurations(graph, downSet, restoredAt, needed);
  let bound: Uint8Array | null = null;
  if (unknownSources.length > 0) {
    const high = run(Infinity).restoreMinutes;
    bound = new Uint8Array(graph.n);
    for (const v of order) if (high[v] !== restoreMinutes[v]) bound[v] = 1;
  }
  const unrecoverable =
    order.length < downSet.order.length ? blockingCycles(graph, downSet, restoreMinutes, left) : [];
  const activations = [...ready].map(([node, readyMinutes]) => ({ node, readyMinutes }));
  return { restoreMinutes, order, unrecoverable, bound, activations, unknownSources };
}

/**
 * The fast path when no down node waits, directly or not, on itself: the down nodes in a dependency order
 * (Kahn 1962), each after its down required dependencies and the down members of its broken groups, and the
 * standbys those groups need. Undefined when some down node is still waiting at the end (a cycle among the down
 * nodes): then the event simulation runs instead. O(D + E).
 */
function dependencyOrder(
  graph: EngineGraph,
  downSet: DownSet,
): { order: Int32Array; needed: Uint8Array } | undefined {
  const { down, order: downOrder, groupLeft } = downSet;
  const { revStart, revSplit, revEntry, extraHead, extraNext, extraEntry, activation, condOwner } = graph;
  const { reqFirst, reqCount, reqPool, groupFirst, groupCount, condMemberFirst, condSize, memberPool } =
    graph;
  const waits = new Int32Array(graph.n);
  const needed = new Uint8Array(graph.n);
  const order = new Int32Array(downOrder.length);
  let tail = 0;
  for (let j = 0; j < downOrder.length; j++) {
    const v = downOrder[j]!;
    let count = 0;
    for (let i = reqFirst[v]!, end = i + reqCount[v]!; i < end; i++) count += down[reqPool[i]!]!;
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (groupLeft[c]! > 0) continue;
      for (let i = condMemberFirst[c]!, e2 = i + condSize[c]!; i < e2; i++) {
        const m = memberPool[i]!;
        count += down[m]!;
        if (activation[m]! > 0) needed[m] = 1;
      }
    }
    waits[v] = count;
    if (count === 0) order[tail++] = v;
  }
  const edited = graph.extraLength > 0;
  // A broken group of a down owner: its down members are what the owner waits for.
  const waitedOn = (c: number): boolean =>
    groupLeft[c]! <= 0 && graph.condThreshold[c] !== DEAD && down[condOwner[c]!] === 1;
  for (let head = 0; head < tail; head++) {
    const v = order[head]!;
    for (let e = revStart[v]!, split = revSplit[v]!; e < split; e++) {
      const w = revEntry[e]!;
      if (w >= 0 && down[w] === 1 && --waits[w]! === 0) order[tail++] = w;
    }
    for (let e = revSplit[v]!, stop = revStart[v + 1]!; e < stop; e++) {
      const c = revEntry[e]!;
      if (waitedOn(c) && --waits[condOwner[c]!]! === 0) order[tail++] = condOwner[c]!;
    }
    if (edited) {
      for (let e = extraHead[v]!; e >= 0; e = extraNext[e]!) {
        const x = extraEntry[e]!;
        if (x === TOMBSTONE) continue;
        const w = x < 0 ? ~x : condOwner[x]!;
        if ((x < 0 ? down[w] === 1 : waitedOn(x)) && --waits[w]! === 0) order[tail++] = w;
      }
    }
  }
  return tail < downOrder.length ? undefined : { order, needed };
}

/**
 * Restore times along a dependency order: R(v) = start + duration, start the latest of its down required
 * dependencies' R and of its broken groups' k-th smallest A; exactly what the event simulation gives, without a
 * heap. Records in `ready` when each needed standby serves.
 */
function timesInOrder(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores,
  order: Int32Array,
  unknownAs: number,
  ready: Map<number, number>,
): Float64Array {
  const { down, isFailed, groupLeft } = downSet;
  const { activation, reqFirst, reqCount, reqPool, groupFirst, groupCount, condMemberFirst, condSize } =
    graph;
  const { memberPool } = graph;
  const planned = restoredAt.size > 0;
  const restoreMinutes = new Float64Array(graph.n).fill(Number.NaN);
  const stepEnd = (step: RestoredAt): number => (step.known ? step.minutes : step.minutes + unknownAs);
  const values: number[] = [];
  for (let j = 0; j < order.length; j++) {
    const v = order[j]!;
    let start = 0;
    for (let i = reqFirst[v]!, end = i + reqCount[v]!; i < end; i++) {
      const r = reqPool[i]!;
      if (down[r] === 1 && restoreMinutes[r]! > start) start = restoreMinutes[r]!;
    }
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (groupLeft[c]! > 0) continue;
      const k = condSize[c]! - graph.condThreshold[c]! + 1;
      let kth = Infinity;
      values.length = 0;
      for (let i = condMemberFirst[c]!, e2 = i + condSize[c]!; i < e2; i++) {
        const m = memberPool[i]!;
        // A(m): 0 for an active member that is up; a standby serves `activation` after it is healthy, or when
        // the plan's step that restores it ends.
        let a = down[m] === 1 ? restoreMinutes[m]! : 0;
        if (activation[m]! > 0) {
          const step = planned ? restoredAt.get(m) : undefined;
          if (step === undefined) a += activation[m]!;
          else if (down[m] === 0) a = stepEnd(step);
          ready.set(m, a);
        }
        if (k === 1) kth = a < kth ? a : kth;
        else values.push(a);
      }
      if (k > 1) kth = values.sort((x, y) => x - y)[k - 1]!;
      if (kth > start) start = kth;
    }
    const step = planned ? restoredAt.get(v) : undefined;
    let end: number;
    if (step !== undefined) end = Math.max(stepEnd(step), start);
    else if (!isFailed[v]) end = start + graph.restart[v]!;
    else end = start + (graph.recoveryKnown[v] === 1 ? graph.recovery[v]! : unknownAs);
    restoreMinutes[v] = end;
  }
  return restoreMinutes;
}

/** The event simulation, with every unknown duration taken as `unknownAs` (0 or Infinity). */
function simulate(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores,
  unknownAs: number,
): Simulation {
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
  const stepEnd = (step: RestoredAt): number => (step.known ? step.minutes : step.minutes + unknownAs);
  const schedule = (v: number, start: number): void => {
    const step = planned ? restoredAt.get(v) : undefined;
    if (step !== undefined) heap.push(Math.max(stepEnd(step), start), v);
    else if (!isFailed[v]) heap.push(start + graph.restart[v]!, v);
    else heap.push(start + (graph.recoveryKnown[v] === 1 ? graph.recovery[v]! : unknownAs), v);
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
        heap.push(step !== undefined ? stepEnd(step) : activation[m]!, ~m);
      }
    }
    unsatisfied[v] = count;
    if (count === 0) schedule(v, 0);
  }

  const edited = graph.extraLength > 0;
  let now = 0;
  const releaseNode = (v: number): void => {
    if (down[v] === 1 && --unsatisfied[v]! === 0) schedule(v, now);
  };
  // A group becomes satisfied when its unavailable members fall from `threshold` to `threshold - 1`.
  const releaseGroup = (c: number): void => {
    if (++left[c]! === 1) releaseNode(condOwner[c]!);
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
  return { restoreMinutes, order: order.slice(0, restored), left, needed, ready };
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
