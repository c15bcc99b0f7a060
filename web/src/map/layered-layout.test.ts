import { describe, expect, it } from 'vitest';
import { emptyGraph, layerOf, mergeGraph, toElements } from './graph-model';
import type { Element } from './graph-model';
import { layeredPositions } from './layered-layout';
import { layeredTestGraph } from './map-test-graph';

const large = () => {
  const data = layeredTestGraph(3000);
  const { elements } = toElements(mergeGraph(emptyGraph(), data), { focus: 'biz-0' });
  return { data, elements, positions: layeredPositions(elements) };
};
const edgesOf = (elements: Element[]) => elements.filter((el) => el.group === 'edges');

describe('layeredPositions', () => {
  it('places every node, and every edge goes down from the dependant to what it depends on', () => {
    const { elements, positions } = large();
    const nodes = elements.filter((el) => el.group === 'nodes');
    expect(Object.keys(positions)).toHaveLength(nodes.length);
    const upward = edgesOf(elements).filter(
      (el) =>
        (positions[String(el.data.target)]?.y ?? -Infinity) <= (positions[String(el.data.source)]?.y ?? 0),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the layers in order: business services above IT services above components above sites', () => {
    const { data, positions } = large();
    const ys = (layer: number) =>
      data.nodes.filter((node) => layerOf(node) === layer).map((node) => positions[node.id]?.y ?? NaN);
    for (const [upper, lower] of [
      [0, 1],
      [1, 2],
      [2, 4],
    ] as const) {
      expect(Math.max(...ys(upper))).toBeLessThan(Math.min(...ys(lower)));
    }
  });

  it('gives no two nodes the same place and wraps wide ranks into a screen-shaped map', () => {
    const { positions } = large();
    const places = new Set(Object.values(positions).map(({ x, y }) => `${x},${y}`));
    expect(places.size).toBe(Object.keys(positions).length);
    const xs = Object.values(positions).map((p) => p.x);
    const ys = Object.values(positions).map((p) => p.y);
    const ratio = (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(4);
  });
});
