/** Redundancy groups that standbys alone are asked to satisfy: the catalog check makes them an error. */
import type { EngineNode } from './types.ts';

/** A group whose active members (no activation time) are fewer than its k. */
export interface UnsatisfiedGroup {
  /** The node that owns the group. */
  id: string;
  /** The group's index in the node's `groups`. */
  group: number;
  k: number;
  /** Its members that are active (not standbys). */
  active: number;
}

/**
 * The groups that cannot be satisfied in normal operation, because fewer than k of their members are active
 * (a standby, with `activationMinutes` > 0, serves only once activated). The engine counts the owner of such a
 * group as down even when nothing failed. Members with an id that is not among `nodes` count as active: unknown
 * references are another check's finding. By node id, then group index.
 */
export function unsatisfiedGroups(nodes: readonly EngineNode[]): UnsatisfiedGroup[] {
  const standby = new Set(nodes.filter((n) => (n.activationMinutes ?? 0) > 0).map((n) => n.id));
  const out: UnsatisfiedGroup[] = [];
  for (const node of nodes) {
    node.groups.forEach((group, i) => {
      const active = group.of.filter((id) => !standby.has(id)).length;
      if (active < group.k) out.push({ id: node.id, group: i, k: group.k, active });
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.group - b.group));
}
