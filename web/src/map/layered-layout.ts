/**
 * A layered layout in O(n log n), for graphs too large for dagre to lay out without freezing the page:
 * longest-path ranks (dependents above what they depend on, each kind no higher than its layer), then one
 * barycentre pass to order each rank (Sugiyama, Tagawa and Toda 1981, without the crossing-reduction sweeps).
 * A rank wider than the map's column budget wraps onto several lines, so the whole map fits a screen-shaped
 * box instead of a strip hundreds of thousands of pixels wide. Junction nodes (redundancy groups) take no rank
 * of their own: each sits just below the node that depends on the group.
 */
import type { Element } from './graph-model';

/** x/y per node id. */
export type Positions = Record<string, { x: number; y: number }>;

const X_GAP = 150;
const Y_GAP = 120;
/** The extra space between two ranks, so the layers read as bands. */
const BAND_GAP = 80;
/** The horizontal space between the junctions under one node: room for a label such as "2 of 3 needed". */
const JUNCTION_GAP = 70;
/** Width over height the wrapped map aims at (a landscape screen). */
const ASPECT = 1.6;

/** Whether a class list (space-separated) holds a class. */
function hasClass(element: Element, name: string): boolean {
  return ` ${element.classes ?? ''} `.includes(` ${name} `);
}

/** Positions for the node elements, from the edge elements (`source` depends on `target`). */
export function layeredPositions(elements: readonly Element[]): Positions {
  // Compound boxes take their members' bounds; they are not placed themselves.
  const nodes = elements.filter((el) => el.group === 'nodes' && !hasClass(el, 'group'));
  const index = new Map<string, number>();
  nodes.forEach((el, i) => index.set(String(el.data.id), i));
  const n = nodes.length;
  const junction = nodes.map((el) => hasClass(el, 'junction'));

  // Each junction's owner: the node that depends on the group (the source of the edge into the junction).
  const owner = new Int32Array(n).fill(-1);
  const edgePairs: [number, number][] = [];
  for (const el of elements) {
    if (el.group !== 'edges') continue;
    const from = index.get(String(el.data.source));
    const to = index.get(String(el.data.target));
    if (from === undefined || to === undefined || from === to) continue;
    if (junction[to] && !junction[from] && owner[to] === -1) owner[to] = from;
    edgePairs.push([from, to]);
  }
  // A junction without an owner is laid out as an ordinary node.
  const placedAlone = (i: number) => !junction[i] || owner[i] === -1;

  // The ranking graph: ordinary nodes only, an edge through a junction counts from its owner.
  const successors: number[][] = Array.from({ length: n }, () => []);
  const predecessors: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  for (const [from, to] of edgePairs) {
    const source = placedAlone(from) ? from : (owner[from] ?? -1);
    if (!placedAlone(to) || source === -1 || source === to) continue;
    successors[source]?.push(to);
    predecessors[to]?.push(source);
    indegree[to] = (indegree[to] ?? 0) + 1;
  }

  // Kahn's order; nodes left in a cycle keep the rank they reached, so every node gets one.
  const rank = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!placedAlone(i)) continue;
    rank[i] = Number(nodes[i]?.data.layer ?? 0);
    if (indegree[i] === 0) queue.push(i);
  }
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head] ?? 0;
    for (const next of successors[i] ?? []) {
      rank[next] = Math.max(rank[next] ?? 0, (rank[i] ?? 0) + 1);
      indegree[next] = (indegree[next] ?? 1) - 1;
      if (indegree[next] === 0) queue.push(next);
    }
  }

  const bands = new Map<number, number[]>();
  let alone = 0;
  for (let i = 0; i < n; i++) {
    if (!placedAlone(i)) continue;
    alone++;
    const band = bands.get(rank[i] ?? 0);
    if (band) band.push(i);
    else bands.set(rank[i] ?? 0, [i]);
  }
  // Columns so that the wrapped map is about ASPECT times as wide as high.
  const columns = Math.max(8, Math.ceil(Math.sqrt((alone * ASPECT * Y_GAP) / X_GAP)));

  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let top = 0;
  for (const r of [...bands.keys()].sort((a, b) => a - b)) {
    const band = bands.get(r) ?? [];
    const centre = new Float64Array(band.length);
    band.forEach((i, k) => {
      let sum = 0;
      let count = 0;
      for (const p of predecessors[i] ?? []) {
        if ((rank[p] ?? 0) < r) {
          sum += xs[p] ?? 0;
          count++;
        }
      }
      centre[k] = count > 0 ? sum / count : 0;
    });
    const order = band.map((_, k) => k).sort((a, b) => (centre[a] ?? 0) - (centre[b] ?? 0));
    // Filled column by column, so a node's x still follows the order; each line is shifted a little so an
    // edge coming straight down passes between the nodes of the lines above rather than through them.
    const lines = Math.ceil(band.length / columns);
    const used = Math.ceil(band.length / lines);
    order.forEach((k, position) => {
      const i = band[k] ?? 0;
      const column = Math.floor(position / lines);
      const line = position % lines;
      xs[i] = (column - (used - 1) / 2) * X_GAP + (line * X_GAP) / lines;
      ys[i] = top + line * Y_GAP;
    });
    top += lines * Y_GAP + BAND_GAP;
  }

  // Junctions: side by side just below their owner.
  const junctionsOf = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (placedAlone(i)) continue;
    const list = junctionsOf.get(owner[i] ?? 0);
    if (list) list.push(i);
    else junctionsOf.set(owner[i] ?? 0, [i]);
  }
  for (const [o, list] of junctionsOf) {
    const gap = Math.min(JUNCTION_GAP, (X_GAP - 10) / Math.max(1, list.length - 1));
    list.forEach((i, k) => {
      xs[i] = (xs[o] ?? 0) + (k - (list.length - 1) / 2) * gap;
      ys[i] = (ys[o] ?? 0) + Y_GAP / 2;
    });
  }

  const positions: Positions = {};
  nodes.forEach((el, i) => {
    positions[String(el.data.id)] = { x: xs[i] ?? 0, y: ys[i] ?? 0 };
  });
  return positions;
}
