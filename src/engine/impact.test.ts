import { describe, expect, it } from 'vitest';
import { analyzeImpact } from './analyze-impact.ts';
import { UnknownIdError } from './errors.ts';
import { addNode, buildGraph, updateNode } from './graph.ts';
import { node } from './testing/nodes.ts';
import type { EngineNode } from './types.ts';

function downIds(nodes: EngineNode[], fail: string[]): string[] {
  return analyzeImpact(buildGraph(nodes), fail)
    .down.map((d) => d.id)
    .sort();
}

describe('impact', () => {
  it('takes down every node that transitively requires a failed node, and nothing else', () => {
    const nodes = [
      node('site'),
      node('host', { requires: ['site'] }),
      node('db', { requires: ['host'] }),
      node('other'),
      node('shop', { tier: 1, requires: ['db', 'other'] }),
    ];
    expect(downIds(nodes, ['host'])).toEqual(['db', 'host', 'shop']);
  });

  it('keeps an anyOf node up while one member is up, because anyOf needs only one', () => {
    const nodes = [node('a'), node('b'), node('app', { anyOf: [['a', 'b']] })];
    expect(downIds(nodes, ['a'])).toEqual(['a']);
    expect(downIds(nodes, ['a', 'b'])).toEqual(['a', 'app', 'b']);
  });

  it('keeps an atLeast 2 of 3 group up with one member down and takes it down at two', () => {
    const nodes = [node('r1'), node('r2'), node('r3'), node('db', { atLeast: [[2, ['r1', 'r2', 'r3']]] })];
    expect(downIds(nodes, ['r2'])).toEqual(['r2']);
    expect(downIds(nodes, ['r1', 'r3'])).toEqual(['db', 'r1', 'r3']);
  });

  it('counts a group member as down when it is down through its own group (nested groups)', () => {
    const nodes = [
      node('vm1'),
      node('vm2'),
      node('vm3'),
      node('app-a', { anyOf: [['vm1', 'vm2']] }),
      node('app-b', { requires: ['vm3'] }),
      node('svc', { tier: 1, anyOf: [['app-a', 'app-b']] }),
    ];
    expect(downIds(nodes, ['vm1', 'vm3'])).toEqual(['app-b', 'vm1', 'vm3']);
    expect(downIds(nodes, ['vm1', 'vm2', 'vm3'])).toEqual(['app-a', 'app-b', 'svc', 'vm1', 'vm2', 'vm3']);
  });

  it('leaves a dependency cycle up when nothing in it failed, because the down set is the least fixed point', () => {
    const nodes = [
      node('a', { requires: ['b'] }),
      node('b', { requires: ['a'] }),
      node('c', { requires: ['a'] }),
    ];
    expect(downIds(nodes, [])).toEqual([]);
    expect(downIds(nodes, ['b'])).toEqual(['a', 'b', 'c']);
  });

  it('gives as cause a shortest chain from a failed node, each depending on the previous', () => {
    const nodes = [
      node('site'),
      node('power', { requires: ['site'] }),
      node('rack', { requires: ['power'] }),
      node('host', { requires: ['rack', 'site'] }),
    ];
    const result = analyzeImpact(buildGraph(nodes), ['site']);
    const causes = Object.fromEntries(result.down.map((d) => [d.id, d.cause]));
    expect(causes).toEqual({
      site: ['site'],
      power: ['site', 'power'],
      rack: ['site', 'power', 'rack'],
      host: ['site', 'host'],
    });
  });

  it('lists every service by tier then id, with down false for those that stay up', () => {
    const nodes = [
      node('db'),
      node('zeta', { tier: 1, requires: ['db'] }),
      node('alpha', { tier: 2 }),
      node('beta', { tier: 1 }),
    ];
    const result = analyzeImpact(buildGraph(nodes), ['db']);
    expect(result.services.map((s) => [s.id, s.down])).toEqual([
      ['beta', false],
      ['zeta', true],
      ['alpha', false],
    ]);
    expect(result.failed).toEqual(['db']);
  });

  it('rejects an unknown failed id with an UnknownIdError naming it', () => {
    const graph = buildGraph([node('db')]);
    expect(() => analyzeImpact(graph, ['db', 'db-primray'])).toThrow(UnknownIdError);
    expect(() => analyzeImpact(graph, ['db-primray'])).toThrow(/"db-primray"/);
  });

  it('takes down a node whose active member failed, because a standby does not count until activated', () => {
    const nodes = [
      node('primary'),
      node('standby', { activation: 30 }),
      node('app', { anyOf: [['primary', 'standby']] }),
    ];
    expect(downIds(nodes, [])).toEqual([]);
    expect(downIds(nodes, ['primary'])).toEqual(['app', 'primary']);
    // A standby going down breaks nothing at the start: it was not serving.
    expect(downIds(nodes, ['standby'])).toEqual(['standby']);
  });

  it('counts an active-standby pair as an atLeast 2 of 3 group short by one when an active member fails', () => {
    const nodes = [
      node('a'),
      node('b'),
      node('s', { activation: 15 }),
      node('db', { atLeast: [[2, ['a', 'b', 's']]] }),
    ];
    expect(downIds(nodes, ['s'])).toEqual(['s']);
    expect(downIds(nodes, ['a'])).toEqual(['a', 'db']);
  });

  it('takes down, with nothing failed, a node whose group only standbys could satisfy (check refuses such a group)', () => {
    const nodes = [
      node('s1', { activation: 5 }),
      node('s2', { activation: 5 }),
      node('app', { anyOf: [['s1', 's2']] }),
    ];
    expect(downIds(nodes, [])).toEqual(['app']);
    const withUser = [...nodes, node('user', { requires: ['app'] })];
    const result = analyzeImpact(buildGraph(withUser), []);
    expect(result.down.map((d) => [d.id, d.cause])).toEqual([
      ['app', ['app']],
      ['user', ['app', 'user']],
    ]);
    // Beside an active member, the same standbys leave it up.
    expect(downIds([node('a'), ...nodes.slice(0, 2), node('ok', { anyOf: [['a', 's1']] })], [])).toEqual([]);
  });

  it('follows a standby made or unmade by an edit in place as a rebuilt graph does', () => {
    const graph = buildGraph([node('p'), node('s'), node('app', { anyOf: [['p', 's']] })]);
    expect(analyzeImpact(graph, ['p']).down.map((d) => d.id)).toEqual(['p']);
    updateNode(graph, node('s', { activation: 10 }));
    expect(
      analyzeImpact(graph, ['p'])
        .down.map((d) => d.id)
        .sort(),
    ).toEqual(['app', 'p']);
    addNode(graph, node('s2', { activation: 3 }));
    addNode(graph, node('app2', { anyOf: [['s2']] }));
    expect(analyzeImpact(graph, []).down.map((d) => d.id)).toEqual(['app2']);
    updateNode(graph, node('s2'));
    updateNode(graph, node('s'));
    expect(analyzeImpact(graph, ['p']).down.map((d) => d.id)).toEqual(['p']);
  });
});
