import { analyzeImpact, buildGraph } from '../engine/index.ts';
import type { EngineNode, FailureKind, ImpactOptions, ImpactResult } from '../engine/index.ts';

/** One node of the generated recovery order: when work on it can start, when it is back, what it waited for. */
export interface RecoveryItem {
  id: string;
  kind: FailureKind;
  /** Minutes from the start of the disruption when everything it needs is back and work on it can start. */
  startMinutes: number;
  /** Minutes from the start of the disruption when it is back. */
  endMinutes: number;
  /**
   * What it had to wait for: its down required dependencies, and the members that brought a broken group back
   * (down ones, and standbys, which count only once activated).
   */
  waitsFor: string[];
}

/** A scenario's recovery order, with the nodes that can never come back and the services' objectives. */
export interface RecoveryOrder {
  fail: string[];
  items: RecoveryItem[];
  unrecoverable: ImpactResult['unrecoverable'];
  services: ImpactResult['services'];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Turns the engine's restore times into a recovery order: the order the engine already gives (restore time
 * ascending), with each node's start and what it waited for. NIST SP 800-34 section 3.5.2 asks for recovery "in
 * an order that respects dependencies"; this is that order, computed rather than written.
 *
 * The start is derived from the graph and the engine's answer by the engine's own rule (docs/engine.md,
 * "Restore"), never as the restore time minus a duration, which a plan's step, an activation or a restart would
 * make wrong: a down node starts when every down required dependency is healthy (its restore time U) and every
 * group broken at the start is satisfied, at the k-th smallest availability A over its members (A = U, or for a
 * standby the minute the engine says it serves: U + activation, or the end of the plan step that activates it).
 * A step that restores the node then ends at or after that start (the later of the step's end and the start).
 */
export function recoveryOrderOf(nodes: ReadonlyMap<string, EngineNode>, impact: ImpactResult): RecoveryOrder {
  // U: when a down node is healthy again (never: unrecoverable); 0 for a node that never went down.
  const back = new Map(impact.down.map((item) => [item.id, item.restoreMinutes ?? Infinity]));
  const ready = new Map(impact.activations.map((item) => [item.id, item.readyMinutes]));
  const isStandby = (id: string) => (nodes.get(id)?.activationMinutes ?? 0) > 0;
  const health = (id: string) => back.get(id) ?? 0;
  // A standby every broken group needs is in `activations`; U + activation only as a fallback.
  const availability = (id: string) =>
    isStandby(id) ? (ready.get(id) ?? health(id) + (nodes.get(id)?.activationMinutes ?? 0)) : health(id);
  // Up and active from the start: what a group counts at the start of the disruption (standbys do not count).
  const upAtStart = (id: string) => !back.has(id) && !isStandby(id);
  const items: RecoveryItem[] = [];
  for (const down of impact.down) {
    if (down.restoreMinutes === null) continue;
    const node = nodes.get(down.id);
    let start = node ? 0 : down.restoreMinutes;
    const waitsFor = new Set<string>();
    for (const id of node?.requires ?? [])
      if (back.has(id)) {
        waitsFor.add(id);
        start = Math.max(start, health(id));
      }
    for (const group of node?.groups ?? []) {
      if (group.of.filter(upAtStart).length >= group.k) continue;
      // The group is satisfied from the k-th smallest availability: the first k members are what it waited for.
      const first = [...group.of]
        .sort((a, b) => availability(a) - availability(b) || compare(a, b))
        .slice(0, group.k);
      start = Math.max(start, availability(first[first.length - 1]!));
      for (const id of first) if (!upAtStart(id)) waitsFor.add(id);
    }
    items.push({
      id: down.id,
      kind: down.kind,
      startMinutes: start,
      endMinutes: down.restoreMinutes,
      waitsFor: [...waitsFor],
    });
  }
  return {
    fail: impact.failed,
    items: waitedForFirst(items),
    unrecoverable: impact.unrecoverable,
    services: impact.services,
  };
}

/**
 * The items as the engine orders them (by end, ties by id), except that among items ending at the same minute
 * each comes after what it waited for: a node back the moment its dependency is (a step that ended earlier, a
 * restart of 0) is listed after that dependency, not before it for its id.
 */
function waitedForFirst(items: RecoveryItem[]): RecoveryItem[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const listed = new Set<string>();
  const out: RecoveryItem[] = [];
  for (const item of items) {
    if (listed.has(item.id)) continue;
    // Depth first, without recursion (a chain of restarts of 0 may be long): an item is listed once what it
    // waited for that ends at the same minute is. `listed` is set on entry, so a loop cannot recur.
    listed.add(item.id);
    const stack: { item: RecoveryItem; next: number }[] = [{ item, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const id = top.item.waitsFor[top.next++];
      if (id === undefined) {
        out.push(top.item);
        stack.pop();
        continue;
      }
      const dependency = byId.get(id);
      if (dependency?.endMinutes === top.item.endMinutes && !listed.has(id)) {
        listed.add(id);
        stack.push({ item: dependency, next: 0 });
      }
    }
  }
  return out;
}

/**
 * The recovery order of a scenario on a catalog's engine nodes (builds the graph; for one-off use), following a
 * plan's steps when `options.restoredAt` gives them.
 */
export function recoveryOrder(
  nodes: readonly EngineNode[],
  fail: readonly string[],
  options: ImpactOptions = {},
): RecoveryOrder {
  const impact = analyzeImpact(buildGraph(nodes), fail, options);
  return recoveryOrderOf(new Map(nodes.map((node) => [node.id, node])), impact);
}
