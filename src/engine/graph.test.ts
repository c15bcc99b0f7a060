import { describe, expect, it } from 'vitest';
import { analyzeImpact } from './analyze-impact.ts';
import { EngineInputError } from './errors.ts';
import { addNode, buildGraph, updateNode } from './graph.ts';
import { node } from './testing/nodes.ts';

describe('graph', () => {
  it('rejects a duplicate id, because ids are unique across the catalog', () => {
    expect(() => buildGraph([node('db'), node('db')])).toThrow(EngineInputError);
  });

  it('rejects a dependency on an unknown id and names both ids', () => {
    expect(() => buildGraph([node('app', { requires: ['db-primray'] })])).toThrow(/"app".*"db-primray"/);
  });

  it('rejects a group whose k is outside 1..n, because it could never or always be satisfied', () => {
    expect(() => buildGraph([node('a'), node('b', { atLeast: [[2, ['a']]] })])).toThrow(/k between 1 and 1/);
    expect(() => buildGraph([node('a'), node('b', { atLeast: [[0, ['a']]] })])).toThrow(EngineInputError);
  });

  it('rejects a negative recovery time, because restore events must move forward in time', () => {
    expect(() => buildGraph([node('db', { recovery: -5 })])).toThrow(/recovery must be a finite number/);
  });

  it('rejects a group that lists a member twice', () => {
    expect(() => buildGraph([node('a'), node('b', { anyOf: [['a', 'a']] })])).toThrow(/twice/);
  });

  it('takes a removed dependency out of propagation after an edit in place', () => {
    const graph = buildGraph([node('db'), node('app', { requires: ['db'] })]);
    updateNode(graph, node('app'));
    expect(analyzeImpact(graph, ['db']).down.map((d) => d.id)).toEqual(['db']);
    expect(graph.edits).toBe(1);
  });

  it('propagates through a dependency added in place and through a node added later', () => {
    const graph = buildGraph([node('db'), node('app')]);
    updateNode(graph, node('app', { anyOf: [['db']] }));
    addNode(graph, node('svc', { tier: 1, requires: ['app'] }));
    expect(analyzeImpact(graph, ['db']).down.map((d) => d.id)).toEqual(['app', 'db', 'svc']);
  });

  it('rejects an edit whose data names an unknown node and leaves the node as it was', () => {
    const graph = buildGraph([node('db', { recovery: 5 }), node('vault')]);
    expect(() =>
      updateNode(graph, node('db', { data: { backup: { intervalMinutes: 60, at: 'vualt' } } })),
    ).toThrow(/"db".*"vualt"/);
    updateNode(graph, node('db', { data: { backup: { intervalMinutes: 60, at: 'vault' } } }));
    const svc = addNode(graph, node('svc', { tier: 1, requires: ['db'], rpo: 30 }));
    expect(graph.ids[svc]).toBe('svc');
    expect(analyzeImpact(graph, ['db']).services[0]).toMatchObject({ dataLossMinutes: 60, rpoBreach: true });
  });
});
