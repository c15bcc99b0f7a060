import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimalCutSets } from './cut-sets.ts';
import { AnalysisBudgetError, AnalysisCancelledError } from './errors.ts';
import { buildGraph } from './graph.ts';
import { singleFailureSets } from './single-failures.ts';
import { analyzeSpof, catalogNetwork } from './spof.ts';
import { bruteCutSets } from './testing/brute-force.ts';
import { node } from './testing/nodes.ts';
import type { EngineNode } from './types.ts';
import { POLL_EVERY, WorkMeter, unboundedMeter } from './work.ts';

/**
 * Random graphs of up to 24 nodes: any node may require any other (cycles and self-loops included) and hold
 * groups of any k over any members, members that themselves hold groups (nested redundancy).
 */
const graphArbitrary: fc.Arbitrary<EngineNode[]> = fc.integer({ min: 1, max: 24 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `n${String(i).padStart(2, '0')}`);
  const group = fc
    .uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: Math.min(n, 5) })
    .chain((of) => fc.integer({ min: 1, max: of.length }).map((k) => ({ k, of })));
  const nodeArbitrary = (id: string): fc.Arbitrary<EngineNode> =>
    fc
      .record({
        isService: fc.boolean(),
        requires: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 2 }),
        groups: fc.array(group, { maxLength: 2 }),
        tier: fc.integer({ min: 1, max: 4 }),
      })
      .map((r) => ({
        ...node(id, { kind: r.isService ? 'Service' : 'Component', tier: r.isService ? r.tier : undefined }),
        requires: r.requires,
        groups: r.groups,
      }));
  return fc.tuple(...ids.map(nodeArbitrary));
});

/** The order-1 cut sets MOCUS gives, by node index, for every node as a top. */
function mocusSingles(nodes: EngineNode[]): number[][] {
  const graph = buildGraph(nodes);
  const tops = nodes.map((_, i) => i);
  return minimalCutSets(catalogNetwork(graph), tops, 1).map((family) =>
    family.map((set) => set[0]!).sort((a, b) => a - b),
  );
}

describe('order-1 cut sets in one pass', () => {
  it('gives every node the same order-1 cut sets as MOCUS, cycles and nested groups included', () => {
    fc.assert(
      fc.property(graphArbitrary, fc.integer({ min: 0, max: 1000 }), (nodes, seed) => {
        const graph = buildGraph(nodes);
        // Tops in a shuffled order: the event numbering follows the search order, the answer must not.
        const tops = nodes
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
        const fast = singleFailureSets(catalogNetwork(graph), tops);
        const expected = mocusSingles(nodes);
        tops.forEach((top, i) => expect([...fast[i]!]).toEqual(expected[top]));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with enumerating every single failure on small graphs', () => {
    fc.assert(
      fc.property(
        graphArbitrary.filter((nodes) => nodes.length <= 10),
        (nodes) => {
          const graph = buildGraph(nodes);
          const result = analyzeSpof(graph, { services: nodes.map((x) => x.id), maxOrder: 1 });
          for (const entry of result.services) {
            expect(entry.cutSets).toEqual(bruteCutSets(nodes, entry.id, 1));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers analyzeSpof at order 1 exactly as the order-2 analysis lists its single points', () => {
    fc.assert(
      fc.property(graphArbitrary, (nodes) => {
        const graph = buildGraph(nodes);
        const one = analyzeSpof(graph, { maxOrder: 1 });
        const two = analyzeSpof(graph, { maxOrder: 2 });
        expect(one.services).toEqual(
          two.services.map((s) => ({ id: s.id, cutSets: s.cutSets.filter((set) => set.length === 1) })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('does work linear in the length of a 100,000-node chain of required dependencies', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) =>
      node(`c${i}`, { requires: i > 0 ? [`c${i - 1}`] : [], tier: i === n - 1 ? 1 : undefined }),
    );
    const graph = buildGraph(nodes);
    const meter = unboundedMeter();
    const [top] = singleFailureSets(catalogNetwork(graph), [n - 1], meter);
    expect(top!.length).toBe(n);
    // Every set along the chain is one interval: a few dozen steps per node, not n^2 / 2.
    expect(meter.used).toBeLessThan(40 * n);
  });

  it('goes round a cycle of 5,000 dependencies in a few rounds: every node of it is a single point', () => {
    const n = 5000;
    const nodes = Array.from({ length: n }, (_, i) => node(`r${i}`, { requires: [`r${(i + 1) % n}`] }));
    nodes.push(node('svc', { tier: 1, requires: ['r0'] }));
    const graph = buildGraph(nodes);
    const meter = unboundedMeter();
    const [top] = singleFailureSets(catalogNetwork(graph), [n], meter);
    expect(top!.length).toBe(n + 1);
    // Rounds of the fixed point run inputs first along the search, so two or three rounds settle the ring.
    expect(meter.used).toBeLessThan(100 * n);
  });

  it('gives MOCUS the same order within a cycle: order 2 of a ring of 1,000 fits the default budget', () => {
    const n = 1000;
    const nodes = Array.from({ length: n }, (_, i) => node(`r${i}`, { requires: [`r${(i + 1) % n}`] }));
    nodes.push(node('svc', { tier: 1, requires: ['r0'] }));
    expect(analyzeSpof(buildGraph(nodes), { maxOrder: 2 }).services[0]!.cutSets).toHaveLength(n);
  });

  it('keeps the sets of a random tree of 50,000 dependencies to a few intervals each (heavy paths)', () => {
    // Node i requires one of the ten nodes before it (a seeded LCG): a tree thousands of nodes deep, whose sets
    // listed in full would hold over a hundred million ids.
    const n = 50_000;
    let seed = 12345;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const nodes = Array.from({ length: n }, (_, i) =>
      node(`t${i}`, {
        requires: i > 0 ? [`t${i - 1 - Math.floor(random() * Math.min(i, 10))}`] : [],
        tier: i % 1000 === 999 ? 1 : undefined,
      }),
    );
    const graph = buildGraph(nodes);
    const meter = unboundedMeter();
    const tops = nodes.flatMap((x, i) => (x.service ? [i] : []));
    const sets = singleFailureSets(catalogNetwork(graph), tops, meter);
    const listed = sets.reduce((sum, set) => sum + set.length, 0);
    expect(listed).toBeGreaterThan(200_000);
    // The work beyond listing the answer (4 steps an id): at most log2(n) + 1 intervals per set, 4 ends swept
    // per interval and a few steps per gate.
    expect(meter.used - 4 * listed).toBeLessThan(n * (16 + 4 * (Math.log2(n) + 1)));
  });

  it('finds a shared host under an anyOf of two VMs, and nothing under a 2-of-3 group', () => {
    const nodes = [
      node('host'),
      node('vm1', { requires: ['host'] }),
      node('vm2', { requires: ['host'] }),
      node('r1'),
      node('r2'),
      node('r3'),
      node('db', { atLeast: [[2, ['r1', 'r2', 'r3']]] }),
      node('app', { tier: 1, requires: ['db'], anyOf: [['vm1', 'vm2']] }),
    ];
    expect(analyzeSpof(buildGraph(nodes), { maxOrder: 1 })).toEqual({
      maxOrder: 1,
      services: [{ id: 'app', cutSets: [['db'], ['host']] }],
    });
  });
});

describe('bounded cut-set work', () => {
  // Two services over a wide redundant estate: 40 VMs in pairs behind each service make many order-2 sets.
  const estate = (): EngineNode[] => {
    const nodes: EngineNode[] = [node('site')];
    for (let i = 0; i < 40; i++) nodes.push(node(`vm${i}`, { requires: ['site'] }));
    const pairs = Array.from({ length: 20 }, (_, i) => [`vm${2 * i}`, `vm${2 * i + 1}`]);
    nodes.push(node('shop', { tier: 1, anyOf: pairs.slice(0, 10) }));
    nodes.push(node('erp', { tier: 2, atLeast: [[10, pairs.flat()]] }));
    return nodes;
  };

  it('stops past the work budget with an error naming the service, the order and what to do', () => {
    const graph = buildGraph(estate());
    const error = (() => {
      try {
        analyzeSpof(graph, { maxOrder: 3, workBudget: 1000 });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AnalysisBudgetError);
    const budget = error as AnalysisBudgetError;
    expect(budget.maxOrder).toBe(3);
    expect(budget.budget).toBe(1000);
    expect(['shop', 'erp']).toContain(budget.service);
    expect(budget.message).toMatch(/order 3 of "(shop|erp)" \(one of 2 services\)/);
    expect(budget.message).toMatch(/narrow the analysis to one service or lower maxOrder/);
  });

  it('finishes the same analysis within the default budget', () => {
    const result = analyzeSpof(buildGraph(estate()), { maxOrder: 2 });
    expect(result.services.find((s) => s.id === 'shop')!.cutSets[0]).toEqual(['site']);
  });

  it('stops with AnalysisCancelledError once the caller cancels, checking while it works', () => {
    const graph = buildGraph(estate());
    let polls = 0;
    expect(() =>
      analyzeSpof(graph, {
        maxOrder: 4,
        isCancelled: () => {
          polls++;
          return true;
        },
      }),
    ).toThrow(AnalysisCancelledError);
    expect(polls).toBe(1);
  });

  it('stops with AnalysisCancelledError when an AbortSignal is aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => analyzeSpof(buildGraph(estate()), { maxOrder: 4, signal: controller.signal })).toThrow(
      AnalysisCancelledError,
    );
  });

  it('polls the cancellation check once every POLL_EVERY steps and not before', () => {
    let polls = 0;
    const meter = new WorkMeter({ isCancelled: () => (polls++, false) }, () => new Error('budget'));
    meter.spend(POLL_EVERY - 1);
    expect(polls).toBe(0);
    meter.spend(1);
    meter.spend(POLL_EVERY);
    expect(polls).toBe(2);
  });

  it('stops order 1 too, and suggests no lower order for it', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) =>
      node(`c${i}`, { requires: i > 0 ? [`c${i - 1}`] : [], tier: 1 }),
    );
    expect(() => analyzeSpof(buildGraph(nodes), { service: 'c999', maxOrder: 1, workBudget: 100 })).toThrow(
      /order 1 of "c999" need more than the work budget of 100 steps: this dependency structure is too large/,
    );
  });
});
