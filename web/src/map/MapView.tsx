/**
 * The Cytoscape canvas. This module (and Cytoscape with it) loads only with the map and simulator pages.
 * Small graphs get dagre's layered layout; large ones a fast layered layout so the page never freezes, and
 * their edges and group junctions go on a plain canvas under Cytoscape's (edge-layer.ts). New elements are applied as a difference: marks that change (SPOFs, down, failed) restyle the nodes in place,
 * and only a change of nodes or edges lays the map out again.
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useMemo, useRef } from 'react';
import { DAGRE_LIMIT } from './graph-model';
import type { Element } from './graph-model';
import { createLayerPainter, fitView, sameScene, splitForLayer } from './edge-layer';
import type { LayerPainter, LayerScene, Point } from './edge-layer';
import { addInSlices, updateElements } from './cy-elements';
import { layeredPositions } from './layered-layout';
import { LARGE_MAP_STYLE, MAP_STYLE } from './map-style';

cytoscape.use(dagre);

export { DAGRE_LIMIT };

const ZOOM_RANGE = [0.05, 3] as const;
/**
 * The zoom at which node labels (11 px, hidden below 7 px on screen) can be read. A small map that fits its
 * panel only below it opens at this zoom around its focus instead; "Whole map" shows everything.
 */
const READABLE_ZOOM = 0.7;

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
  /** The node a small map opens around when the whole map would be too small to read. */
  focus?: string | undefined;
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

/** Whether two lists of elements have the same ids in the same order. */
function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The dependency map canvas. */
export function MapView({ elements, onSelect, onActivate, selected, height = 600, onReady, focus }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const layerCanvas = useRef<HTMLCanvasElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);
  // Large maps: the painter of the edge layer, and the scene it draws (a new layout only when it changes).
  const painter = useRef<LayerPainter | null>(null);
  const target = useRef<{ ids: string[]; scene: LayerScene; positions: Map<string, Point> } | undefined>(
    undefined,
  );
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const focusRef = useRef(focus);
  focusRef.current = focus;
  const handlers = useRef({ onSelect, onActivate, onReady });
  handlers.current = { onSelect, onActivate, onReady };

  const nodeCount = useMemo(() => countDrawnNodes(elements), [elements]);
  const large = nodeCount > DAGRE_LIMIT;

  useEffect(() => {
    if (!container.current) return;
    const instance = cytoscape({
      container: container.current,
      style: large ? LARGE_MAP_STYLE : MAP_STYLE,
      // Large graphs: pan and zoom move a snapshot without labels, so 5,000 nodes stay smooth. (No
      // hideEdgesOnViewport: Cytoscape has no edges to hide, and the option draws nodes one by one meanwhile.)
      textureOnViewport: large,
      hideLabelsOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      minZoom: ZOOM_RANGE[0],
      maxZoom: ZOOM_RANGE[1],
      boxSelectionEnabled: false,
      // Large graphs: nodes stay where the layout put them, so a drag anywhere pans (nodes cover most of an
      // overview) and the edge layer never has to follow a node.
      autoungrabify: large,
    });
    instance.on('tap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (!isGroup(node)) handlers.current.onSelect?.(node.id());
    });
    instance.on('tap', (event) => {
      if (event.target === instance) handlers.current.onSelect?.(null);
    });
    // The zoom, for the end-to-end tests: a small map opens readable, "Whole map" zooms out to fit.
    instance.on('zoom', () => container.current?.setAttribute('data-map-zoom', instance.zoom().toFixed(2)));
    instance.on('dbltap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (!isGroup(node) && !node.hasClass('aggregate')) handlers.current.onActivate?.(node.id());
    });
    const canvas = layerCanvas.current;
    if (large && canvas) {
      const layer = createLayerPainter(canvas, () => ({
        zoom: instance.zoom(),
        pan: instance.pan(),
        width: instance.width(),
        height: instance.height(),
      }));
      instance.on('viewport resize', () => layer.viewportMoved());
      painter.current = layer;
    }
    target.current = undefined;
    cy.current = instance;
    return () => {
      painter.current?.destroy();
      painter.current = null;
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
      container.current?.setAttribute('data-map-zoom', instance.zoom().toFixed(2));
      (window as { __lifeboatMapReady?: number }).__lifeboatMapReady = performance.now();
      handlers.current.onReady?.(nodeCount);
    };
    if (large) {
      const split = splitForLayer(elements);
      const ids = split.cytoscape.map((el) => String(el.data.id));
      const previous = target.current;
      // The same nodes and edges (new marks, or nodes still arriving) keep their layout and the viewport.
      const relayout = !previous || !sameIds(previous.ids, ids) || !sameScene(previous.scene, split.scene);
      const positions =
        previous && !relayout ? previous.positions : new Map(Object.entries(layeredPositions(elements)));
      target.current = { ids, scene: split.scene, positions };
      if (relayout) {
        // Fitted from the positions: Cytoscape's fit would first compute every node's style and label size.
        const { halfSize } = split.scene;
        instance.viewport(fitView(positions, halfSize, instance.width(), instance.height(), 20, ZOOM_RANGE));
        painter.current?.setScene(split.scene, positions);
      }
      const { added } = updateElements(instance, split.cytoscape, { positions, moveExisting: relayout });
      return addInSlices(instance, added, () => {
        if (selectedRef.current) instance.getElementById(selectedRef.current).select();
        ready();
      });
    }
    if (!updateElements(instance, elements, { addNow: true }).changed) {
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
    layout.one('layoutstop', () => {
      const start = instance.getElementById(selectedRef.current ?? focusRef.current ?? '');
      if (instance.zoom() < READABLE_ZOOM && start.nonempty())
        instance.viewport({ zoom: READABLE_ZOOM, pan: { x: 0, y: 0 } }).center(start);
      ready();
    });
    layout.run();
  }, [elements, large, nodeCount]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.nodes(':selected').unselect();
    if (!selected) return;
    const node = instance.getElementById(selected);
    node.select();
    // A node picked from the list that lies outside the view is brought into it.
    const view = instance.extent();
    const at = node.nonempty() ? node.position() : undefined;
    if (at && (at.x < view.x1 || at.x > view.x2 || at.y < view.y1 || at.y > view.y2)) instance.center(node);
  }, [selected, elements]);

  /** Shows every node: the fit of the layout's positions on large maps, Cytoscape's fit on small ones. */
  const showWholeMap = () => {
    const instance = cy.current;
    if (!instance) return;
    const placed = target.current;
    if (large && placed) {
      const { halfSize } = placed.scene;
      instance.viewport(
        fitView(placed.positions, halfSize, instance.width(), instance.height(), 20, ZOOM_RANGE),
      );
    } else instance.fit(undefined, 20);
  };

  return (
    <div
      style={{
        position: 'relative',
        width: '100%',
        height,
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 4,
      }}
    >
      <canvas ref={layerCanvas} aria-hidden style={{ position: 'absolute', inset: 0 }} />
      <div
        ref={container}
        role="img"
        aria-label="Dependency map: an arrow goes from a node to what it depends on"
        data-testid="map-canvas"
        style={{ position: 'absolute', inset: 0 }}
      />
      <button
        type="button"
        onClick={showWholeMap}
        style={{
          position: 'absolute',
          top: 8,
          right: 8,
          padding: '2px 8px',
          font: 'inherit',
          fontSize: 13,
          background: 'var(--mantine-color-body)',
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 4,
          cursor: 'pointer',
        }}
      >
        Whole map
      </button>
    </div>
  );
}
