/**
 * The map's model, pure and framework-free: merging neighbourhoods, layers (business services on top, sites at
 * the bottom), redundancy groups (boxes around their members on small maps, a small junction node on large
 * ones), and aggregation past the visible-node budget.
 */
import type { GraphData, GraphEdge, GraphNode } from '../api/analysis';

/** The graph on screen: nodes by id, edges by `from>to`. */
export interface MapGraph {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

/** How nodes are marked. */
export interface Decorations {
  focus?: string | undefined;
  spofs?: ReadonlySet<string>;
  down?: ReadonlySet<string>;
  failed?: ReadonlySet<string>;
  /** In the simulator, nodes that stay up are marked too (redundancy held). */
  showUp?: boolean;
  /**
   * Draw redundancy groups as boxes around their members (the default up to DAGRE_LIMIT nodes). Otherwise each
   * group is a junction node between the dependant and its members: Cytoscape recomputes a box's bounds
   * whenever a member moves or restyles, which at thousands of boxes takes the page tens of seconds.
   */
  groupBoxes?: boolean;
}

/** A Cytoscape element, kept structural so this module does not import Cytoscape. */
export interface Element {
  group: 'nodes' | 'edges';
  data: Record<string, string | number | undefined>;
  classes?: string;
}

/** The most nodes drawn one by one; the rest are aggregated by kind and type. */
export const VISIBLE_LIMIT = 5000;

/** Up to this many nodes the map uses dagre and group boxes; past it dagre takes seconds and boxes more. */
export const DAGRE_LIMIT = 800;

/** An empty graph. */
export function emptyGraph(): MapGraph {
  return { nodes: new Map(), edges: new Map() };
}

/** The union of a graph and a server answer (a new object: React state stays immutable). */
export function mergeGraph(graph: MapGraph, data: GraphData): MapGraph {
  const nodes = new Map(graph.nodes);
  const edges = new Map(graph.edges);
  for (const node of data.nodes) nodes.set(node.id, node);
  for (const edge of data.edges) edges.set(`${edge.from}>${edge.to}`, edge);
  return { nodes, edges };
}

/** The graph without some nodes and their edges. */
export function removeNodes(graph: MapGraph, ids: ReadonlySet<string>): MapGraph {
  const nodes = new Map([...graph.nodes].filter(([id]) => !ids.has(id)));
  const edges = new Map([...graph.edges].filter(([, edge]) => !ids.has(edge.from) && !ids.has(edge.to)));
  return { nodes, edges };
}

/** The layer a node is drawn in: business services 0, IT services 1, components 2, vendors 3, sites 4. */
export function layerOf(node: GraphNode | undefined): number {
  switch (node?.kind) {
    case 'Service':
      return node.type === 'business' ? 0 : 1;
    case 'Component':
      return 2;
    case 'Vendor':
      return 3;
    case 'Site':
      return 4;
    case undefined:
      return 2;
  }
}

/** Each node's neighbours, ignoring direction. */
export function neighbourLists(graph: MapGraph): Map<string, string[]> {
  const neighbours = new Map<string, string[]>();
  const push = (id: string, next: string) => {
    const list = neighbours.get(id);
    if (list) list.push(next);
    else neighbours.set(id, [next]);
  };
  for (const { from, to } of graph.edges.values()) {
    push(from, to);
    push(to, from);
  }
  return neighbours;
}

/** Breadth-first distance from `start`, ignoring direction: the nodes nearest the focus stay visible. */
function distances(graph: MapGraph, start: string | undefined): Map<string, number> {
  const neighbours = neighbourLists(graph);
  const distance = new Map<string, number>();
  const queue = start !== undefined && graph.nodes.has(start) ? [start] : [];
  if (queue[0] !== undefined) distance.set(queue[0], 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    for (const next of neighbours.get(id) ?? []) {
      if (!distance.has(next)) {
        distance.set(next, (distance.get(id) ?? 0) + 1);
        queue.push(next);
      }
    }
  }
  return distance;
}

/** The nodes of one kind and type drawn as one aggregate node. */
interface Bucket {
  kind: string;
  type: string;
  count: number;
  layer: number;
}

/** Which node id each node is drawn as: itself, or an aggregate `agg:Kind:type` past the budget. */
export function aggregate(graph: MapGraph, focus: string | undefined, limit = VISIBLE_LIMIT) {
  const drawnAs = new Map<string, string>();
  if (graph.nodes.size <= limit) {
    for (const id of graph.nodes.keys()) drawnAs.set(id, id);
    return { drawnAs, aggregates: new Map<string, Bucket>() };
  }
  const distance = distances(graph, focus);
  const ordered = [...graph.nodes.values()].sort(
    (a, b) => (distance.get(a.id) ?? Infinity) - (distance.get(b.id) ?? Infinity) || layerOf(a) - layerOf(b),
  );
  // Leave room for the aggregate nodes themselves (one per kind and type: a few dozen at most).
  const keep = limit - 100;
  const aggregates = new Map<string, Bucket>();
  ordered.forEach((node, index) => {
    if (index < keep) {
      drawnAs.set(node.id, node.id);
      return;
    }
    const key = `agg:${node.kind}:${node.type ?? ''}`;
    const bucket = aggregates.get(key) ?? {
      kind: node.kind,
      type: node.type ?? '',
      count: 0,
      layer: layerOf(node),
    };
    bucket.count++;
    aggregates.set(key, bucket);
    drawnAs.set(node.id, key);
  });
  return { drawnAs, aggregates };
}

function groupLabel(k: number, of: number): string {
  return k === 1 ? `any 1 of ${of}` : `${k} of ${of} needed`;
}

/** Cytoscape elements for the graph, marked with the decorations; `aggregated` counts nodes not drawn alone. */
export function toElements(graph: MapGraph, deco: Decorations, limit = VISIBLE_LIMIT) {
  const { drawnAs, aggregates } = aggregate(graph, deco.focus, limit);
  let aggregated = 0;
  for (const bucket of aggregates.values()) aggregated += bucket.count;
  const drawn = graph.nodes.size - aggregated + aggregates.size;
  const boxes = deco.groupBoxes ?? drawn <= DAGRE_LIMIT;
  const nodes: Element[] = [];
  const parentOf = new Map<string, string>();
  const groupNodes = new Map<string, { k: number; of: number }>();
  const edgeKeys = new Set<string>();
  const edges: Element[] = [];

  const addEdge = (
    from: string,
    to: string,
    data: Record<string, string | number | undefined>,
    classes = '',
  ) => {
    const key = `${from}>${to}`;
    if (from === to || edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ group: 'edges', data: { id: `e:${key}`, source: from, target: to, ...data }, classes });
  };

  for (const edge of graph.edges.values()) {
    const from = drawnAs.get(edge.from);
    const to = drawnAs.get(edge.to);
    if (from === undefined || to === undefined) continue;
    const minLen = Math.max(1, layerOf(graph.nodes.get(edge.to)) - layerOf(graph.nodes.get(edge.from)));
    const isAggregated = from.startsWith('agg:') || to.startsWith('agg:');
    if (!edge.group) {
      addEdge(from, to, { minLen }, isAggregated ? 'aggregate' : '');
      continue;
    }
    const { k, of, index } = edge.group;
    if (isAggregated) {
      addEdge(from, to, { minLen, label: `${k}/${of}` }, 'aggregate');
      continue;
    }
    const groupId = `group:${edge.from}:${index}`;
    if (!boxes) {
      // A junction: the dependant -> the group node (labelled with its rule) -> each member.
      if (!groupNodes.has(groupId)) {
        groupNodes.set(groupId, { k, of });
        addEdge(from, groupId, { minLen: 1 }, 'to-group');
      }
      addEdge(groupId, to, { minLen: Math.max(1, minLen - 1) }, 'group-member');
      continue;
    }
    // A redundancy group is a box around its members; a member already boxed by another group keeps its box
    // and gets a labelled dashed edge instead (Cytoscape nodes have one parent).
    if (!parentOf.has(edge.to) || parentOf.get(edge.to) === groupId) {
      parentOf.set(edge.to, groupId);
      groupNodes.set(groupId, { k, of });
      addEdge(from, groupId, { minLen, label: groupLabel(k, of) }, 'to-group');
    } else {
      addEdge(from, to, { minLen, label: `${k}/${of}` }, 'group-member group-extra');
    }
  }

  for (const [id, group] of groupNodes) {
    nodes.push({
      group: 'nodes',
      data: { id, label: groupLabel(group.k, group.of) },
      classes: boxes ? 'group' : 'junction',
    });
  }
  for (const node of graph.nodes.values()) {
    if (drawnAs.get(node.id) !== node.id) continue;
    nodes.push({
      group: 'nodes',
      data: {
        id: node.id,
        label: node.name ?? node.id,
        kind: node.kind,
        type: node.type,
        tier: node.tier,
        layer: layerOf(node),
        parent: parentOf.get(node.id),
      },
      classes: nodeClasses(node, deco),
    });
  }
  for (const [id, bucket] of aggregates) {
    nodes.push({
      group: 'nodes',
      data: {
        id,
        label: `${bucket.count} × ${bucket.type || bucket.kind}`,
        kind: bucket.kind,
        count: bucket.count,
        layer: bucket.layer,
      },
      classes: 'aggregate',
    });
  }
  for (const edge of edges) nodes.push(edge);
  return { elements: nodes, visible: graph.nodes.size - aggregated, aggregated };
}

/** The classes of a node drawn alone: its kind and type, then its marks. */
function nodeClasses(node: GraphNode, deco: Decorations): string {
  let classes = node.kind.toLowerCase();
  if (node.kind === 'Service') classes += ` service-${node.type ?? 'it'}`;
  if (node.id === deco.focus) classes += ' focus';
  if (deco.spofs?.has(node.id)) classes += ' spof';
  if (deco.failed?.has(node.id)) classes += ' failed';
  else if (deco.down?.has(node.id)) classes += ' down';
  else if (deco.showUp) classes += ' up';
  return classes;
}
