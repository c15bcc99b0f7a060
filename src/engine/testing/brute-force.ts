/**
 * Brute-force evaluators written as plainly as possible from the definitions in docs/engine.md, for property
 * tests: no indices, no counters, no cleverness. Slow on purpose; use on graphs of a handful of nodes.
 */
import type { EngineNode, RestoredAt } from '../types.ts';

const isStandby = (node: EngineNode | undefined): boolean => (node?.activationMinutes ?? 0) > 0;

/**
 * The smallest set containing F and every node with a down required dependency or a group under k members up
 * and active (a standby does not count at the start).
 */
export function bruteDown(
  nodes: readonly EngineNode[],
  failed: readonly string[],
  standbysWait = true,
): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const down = new Set(failed);
  for (let changed = true; changed;) {
    changed = false;
    for (const node of nodes) {
      if (down.has(node.id)) continue;
      const requiredDown = node.requires.some((id) => down.has(id));
      const groupShort = node.groups.some(
        (g) => g.of.filter((id) => !down.has(id) && !(standbysWait && isStandby(byId.get(id)))).length < g.k,
      );
      if (requiredDown || groupShort) {
        down.add(node.id);
        changed = true;
      }
    }
  }
  return down;
}

/**
 * Restore time of every down node (null: never starts), by simulating from event to event: a node starts once
 * its required dependencies are healthy and its groups have k members available (a standby `activation` after it
 * is healthy, or when the plan's step ends), and is back `recovery` (failed; 0 when unknown) or `restart` later,
 * or at the later of its plan step's end and its start. `unknownAs` replaces every unknown duration (a failed
 * node's unknown recovery, the end of a plan step marked unknown, added to it): 0 gives the lower bounds.
 */
export function bruteRestore(
  nodes: readonly EngineNode[],
  failed: readonly string[],
  restoredAt: ReadonlyMap<string, RestoredAt> = new Map(),
  unknownAs = 0,
): Map<string, number | null> {
  const down = bruteDown(nodes, failed);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const step = (id: string): number | undefined => {
    const s = restoredAt.get(id);
    return s === undefined ? undefined : s.minutes + (s.known ? 0 : unknownAs);
  };
  const finish = new Map<string, number>();
  const isUp = (id: string, t: number): boolean => !down.has(id) || (finish.has(id) && finish.get(id)! <= t);
  const readyAt = (id: string): number | undefined => {
    const node = byId.get(id)!;
    if (!isStandby(node)) return down.has(id) ? finish.get(id) : 0;
    const planned = step(id);
    if (!down.has(id)) return planned ?? node.activationMinutes!;
    const healthy = finish.get(id);
    if (healthy === undefined) return undefined;
    return planned !== undefined ? healthy : healthy + node.activationMinutes!;
  };
  const isAvailable = (id: string, t: number): boolean => {
    const ready = readyAt(id);
    return ready !== undefined && ready <= t;
  };
  const satisfied = (node: EngineNode, t: number): boolean =>
    node.requires.every((id) => isUp(id, t)) &&
    node.groups.every((g) => g.of.filter((id) => isAvailable(id, t)).length >= g.k);
  let t = 0;
  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const node of nodes) {
        if (!down.has(node.id) || finish.has(node.id) || !satisfied(node, t)) continue;
        const planned = step(node.id);
        let end: number;
        if (planned !== undefined) end = Math.max(planned, t);
        else if (!failed.includes(node.id)) end = t + node.restartMinutes;
        else end = t + (node.recoveryKnown === false ? unknownAs : node.recoveryMinutes);
        finish.set(node.id, end);
        changed = true;
      }
    }
    const events = nodes.map((n) => readyAt(n.id)).concat([...finish.values()]);
    const later = events.filter((f): f is number => f !== undefined && f > t);
    if (later.length === 0) break;
    t = Math.min(...later);
  }
  return new Map([...down].map((id) => [id, finish.get(id) ?? null]));
}

/**
 * Whether each down node's restore time is exact: the same when every unknown duration is 0 and when it is
 * `big` (more than all known durations together), so nothing it waited on was unknown.
 */
export function bruteRestoreKnown(
  nodes: readonly EngineNode[],
  failed: readonly string[],
  restoredAt: ReadonlyMap<string, RestoredAt> = new Map(),
  big = 1_000_000,
): Map<string, boolean> {
  const low = bruteRestore(nodes, failed, restoredAt, 0);
  const high = bruteRestore(nodes, failed, restoredAt, big);
  return new Map([...low].map(([id, t]) => [id, t === high.get(id)]));
}

/** Every node `id` depends on, transitively (required dependencies and group members), itself included. */
function dependencies(nodes: readonly EngineNode[], id: string): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set([id]);
  const stack = [id];
  while (stack.length > 0) {
    const node = byId.get(stack.pop()!)!;
    for (const next of [...node.requires, ...node.groups.flatMap((g) => g.of)]) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * A node's data loss: the largest loss among the down data nodes it depends on (0 when none; Infinity when
 * unbounded; `known` false when one of them has no `data`).
 */
export function bruteDataLoss(
  nodes: readonly EngineNode[],
  failed: readonly string[],
  id: string,
): { minutes: number; known: boolean } {
  const down = bruteDown(nodes, failed);
  let minutes = 0;
  let known = true;
  for (const node of nodes) {
    if (!down.has(node.id) || !dependencies(nodes, id).has(node.id)) continue;
    if (node.data === undefined) {
      if (node.holdsData === true) known = false;
      continue;
    }
    const lags = (node.data.replicas ?? []).filter((r) => !down.has(r.id)).map((r) => r.lagMinutes);
    let loss = Infinity;
    if (lags.length > 0) loss = Math.min(...lags);
    else if (node.data.backup !== undefined && !down.has(node.data.backup.at)) {
      loss = node.data.backup.intervalMinutes;
    }
    minutes = Math.max(minutes, loss);
  }
  return { minutes, known };
}

/** Whether `node` depends on `on` (a required dependency or a group member). */
export function dependsOn(node: EngineNode, on: string): boolean {
  return node.requires.includes(on) || node.groups.some((g) => g.of.includes(on));
}

/** Nodes with a group that only standbys could satisfy: down even when nothing failed. */
export function bruteDownAtRest(nodes: readonly EngineNode[]): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return nodes
    .filter((n) => n.groups.some((g) => g.of.filter((id) => !isStandby(byId.get(id))).length < g.k))
    .map((n) => n.id);
}

/**
 * Length (in nodes) of a shortest chain of down nodes from a failed node, or from a node down at rest, to each
 * down node.
 */
export function bruteCauseLengths(
  nodes: readonly EngineNode[],
  failed: readonly string[],
): Map<string, number> {
  const down = bruteDown(nodes, failed);
  const length = new Map<string, number>([...failed, ...bruteDownAtRest(nodes)].map((id) => [id, 1]));
  for (let changed = true; changed;) {
    changed = false;
    for (const node of nodes) {
      if (!down.has(node.id)) continue;
      for (const [id, l] of [...length]) {
        if (dependsOn(node, id) && (length.get(node.id) ?? Infinity) > l + 1) {
          length.set(node.id, l + 1);
          changed = true;
        }
      }
    }
  }
  return length;
}

function subsetsUpTo(ids: readonly string[], k: number): string[][] {
  const out: string[][] = [[]];
  for (const id of ids) {
    for (const s of [...out]) if (s.length < k) out.push([...s, id]);
  }
  return out;
}

/**
 * Minimal cut sets of `service` up to order k: enumerate every set, keep the minimal ones that bring it down. A
 * standby counts as a member like any other (a failover is not a repair).
 */
export function bruteCutSets(nodes: readonly EngineNode[], service: string, k: number): string[][] {
  const others = nodes.map((n) => n.id).filter((id) => id !== service);
  const cuts = subsetsUpTo(others, k).filter((c) => bruteDown(nodes, c, false).has(service));
  const minimal = cuts.filter(
    (c) => !cuts.some((d) => d.length < c.length && d.every((id) => c.includes(id))),
  );
  return minimal
    .map((c) => [...c].sort())
    .sort((a, b) => a.length - b.length || a.join(',').localeCompare(b.join(',')));
}
