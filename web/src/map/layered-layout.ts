/**
 * A layered layout in linear time, for graphs too large for dagre to lay out without freezing the page:
 * longest-path ranks (dependents above what they depend on, each kind no higher than its layer), then one
 * barycentre pass to order each rank (Sugiyama, Tagawa and Toda 1981, without the crossing-reduction sweeps).
 */
import type { Element } from './graph-model';

/** x/y per node id. */
export type Positions = Record<string, { x: number; y: number }>;

const X_GAP = 150;
const Y_GAP = 120;

/** Positions for the node elements, from the edge elements (`source` depends on `target`). */
export function layeredPositions(elements: readonly Element[]): Positions {
  const nodes = elements.filter((el) => el.group === 'nodes' && !String(el.classes ?? '').includes('group'));
  const ids = nodes.map((el) => String(el.data.id));
  const known = new Set(ids);
  const out = new Map<string, string[]>();
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const el of elements) {
    if (el.group !== 'edges') continue;
    const from = String(el.data.source);
    const to = String(el.data.target);
    if (!known.has(from) || !known.has(to)) continue;
    out.set(from, [...(out.get(from) ?? []), to]);
    indegree.set(to, (indegree.get(to) ?? 0) + 1);
  }
  // Kahn's order; nodes left in a cycle are appended in id order so every node gets a rank.
  const rank = new Map<string, number>();
  for (const el of nodes) rank.set(String(el.data.id), Number(el.data.layer ?? 0));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const seen = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    seen.add(id);
    for (const next of out.get(id) ?? []) {
      rank.set(next, Math.max(rank.get(next) ?? 0, (rank.get(id) ?? 0) + 1));
      const left = (indegree.get(next) ?? 1) - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  const order = [...queue, ...ids.filter((id) => !seen.has(id))];

  const rows = new Map<number, string[]>();
  for (const id of order) {
    const r = rank.get(id) ?? 0;
    rows.set(r, [...(rows.get(r) ?? []), id]);
  }
  const parents = new Map<string, string[]>();
  for (const [from, tos] of out) for (const to of tos) parents.set(to, [...(parents.get(to) ?? []), from]);

  const positions: Positions = {};
  for (const r of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(r) ?? [];
    const centre = (id: string) => {
      const xs = (parents.get(id) ?? []).map((p) => positions[p]?.x).filter((x) => x !== undefined);
      return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    };
    const sorted = row.map((id) => ({ id, c: centre(id) })).sort((a, b) => a.c - b.c);
    const width = (sorted.length - 1) * X_GAP;
    sorted.forEach(({ id }, i) => {
      positions[id] = { x: i * X_GAP - width / 2, y: r * Y_GAP };
    });
  }
  return positions;
}
