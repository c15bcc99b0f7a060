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
