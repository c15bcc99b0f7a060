/**
 * Property tests: on random small graphs (cycles, self-dependencies, nested groups, standbys, unknown recovery
 * times, data nodes and their copies, services and their objectives), the engine agrees with the brute-force
 * evaluators of testing/brute-force.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeImpact } from './analyze-impact.ts';
import { addNode, buildGraph, updateNode } from './graph.ts';
import { analyzeSpof, compareCutSets } from './spof.ts';
import {
  bruteCauseLengths,
  bruteCutSets,
  bruteDataLoss,
  bruteDown,
  bruteDownAtRest,
  bruteRestore,
  bruteRestoreKnown,
  dependsOn,
} from './testing/brute-force.ts';
import { node } from './testing/nodes.ts';
import type { EngineNode, RestoredAt } from './types.ts';

const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

/** A random graph of 1..7 nodes; any node may depend on any node, itself included. */
const graphArbitrary: fc.Arbitrary<EngineNode[]> = fc.integer({ min: 1, max: IDS.length }).chain((n) => {
  const ids = IDS.slice(0, n);
  const group = fc
    .uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: n })
    .chain((of) => fc.integer({ min: 1, max: of.length }).map((k) => ({ k, of })));
  const nodeArbitrary = (id: string): fc.Arbitrary<EngineNode> =>
    fc
      .record({
        isService: fc.boolean(),
        requires: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 2 }),
        groups: fc.array(group, { maxLength: 2 }),
        recoveryMinutes: fc.integer({ min: 0, max: 6 }),
        restartMinutes: fc.integer({ min: 0, max: 6 }),
        rto: fc.option(fc.integer({ min: 0, max: 20 })),
        rpo: fc.option(fc.integer({ min: 0, max: 40 })),
        tier: fc.integer({ min: 1, max: 4 }),
        activation: fc.option(fc.integer({ min: 1, max: 6 }), { freq: 3 }),
        unknownRecovery: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
        holdsData: fc.boolean(),
        data: fc.option(
          fc.record({
            replicas: fc.uniqueArray(
              fc.record({ id: fc.constantFrom(...ids), lagMinutes: fc.integer({ min: 0, max: 30 }) }),
              { maxLength: 2, selector: (r) => r.id },
            ),
            backup: fc.option(
              fc.record({ intervalMinutes: fc.integer({ min: 0, max: 60 }), at: fc.constantFrom(...ids) }),
            ),
          }),
          { freq: 2 },
        ),
      })
      .map((r) => ({
        id,
        kind: r.isService ? ('Service' as const) : ('Component' as const),
        requires: r.requires.filter((x) => x !== id || r.requires.length > 1),
        groups: r.groups,
        recoveryMinutes: r.recoveryMinutes,
        restartMinutes: r.restartMinutes,
        ...(r.activation !== null ? { activationMinutes: r.activation } : {}),
        ...(r.unknownRecovery ? { recoveryKnown: false } : {}),
        ...(r.holdsData ? { holdsData: true } : {}),
        ...(r.data !== null
          ? {
              data: {
                replicas: r.data.replicas,
                ...(r.data.backup !== null ? { backup: r.data.backup } : {}),
              },
            }
          : {}),
        ...(r.isService
          ? { service: { tier: r.tier, rtoMinutes: r.rto, rpoMinutes: r.rpo, mtpdMinutes: null } }
          : {}),
      }));
  return fc.tuple(...ids.map(nodeArbitrary));
});

const scenario = graphArbitrary.chain((nodes) =>
  fc.tuple(fc.constant(nodes), fc.subarray(nodes.map((x) => x.id))),
);

/** A scenario and a plan: some nodes restored by steps ending at a minute, known or not. */
const planned = scenario.chain(([nodes, failed]) =>
  fc.tuple(
    fc.constant(nodes),
    fc.constant(failed),
    fc
      .uniqueArray(
        fc.record({
          id: fc.constantFrom(...nodes.map((x) => x.id)),
          minutes: fc.integer({ min: 0, max: 12 }),
          known: fc.integer({ min: 0, max: 3 }).map((x) => x > 0),
        }),
        { maxLength: 3, selector: (x) => x.id },
      )
      .map(
        (steps) =>
          new Map<string, RestoredAt>(steps.map((x) => [x.id, { minutes: x.minutes, known: x.known }])),
      ),
  ),
);

describe('engine against brute force', () => {
  it('computes the same down set as the least fixed point by repeated sweeps', () => {
    fc.assert(
      fc.property(scenario, ([nodes, failed]) => {
        const down = analyzeImpact(buildGraph(nodes), failed).down.map((d) => d.id);
        expect(down.sort()).toEqual([...bruteDown(nodes, failed)].sort());
      }),
      { numRuns: 500 },
    );
  });

  it('computes the same restore times as a minute-by-minute simulation, null where nothing can start', () => {
    fc.assert(
      fc.property(scenario, ([nodes, failed]) => {
        const result = analyzeImpact(buildGraph(nodes), failed);
        const engine = Object.fromEntries(result.down.map((d) => [d.id, d.restoreMinutes]));
        expect(engine).toEqual(Object.fromEntries(bruteRestore(nodes, failed)));
        const stuck = result.down.filter((d) => d.restoreMinutes === null).map((d) => d.id);
        expect(result.unrecoverable.map((u) => u.id)).toEqual(stuck.sort());
      }),
      { numRuns: 500 },
    );
  });

  it('reports for each unrecoverable node a cycle of unrecoverable nodes, each depending on the next', () => {
    fc.assert(
      fc.property(scenario, ([nodes, failed]) => {
        const result = analyzeImpact(buildGraph(nodes), failed);
        const stuck = new Set(result.unrecoverable.map((u) => u.id));
        const byId = new Map(nodes.map((x) => [x.id, x]));
        for (const { cycle } of result.unrecoverable) {
          expect(cycle.length).toBeGreaterThan(0);
          cycle.forEach((id, i) => {
            expect(stuck.has(id)).toBe(true);
            expect(dependsOn(byId.get(id)!, cycle[(i + 1) % cycle.length]!)).toBe(true);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives as cause a valid chain of down nodes of the shortest length', () => {
    fc.assert(
      fc.property(scenario, ([nodes, failed]) => {
        const result = analyzeImpact(buildGraph(nodes), failed);
        const lengths = bruteCauseLengths(nodes, failed);
        const byId = new Map(nodes.map((x) => [x.id, x]));
        const down = new Set(result.down.map((d) => d.id));
        const sources = [...failed, ...bruteDownAtRest(nodes)];
        for (const d of result.down) {
          expect(d.cause.length).toBe(lengths.get(d.id));
          expect(sources).toContain(d.cause[0]);
          expect(d.cause.at(-1)).toBe(d.id);
          d.cause.forEach((id, i) => {
            expect(down.has(id)).toBe(true);
            if (i > 0) expect(dependsOn(byId.get(id)!, d.cause[i - 1]!)).toBe(true);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('computes the same restore times following a plan, standbys activated by steps included', () => {
    fc.assert(
      fc.property(planned, ([nodes, failed, restoredAt]) => {
        const result = analyzeImpact(buildGraph(nodes), failed, { restoredAt });
        const engine = Object.fromEntries(result.down.map((d) => [d.id, d.restoreMinutes]));
        expect(engine).toEqual(Object.fromEntries(bruteRestore(nodes, failed, restoredAt)));
      }),
      { numRuns: 500 },
    );
  });

  it('marks as exact only the restore times that no unknown duration can change', () => {
    fc.assert(
      fc.property(planned, ([nodes, failed, restoredAt]) => {
        const result = analyzeImpact(buildGraph(nodes), failed, { restoredAt });
        const engine = Object.fromEntries(result.down.map((d) => [d.id, d.restoreKnown]));
        expect(engine).toEqual(Object.fromEntries(bruteRestoreKnown(nodes, failed, restoredAt)));
      }),
      { numRuns: 500 },
    );
  });

  it('gives every service the largest loss among the down data nodes it depends on', () => {
    fc.assert(
      fc.property(scenario, ([nodes, failed]) => {
        const result = analyzeImpact(buildGraph(nodes), failed);
        for (const s of result.services) {
          const { minutes, known } = bruteDataLoss(nodes, failed, s.id);
          expect([s.id, s.dataLossKnown]).toEqual([s.id, known]);
          expect([s.id, s.dataLossMinutes]).toEqual([s.id, known && minutes !== Infinity ? minutes : null]);
          const rpo = s.rpoMinutes;
          const breach = rpo === null ? null : minutes > rpo ? true : known ? false : null;
          expect([s.id, s.rpoBreach]).toEqual([s.id, breach]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('answers scenario after scenario on one large graph as on a fresh graph of the nodes involved', () => {
    // 60 unrelated nodes make every scenario small beside the graph (the path that sorts the down nodes by
    // rank), and the scenarios share the graph's scratch arrays one after the other.
    const padding = Array.from({ length: 60 }, (_, i) => node(`pad-${i}`, { recovery: i }));
    const scenarios = graphArbitrary.chain((nodes) =>
      fc.tuple(
        fc.constant(nodes),
        fc.array(
          fc.tuple(
            fc.subarray(nodes.map((x) => x.id)),
            planned.map(([, , plan]) => plan),
          ),
          {
            minLength: 2,
            maxLength: 5,
          },
        ),
      ),
    );
    fc.assert(
      fc.property(scenarios, ([nodes, runs]) => {
        const shared = buildGraph([...padding, ...nodes]);
        for (const [failed, plan] of runs) {
          const restoredAt = new Map([...plan].filter(([id]) => nodes.some((x) => x.id === id)));
          expect(analyzeImpact(shared, failed, { restoredAt })).toEqual(
            analyzeImpact(buildGraph(nodes), failed, { restoredAt }),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers like a rebuilt graph after edits made once scenarios were already computed', () => {
    fc.assert(
      fc.property(graphArbitrary, graphArbitrary, scenario, (before, after, [, failedAny]) => {
        // As in the test above, but every step is followed by a scenario, so each edit meets the dependency
        // order and scratch arrays the previous scenarios left on the graph.
        const keep = new Set(after.map((x) => x.id));
        const initial = before.filter((x) => keep.has(x.id));
        const present = new Set(initial.map((x) => x.id));
        const bare = ({ data: _data, ...x }: EngineNode): EngineNode => x;
        const graph = buildGraph(
          initial.map((x) => ({
            ...bare(x),
            requires: x.requires.filter((id) => present.has(id)),
            groups: x.groups.filter((g) => g.of.every((id) => present.has(id))),
          })),
        );
        const failedIn = (): string[] => failedAny.filter((id) => graph.index.has(id));
        analyzeImpact(graph, failedIn());
        for (const x of after) {
          if (!graph.index.has(x.id)) addNode(graph, { ...bare(x), requires: [], groups: [] });
          analyzeImpact(graph, failedIn());
        }
        for (const x of after) {
          updateNode(graph, x);
          analyzeImpact(graph, failedIn());
        }
        const failed = failedAny.filter((id) => after.some((x) => x.id === id));
        const sortDown = (r: ReturnType<typeof analyzeImpact>): unknown => ({
          ...r,
          down: [...r.down]
            .sort((p, q) => (p.id < q.id ? -1 : 1))
            .map((d) => [d.id, d.restoreMinutes, d.restoreKnown, d.cause.length]),
        });
        expect(sortDown(analyzeImpact(graph, failed))).toEqual(
          sortDown(analyzeImpact(buildGraph(after), failed)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same minimal cut sets up to order 3 as enumerating every set', () => {
    fc.assert(
      fc.property(graphArbitrary, fc.integer({ min: 1, max: 3 }), (nodes, maxOrder) => {
        const graph = buildGraph(nodes);
        for (const target of nodes) {
          const engine = analyzeSpof(graph, { service: target.id, maxOrder }).services[0]!.cutSets;
          expect(engine).toEqual(bruteCutSets(nodes, target.id, maxOrder).sort(compareCutSets));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives after edits in place the same answers as a graph rebuilt from the edited nodes', () => {
    fc.assert(
      fc.property(graphArbitrary, graphArbitrary, scenario, (before, after, [, failedAny]) => {
        // Start from `before` on the ids both share (dependencies on other ids dropped), add the new nodes
        // bare, then edit every node into its `after` version: dependencies are added and removed in place.
        const keep = new Set(after.map((x) => x.id));
        const initial = before.filter((x) => keep.has(x.id));
        const present = new Set(initial.map((x) => x.id));
        const bare = ({ data: _data, ...x }: EngineNode): EngineNode => x;
        const graph = buildGraph(
          initial.map((x) => ({
            ...bare(x),
            requires: x.requires.filter((id) => present.has(id)),
            groups: x.groups.filter((g) => g.of.every((id) => present.has(id))),
          })),
        );
        for (const x of after) {
          if (!graph.index.has(x.id)) addNode(graph, { ...bare(x), requires: [], groups: [] });
        }
        for (const x of after) updateNode(graph, x);
        const failed = failedAny.filter((id) => after.some((x) => x.id === id));
        const rebuilt = buildGraph(after);
        const sortDown = (r: ReturnType<typeof analyzeImpact>): unknown => ({
          ...r,
          down: [...r.down]
            .sort((p, q) => (p.id < q.id ? -1 : 1))
            .map((d) => [d.id, d.restoreMinutes, d.restoreKnown, d.cause.length]),
        });
        expect(sortDown(analyzeImpact(graph, failed))).toEqual(sortDown(analyzeImpact(rebuilt, failed)));
        expect(analyzeSpof(graph)).toEqual(analyzeSpof(rebuilt));
      }),
      { numRuns: 300 },
    );
  });
});
