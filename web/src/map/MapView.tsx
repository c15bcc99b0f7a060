/**
 * The Cytoscape canvas. This module (and Cytoscape with it) loads only with the map and simulator pages.
 * Small graphs get dagre's layered layout; large ones a linear-time layered layout so the page never freezes.
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useRef } from 'react';
import type { Element } from './graph-model';
import { layeredPositions } from './layered-layout';
import { MAP_STYLE } from './map-style';

cytoscape.use(dagre);

/** Past this many nodes dagre takes seconds; the linear layout takes milliseconds. */
export const DAGRE_LIMIT = 800;

interface Props {
  elements: readonly Element[];
  /** A node was clicked (or tapped): the page selects it. */
  onSelect?: (id: string | null) => void;
  /** A node was double-clicked: the page expands or collapses it. */
  onActivate?: (id: string) => void;
  selected?: string | null | undefined;
  height?: number | string;
  /** Called once the layout has been applied (the benchmark measures time to an interactive map). */
  onReady?: (nodes: number) => void;
}

/** The dependency map canvas. */
export function MapView({ elements, onSelect, onActivate, selected, height = 600, onReady }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);
  const handlers = useRef({ onSelect, onActivate, onReady });
  handlers.current = { onSelect, onActivate, onReady };

  const nodeCount = elements.filter((el) => el.group === 'nodes').length;
  const large = nodeCount > DAGRE_LIMIT;

  useEffect(() => {
    if (!container.current) return;
    const instance = cytoscape({
      container: container.current,
      style: MAP_STYLE,
      // Large graphs: no edges while panning and zooming, so 5,000 nodes stay smooth.
      hideEdgesOnViewport: large,
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
    instance.on('tap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (!node.hasClass('group')) handlers.current.onSelect?.(node.id());
    });
    instance.on('tap', (event) => {
      if (event.target === instance) handlers.current.onSelect?.(null);
    });
    instance.on('dbltap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (!node.hasClass('group') && !node.hasClass('aggregate')) handlers.current.onActivate?.(node.id());
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
    instance.batch(() => {
      instance.elements().remove();
      instance.add(elements as cytoscape.ElementDefinition[]);
    });
    const layout = large
      ? instance.layout({ name: 'preset', positions: layeredPositions(elements), fit: true, padding: 20 })
      : instance.layout({
          name: 'dagre',
          rankDir: 'TB',
          nodeSep: 25,
          rankSep: 60,
          fit: true,
          padding: 20,
          minLen: (edge: cytoscape.EdgeSingular) => Number(edge.data('minLen') ?? 1),
        } as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => {
      // Readiness marks for bench/web-map.ts: the nodes are placed (with the SPOF marks they have so far).
      container.current?.setAttribute('data-map-ready', String(nodeCount));
      container.current?.setAttribute('data-map-spofs', String(instance.nodes('.spof').length));
      (window as { __lifeboatMapReady?: number }).__lifeboatMapReady = performance.now();
      handlers.current.onReady?.(nodeCount);
    });
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
