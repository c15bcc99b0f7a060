import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph.ts';
import { rankSinglePoints } from './single-points.ts';
import { analyzeSpof } from './spof.ts';
import { bruteDown } from './testing/brute-force.ts';
import { node } from './testing/nodes.ts';
import type { EngineNode } from './types.ts';

describe('ranking single points of failure', () => {
  const estate: EngineNode[] = [
    node('dc', { kind: 'Site' }),
    node('isp', { kind: 'Vendor' }),
    node('san', { requires: ['dc'] }),
    node('vm1', { requires: ['san'] }),
    node('vm2', { requires: ['san'] }),
    node('db', { requires: ['isp'] }),
    node('pay', { tier: 1, anyOf: [['vm1', 'vm2']] }),
    node('shop', { tier: 1, requires: ['pay', 'db'] }),
    node('wiki', { tier: 4, requires: ['vm1'] }),
    node('mail', { tier: 3, requires: ['isp'] }),
  ];

  it('scores each node by the tiers of the services it takes down alone: tier 1 weighs 8, tier 4 weighs 1', () => {
    const graph = buildGraph(estate);
    const ranked = rankSinglePoints(graph, analyzeSpof(graph, { maxOrder: 1 }));
    expect(ranked.map((r) => [r.id, r.weightedScore])).toEqual([
      ['dc', 17],
      ['san', 17],
      ['isp', 10],
      ['db', 8],
      ['pay', 8],
      ['vm1', 1],
    ]);
    expect(ranked[0]).toEqual({
      id: 'dc',
      kind: 'Site',
      services: ['pay', 'shop', 'wiki'],
      weightedScore: 17,
      byTier: { 1: 2, 2: 0, 3: 0, 4: 1 },
    });
    expect(ranked.find((r) => r.id === 'isp')).toMatchObject({
      kind: 'Vendor',
      services: ['shop', 'mail'],
      byTier: { 1: 1, 2: 0, 3: 1, 4: 0 },
    });
  });

  it('ranks from an order-2 analysis exactly as from order 1: pairs do not count', () => {
    const graph = buildGraph(estate);
    expect(rankSinglePoints(graph, analyzeSpof(graph, { maxOrder: 2 }))).toEqual(
      rankSinglePoints(graph, analyzeSpof(graph, { maxOrder: 1 })),
    );
  });

  it('leaves out analysed nodes that are not services and ranks nothing for an estate without one', () => {
    const graph = buildGraph(estate);
    expect(rankSinglePoints(graph, analyzeSpof(graph, { services: ['vm1', 'san'], maxOrder: 1 }))).toEqual(
      [],
    );
    const bare = buildGraph([node('a'), node('b', { requires: ['a'] })]);
    expect(rankSinglePoints(bare, analyzeSpof(bare))).toEqual([]);
  });

  it('lists for every node exactly the services its failure alone brings down (random estates)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const estateArbitrary = fc.tuple(
      ...ids.map((id) =>
        fc
          .record({
            tier: fc.option(fc.integer({ min: 1, max: 4 })),
            requires: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 2 }),
            anyOf: fc.array(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 }), {
              maxLength: 1,
            }),
          })
          .map((r) => node(id, { tier: r.tier ?? undefined, requires: r.requires, anyOf: r.anyOf })),
      ),
    );
    fc.assert(
      fc.property(estateArbitrary, (nodes) => {
        const graph = buildGraph(nodes);
        const ranked = rankSinglePoints(graph, analyzeSpof(graph, { maxOrder: 1 }));
        const tierOf = new Map(nodes.filter((x) => x.service).map((x) => [x.id, x.service!.tier]));
        for (const x of nodes) {
          const expected = [...bruteDown(nodes, [x.id])].filter((id) => id !== x.id && tierOf.has(id));
          const entry = ranked.find((r) => r.id === x.id);
          expect([...(entry?.services ?? [])].sort()).toEqual(expected.sort());
          const score = expected.reduce((sum, id) => sum + 2 ** (4 - tierOf.get(id)!), 0);
          expect(entry?.weightedScore ?? 0).toBe(score);
        }
        for (let i = 1; i < ranked.length; i++) {
          expect(ranked[i - 1]!.weightedScore).toBeGreaterThanOrEqual(ranked[i]!.weightedScore);
        }
      }),
      { numRuns: 300 },
    );
  });
});
