import { describe, expect, it } from 'vitest';
import { fitView, sameScene, splitForLayer } from './edge-layer';
import { DAGRE_LIMIT, emptyGraph, mergeGraph, toElements } from './graph-model';
import { layeredTestGraph } from './map-test-graph';

const largeElements = () =>
  toElements(mergeGraph(emptyGraph(), layeredTestGraph(DAGRE_LIMIT * 2)), { focus: 'biz-0' }).elements;

describe('splitForLayer', () => {
  it('leaves Cytoscape the document nodes and the canvas every edge and junction', () => {
    const elements = largeElements();
    const { cytoscape, scene } = splitForLayer(elements);
    const nodes = elements.filter((el) => el.group === 'nodes');
    const junctions = nodes.filter((el) => el.classes === 'junction');
    const edges = elements.filter((el) => el.group === 'edges');
    expect(cytoscape).toHaveLength(nodes.length - junctions.length);
    expect(cytoscape.every((el) => el.group === 'nodes' && el.classes !== 'junction')).toBe(true);
    expect(scene.junctions.map((junction) => junction.id)).toEqual(junctions.map((el) => el.data.id));
    expect(scene.edges).toHaveLength(edges.length);
    expect(scene.edges.filter((edge) => edge.style === 'group').length).toBeGreaterThan(junctions.length);
    expect(scene.halfSize.get('biz-0')).toEqual([60, 22]);
  });

  it('keeps labelled edges (between aggregates) in Cytoscape, where their label is drawn', () => {
    const graph = mergeGraph(emptyGraph(), layeredTestGraph(2000));
    const { elements } = toElements(graph, { focus: 'biz-0' }, 1000);
    const { cytoscape, scene } = splitForLayer(elements);
    const labelled = cytoscape.filter((el) => el.group === 'edges');
    expect(labelled.length).toBeGreaterThan(0);
    expect(labelled.every((el) => typeof el.data.label === 'string')).toBe(true);
    expect(scene.halfSize.get(String(cytoscape.find((el) => el.classes === 'aggregate')?.data.id))).toEqual([
      45, 45,
    ]);
  });

  it('tells a change of marks (same scene) from a change of nodes or edges', () => {
    const graph = mergeGraph(emptyGraph(), layeredTestGraph(DAGRE_LIMIT * 2));
    const before = splitForLayer(toElements(graph, { focus: 'biz-0' }).elements).scene;
    const marked = splitForLayer(toElements(graph, { focus: 'biz-0', spofs: new Set(['it-0']) }).elements);
    expect(sameScene(before, marked.scene)).toBe(true);
    const fewer = mergeGraph(emptyGraph(), { ...layeredTestGraph(DAGRE_LIMIT * 2), edges: [] });
    expect(sameScene(before, splitForLayer(toElements(fewer, { focus: 'biz-0' }).elements).scene)).toBe(
      false,
    );
  });
});

describe('fitView', () => {
  it('centres the nodes and zooms so they fill the box, within the zoom range', () => {
    const positions = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 1000, y: 500 }],
    ]);
    const { zoom, pan } = fitView(positions, new Map(), 1100, 600, 0, [0.05, 3]);
    // The nodes' boxes span -60..1060 by -22..522: 1120 x 544, so the width decides.
    expect(zoom).toBeCloseTo(1100 / 1120);
    expect(pan.x + zoom * 500).toBeCloseTo(550);
    expect(pan.y + zoom * 250).toBeCloseTo(300);
    expect(fitView(positions, new Map(), 10, 10, 0, [0.05, 3]).zoom).toBe(0.05);
  });
});
