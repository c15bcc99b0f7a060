import { analyzeImpact, buildGraph } from '../engine/index.ts';
import type { EngineNode, FailureKind, ImpactResult } from '../engine/index.ts';

/** One node of the generated recovery order: when work on it can start, when it is back, what it waited for. */
export interface RecoveryItem {
  id: string;
  kind: FailureKind;
  /** Minutes from the start of the disruption when everything it needs is back and work on it can start. */
  startMinutes: number;
  /** Minutes from the start of the disruption when it is back. */
  endMinutes: number;
  /** Down dependencies it had to wait for (required ones, and the group members that brought a group back). */
  waitsFor: string[];
}

/** A scenario's recovery order, with the nodes that can never come back and the services' objectives. */
export interface RecoveryOrder {
  fail: string[];
  items: RecoveryItem[];
  unrecoverable: ImpactResult['unrecoverable'];
  services: ImpactResult['services'];
}

/**
 * Turns the engine's restore times into a recovery order: the order the engine already gives (restore time
 * ascending), with each node's start (restore time minus its recovery, when it failed itself, or its restart)
 * and what it waited for. NIST SP 800-34 section 3.5.2 asks for recovery "in an order that respects
 * dependencies"; this is that order, computed rather than written.
 */
export function recoveryOrderOf(nodes: ReadonlyMap<string, EngineNode>, impact: ImpactResult): RecoveryOrder {
  const failed = new Set(impact.failed);
  const restoreOf = new Map<string, number | null>(impact.down.map((item) => [item.id, item.restoreMinutes]));
  const items: RecoveryItem[] = [];
  for (const down of impact.down) {
    if (down.restoreMinutes === null) continue;
    const node = nodes.get(down.id);
    const own = node ? (failed.has(down.id) ? node.recoveryMinutes : node.restartMinutes) : 0;
    const start = down.restoreMinutes - own;
    const waitsFor: string[] = [];
    for (const id of node?.requires ?? []) if (restoreOf.has(id)) waitsFor.push(id);
    for (const group of node?.groups ?? []) {
      const up = group.of.filter((id) => !restoreOf.has(id)).length;
      if (up >= group.k) continue;
      // The group came back when enough of its down members were restored: those are what it waited for.
      const back = group.of
        .filter((id) => restoreOf.has(id))
        .sort((a, b) => (restoreOf.get(a) ?? Infinity) - (restoreOf.get(b) ?? Infinity));
      waitsFor.push(...back.slice(0, group.k - up));
    }
    items.push({
      id: down.id,
      kind: down.kind,
      startMinutes: start,
      endMinutes: down.restoreMinutes,
      waitsFor,
    });
  }
  return { fail: impact.failed, items, unrecoverable: impact.unrecoverable, services: impact.services };
}

/** The recovery order of a scenario on a catalog's engine nodes (builds the graph; for one-off use). */
export function recoveryOrder(nodes: readonly EngineNode[], fail: readonly string[]): RecoveryOrder {
  const impact = analyzeImpact(buildGraph(nodes), fail);
  return recoveryOrderOf(new Map(nodes.map((node) => [node.id, node])), impact);
}
