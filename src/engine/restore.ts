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
 * When no down node waits on itself, one pass in dependency order gives the same times without the heap: the
 * graph's dependency order, kept across scenarios, when no down node may be in a cycle of the graph (a large down
 * set sweeps it in rank space, restore-sweep.ts; a small one is sorted by rank, `rankedOrder`, for `timesAlong`);
 * else an order of what the down nodes wait for (`waitOrder`); the heap runs only when a
 * cycle among the down nodes leaves that order with waiting nodes. The same pass computes each time twice, with
 * the unknown durations 0 and unbounded: the times that differ are lower bounds (without one, none differs).
 *
 * Nodes never scheduled can never start: each still has a requirement that too many blocked nodes keep broken.
 * Following one such blocker from each of them must end in a cycle (the "dependency cycle that blocks it").
 */
import { dependencyOrderOf } from './dependency-order.ts';
import { DEAD, TOMBSTONE, compareIds, type EngineGraph } from './graph.ts';
import type { DownSet } from './impact.ts';
import { kthSmallest, sweepRestoreTimes, type Activations } from './restore-sweep.ts';
import type { RestoredAt } from './types.ts';
import { NEEDED, PLAN, PLANNED, TIMES, WAITS, workspaceOf } from './workspace.ts';

/**
 * Restore times of a down set, by position in `downSet.order` (so a small scenario allocates little), with the
 * unrecoverable nodes and their cycle, the bounds, the standbys activated and the unknown durations.
 */
export interface RestoreTimes {
  /** Minutes from the start of the disruption of the down node at each position; NaN when it never comes back. */
  minutes: Float64Array;
  /** Unrecoverable node indices with the blocking cycle (each node depends on the next, the last on the first). */
  unrecoverable: { node: number; cycle: number[] }[];
  /** 1 at a position whose time is only a lower bound (it waited on an unknown duration); null when none is. */
  bound: Uint8Array | null;
  /** Standbys a down node waited for, and the minute each is ready (serving). */
  activations: Activations;
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
  restored: number;
  left: Int32Array;
  needed: Uint8Array;
  ready: Map<number, number>;
}

/**
 * Simulates the restoration of a down set (see the file header), optionally following a plan's steps. When a
 * duration is unknown (a failed node without recovery, a step marked unknown), the times are computed with it as
 * 0, the lower bound, and again with it unbounded: the times it changes are bounds.
 */
export function computeRestoreTimes(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores = NO_PLAN,
): RestoreTimes {
  if (downSet.order.length * 8 >= graph.n) {
    const swept = sweepRestoreTimes(graph, downSet, restoredAt);
    if (swept !== undefined) {
      const { minutes, unrecoverable, bounds, activations, needed } = swept;
      const unknownSources = unknownDurations(graph, downSet, restoredAt, needed);
      const bound = unknownSources.length === 0 ? null : bounds;
      return { minutes, unrecoverable, bound, activations, unknownSources };
    }
  }
  const order = rankedOrder(graph, downSet) ?? waitOrder(graph, downSet);
  if (order === undefined) return simulated(graph, downSet, restoredAt);
  return timesAlong(graph, downSet, restoredAt, order);
}

/**
 * The down nodes of a small down set in the graph's dependency order (dependency-order.ts), when none of them may
 * be in a cycle: each after everything it depends on, sorted by rank, so the cost follows the down set, not the
 * graph (a large one takes the sweep of restore-sweep.ts). Undefined when a down node may be in a cycle.
 */
function rankedOrder(graph: EngineGraph, downSet: DownSet): Int32Array | undefined {
  const { order: downOrder } = downSet;
  const { byRank, rank, cyclic } = dependencyOrderOf(graph);
  const count = downOrder.length;
  const order = new Int32Array(count);
  for (let j = 0; j < count; j++) if (cyclic[downOrder[j]!] === 1) return undefined;
  for (let j = 0; j < count; j++) order[j] = rank[downOrder[j]!]!;
  order.sort();
  for (let j = 0; j < count; j++) order[j] = byRank[order[j]!]!;
  return order;
}

/**
 * The down nodes in an order of what they wait for (Kahn 1962), when some may be in a cycle of the graph but
 * none waits on itself in this scenario: each after its down required dependencies and the down members of its
 * broken groups. Undefined when some down node is still waiting at the end (a cycle among the down nodes): then
 * the event simulation runs instead. O(D + E).
 */
function waitOrder(graph: EngineGraph, downSet: DownSet): Int32Array | undefined {
  const { down, order: downOrder, groupLeft } = downSet;
  const { revStart, revSplit, revEntry, extraHead, extraNext, extraEntry, condOwner, condThreshold } = graph;
  const { reqFirst, reqCount, reqPool, groupFirst, groupCount, condMemberFirst, condSize, memberPool } =
    graph;
  const waits = workspaceOf(graph).int32(WAITS);
  const order = new Int32Array(downOrder.length);
  let tail = 0;
  for (let j = 0; j < downOrder.length; j++) {
    const v = downOrder[j]!;
    let count = 0;
    for (let i = reqFirst[v]!, end = i + reqCount[v]!; i < end; i++) count += down[reqPool[i]!]!;
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (groupLeft[c]! > 0) continue;
      for (let i = condMemberFirst[c]!, e2 = i + condSize[c]!; i < e2; i++) count += down[memberPool[i]!]!;
    }
    waits[v] = count;
    if (count === 0) order[tail++] = v;
  }
  const edited = graph.extraLength > 0;
  for (let head = 0; head < tail; head++) {
    const v = order[head]!;
    // Release what waited on v: down nodes requiring it, down owners of broken groups it is a member of.
    for (let e = revStart[v]!, split = revSplit[v]!; e < split; e++) {
      const w = revEntry[e]!;
      if (w >= 0 && down[w] === 1 && --waits[w]! === 0) order[tail++] = w;
    }
    for (let e = revSplit[v]!, stop = revStart[v + 1]!; e < stop; e++) {
      const c = revEntry[e]!;
      if (groupLeft[c]! > 0 || condThreshold[c] === DEAD) continue;
      const w = condOwner[c]!;
      if (down[w] === 1 && --waits[w]! === 0) order[tail++] = w;
    }
    for (let e = edited ? extraHead[v]! : -1; e >= 0; e = extraNext[e]!) {
      const x = extraEntry[e]!;
      if (x === TOMBSTONE) continue;
      if (x >= 0 && (groupLeft[x]! > 0 || condThreshold[x] === DEAD)) continue;
      const w = x < 0 ? ~x : condOwner[x]!;
      if (down[w] === 1 && --waits[w]! === 0) order[tail++] = w;
    }
  }
  return tail < downOrder.length ? undefined : order;
}

/**
 * Restore times along an order in which each down node comes after everything it waits for: R(v) = start +
 * duration, start the latest of its down required dependencies' R and of its broken groups' k-th smallest A;
 * exactly what the event simulation gives, without a heap, in one pass over the down nodes and their
 * dependencies. The same pass computes every time twice, with the unknown durations 0 (the lower bound) and
 * unbounded (the simulation's second run): a time is exact when both agree, and without an unknown duration
 * they always do. The per-node values live in the graph's workspace; what is returned is by position in the
 * down set.
 *
 * The pass is bound by memory, not arithmetic: on a whole-graph scenario most of its time is spent waiting for
 * the values of dependencies scattered over arrays of millions of entries. So the two times of a node sit side
 * by side (`times[2v]`, `times[2v + 1]`: one cache line per dependency, not two); a group's members are checked
 * for standbys only when the group has some (its slack differs from its threshold), not by reading every
 * member's activation; a plan's steps are copied into typed arrays once rather than looked up in a Map for
 * every node; and nothing is allocated per node but the activation records the answer holds.
 */
function timesAlong(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores,
  order: Int32Array,
): RestoreTimes {
  const { down, isFailed, order: downOrder, groupLeft } = downSet;
  const { reqFirst, reqCount, reqPool, groupFirst, groupCount, condMemberFirst, condSize, memberPool } =
    graph;
  const { activation, condThreshold, condSlack, restart, recovery, recoveryKnown } = graph;
  const ws = workspaceOf(graph);
  const stamp = ws.nextStamp();
  // R(v) at 2v with the unknown durations 0, at 2v + 1 with them unbounded.
  const times = ws.float64(TIMES);
  // A plan's steps by node: marked with this call's stamp, the step's end at 2v and, unknown, Infinity at 2v + 1.
  const planned = restoredAt.size > 0;
  const planMark = ws.int32(PLANNED);
  const planTimes = ws.float64(PLAN);
  for (const [v, step] of restoredAt) {
    planMark[v] = stamp;
    planTimes[2 * v] = step.minutes;
    planTimes[2 * v + 1] = step.known ? step.minutes : Infinity;
  }
  // Standbys in a broken group of a down node: each is activated, as soon as it is healthy. Its A is final when
  // it is first met (a down standby comes earlier in the order), so its ready minute is recorded then.
  const neededMark = ws.int32(NEEDED);
  const activations: { node: number; readyMinutes: number }[] = [];
  upInputsAtZero(graph, downSet, times);
  let lows = new Float64Array(16);
  let highs = new Float64Array(16);
  for (let j = 0; j < order.length; j++) {
    const v = order[j]!;
    let start = 0;
    let startHigh = 0;
    for (let i = reqFirst[v]!, end = i + reqCount[v]!; i < end; i++) {
      const r = reqPool[i]!;
      const low = times[2 * r]!;
      const high = times[2 * r + 1]!;
      if (low > start) start = low;
      if (high > startHigh) startHigh = high;
    }
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (groupLeft[c]! > 0) continue;
      const size = condSize[c]!;
      const k = size - condThreshold[c]! + 1;
      const withStandbys = condSlack[c] !== condThreshold[c];
      if (k > 1 && size > lows.length) {
        lows = new Float64Array(size);
        highs = new Float64Array(size);
      }
      // A(m): R(m) (0 when up); a standby serves `activation` after it is healthy, or when the plan's step that
      // restores it ends.
      let first = Infinity;
      let firstHigh = Infinity;
      for (let i = condMemberFirst[c]!, at = 0; at < size; i++, at++) {
        const m = memberPool[i]!;
        let a = times[2 * m]!;
        let aHigh = times[2 * m + 1]!;
        if (withStandbys && activation[m] !== 0) {
          if (!planned || planMark[m] !== stamp) {
            a += activation[m]!;
            aHigh += activation[m]!;
          } else if (down[m] === 0) {
            a = planTimes[2 * m]!;
            aHigh = planTimes[2 * m + 1]!;
          }
          if (neededMark[m] !== stamp) {
            neededMark[m] = stamp;
            activations.push({ node: m, readyMinutes: a });
          }
        }
        if (k === 1) {
          if (a < first) first = a;
          if (aHigh < firstHigh) firstHigh = aHigh;
        } else {
          lows[at] = a;
          highs[at] = aHigh;
        }
      }
      if (k > 1) {
        first = kthSmallest(lows, size, k);
        firstHigh = kthSmallest(highs, size, k);
      }
      if (first > start) start = first;
      if (firstHigh > startHigh) startHigh = firstHigh;
    }
    if (planned && planMark[v] === stamp) {
      times[2 * v] = Math.max(planTimes[2 * v]!, start);
      times[2 * v + 1] = Math.max(planTimes[2 * v + 1]!, startHigh);
    } else if (isFailed[v] === 0) {
      times[2 * v] = start + restart[v]!;
      times[2 * v + 1] = startHigh + restart[v]!;
    } else if (recoveryKnown[v] === 1) {
      times[2 * v] = start + recovery[v]!;
      times[2 * v + 1] = startHigh + recovery[v]!;
    } else {
      times[2 * v] = start;
      times[2 * v + 1] = Infinity;
    }
  }

  const unknownSources = unknownDurations(graph, downSet, restoredAt, (m) => neededMark[m] === stamp);
  const count = downOrder.length;
  const minutes = new Float64Array(count);
  let bound: Uint8Array | null = null;
  if (unknownSources.length === 0) {
    for (let j = 0; j < count; j++) minutes[j] = times[2 * downOrder[j]!]!;
  } else {
    bound = new Uint8Array(count);
    for (let j = 0; j < count; j++) {
      const v = downOrder[j]!;
      const low = times[2 * v]!;
      minutes[j] = low;
      if (times[2 * v + 1] !== low) bound[j] = 1;
    }
  }
  return {
    minutes,
    unrecoverable: [],
    bound,
    activations: {
      nodes: Int32Array.from(activations, (x) => x.node),
      readyMinutes: Float64Array.from(activations, (x) => x.readyMinutes),
    },
    unknownSources,
  };
}

/**
 * Sets the times of the up nodes `timesAlong` reads (the required dependencies and the members of broken groups
 * of down nodes) to 0, the minute they are up from, so that its loop reads every input's time without asking
 * whether the input is down. A large down set sweeps the whole graph in index order; a small one visits the
 * inputs of its down nodes, so the cost follows the down set.
 */
function upInputsAtZero(graph: EngineGraph, downSet: DownSet, times: Float64Array): void {
  const { down, order, groupLeft } = downSet;
  if (order.length * 8 >= graph.n) {
    for (let v = 0; v < graph.n; v++) {
      if (down[v] === 0) times[2 * v] = times[2 * v + 1] = 0;
    }
    return;
  }
  const { reqFirst, reqCount, reqPool, groupFirst, groupCount, condMemberFirst, condSize, memberPool } =
    graph;
  for (let j = 0; j < order.length; j++) {
    const v = order[j]!;
    for (let i = reqFirst[v]!, end = i + reqCount[v]!; i < end; i++) {
      const r = reqPool[i]!;
      if (down[r] === 0) times[2 * r] = times[2 * r + 1] = 0;
    }
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (groupLeft[c]! > 0) continue;
      for (let i = condMemberFirst[c]!, e2 = i + condSize[c]!; i < e2; i++) {
        const m = memberPool[i]!;
        if (down[m] === 0) times[2 * m] = times[2 * m + 1] = 0;
      }
    }
  }
}

/**
 * The event simulation for a down set with a cycle among its down nodes: a run with every unknown duration 0,
 * and when there is one, a second with it unbounded (Infinity): the times that differ are bounds.
 */
function simulated(graph: EngineGraph, downSet: DownSet, restoredAt: PlannedRestores): RestoreTimes {
  const { order } = downSet;
  const low = simulate(graph, downSet, restoredAt, 0);
  const minutes = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) minutes[j] = low.restoreMinutes[order[j]!]!;
  const unknownSources = unknownDurations(graph, downSet, restoredAt, (m) => low.needed[m] === 1);
  let bound: Uint8Array | null = null;
  if (unknownSources.length > 0) {
    const high = simulate(graph, downSet, restoredAt, Infinity).restoreMinutes;
    bound = new Uint8Array(order.length);
    for (let j = 0; j < order.length; j++) {
      const t = minutes[j]!;
      // An unrecoverable node never comes back, whatever the durations: not a bound.
      if (!Number.isNaN(t) && high[order[j]!] !== t) bound[j] = 1;
    }
  }
  const unrecoverable =
    low.restored < order.length ? blockingCycles(graph, downSet, low.restoreMinutes, low.left) : [];
  const activations = {
    nodes: Int32Array.from(low.ready.keys()),
    readyMinutes: Float64Array.from(low.ready.values()),
  };
  return { minutes, unrecoverable, bound, activations, unknownSources };
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
    restored++;
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
  return { restoreMinutes, restored, left, needed, ready };
}

/**
 * The down nodes whose own duration is unknown in this scenario: failed nodes without a recovery time that no
 * plan step restores, and nodes (or needed standbys) a plan step with an unknown end restores.
 */
function unknownDurations(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores,
  isNeeded: (standby: number) => boolean,
): number[] {
  const out: number[] = [];
  for (const v of downSet.failed) {
    if (graph.recoveryKnown[v] === 0 && !restoredAt.has(v)) out.push(v);
  }
  for (const [v, step] of restoredAt) {
    if (!step.known && (downSet.down[v] === 1 || isNeeded(v))) out.push(v);
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
