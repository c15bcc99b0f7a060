/**
 * The engine's compact graph: every failure node gets an index 0..n-1, and the edges live in typed arrays.
 *
 * Layout (compressed sparse rows, CSR):
 * - forward, for restore times, causes and cut sets: node -> its required dependencies (`reqFirst`/`reqCount`
 *   into `reqPool`) and node -> its redundancy groups (`groupFirst`/`groupCount`, contiguous condition indices);
 *   a group ("condition") c has an owner, a member range in `memberPool` and a `threshold`: the number of down
 *   members that breaks it (n - k + 1).
 * - reverse, for propagation: node -> what depends on it (`revStart`/`revEntry`). A row holds first the nodes
 *   that require this node (`revStart[u] .. revSplit[u]`, plain indices, -1 once removed by an edit), then the
 *   groups this node is a member of (`revSplit[u] .. revStart[u + 1]`): two tight loops without a type test.
 *
 * Edits without a rebuild (`updateNode`, `addNode`): the base CSR is never rewritten. A node's new dependency
 * lists are appended at the end of the pools and its ranges repointed; a removed required edge is overwritten in
 * the dependency's reverse row by a tombstone; a removed group keeps its reverse entries but its threshold
 * becomes `DEAD`, so it never breaks; new reverse entries go to a per-node overflow list (`extraHead`,
 * `extraNext`, `extraEntry`; an entry is `~v` for "v requires this node", `c >= 0` for a group). Propagation walks the CSR row then the overflow list. `buildGraph` on the same
 * nodes compacts everything again (worth it once the overflow is a sizeable share of the edges, see `edits`).
 */
import { EngineInputError, UnknownIdError } from './errors.ts';
import type { EngineData, EngineGroup, EngineNode, FailureKind } from './types.ts';
import type { RankLayout } from './restore-sweep.ts';
import type { Workspace } from './workspace.ts';

/** An overflow entry that was removed by an edit (a removed base entry of a required edge becomes -1). */
export const TOMBSTONE = -0x80000000;
/** The threshold of a group removed by an edit: it can never break. */
export const DEAD = 0x7fffffff;

/** The failure kinds in the order of their numeric code in `EngineGraph.kinds`. */
export const KINDS: readonly FailureKind[] = ['Service', 'Component', 'Site', 'Vendor'];

/** Tier and objectives of a Service node, in minutes (null when unset). */
export interface ServiceInfo {
  tier: number;
  rtoMinutes: number | null;
  rpoMinutes: number | null;
  mtpdMinutes: number | null;
}

/** A data node's copies, resolved to node indices (`backupAt` -1 without a backup). */
export interface DataInfo {
  backupAt: number;
  backupIntervalMinutes: number;
  replicas: { node: number; lagMinutes: number }[];
}

/**
 * A dependency order of the whole graph (dependency-order.ts): `byRank[r]` is the node of rank r and `rank[v]`
 * the rank of node v, every node after what it depends on, outside cycles; `cyclic[v]` is 1 for a node that may
 * be in a cycle. The arrays may be longer than `length`, the number of nodes ordered (room for added nodes).
 */
export interface DependencyOrder {
  byRank: Int32Array;
  rank: Int32Array;
  cyclic: Uint8Array;
  length: number;
}

/** The compact graph the engine computes on; build it with `buildGraph`, edit it with `updateNode`/`addNode`. */
export interface EngineGraph {
  n: number;
  ids: string[];
  index: Map<string, number>;
  kinds: Uint8Array;
  recovery: Float64Array;
  restart: Float64Array;
  /** Minutes a standby takes to activate (0: an active node). */
  activation: Float64Array;
  /** 1 when the recovery time is known, 0 when `recovery` is only a lower bound (0). */
  recoveryKnown: Uint8Array;
  /** 1 for a node that holds data (with or without `data`). */
  holdsData: Uint8Array;
  /** The copies of data nodes that describe them. */
  data: Map<number, DataInfo>;
  service: Map<number, ServiceInfo>;
  reqFirst: Int32Array;
  reqCount: Int32Array;
  reqPool: Int32Array;
  reqPoolLength: number;
  groupFirst: Int32Array;
  groupCount: Int32Array;
  condCount: number;
  condOwner: Int32Array;
  condThreshold: Int32Array;
  /** Per group: threshold minus its standby members, so a group is broken in normal operation when <= 0. */
  condSlack: Int32Array;
  condMemberFirst: Int32Array;
  condSize: Int32Array;
  memberPool: Int32Array;
  memberPoolLength: number;
  revStart: Int32Array;
  revSplit: Int32Array;
  revEntry: Int32Array;
  extraHead: Int32Array;
  extraNext: Int32Array;
  extraEntry: Int32Array;
  extraLength: number;
  /** Edits applied since the last build (a hint for when to rebuild). */
  edits: number;
  /** Groups broken in normal operation (too few active members), computed on first use after an edit. */
  restBroken: Int32Array | undefined;
  /** The Services by tier then id, computed on first use after an edit. */
  serviceOrder: readonly number[] | undefined;
  /** The dependency order restore times follow, computed on first use, kept by the edits that respect it. */
  dependencyOrder: DependencyOrder | undefined;
  /** The dependencies by rank in `dependencyOrder` the restore sweep reads (restore-sweep.ts), made on first use. */
  rankLayout: RankLayout | undefined;
  /** Scratch arrays the analyses of one scenario reuse from call to call (workspace.ts), made on first use. */
  workspace: Workspace | undefined;
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(need, array.length * 2, 16));
  next.set(array);
  return next;
}

function kindCode(node: EngineNode): number {
  const code = KINDS.indexOf(node.kind);
  if (code < 0) throw new EngineInputError(node.id, `kind "${String(node.kind)}" is not a failure kind`);
  return code;
}

function resolve(index: Map<string, number>, owner: string, id: string): number {
  const found = index.get(id);
  if (found === undefined) throw new EngineInputError(owner, `depends on unknown id "${id}"`);
  return found;
}

/** The distinct required dependencies of a node, as indices. */
function requiredOf(index: Map<string, number>, node: EngineNode): number[] {
  const out: number[] = [];
  for (const id of node.requires) {
    const m = resolve(index, node.id, id);
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** A group's members as indices, checked: known, distinct, 1 <= k <= n. */
function membersOf(index: Map<string, number>, node: EngineNode, group: EngineGroup): number[] {
  const members = group.of.map((id) => resolve(index, node.id, id));
  if (new Set(members).size !== members.length) {
    throw new EngineInputError(node.id, `a redundancy group lists a member twice: [${group.of.join(', ')}]`);
  }
  if (!Number.isInteger(group.k) || group.k < 1 || group.k > members.length) {
    throw new EngineInputError(
      node.id,
      `a redundancy group needs k between 1 and ${members.length} (its member count), got ${group.k}`,
    );
  }
  return members;
}

/** The restore simulation processes events in time order, which needs finite, non-negative durations. */
function checkMinutes(node: EngineNode, name: string, minutes: number): void {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new EngineInputError(node.id, `${name} must be a finite number of minutes >= 0, got ${minutes}`);
  }
}

/** A data node's copies as indices; an unknown id in `backup.at` or `replicas` is an EngineInputError. */
function dataOf(index: Map<string, number>, node: EngineNode, data: EngineData): DataInfo {
  const info: DataInfo = { backupAt: -1, backupIntervalMinutes: 0, replicas: [] };
  if (data.backup !== undefined) {
    const at = index.get(data.backup.at);
    if (at === undefined) {
      throw new EngineInputError(node.id, `data.backup.at names unknown id "${data.backup.at}"`);
    }
    checkMinutes(node, 'data.backup.interval', data.backup.intervalMinutes);
    info.backupAt = at;
    info.backupIntervalMinutes = data.backup.intervalMinutes;
  }
  for (const replica of data.replicas ?? []) {
    const r = index.get(replica.id);
    if (r === undefined)
      throw new EngineInputError(node.id, `data.replicas names unknown id "${replica.id}"`);
    checkMinutes(node, 'data.replicas lag', replica.lagMinutes);
    info.replicas.push({ node: r, lagMinutes: replica.lagMinutes });
  }
  return info;
}

function setScalars(graph: EngineGraph, v: number, node: EngineNode): void {
  const recoveryKnown = node.recoveryKnown !== false;
  // An unknown recovery is computed as its lower bound, 0, whatever number came with it.
  if (recoveryKnown) checkMinutes(node, 'recovery', node.recoveryMinutes);
  checkMinutes(node, 'restart', node.restartMinutes);
  const activation = node.activationMinutes ?? 0;
  checkMinutes(node, 'activation', activation);
  const data = node.data === undefined ? undefined : dataOf(graph.index, node, node.data);
  graph.kinds[v] = kindCode(node);
  graph.recovery[v] = recoveryKnown ? node.recoveryMinutes : 0;
  graph.recoveryKnown[v] = recoveryKnown ? 1 : 0;
  graph.restart[v] = node.restartMinutes;
  graph.activation[v] = activation;
  graph.holdsData[v] = node.holdsData === true || data !== undefined ? 1 : 0;
  if (data === undefined) graph.data.delete(v);
  else graph.data.set(v, data);
  if (node.kind === 'Service') {
    const s = node.service;
    graph.service.set(v, {
      tier: s?.tier ?? 4,
      rtoMinutes: s?.rtoMinutes ?? null,
      rpoMinutes: s?.rpoMinutes ?? null,
      mtpdMinutes: s?.mtpdMinutes ?? null,
    });
  } else graph.service.delete(v);
}

/** Whether `pool[from..to)` holds `value` (dependency lists are short; long groups use a Set). */
function holds(pool: Int32Array, from: number, to: number, value: number): boolean {
  for (let i = from; i < to; i++) if (pool[i] === value) return true;
  return false;
}

/** Builds the compact graph from engine nodes; throws EngineInputError on a duplicate or unknown id or a bad group. */
export function buildGraph(nodes: readonly EngineNode[]): EngineGraph {
  const n = nodes.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = nodes[i]!.id;
    if (index.has(id)) throw new EngineInputError(id, 'the id is used by two nodes');
    index.set(id, i);
  }
  // One pass resolves ids straight into growable pools; a second fills the reverse rows.
  let reqPool = new Int32Array(n * 2 + 16);
  let memberPool = new Int32Array(n + 16);
  let condOwner = new Int32Array((n >> 1) + 16);
  let condThreshold = new Int32Array(condOwner.length);
  let condMemberFirst = new Int32Array(condOwner.length);
  let condSize = new Int32Array(condOwner.length);
  const reqFirst = new Int32Array(n);
  const reqCount = new Int32Array(n);
  const groupFirst = new Int32Array(n);
  const groupCount = new Int32Array(n);
  const revDegree = new Int32Array(n + 1);
  let r = 0;
  let c = 0;
  let p = 0;
  for (let v = 0; v < n; v++) {
    const node = nodes[v]!;
    reqFirst[v] = r;
    for (const id of node.requires) {
      const m = resolve(index, node.id, id);
      if (holds(reqPool, reqFirst[v]!, r, m)) continue;
      reqPool = grown(reqPool, r + 1);
      reqPool[r++] = m;
      revDegree[m]!++;
    }
    reqCount[v] = r - reqFirst[v]!;
    groupFirst[v] = c;
    groupCount[v] = node.groups.length;
    for (const group of node.groups) {
      const members = group.of.length > 16 ? membersOf(index, node, group) : undefined;
      if (!Number.isInteger(group.k) || group.k < 1 || group.k > group.of.length)
        membersOf(index, node, group);
      condOwner = grown(condOwner, c + 1);
      condThreshold = grown(condThreshold, c + 1);
      condMemberFirst = grown(condMemberFirst, c + 1);
      condSize = grown(condSize, c + 1);
      memberPool = grown(memberPool, p + group.of.length);
      condOwner[c] = v;
      condThreshold[c] = group.of.length - group.k + 1;
      condMemberFirst[c] = p;
      condSize[c] = group.of.length;
      const first = p;
      for (let i = 0; i < group.of.length; i++) {
        const m = members?.[i] ?? resolve(index, node.id, group.of[i]!);
        if (members === undefined && holds(memberPool, first, p, m)) membersOf(index, node, group);
        memberPool[p++] = m;
        revDegree[m]!++;
      }
      c++;
    }
  }
  const revStart = new Int32Array(n + 1);
  for (let v = 0, acc = 0; v <= n; v++) {
    revStart[v] = acc;
    acc += revDegree[v]!;
  }
  const revEntry = new Int32Array(r + p);
  const fill = revStart.slice(0, n);
  for (let v = 0; v < n; v++) {
    for (let i = reqFirst[v]!, end = i + reqCount[v]!; i < end; i++) revEntry[fill[reqPool[i]!]!++] = v;
  }
  const revSplit = fill.slice();
  for (let cond = 0; cond < c; cond++) {
    for (let i = condMemberFirst[cond]!, end = i + condSize[cond]!; i < end; i++) {
      revEntry[fill[memberPool[i]!]!++] = cond;
    }
  }
  const graph: EngineGraph = {
    n,
    ids: nodes.map((node) => node.id),
    index,
    kinds: new Uint8Array(n),
    recovery: new Float64Array(n),
    restart: new Float64Array(n),
    activation: new Float64Array(n),
    recoveryKnown: new Uint8Array(n),
    holdsData: new Uint8Array(n),
    data: new Map(),
    service: new Map(),
    reqFirst,
    reqCount,
    reqPool,
    reqPoolLength: r,
    groupFirst,
    groupCount,
    condCount: c,
    condOwner,
    condThreshold,
    condSlack: new Int32Array(condThreshold.length),
    condMemberFirst,
    condSize,
    memberPool,
    memberPoolLength: p,
    revStart,
    revSplit,
    revEntry,
    extraHead: new Int32Array(n).fill(-1),
    extraNext: new Int32Array(0),
    extraEntry: new Int32Array(0),
    extraLength: 0,
    edits: 0,
    restBroken: undefined,
    serviceOrder: undefined,
    dependencyOrder: undefined,
    rankLayout: undefined,
    workspace: undefined,
  };
  for (let v = 0; v < n; v++) setScalars(graph, v, nodes[v]!);
  for (let cond = 0; cond < c; cond++) graph.condSlack[cond] = slackOf(graph, cond);
  return graph;
}

/** A group's threshold minus its standby members (see `condSlack`). */
function slackOf(graph: EngineGraph, c: number): number {
  let slack = graph.condThreshold[c]!;
  for (let i = graph.condMemberFirst[c]!, end = i + graph.condSize[c]!; i < end; i++) {
    if (graph.activation[graph.memberPool[i]!]! > 0) slack--;
  }
  return slack;
}

/** The groups broken in normal operation: their active members alone cannot satisfy them. */
export function brokenAtRest(graph: EngineGraph): Int32Array {
  if (graph.restBroken === undefined) {
    const out: number[] = [];
    for (let c = 0; c < graph.condCount; c++) {
      if (graph.condSlack[c]! <= 0 && graph.condThreshold[c] !== DEAD) out.push(c);
    }
    graph.restBroken = Int32Array.from(out);
  }
  return graph.restBroken;
}

function pushExtra(graph: EngineGraph, member: number, entry: number): void {
  const e = graph.extraLength++;
  graph.extraNext = grown(graph.extraNext, e + 1);
  graph.extraEntry = grown(graph.extraEntry, e + 1);
  graph.extraNext[e] = graph.extraHead[member]!;
  graph.extraEntry[e] = entry;
  graph.extraHead[member] = e;
}

/** Removes "v requires member" from member's reverse row (base part or overflow list). */
function removeRequiredBy(graph: EngineGraph, member: number, v: number): void {
  for (let e = graph.revStart[member]!; e < graph.revSplit[member]!; e++) {
    if (graph.revEntry[e] === v) {
      graph.revEntry[e] = -1;
      return;
    }
  }
  const entry = ~v;
  for (let e = graph.extraHead[member]!; e >= 0; e = graph.extraNext[e]!) {
    if (graph.extraEntry[e] === entry) {
      graph.extraEntry[e] = TOMBSTONE;
      return;
    }
  }
}

/** Replaces an existing node's kind, times, objectives and dependencies in place, without a rebuild. */
export function updateNode(graph: EngineGraph, node: EngineNode): void {
  const v = graph.index.get(node.id);
  if (v === undefined) throw new UnknownIdError(node.id, 'updateNode');
  const reqs = requiredOf(graph.index, node);
  const groups = node.groups.map((g) => ({ k: g.k, members: membersOf(graph.index, node, g) }));
  const order = graph.dependencyOrder;
  if (order !== undefined) {
    // The node keeps its place if everything it now depends on comes before it.
    const at = order.rank[v]!;
    const before = (m: number): boolean => order.rank[m]! < at;
    if (!reqs.every(before) || !groups.every((g) => g.members.every(before)))
      graph.dependencyOrder = undefined;
  }
  const wasStandby = graph.activation[v]! > 0;
  setScalars(graph, v, node);
  const isStandby = graph.activation[v]! > 0;
  if (wasStandby !== isStandby) {
    // Its groups gain or lose an active member.
    forEachDependent(graph, v, (x) => {
      if (x >= 0) graph.condSlack[x]! += isStandby ? -1 : 1;
    });
  }
  graph.restBroken = undefined;
  graph.serviceOrder = undefined;
  graph.rankLayout = undefined;
  for (let i = 0; i < graph.reqCount[v]!; i++)
    removeRequiredBy(graph, graph.reqPool[graph.reqFirst[v]! + i]!, v);
  for (let i = 0; i < graph.groupCount[v]!; i++) {
    graph.condThreshold[graph.groupFirst[v]! + i] = DEAD;
    graph.condSlack[graph.groupFirst[v]! + i] = DEAD;
  }

  graph.reqPool = grown(graph.reqPool, graph.reqPoolLength + reqs.length);
  graph.reqFirst[v] = graph.reqPoolLength;
  graph.reqCount[v] = reqs.length;
  for (const m of reqs) {
    graph.reqPool[graph.reqPoolLength++] = m;
    pushExtra(graph, m, ~v);
  }
  const need = graph.condCount + groups.length;
  graph.condOwner = grown(graph.condOwner, need);
  graph.condThreshold = grown(graph.condThreshold, need);
  graph.condSlack = grown(graph.condSlack, need);
  graph.condMemberFirst = grown(graph.condMemberFirst, need);
  graph.condSize = grown(graph.condSize, need);
  graph.groupFirst[v] = graph.condCount;
  graph.groupCount[v] = groups.length;
  for (const g of groups) {
    const c = graph.condCount++;
    graph.condOwner[c] = v;
    graph.condThreshold[c] = g.members.length - g.k + 1;
    graph.condMemberFirst[c] = graph.memberPoolLength;
    graph.condSize[c] = g.members.length;
    graph.memberPool = grown(graph.memberPool, graph.memberPoolLength + g.members.length);
    for (const m of g.members) {
      graph.memberPool[graph.memberPoolLength++] = m;
      pushExtra(graph, m, c);
    }
    graph.condSlack[c] = slackOf(graph, c);
  }
  graph.edits++;
}

/** Adds a new node (its dependencies must already exist) without a rebuild; returns its index. */
export function addNode(graph: EngineGraph, node: EngineNode): number {
  if (graph.index.has(node.id)) throw new EngineInputError(node.id, 'the id is used by two nodes');
  const v = graph.n;
  const size = v + 1;
  graph.kinds = grown(graph.kinds, size);
  graph.recovery = grown(graph.recovery, size);
  graph.restart = grown(graph.restart, size);
  graph.activation = grown(graph.activation, size);
  graph.recoveryKnown = grown(graph.recoveryKnown, size);
  graph.holdsData = grown(graph.holdsData, size);
  graph.activation[v] = 0;
  graph.reqFirst = grown(graph.reqFirst, size);
  graph.reqCount = grown(graph.reqCount, size);
  graph.groupFirst = grown(graph.groupFirst, size);
  graph.groupCount = grown(graph.groupCount, size);
  const oldHeads = graph.extraHead.length;
  graph.extraHead = grown(graph.extraHead, size);
  graph.extraHead.fill(-1, oldHeads);
  graph.revStart = grown(graph.revStart, size + 1);
  graph.revStart[size] = graph.revStart[v]!; // an empty base row: its dependents live in the overflow list
  graph.revSplit = grown(graph.revSplit, size);
  graph.revSplit[v] = graph.revStart[v]!;
  graph.n = size;
  graph.ids.push(node.id);
  graph.index.set(node.id, v);
  graph.reqCount[v] = 0;
  graph.groupCount[v] = 0;
  const order = graph.dependencyOrder;
  if (order !== undefined) {
    // Nothing depends on a new node yet: it goes last.
    order.byRank = grown(order.byRank, size);
    order.rank = grown(order.rank, size);
    order.cyclic = grown(order.cyclic, size);
    order.byRank[order.length] = v;
    order.rank[v] = order.length++;
    order.cyclic[v] = 0;
  }
  try {
    updateNode(graph, node);
  } catch (error) {
    graph.n = v;
    graph.ids.pop();
    graph.index.delete(node.id);
    graph.dependencyOrder = undefined;
    throw error;
  }
  return v;
}

/** Calls `visit(entry)` for every live reverse entry of `u` (`~v`: v requires u; `c >= 0`: u is in group c). */
export function forEachDependent(graph: EngineGraph, u: number, visit: (entry: number) => void): void {
  for (let e = graph.revStart[u]!; e < graph.revSplit[u]!; e++) {
    const v = graph.revEntry[e]!;
    if (v >= 0) visit(~v);
  }
  for (let e = graph.revSplit[u]!; e < graph.revStart[u + 1]!; e++) {
    const c = graph.revEntry[e]!;
    if (graph.condThreshold[c] !== DEAD) visit(c);
  }
  for (let e = graph.extraHead[u]!; e >= 0; e = graph.extraNext[e]!) {
    const x = graph.extraEntry[e]!;
    if (x !== TOMBSTONE && (x < 0 || graph.condThreshold[x] !== DEAD)) visit(x);
  }
}

/** The node indices of every Service, sorted by tier then id (kept until the next edit). */
export function servicesByTier(graph: EngineGraph): readonly number[] {
  graph.serviceOrder ??= [...graph.service.keys()].sort((a, b) => {
    const ta = graph.service.get(a)!.tier;
    const tb = graph.service.get(b)!.tier;
    if (ta !== tb) return ta - tb;
    return compareIds(graph.ids[a]!, graph.ids[b]!);
  });
  return graph.serviceOrder;
}

/** Code-unit order, the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
