import { describe, expect, it } from 'vitest';
import { DAGRE_LIMIT, emptyGraph, mergeGraph, toElements } from './graph-model';
import type { Element } from './graph-model';
import { layeredTestGraph } from './map-test-graph';

const byId = (elements: Element[]) => new Map(elements.map((el) => [String(el.data.id), el]));
const hasClass = (el: Element | undefined, name: string) => (el?.classes ?? '').split(' ').includes(name);

describe('toElements', () => {
  it('boxes the members of a redundancy group on a small map, labelled with its rule', () => {
    const graph = mergeGraph(emptyGraph(), layeredTestGraph(200));
    const { elements } = toElements(graph, { focus: 'biz-0' });
    const box = byId(elements).get('group:biz-0:0');
    expect(hasClass(box, 'group')).toBe(true);
    expect(box?.data.label).toBe('any 1 of 3');
    const members = elements.filter((el) => el.data.parent === 'group:biz-0:0').map((el) => el.data.id);
    expect(members).toEqual(['it-0', 'it-1', 'it-2']);
    expect(elements.some((el) => el.data.source === 'biz-0' && el.data.target === 'group:biz-0:0')).toBe(
      true,
    );
  });

  it('draws a redundancy group on a large map as a junction between the dependant and every member', () => {
    const data = layeredTestGraph(DAGRE_LIMIT * 2);
    const { elements } = toElements(mergeGraph(emptyGraph(), data), { focus: 'biz-0' });
    const elementsById = byId(elements);
    expect(elements.some((el) => hasClass(el, 'group'))).toBe(false);
    expect(elements.some((el) => el.data.parent !== undefined)).toBe(false);
    const edgeKeys = new Set(
      elements.filter((el) => el.group === 'edges').map((el) => `${el.data.source}>${el.data.target}`),
    );
    const grouped = data.edges.filter((edge) => edge.group);
    expect(grouped.length).toBeGreaterThan(100);
    for (const edge of grouped) {
      const junction = `group:${edge.from}:${edge.group?.index}`;
      expect(hasClass(elementsById.get(junction), 'junction')).toBe(true);
      expect(edgeKeys.has(`${edge.from}>${junction}`)).toBe(true);
      expect(edgeKeys.has(`${junction}>${edge.to}`)).toBe(true);
      expect(edgeKeys.has(`${edge.from}>${edge.to}`)).toBe(false);
    }
    expect(elementsById.get('group:app-0:0')?.data.label).toBe('any 1 of 3');
    expect(elementsById.get('group:app-3:0')?.data.label).toBe('2 of 3 needed');
  });

  it('marks the focus and single points of failure, and aggregates the farthest nodes past the limit', () => {
    const graph = mergeGraph(emptyGraph(), layeredTestGraph(1200));
    const { elements, visible, aggregated } = toElements(
      graph,
      { focus: 'biz-0', spofs: new Set(['it-0']) },
      1000,
    );
    const elementsById = byId(elements);
    expect(hasClass(elementsById.get('biz-0'), 'focus')).toBe(true);
    expect(hasClass(elementsById.get('it-0'), 'spof')).toBe(true);
    expect(visible + aggregated).toBe(1200);
    expect(visible).toBeLessThanOrEqual(1000);
    expect(elements.filter((el) => hasClass(el, 'aggregate') && el.group === 'nodes').length).toBeGreaterThan(
      0,
    );
  });
});
