/** Expand and collapse: which nodes are shown, walking out from the roots but not through collapsed nodes. */
import type { GraphData } from '../api/analysis';
import type { MapGraph } from './graph-model';
import { emptyGraph, mergeGraph, neighbourLists, removeNodes } from './graph-model';

/** The base neighbourhood plus every expansion, minus what collapsed nodes hide. */
export function visibleGraph(
  base: GraphData | undefined,
  expansions: ReadonlyMap<string, GraphData>,
  collapsed: ReadonlySet<string>,
  roots: readonly string[],
): MapGraph {
  let graph = base ? mergeGraph(emptyGraph(), base) : emptyGraph();
  for (const data of expansions.values()) graph = mergeGraph(graph, data);
  if (collapsed.size === 0) return graph;
  const neighbours = neighbourLists(graph);
  const seen = new Set(roots.filter((id) => graph.nodes.has(id)));
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    // A collapsed node stays on the map but hides what lies beyond it (a root is never collapsed away).
    if (collapsed.has(id) && !roots.includes(id)) continue;
    for (const next of neighbours.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  const hidden = new Set([...graph.nodes.keys()].filter((id) => !seen.has(id)));
  return removeNodes(graph, hidden);
}
