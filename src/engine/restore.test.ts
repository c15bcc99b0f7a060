import { describe, expect, it } from 'vitest';
import { analyzeImpact } from './analyze-impact.ts';
import { buildGraph } from './graph.ts';
import { node } from './testing/nodes.ts';
import type { EngineNode, ImpactResult } from './types.ts';

function restoreOf(nodes: EngineNode[], fail: string[]): Record<string, number | null> {
  const result = analyzeImpact(buildGraph(nodes), fail);
  return Object.fromEntries(result.down.map((d) => [d.id, d.restoreMinutes]));
}

function serviceOf(result: ImpactResult, id: string): ImpactResult['services'][number] {
  return result.services.find((s) => s.id === id)!;
}

describe('restore times', () => {
  it('uses recovery for the failed node and restart for a node down only through it, one after the other', () => {
    const nodes = [
      node('db', { recovery: 60, restart: 5 }),
      node('app', { requires: ['db'], recovery: 90, restart: 10 }),
    ];
    expect(restoreOf(nodes, ['db'])).toEqual({ db: 60, app: 70 });
  });

  it('counts a failed node’s recovery from when its own failed dependency is back', () => {
    const nodes = [
      node('site', { recovery: 120 }),
      node('host', { requires: ['site'], recovery: 30, restart: 5 }),
    ];
    expect(restoreOf(nodes, ['site', 'host'])).toEqual({ site: 120, host: 150 });
  });

  it('starts an atLeast 2 of 3 node when the second member is back, not the first or the last', () => {
    const nodes = [
      node('r1', { recovery: 10 }),
      node('r2', { recovery: 20 }),
      node('r3', { recovery: 30 }),
      node('db', { atLeast: [[2, ['r1', 'r2', 'r3']]], restart: 1 }),
    ];
    expect(restoreOf(nodes, ['r1', 'r2', 'r3'])).toEqual({ r1: 10, r2: 20, r3: 30, db: 21 });
  });

  it('starts an anyOf node when the first member is back', () => {
    const nodes = [
      node('a', { recovery: 40 }),
      node('b', { recovery: 15 }),
      node('app', { anyOf: [['a', 'b']], restart: 2 }),
    ];
    expect(restoreOf(nodes, ['a', 'b'])).toEqual({ a: 40, b: 15, app: 17 });
  });

  it('waits for the slowest required dependency through nested groups', () => {
    const nodes = [
      node('vm1', { recovery: 30 }),
      node('vm2', { recovery: 50 }),
      node('vm3', { recovery: 20 }),
      node('app-a', { anyOf: [['vm1', 'vm2']], restart: 5 }),
      node('app-b', { requires: ['vm3'], restart: 100 }),
      node('svc', { tier: 1, anyOf: [['app-a', 'app-b']], restart: 1 }),
    ];
    // app-a is back at 35 (vm1 at 30 + 5), app-b at 120: svc restarts from 35.
    expect(restoreOf(nodes, ['vm1', 'vm2', 'vm3'])).toEqual({
      vm1: 30,
      vm2: 50,
      vm3: 20,
      'app-a': 35,
      'app-b': 120,
      svc: 36,
    });
  });

  it('reports two down nodes that require each other as unrecoverable, with their cycle', () => {
    const nodes = [
      node('a', { requires: ['b'], recovery: 5 }),
      node('b', { requires: ['a'], restart: 5 }),
      node('c', { requires: ['a'] }),
      node('d', { recovery: 3 }),
    ];
    const result = analyzeImpact(buildGraph(nodes), ['a', 'd']);
    expect(result.down.map((d) => [d.id, d.restoreMinutes])).toEqual([
      ['d', 3],
      ['a', null],
      ['b', null],
      ['c', null],
    ]);
    expect(result.unrecoverable).toEqual([
      { id: 'a', cycle: ['a', 'b'] },
      { id: 'b', cycle: ['a', 'b'] },
      { id: 'c', cycle: ['a', 'b'] },
    ]);
  });

  it('leaves nodes that never went down out of the down list', () => {
    const nodes = [node('a', { recovery: 5 }), node('b', { anyOf: [['a', 'c']] }), node('c')];
    expect(restoreOf(nodes, ['a'])).toEqual({ a: 5 });
  });

  it('sets breaches: null without objective, false when up or back in time, true when late or never back', () => {
    const nodes = [
      node('db', { recovery: 120 }),
      node('late', { tier: 1, requires: ['db'], rto: 60, mtpd: 240 }),
      node('unset', { tier: 2, requires: ['db'] }),
      node('up', { tier: 1, rto: 10, mtpd: 20 }),
      node('x', { requires: ['y'] }),
      node('y', { requires: ['x'] }),
      node('stuck', { tier: 3, requires: ['x'], rto: 1000, mtpd: null }),
    ];
    const result = analyzeImpact(buildGraph(nodes), ['db', 'x']);
    expect(serviceOf(result, 'late')).toMatchObject({
      down: true,
      restoreMinutes: 120,
      rtoBreach: true,
      mtpdBreach: false,
    });
    expect(serviceOf(result, 'unset')).toMatchObject({ down: true, rtoBreach: null, mtpdBreach: null });
    expect(serviceOf(result, 'up')).toMatchObject({
      down: false,
      restoreMinutes: null,
      rtoBreach: false,
      mtpdBreach: false,
    });
    expect(serviceOf(result, 'stuck')).toMatchObject({
      down: true,
      restoreMinutes: null,
      rtoBreach: true,
      mtpdBreach: null,
    });
  });

  it('lists down nodes in recovery order: restore time, then id, unrecoverable last', () => {
    const nodes = [node('b', { recovery: 5 }), node('a', { recovery: 5 }), node('c', { recovery: 1 })];
    expect(analyzeImpact(buildGraph(nodes), ['a', 'b', 'c']).down.map((d) => d.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('standbys', () => {
  it('brings a group back when its standby is activated, before the failed member is repaired', () => {
    const nodes = [
      node('primary', { recovery: 240 }),
      node('standby', { activation: 30 }),
      node('app', { anyOf: [['primary', 'standby']], restart: 5 }),
    ];
    const result = analyzeImpact(buildGraph(nodes), ['primary']);
    expect(restoreOf(nodes, ['primary'])).toEqual({ primary: 240, app: 35 });
    expect(result.activations).toEqual([{ id: 'standby', readyMinutes: 30 }]);
  });

  it('makes required dependencies wait for health and groups for availability (restore + activation)', () => {
    const nodes = [
      node('site', { recovery: 60 }),
      node('primary', { requires: ['site'], restart: 20 }),
      node('standby', { requires: ['site'], restart: 10, activation: 30 }),
      node('app', { anyOf: [['primary', 'standby']], restart: 5 }),
      node('monitor', { requires: ['standby'], restart: 1 }),
    ];
    // standby healthy at 70 (monitor 71) but serving at 100; primary back at 80, so app starts at 80.
    const result = analyzeImpact(buildGraph(nodes), ['site']);
    expect(restoreOf(nodes, ['site'])).toEqual({ site: 60, standby: 70, monitor: 71, primary: 80, app: 85 });
    expect(result.activations).toEqual([{ id: 'standby', readyMinutes: 100 }]);
  });

  it('satisfies an atLeast 2 of 3 group from the second smallest availability, a standby’s activation included', () => {
    const nodes = [
      node('a', { recovery: 100 }),
      node('b'),
      node('s', { activation: 15 }),
      node('db', { atLeast: [[2, ['a', 'b', 's']]], restart: 5 }),
    ];
    // A: a = 100, b = 0, s = 15; the second smallest is 15.
    expect(restoreOf(nodes, ['a'])).toEqual({ a: 100, db: 20 });
  });

  it('lists no activation when the group a standby belongs to never broke', () => {
    const nodes = [
      node('a'),
      node('b'),
      node('s', { activation: 15 }),
      node('db', { anyOf: [['a', 'b', 's']] }),
    ];
    expect(analyzeImpact(buildGraph(nodes), ['a']).activations).toEqual([]);
  });
});

describe('unknown durations', () => {
  const nodes = [
    node('telecom', { kind: 'Vendor', unknownRecovery: true }),
    node('gateway', { requires: ['telecom'], restart: 10 }),
    node('cards', { tier: 1, requires: ['gateway'], rto: 5, mtpd: 60 }),
    node('db', { recovery: 30 }),
    node('ledger', { tier: 2, requires: ['db'], rto: 45 }),
  ];

  it('reports the lower bound of a failed node without recovery, and of what waited on it, as bounds', () => {
    const result = analyzeImpact(buildGraph(nodes), ['telecom', 'db']);
    expect(result.down.map((d) => [d.id, d.restoreMinutes, d.restoreKnown])).toEqual([
      ['telecom', 0, false],
      ['cards', 10, false],
      ['gateway', 10, false],
      ['db', 30, true],
      ['ledger', 30, true],
    ]);
    expect(result.unknown).toEqual(['telecom']);
  });

  it('breaches when the bound is already past the objective, is null within it, false only when exact', () => {
    const result = analyzeImpact(buildGraph(nodes), ['telecom', 'db']);
    // cards: at least 10 > RTO 5: true; at least 10 within MTPD 60: unknown. ledger: exactly 30 within 45.
    expect(serviceOf(result, 'cards')).toMatchObject({
      restoreKnown: false,
      rtoBreach: true,
      mtpdBreach: null,
    });
    expect(serviceOf(result, 'ledger')).toMatchObject({ restoreKnown: true, rtoBreach: false });
  });

  it('bounds a group satisfied through an unknown member among its first k, not through a later one', () => {
    const group = [
      node('x', { unknownRecovery: true }),
      node('r', { recovery: 100 }),
      node('y', { requires: ['r'], recovery: 30, unknownRecovery: true }),
      node('z', { recovery: 30 }),
      node('first', { anyOf: [['x', 'z']], restart: 5 }),
      node('later', { anyOf: [['y', 'z']], restart: 5 }),
    ];
    const result = analyzeImpact(buildGraph(group), ['x', 'r', 'y', 'z']);
    const known = Object.fromEntries(result.down.map((d) => [d.id, [d.restoreMinutes, d.restoreKnown]]));
    // first: x (A = 0, a bound) is its first member back. later: z at 30, exactly; y only at 100 or later.
    expect(known).toMatchObject({ first: [5, false], later: [35, true], y: [100, false], z: [30, true] });
    expect(result.unknown).toEqual(['x', 'y']);
  });

  it('gives an exact time to a group whose k-th member back is the same whatever an unknown recovery takes', () => {
    const nodes = [
      node('u', { unknownRecovery: true }),
      node('x', { recovery: 4 }),
      node('y', { recovery: 5 }),
      node('z', { recovery: 20 }),
      // a: back at 1 to 5 (when u or x is back, plus 1): a bound that is neither exact nor unbounded.
      node('a', { anyOf: [['u', 'x']], restart: 1 }),
      // b: two of a (at most 5), y (5) and z (20) are back at 5 whatever u takes: exactly 6.
      node('b', { atLeast: [[2, ['a', 'y', 'z']]], restart: 1 }),
    ];
    const result = analyzeImpact(buildGraph(nodes), ['u', 'x', 'y', 'z']);
    const known = Object.fromEntries(result.down.map((d) => [d.id, [d.restoreMinutes, d.restoreKnown]]));
    expect(known).toMatchObject({ a: [1, false], b: [6, true] });
  });
});

describe('plan steps (restoredAt)', () => {
  const nodes = [
    node('db', { recovery: 120 }),
    node('app', { requires: ['db'], restart: 10 }),
    node('primary', { recovery: 240 }),
    node('standby', { activation: 30 }),
    node('web', { anyOf: [['primary', 'standby']], restart: 5 }),
    node('vendor', { kind: 'Vendor', unknownRecovery: true }),
  ];
  const graph = buildGraph(nodes);
  const times = (result: ImpactResult): Record<string, [number | null, boolean]> =>
    Object.fromEntries(result.down.map((d) => [d.id, [d.restoreMinutes, d.restoreKnown]]));

  it('restores a node a step restores when the step ends, and what waits on it from then', () => {
    const result = analyzeImpact(graph, ['db'], { restoredAt: new Map([['db', 45]]) });
    expect(times(result)).toEqual({ db: [45, true], app: [55, true] });
  });

  it('waits for a node’s own requirements when its step ends before they are met', () => {
    const result = analyzeImpact(graph, ['db'], { restoredAt: new Map([['app', 30]]) });
    expect(times(result)).toEqual({ db: [120, true], app: [120, true] });
  });

  it('counts a standby a step restores as activated when the step ends', () => {
    const result = analyzeImpact(graph, ['primary'], { restoredAt: new Map([['standby', 90]]) });
    expect(times(result)).toEqual({ web: [95, true], primary: [240, true] });
    expect(result.activations).toEqual([{ id: 'standby', readyMinutes: 90 }]);
  });

  it('takes a step’s unknown end as a bound, and a known one over an unknown recovery as exact', () => {
    const unknownStep = analyzeImpact(graph, ['db'], {
      restoredAt: new Map([['db', { minutes: 45, known: false }]]),
    });
    expect(times(unknownStep)).toEqual({ db: [45, false], app: [55, false] });
    expect(unknownStep.unknown).toEqual(['db']);
    const knownStep = analyzeImpact(graph, ['vendor'], { restoredAt: new Map([['vendor', 60]]) });
    expect(times(knownStep)).toEqual({ vendor: [60, true] });
    expect(knownStep.unknown).toEqual([]);
  });

  it('keeps a step’s end exact when a known member would satisfy the group by then anyway', () => {
    const group = buildGraph([
      node('x', { unknownRecovery: true }),
      node('z', { recovery: 30 }),
      node('app', { anyOf: [['x', 'z']], restart: 5 }),
    ]);
    // Without the plan app is at least 5 (x first); with a step ending at 60 it is 60 whatever x takes (z: 30).
    expect(times(analyzeImpact(group, ['x', 'z']))).toMatchObject({ app: [5, false] });
    expect(times(analyzeImpact(group, ['x', 'z'], { restoredAt: new Map([['app', 60]]) }))).toMatchObject({
      app: [60, true],
    });
  });

  it('counts a down standby a step restores as serving once it is back, and lists a standby two groups need once', () => {
    const shared = buildGraph([
      node('site', { recovery: 60 }),
      node('primary', { requires: ['site'], restart: 20 }),
      node('standby', { requires: ['site'], restart: 10, activation: 30 }),
      node('app', { anyOf: [['primary', 'standby']], restart: 5 }),
      node('batch', { anyOf: [['primary', 'standby']], restart: 1 }),
    ]);
    // The step ends at 40, but the standby waits for its site (60): serving at 60, not 60 + 30; primary at 80.
    const result = analyzeImpact(shared, ['site'], { restoredAt: new Map([['standby', 40]]) });
    expect(times(result)).toMatchObject({
      standby: [60, true],
      primary: [80, true],
      app: [65, true],
      batch: [61, true],
    });
    expect(result.activations).toEqual([{ id: 'standby', readyMinutes: 60 }]);
    // Without the step it serves at 70 + 30 = 100, after primary: both groups start from primary.
    const unplanned = analyzeImpact(shared, ['site']);
    expect(times(unplanned)).toMatchObject({ app: [85, true], batch: [81, true] });
    expect(unplanned.activations).toEqual([{ id: 'standby', readyMinutes: 100 }]);
  });

  it('rejects a step naming an unknown id or a negative minute', () => {
    expect(() => analyzeImpact(graph, ['db'], { restoredAt: new Map([['dbx', 5]]) })).toThrow(/"dbx"/);
    expect(() => analyzeImpact(graph, ['db'], { restoredAt: new Map([['db', -1]]) })).toThrow(/>= 0/);
  });
});
