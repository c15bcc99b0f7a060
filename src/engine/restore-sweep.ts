/**
 * Restore times of a large down set in one forward sweep over the graph's dependency order (restore.ts gives the
 * rules; this is its fast path when the down set is a sizeable share of the graph and no down node may be in a
 * cycle).
 *
 * The sweep runs in rank space: the graph's dependencies are copied once, in dependency order, into arrays
 * indexed by rank (`RankLayout`: the required dependencies and group members of the node of rank r, as ranks;
 * its restart minutes, a standby's activation beside it), kept with the graph until an edit. A node's times are
 * then written at its rank, after those of everything it depends on, and every array the sweep walks is read
 * front to back: only the times of dependencies are fetched out of order (the depth-first order places some just
 * before their dependent; on the bench's generated estates two thirds still lie more than 32k ranks away, so
 * these reads are what the sweep waits for, and a node's times are kept small for them). Indexed by node, the
 * same pass fetched a dozen arrays at scattered places per node (its dependency ranges, durations, marks), and
 * was bound by those misses.
 *
 * Failed and planned nodes, the few whose duration is not their restart, are met through a sorted list of their
 * ranks instead of a test per node.
 */
import { dependencyOrderOf } from './dependency-order.ts';
import { DEAD, type DependencyOrder, type EngineGraph } from './graph.ts';
import type { DownSet } from './impact.ts';
import type { PlannedRestores, RestoreTimes } from './restore.ts';
import type { RestoredAt } from './types.ts';
import { NEEDED, PLAN, PLANNED, STATE, TIMES, workspaceOf } from './workspace.ts';

/** The upper time of a node (see `sweepRestoreTimes`): equal to the lower one, unbounded, or another value. */
const EXACT = 0;
const UNBOUNDED = 1;
const OTHER = 2;

/** The graph's dependencies by rank in its dependency order (see the file header), built on first use. */
export interface RankLayout {
  /** The order the layout follows; a new order (after an edit) needs a new layout. */
  order: DependencyOrder;
  /** Nodes in a cycle of the graph, by index. */
  cyclic: Int32Array;
  /** Required dependencies of rank r, as ranks: `reqRank[reqStart[r] .. reqStart[r + 1])`. */
  reqStart: Int32Array;
  reqRank: Int32Array;
  /** Live groups of rank r: `groupStart[r] .. groupStart[r + 1]`, with their index in the graph and their k. */
  groupStart: Int32Array;
  groupCond: Int32Array;
  groupK: Int32Array;
  /**
   * Members of group g, as ranks: `memberRank[memberStart[g] .. memberStart[g + 1])`; a standby as `~rank`, its
   * activation minutes at the same place in `memberActivation`, so an active member costs no lookup.
   */
  memberStart: Int32Array;
  memberRank: Int32Array;
  memberActivation: Float64Array;
  /** Restart minutes by rank. */
  restart: Float64Array;
  /** Standby members over all groups (the most standbys a scenario can activate), and the largest group. */
  standbySlots: number;
  maxGroupSize: number;
}

/** The graph's rank layout, built on first use and after an edit. */
export function rankLayoutOf(graph: EngineGraph): RankLayout {
  const order = dependencyOrderOf(graph);
  if (graph.rankLayout?.order !== order) graph.rankLayout = buildRankLayout(graph, order);
  return graph.rankLayout;
}

function buildRankLayout(graph: EngineGraph, order: DependencyOrder): RankLayout {
  const { byRank, rank, length } = order;
  const { reqFirst, reqCount, reqPool, groupFirst, groupCount, condThreshold, activation } = graph;
  const { condMemberFirst, condSize, memberPool } = graph;
  let reqTotal = 0;
  let groupTotal = 0;
  let memberTotal = 0;
  const cyclic: number[] = [];
  for (let r = 0; r < length; r++) {
    const v = byRank[r]!;
    if (order.cyclic[v] === 1) cyclic.push(v);
    reqTotal += reqCount[v]!;
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (condThreshold[c] === DEAD) continue;
      groupTotal++;
      memberTotal += condSize[c]!;
    }
  }
  const layout: RankLayout = {
    order,
    cyclic: Int32Array.from(cyclic),
    reqStart: new Int32Array(length + 1),
    reqRank: new Int32Array(reqTotal),
    groupStart: new Int32Array(length + 1),
    groupCond: new Int32Array(groupTotal),
    groupK: new Int32Array(groupTotal),
    memberStart: new Int32Array(groupTotal + 1),
    memberRank: new Int32Array(memberTotal),
    memberActivation: new Float64Array(memberTotal),
    restart: new Float64Array(length),
    standbySlots: 0,
    maxGroupSize: 0,
  };
  let q = 0;
  let g = 0;
  let p = 0;
  for (let r = 0; r < length; r++) {
    const v = byRank[r]!;
    layout.reqStart[r] = q;
    for (let i = reqFirst[v]!, end = i + reqCount[v]!; i < end; i++) layout.reqRank[q++] = rank[reqPool[i]!]!;
    layout.groupStart[r] = g;
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (condThreshold[c] === DEAD) continue;
      layout.groupCond[g] = c;
      layout.groupK[g] = condSize[c]! - condThreshold[c]! + 1;
      layout.memberStart[g] = p;
      for (let i = condMemberFirst[c]!, e2 = i + condSize[c]!; i < e2; i++) {
        const m = memberPool[i]!;
        const act = activation[m]!;
        layout.memberActivation[p] = act;
        layout.memberRank[p++] = act > 0 ? ~rank[m]! : rank[m]!;
        if (act > 0) layout.standbySlots++;
      }
      layout.maxGroupSize = Math.max(layout.maxGroupSize, condSize[c]!);
      g++;
    }
    layout.restart[r] = graph.restart[v]!;
  }
  layout.reqStart[length] = q;
  layout.groupStart[length] = g;
  layout.memberStart[g] = p;
  return layout;
}

/** Standbys activated and the minute each is ready, as parallel arrays (`nodes[i]` ready at `readyMinutes[i]`). */
export interface Activations {
  nodes: Int32Array;
  readyMinutes: Float64Array;
}

/** The k-th smallest (k >= 1) of `values[0 .. count)`, reordering them. */
export function kthSmallest(values: Float64Array, count: number, k: number): number {
  if (count > 32) return values.subarray(0, count).sort()[k - 1]!;
  for (let i = 1; i < count; i++) {
    const x = values[i]!;
    let j = i - 1;
    for (; j >= 0 && values[j]! > x; j--) values[j + 1] = values[j]!;
    values[j + 1] = x;
  }
  return values[k - 1]!;
}

/** What the sweep gives: `bounds` marks the times that differ (restore.ts keeps it only with an unknown duration). */
export interface Swept extends Omit<RestoreTimes, 'bound' | 'unknownSources'> {
  bounds: Uint8Array;
  /** Whether standby v was needed (activated) in this call. */
  needed: (v: number) => boolean;
}

/** Everything the sweep's loop reads and writes, gathered before it so the loop itself touches only locals. */
interface SweepState {
  layout: RankLayout;
  all: boolean;
  down: Uint8Array;
  groupLeft: Int32Array;
  isFailed: Uint8Array;
  recovery: Float64Array;
  recoveryKnown: Uint8Array;
  special: Int32Array;
  planned: boolean;
  planMark: Int32Array;
  planTimes: Float64Array;
  neededMark: Int32Array;
  stamp: number;
  low: Float64Array;
  high: Float64Array;
  state: Uint8Array;
  activated: Int32Array;
  ready: Float64Array;
  /** Standbys activated so far, and the position in `special` of the next failed or planned rank. */
  activatedCount: number;
  nextSpecial: number;
  /** Buffers for the k-th smallest of a group's members, as large as the largest group. */
  lows: Float64Array;
  highs: Float64Array;
}

/**
 * Ranks per call of `sweepRanks`. The sweep runs as many calls, not one long loop: a function called often is
 * optimized once and keeps its code from call to call, where one long loop was compiled again by on-stack
 * replacement in every scenario that followed a full garbage collection (several times the sweep itself at 100k
 * nodes).
 */
const CHUNK = 4096;

/**
 * Restore times of a down set by one sweep in rank space (see the file header), with the lower bounds and
 * exactness in the same pass. The same rules and results as restore.ts's `timesAlong`; undefined when a down
 * node may be in a cycle.
 */
export function sweepRestoreTimes(
  graph: EngineGraph,
  downSet: DownSet,
  restoredAt: PlannedRestores,
): Swept | undefined {
  const layout = rankLayoutOf(graph);
  const { down, failed, order: downOrder } = downSet;
  const { rank, length } = layout.order;
  for (const v of layout.cyclic) if (down[v] === 1) return undefined;
  const ws = workspaceOf(graph);
  const stamp = ws.nextStamp();
  // By rank in this call (the slots hold whatever the last call left; each entry is written before it is read).
  const times = ws.float64(TIMES);
  const planMark = ws.int32(PLANNED);
  const planTimes = ws.float64(PLAN);
  for (const [v, step] of restoredAt) planStep(planMark, planTimes, rank[v]!, step, stamp);
  const neededMark = ws.int32(NEEDED);
  const sweep: SweepState = {
    layout,
    // Every node is down: nothing to look up per node, and every group is broken.
    all: downOrder.length === length,
    down,
    groupLeft: downSet.groupLeft,
    isFailed: downSet.isFailed,
    recovery: graph.recovery,
    recoveryKnown: graph.recoveryKnown,
    special: specialRanks(rank, failed, restoredAt, down),
    planned: restoredAt.size > 0,
    planMark,
    planTimes,
    neededMark,
    stamp,
    low: times.subarray(0, length),
    high: times.subarray(length, 2 * length),
    state: ws.uint8(STATE),
    activated: new Int32Array(layout.standbySlots),
    ready: new Float64Array(layout.standbySlots),
    activatedCount: 0,
    nextSpecial: 0,
    lows: new Float64Array(layout.maxGroupSize),
    highs: new Float64Array(layout.maxGroupSize),
  };
  for (let from = 0; from < length; from += CHUNK) sweepRanks(sweep, from, Math.min(length, from + CHUNK));
  const activatedCount = sweep.activatedCount;
  const minutes = new Float64Array(downOrder.length);
  const bounds = new Uint8Array(downOrder.length);
  byPosition(downOrder, rank, sweep.low, sweep.state, minutes, bounds);
  return {
    minutes,
    unrecoverable: [],
    bounds,
    activations: {
      nodes: sweep.activated.subarray(0, activatedCount),
      readyMinutes: sweep.ready.subarray(0, activatedCount),
    },
    needed: (v) => neededMark[rank[v]!] === stamp,
  };
}

/**
 * The sweep over ranks `fromRank .. toRank`: R(r) for every down rank, in order. R(r) with the unknown durations 0 goes
 * to `low`; with them unbounded to `state`: EXACT (the same), UNBOUNDED (Infinity) or OTHER (then in `high`). One
 * array of 8 bytes a node and one of 1, not 16 bytes, for the reads of dependencies, which miss the cache: the
 * upper time is almost always the lower one or unbounded.
 */
function sweepRanks(sweep: SweepState, fromRank: number, toRank: number): void {
  const { reqStart, reqRank, groupStart, groupCond, groupK, memberStart, memberRank, memberActivation } =
    sweep.layout;
  const { restart } = sweep.layout;
  const { byRank } = sweep.layout.order;
  const { all, down, groupLeft, isFailed, recovery, recoveryKnown, special, planned, planMark, planTimes } =
    sweep;
  const { neededMark, stamp, low, high, state, activated, ready, lows, highs } = sweep;
  let activatedCount = sweep.activatedCount;
  let s = sweep.nextSpecial;
  let next = s < special.length ? special[s]! : -1;
  for (let r = fromRank; r < toRank; r++) {
    if (!all && down[byRank[r]!] === 0) {
      // An up node: its dependents read it as back from the start.
      low[r] = 0;
      state[r] = EXACT;
      continue;
    }
    let start = 0;
    let startHigh = 0;
    for (let i = reqStart[r]!, end = reqStart[r + 1]!; i < end; i++) {
      const d = reqRank[i]!;
      const a = low[d]!;
      const st = state[d]!;
      const aHigh = st === EXACT ? a : st === UNBOUNDED ? Infinity : high[d]!;
      if (a > start) start = a;
      if (aHigh > startHigh) startHigh = aHigh;
    }
    for (let g = groupStart[r]!, end = groupStart[r + 1]!; g < end; g++) {
      if (!all && groupLeft[groupCond[g]!]! > 0) continue;
      const from = memberStart[g]!;
      const size = memberStart[g + 1]! - from;
      const k = groupK[g]!;
      // A(m): R(m) (0 when up); a standby serves `activation` after it is healthy, or when the plan's step that
      // restores it ends. Its time is final when first met (it comes earlier), so its ready minute is recorded.
      let first = Infinity;
      let firstHigh = Infinity;
      for (let at = 0; at < size; at++) {
        let m = memberRank[from + at]!;
        const standby = m < 0;
        if (standby) m = ~m;
        let a = low[m]!;
        const st = state[m]!;
        let aHigh = st === EXACT ? a : st === UNBOUNDED ? Infinity : high[m]!;
        if (standby) {
          if (!planned || planMark[m] !== stamp) {
            a += memberActivation[from + at]!;
            aHigh += memberActivation[from + at]!;
          } else if (!all && down[byRank[m]!] === 0) {
            a = planTimes[2 * m]!;
            aHigh = planTimes[2 * m + 1]!;
          }
          if (neededMark[m] !== stamp) {
            neededMark[m] = stamp;
            activated[activatedCount] = byRank[m]!;
            ready[activatedCount++] = a;
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
    let r0: number;
    let r1: number;
    if (r !== next) {
      r0 = start + restart[r]!;
      r1 = startHigh + restart[r]!;
    } else {
      // A failed or planned node.
      next = ++s < special.length ? special[s]! : -1;
      const v = byRank[r]!;
      if (planned && planMark[r] === stamp) {
        r0 = Math.max(planTimes[2 * r]!, start);
        r1 = Math.max(planTimes[2 * r + 1]!, startHigh);
      } else if (isFailed[v] === 0) {
        r0 = start + restart[r]!;
        r1 = startHigh + restart[r]!;
      } else if (recoveryKnown[v] === 1) {
        r0 = start + recovery[v]!;
        r1 = startHigh + recovery[v]!;
      } else {
        r0 = start;
        r1 = Infinity;
      }
    }
    low[r] = r0;
    if (r1 === r0) state[r] = EXACT;
    else if (r1 === Infinity) state[r] = UNBOUNDED;
    else {
      state[r] = OTHER;
      high[r] = r1;
    }
  }
  sweep.activatedCount = activatedCount;
  sweep.nextSpecial = s;
}

/** The lower times and whether each is a bound, by position in the down set (a loop of its own, as above). */
function byPosition(
  downOrder: Int32Array,
  rank: Int32Array,
  low: Float64Array,
  state: Uint8Array,
  minutes: Float64Array,
  bounds: Uint8Array,
): void {
  for (let j = 0; j < downOrder.length; j++) {
    const r = rank[downOrder[j]!]!;
    minutes[j] = low[r]!;
    if (state[r] !== EXACT) bounds[j] = 1;
  }
}

function planStep(mark: Int32Array, times: Float64Array, r: number, step: RestoredAt, stamp: number): void {
  mark[r] = stamp;
  times[2 * r] = step.minutes;
  times[2 * r + 1] = step.known ? step.minutes : Infinity;
}

/** The ranks of the down nodes whose duration is not their restart (failed or planned), ascending, distinct. */
function specialRanks(
  rank: Int32Array,
  failed: Int32Array,
  restoredAt: PlannedRestores,
  down: Uint8Array,
): Int32Array {
  const out = new Int32Array(failed.length + restoredAt.size);
  let at = 0;
  for (const v of failed) out[at++] = rank[v]!;
  for (const v of restoredAt.keys()) if (down[v] === 1) out[at++] = rank[v]!;
  const sorted = out.subarray(0, at).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
  }
  return sorted.subarray(0, distinct);
}
