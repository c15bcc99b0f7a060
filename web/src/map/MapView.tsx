/**
 * The Cytoscape canvas. This module (and Cytoscape with it) loads only with the map and simulator pages.
 * Small graphs get dagre's layered layout; large ones a fast layered layout so the page never freezes.
 * New elements are applied as a difference: marks that change (SPOFs, down, failed) restyle the nodes in place,
 * and only a change of nodes or edges lays the map out again.
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useMemo, useRef } from 'react';
import { DAGRE_LIMIT } from './graph-model';
import type { Element } from './graph-model';
import { layeredPositions } from './layered-layout';
import { LARGE_MAP_STYLE, MAP_STYLE } from './map-style';

cytoscape.use(dagre);

export { DAGRE_LIMIT };

interface Props {
  elements: readonly Element[];
  /** A node was clicked (or tapped): the page selects it. */
  onSelect?: (id: string | null) => void;
  /** A node was double-clicked: the page expands or collapses it. */
  onActivate?: (id: string) => void;
  selected?: string | null | undefined;
  height?: number | string;
  /** Called once the layout (or a change of marks) has been applied (the benchmark times an interactive map). */
  onReady?: (nodes: number) => void;
}

/** Group boxes and junctions stand for a rule, not a document: they are not selected or expanded. */
const isGroup = (node: cytoscape.NodeSingular) => node.hasClass('group') || node.hasClass('junction');

/** The nodes drawn for documents (or aggregates of them): what decides between dagre and the fast layout. */
function countDrawnNodes(elements: readonly Element[]): number {
  let count = 0;
  for (const el of elements) {
    if (el.group !== 'nodes') continue;
    const classes = ` ${el.classes ?? ''} `;
    if (!classes.includes(' group ') && !classes.includes(' junction ')) count++;
  }
  return count;
}

/** Fields Cytoscape fixes when an element is created. */
const FIXED_DATA = new Set(['id', 'source', 'target', 'parent']);

/**
 * Makes the instance hold exactly `elements`: removes the others, adds the new ones, updates the classes and
 * data of the rest in place. Returns whether any node or edge was added, removed or moved to another box.
 */
function applyElements(instance: cytoscape.Core, elements: readonly Element[]): boolean {
  const wanted = new Set<string>();
  for (const el of elements) wanted.add(String(el.data.id));
  let changed = false;
  instance.batch(() => {
    const stale = instance.elements().filter((ele) => !wanted.has(ele.id()));
    if (stale.nonempty()) {
      stale.remove();
      changed = true;
    }
    const added: cytoscape.ElementDefinition[] = [];
    const moves: [cytoscape.NodeSingular, string | null][] = [];
    for (const el of elements) {
      const existing = instance.getElementById(String(el.data.id));
      if (existing.empty()) {
        added.push(el);
        continue;
      }
      const classes = el.classes ?? '';
      if (existing.classes().join(' ') !== classes.split(' ').filter(Boolean).join(' '))
        existing.classes(classes);
      const data = existing.data() as Record<string, unknown>;
      for (const [key, value] of Object.entries(el.data)) {
        if (!FIXED_DATA.has(key) && data[key] !== value) existing.data(key, value);
      }
      if (el.group === 'nodes' && (data.parent ?? null) !== (el.data.parent ?? null)) {
        moves.push([existing, el.data.parent === undefined ? null : String(el.data.parent)]);
      }
    }
    if (added.length > 0) {
      instance.add(added);
      changed = true;
    }
    for (const [node, parent] of moves) node.move({ parent });
    if (moves.length > 0) changed = true;
  });
  return changed;
}

/** The dependency map canvas. */
export function MapView({ elements, onSelect, onActivate, selected, height = 600, onReady }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);
  const handlers = useRef({ onSelect, onActivate, onReady });
  handlers.current = { onSelect, onActivate, onReady };

  const nodeCount = useMemo(() => countDrawnNodes(elements), [elements]);
  const large = nodeCount > DAGRE_LIMIT;

  useEffect(() => {
    if (!container.current) return;
    const instance = cytoscape({
      container: container.current,
      style: large ? LARGE_MAP_STYLE : MAP_STYLE,
      // Large graphs: pan and zoom move a snapshot, without edges or labels, so 5,000 nodes stay smooth.
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      hideLabelsOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
    instance.on('tap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (!isGroup(node)) handlers.current.onSelect?.(node.id());
    });
    instance.on('tap', (event) => {
      if (event.target === instance) handlers.current.onSelect?.(null);
    });
    instance.on('dbltap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (!isGroup(node) && !node.hasClass('aggregate')) handlers.current.onActivate?.(node.id());
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [large]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    const ready = () => {
      // Readiness marks for bench/web-map.ts: the nodes are placed, with the marks they have so far.
      container.current?.setAttribute('data-map-ready', String(nodeCount));
      container.current?.setAttribute('data-map-spofs', String(instance.nodes('.spof').length));
      (window as { __lifeboatMapReady?: number }).__lifeboatMapReady = performance.now();
      handlers.current.onReady?.(nodeCount);
    };
    if (!applyElements(instance, elements)) {
      ready();
      return;
    }
    if (large) {
      const positions = layeredPositions(elements);
      instance.batch(() => {
        instance.nodes().positions((node) => positions[node.id()] ?? node.position());
      });
      instance.fit(undefined, 20);
      ready();
      return;
    }
    const layout = instance.layout({
      name: 'dagre',
      rankDir: 'TB',
      nodeSep: 25,
      rankSep: 60,
      fit: true,
      padding: 20,
      minLen: (edge: cytoscape.EdgeSingular) => Number(edge.data('minLen') ?? 1),
    } as cytoscape.LayoutOptions);
    layout.one('layoutstop', ready);
    layout.run();
  }, [elements, large, nodeCount]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.nodes(':selected').unselect();
    if (selected) instance.getElementById(selected).select();
  }, [selected, elements]);

  return (
    <div
      ref={container}
      role="img"
      aria-label="Dependency map: an arrow goes from a node to what it depends on"
      data-testid="map-canvas"
      style={{ width: '100%', height, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
    />
  );
}
