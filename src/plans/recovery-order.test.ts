import { describe, expect, it } from 'vitest';
import type { RecoveryItem } from './recovery-order.ts';
import { node } from '../engine/testing/nodes.ts';
import { recoveryOrder } from './recovery-order.ts';

describe('recoveryOrder', () => {
  it('starts each node when what it needs is back and says what it waited for', () => {
    const nodes = [
      node('site', { kind: 'Site', recovery: 60 }),
      node('db', { requires: ['site'], restart: 30 }),
      node('app', { requires: ['db'], restart: 10 }),
      node('shop', {
        requires: ['app'],
        tier: 1,
        rto: 90,
        mtpd: 200,
      }),
    ];
    const order = recoveryOrder(nodes, ['site']);
    expect(order.items).toEqual([
      { id: 'site', kind: 'Site', startMinutes: 0, endMinutes: 60, waitsFor: [] },
      { id: 'db', kind: 'Component', startMinutes: 60, endMinutes: 90, waitsFor: ['site'] },
      { id: 'app', kind: 'Component', startMinutes: 90, endMinutes: 100, waitsFor: ['db'] },
      { id: 'shop', kind: 'Service', startMinutes: 100, endMinutes: 100, waitsFor: ['app'] },
    ]);
    expect(order.services[0]).toMatchObject({ id: 'shop', rtoBreach: true, mtpdBreach: false });
  });

  it('waits only for the first member of a redundancy group to come back, since any one is enough', () => {
    const nodes = [
      node('a', { recovery: 120 }),
      node('b', { recovery: 30 }),
      node('web', { anyOf: [['a', 'b']], restart: 5 }),
    ];
    const order = recoveryOrder(nodes, ['a', 'b']);
    expect(order.items.map((item) => [item.id, item.startMinutes, item.endMinutes])).toEqual([
      ['b', 0, 30],
      ['web', 30, 35],
      ['a', 0, 120],
    ]);
    expect(order.items.find((item) => item.id === 'web')?.waitsFor).toEqual(['b']);
  });

  /** Each item as [id, start, end, waitsFor], in the order given. */
  const rows = (items: RecoveryItem[]) =>
    items.map((item) => [item.id, item.startMinutes, item.endMinutes, item.waitsFor]);

  it('starts a failed node when its dependencies are back and takes its recovery from there', () => {
    // site fails (recovery 60); db fails too (recovery 45) and needs site; app needs db and only restarts (10).
    // site 0 -> 60. db starts when site is back (60) and recovers: 60 + 45 = 105. app starts at 105, 105 + 10.
    const nodes = [
      node('site', { kind: 'Site', recovery: 60 }),
      node('db', { requires: ['site'], recovery: 45, restart: 5 }),
      node('app', { requires: ['db'], recovery: 90, restart: 10 }),
    ];
    expect(rows(recoveryOrder(nodes, ['site', 'db']).items)).toEqual([
      ['site', 0, 60, []],
      ['db', 60, 105, ['site']],
      ['app', 105, 115, ['db']],
    ]);
  });

  it('starts a node that went down only through a dependency when that is back, and restarts it', () => {
    // site fails (recovery 60). db (recovery 45, restart 5) and app (recovery 90, restart 10) did not fail
    // themselves: db restarts from 60 to 65, app from 65 to 75; their recoveries play no part.
    const nodes = [
      node('site', { kind: 'Site', recovery: 60 }),
      node('db', { requires: ['site'], recovery: 45, restart: 5 }),
      node('app', { requires: ['db'], recovery: 90, restart: 10 }),
    ];
    expect(rows(recoveryOrder(nodes, ['site']).items)).toEqual([
      ['site', 0, 60, []],
      ['db', 60, 65, ['site']],
      ['app', 65, 75, ['db']],
    ]);
  });

  it('starts a node when a standby in its group is activated, and says it waited for the standby', () => {
    // Failover: primary fails (recovery 240). The standby (activation 30) is healthy but serves only from
    // 0 + 30 = 30, so app (anyOf primary, standby; restart 5) starts at min(240, 30) = 30 and is back at 35.
    const failover = [
      node('primary', { recovery: 240 }),
      node('standby', { activation: 30 }),
      node('app', { anyOf: [['primary', 'standby']], restart: 5 }),
    ];
    expect(rows(recoveryOrder(failover, ['primary']).items)).toEqual([
      ['app', 30, 35, ['standby']],
      ['primary', 0, 240, []],
    ]);

    // Health against availability: site fails (recovery 60); primary restarts by 80, the standby by 70 but
    // serves only from 70 + 30 = 100. app waits for the first available member, primary at 80 (not the
    // standby, healthy first), and is back at 85. monitor requires the standby: it waits for health, 70, to 71.
    const site = [
      node('site', { kind: 'Site', recovery: 60 }),
      node('primary', { requires: ['site'], restart: 20 }),
      node('standby', { requires: ['site'], restart: 10, activation: 30 }),
      node('app', { anyOf: [['primary', 'standby']], restart: 5 }),
      node('monitor', { requires: ['standby'], restart: 1 }),
    ];
    expect(rows(recoveryOrder(site, ['site']).items)).toEqual([
      ['site', 0, 60, []],
      ['standby', 60, 70, ['site']],
      ['monitor', 70, 71, ['standby']],
      ['primary', 60, 80, ['site']],
      ['app', 80, 85, ['primary']],
    ]);

    // At least 2 of [a, b, s]: a fails (recovery 100), b stays up, s is a standby (activation 15). The two
    // smallest availabilities are b's 0 and s's 15: db starts at 15, is back at 20, and waited for s only.
    const quorum = [
      node('a', { recovery: 100 }),
      node('b'),
      node('s', { activation: 15 }),
      node('db', { atLeast: [[2, ['a', 'b', 's']]], restart: 5 }),
    ];
    expect(rows(recoveryOrder(quorum, ['a']).items)).toEqual([
      ['db', 15, 20, ['s']],
      ['a', 0, 100, []],
    ]);
  });

  it('starts a node a plan step restores when its requirements are met, whenever the step ends', () => {
    // db fails (recovery 120), app needs it (restart 10). A step restores db at 45: db is worked on from the
    // start (nothing it needs is down) and back at 45, not at 45 - 120; app restarts from 45 to 55.
    const nodes = [node('db', { recovery: 120 }), node('app', { requires: ['db'], restart: 10 })];
    expect(rows(recoveryOrder(nodes, ['db'], { restoredAt: new Map([['db', 45]]) }).items)).toEqual([
      ['db', 0, 45, []],
      ['app', 45, 55, ['db']],
    ]);
    // A step restores app at 30, but app needs db, back at 120: app can start only then, and is back at
    // max(30, 120) = 120 (start = end), not 120 - 10; listed after db, though both end at 120.
    expect(rows(recoveryOrder(nodes, ['db'], { restoredAt: new Map([['app', 30]]) }).items)).toEqual([
      ['db', 0, 120, []],
      ['app', 120, 120, ['db']],
    ]);
    // In the failover above, a step activates the standby at 90 (instead of 0 + 30): app starts at 90, to 95.
    const failover = [
      node('primary', { recovery: 240 }),
      node('standby', { activation: 30 }),
      node('app', { anyOf: [['primary', 'standby']], restart: 5 }),
    ];
    const planned = recoveryOrder(failover, ['primary'], { restoredAt: new Map([['standby', 90]]) });
    expect(rows(planned.items)).toEqual([
      ['app', 90, 95, ['standby']],
      ['primary', 0, 240, []],
    ]);
  });

  it('leaves nodes blocked by a dependency cycle out of the order and reports the cycle', () => {
    const nodes = [
      node('x', { requires: ['y'], recovery: 10 }),
      node('y', { requires: ['x'], recovery: 10 }),
      node('z', { requires: ['x'] }),
    ];
    const order = recoveryOrder(nodes, ['x']);
    expect(order.items).toEqual([]);
    expect(order.unrecoverable).toEqual([
      { id: 'x', cycle: ['x', 'y'] },
      { id: 'y', cycle: ['x', 'y'] },
      { id: 'z', cycle: ['x', 'y'] },
    ]);
  });
});
