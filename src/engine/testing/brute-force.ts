/**
 * Brute-force evaluators written as plainly as possible from the definitions in issue 3, for property tests:
 * no indices, no counters, no cleverness. Slow on purpose; use on graphs of a handful of nodes.
 */
import type { EngineNode } from '../types.ts';

/** The smallest set containing F and every node with a down required dependency or a group under k members up. */
export function bruteDown(nodes: readonly EngineNode[], failed: readonly string[]): Set<string> {
  const down = new Set(failed);
  for (let changed = true; changed;) {
    changed = false;
    for (const node of nodes) {
      if (down.has(node.id)) continue;
      const requiredDown = node.requires.some((id) => down.has(id));
      const groupShort = node.groups.some((g) => g.of.filter((id) => !down.has(id)).length < g.k);
      if (requiredDown || groupShort) {
        down.add(node.id);
        changed = true;
      }
    }
  }
  return down;
}

/** Restore time of every down node (null: never starts), by simulating minute after minute. */
export function bruteRestore(
  nodes: readonly EngineNode[],
  failed: readonly string[],
): Map<string, number | null> {
  const down = bruteDown(nodes, failed);
  const finish = new Map<string, number>();
  const isUp = (id: string, t: number): boolean => !down.has(id) || (finish.has(id) && finish.get(id)! <= t);
  const satisfied = (node: EngineNode, t: number): boolean =>
    node.requires.every((id) => isUp(id, t)) &&
    node.groups.every((g) => g.of.filter((id) => isUp(id, t)).length >= g.k);
  let t = 0;
  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const node of nodes) {
        if (!down.has(node.id) || finish.has(node.id) || !satisfied(node, t)) continue;
        const duration = failed.includes(node.id) ? node.recoveryMinutes : node.restartMinutes;
        finish.set(node.id, t + duration);
        changed = true;
      }
    }
    const later = [...finish.values()].filter((f) => f > t);
    if (later.length === 0) break;
    t = Math.min(...later);
  }
  return new Map([...down].map((id) => [id, finish.get(id) ?? null]));
}

/** Whether `node` depends on `on` (a required dependency or a group member). */
export function dependsOn(node: EngineNode, on: string): boolean {
  return node.requires.includes(on) || node.groups.some((g) => g.of.includes(on));
}

/** Length (in nodes) of a shortest chain of down nodes from a failed node to each down node. */
export function bruteCauseLengths(
  nodes: readonly EngineNode[],
  failed: readonly string[],
): Map<string, number> {
  const down = bruteDown(nodes, failed);
  const length = new Map<string, number>(failed.map((id) => [id, 1]));
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

/** Minimal cut sets of `service` up to order k: enumerate every set, keep the minimal ones that bring it down. */
export function bruteCutSets(nodes: readonly EngineNode[], service: string, k: number): string[][] {
  const others = nodes.map((n) => n.id).filter((id) => id !== service);
  const cuts = subsetsUpTo(others, k).filter((c) => bruteDown(nodes, c).has(service));
  const minimal = cuts.filter(
    (c) => !cuts.some((d) => d.length < c.length && d.every((id) => c.includes(id))),
  );
  return minimal
    .map((c) => [...c].sort())
    .sort((a, b) => a.length - b.length || a.join(',').localeCompare(b.join(',')));
}
