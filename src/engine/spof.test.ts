import { describe, expect, it } from 'vitest';
import { UnknownIdError } from './errors.ts';
import { buildGraph } from './graph.ts';
import { analyzeSpof } from './spof.ts';
import { node } from './testing/nodes.ts';
import type { EngineNode } from './types.ts';

function cutSets(nodes: EngineNode[], service: string, maxOrder = 2): string[][] {
  return analyzeSpof(buildGraph(nodes), { service, maxOrder }).services[0]!.cutSets;
}

describe('minimal cut sets', () => {
  it('finds every node on a chain of required dependencies as a single point of failure', () => {
    const nodes = [
      node('site'),
      node('host', { requires: ['site'] }),
      node('svc', { tier: 1, requires: ['host'] }),
    ];
    expect(cutSets(nodes, 'svc')).toEqual([['host'], ['site']]);
  });

  it('finds the shared host of two redundant VMs at order 1 and the VM pair at order 2', () => {
    const nodes = [
      node('host'),
      node('vm1', { requires: ['host'] }),
      node('vm2', { requires: ['host'] }),
      node('svc', { tier: 1, anyOf: [['vm1', 'vm2']] }),
    ];
    expect(cutSets(nodes, 'svc')).toEqual([['host'], ['vm1', 'vm2']]);
  });

  it('gives the three pairs of an atLeast 2 of 3 group and no single point', () => {
    const nodes = [
      node('r1'),
      node('r2'),
      node('r3'),
      node('db', { tier: 1, atLeast: [[2, ['r1', 'r2', 'r3']]] }),
    ];
    expect(cutSets(nodes, 'db')).toEqual([
      ['r1', 'r2'],
      ['r1', 'r3'],
      ['r2', 'r3'],
    ]);
  });

  it('stops at maxOrder: order 1 leaves the pairs out', () => {
    const nodes = [
      node('a'),
      node('b'),
      node('c'),
      node('svc', { tier: 1, requires: ['c'], anyOf: [['a', 'b']] }),
    ];
    expect(cutSets(nodes, 'svc', 1)).toEqual([['c']]);
    expect(cutSets(nodes, 'svc', 2)).toEqual([['c'], ['a', 'b']]);
  });

  it('handles a dependency cycle as a least fixed point: each node of the cycle alone takes the service down', () => {
    const nodes = [
      node('a', { requires: ['b'] }),
      node('b', { requires: ['a'] }),
      node('svc', { tier: 1, requires: ['a'] }),
    ];
    expect(cutSets(nodes, 'svc')).toEqual([['a'], ['b']]);
  });

  it('finds a pair through a cycle behind a group', () => {
    const nodes = [
      node('a', { anyOf: [['b', 'x']] }),
      node('b', { requires: ['a'] }),
      node('x'),
      node('svc', { tier: 1, requires: ['b'] }),
    ];
    expect(cutSets(nodes, 'svc')).toEqual([['a'], ['b']]);
    expect(cutSets(nodes, 'a')).toEqual([['b', 'x']]);
  });

  it('lists every service by tier then id when no service is named', () => {
    const nodes = [node('db'), node('zeta', { tier: 1, requires: ['db'] }), node('alpha', { tier: 2 })];
    expect(analyzeSpof(buildGraph(nodes))).toEqual({
      maxOrder: 2,
      services: [
        { id: 'zeta', cutSets: [['db']] },
        { id: 'alpha', cutSets: [] },
      ],
    });
  });

  it('rejects an unknown service id with an UnknownIdError', () => {
    expect(() => analyzeSpof(buildGraph([node('db')]), { service: 'nope' })).toThrow(UnknownIdError);
  });
});
