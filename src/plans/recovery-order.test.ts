import { describe, expect, it } from 'vitest';
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
