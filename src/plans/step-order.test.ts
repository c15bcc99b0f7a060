import { describe, expect, it } from 'vitest';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { node } from '../engine/testing/nodes.ts';
import { checkStepOrder, stepsInOrder } from './step-order.ts';

const nodes = new Map(
  [
    node('san'),
    node('db', { requires: ['san'] }),
    node('app', { requires: ['db'], anyOf: [['sw1', 'sw2']] }),
    node('sw1'),
    node('sw2'),
  ].map((n) => [n.id, n]),
);
const plan = (recovery: NonNullable<PlanSpec['phases']>['recovery']): PlanSpec => ({
  services: ['svc'],
  owner: 'ops',
  scenario: { description: 'x', fail: ['san'] },
  activation: 'x',
  phases: { recovery },
});

describe('checkStepOrder', () => {
  it('accepts steps that restore dependencies first', () => {
    const spec = plan([
      { id: 's1', title: 'SAN', restores: ['san'] },
      { id: 's2', title: 'DB', restores: ['db'], after: ['s1'] },
      { id: 's3', title: 'App', restores: ['app'], after: ['s2'] },
    ]);
    expect(checkStepOrder(spec, nodes)).toEqual([]);
  });

  it('flags a step that restores the database before the SAN it needs, even through another dependency', () => {
    const spec = plan([
      { id: 'app-first', title: 'App', restores: ['app'] },
      { id: 'san-later', title: 'SAN', restores: ['san'], after: ['app-first'] },
    ]);
    const problems = checkStepOrder(spec, nodes);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ type: 'contradiction', steps: ['app-first', 'san-later'] });
    expect(problems[0]?.message).toContain('"app-first" restores "app", which needs "san"');
  });

  it('accepts a step before one member of a redundancy group is back, but not before all of them', () => {
    const oneLate = plan([
      { id: 'sw1', title: 'Switch 1', restores: ['sw1'] },
      { id: 'app', title: 'App', restores: ['app'], after: ['sw1'] },
      { id: 'sw2', title: 'Switch 2', restores: ['sw2'], after: ['app'] },
    ]);
    expect(checkStepOrder(oneLate, nodes)).toEqual([]);
    const bothLate = plan([
      { id: 'app', title: 'App', restores: ['app'] },
      { id: 'sw1', title: 'Switch 1', restores: ['sw1'], after: ['app'] },
      { id: 'sw2', title: 'Switch 2', restores: ['sw2'], after: ['app'] },
    ]);
    expect(checkStepOrder(bothLate, nodes).map((p) => p.steps)).toEqual([['app', 'sw1', 'sw2']]);
  });

  it('reports steps that wait for each other in a loop, since none of them can start', () => {
    const spec = plan([
      { id: 'a', title: 'A', after: ['b'] },
      { id: 'b', title: 'B', after: ['a'] },
    ]);
    expect(checkStepOrder(spec, nodes)).toMatchObject([{ type: 'cycle', steps: ['a', 'b'] }]);
  });
});

describe('stepsInOrder', () => {
  it('puts a step after the steps it waits for and keeps the written order otherwise', () => {
    const spec: PlanSpec = {
      ...plan([]),
      phases: {
        reconstitution: [{ id: 'move-back', title: 'Move back' }],
        activation: [{ id: 'call', title: 'Call' }],
        recovery: [
          { id: 'restore-app', title: 'App', after: ['restore-db'] },
          { id: 'restore-san', title: 'SAN' },
          { id: 'restore-db', title: 'DB', after: ['restore-san'] },
          { id: 'tell-staff', title: 'Staff' },
        ],
      },
    };
    expect(stepsInOrder(spec).map(({ phase, step }) => `${phase}:${step.id}`)).toEqual([
      'activation:call',
      'recovery:restore-san',
      'recovery:restore-db',
      'recovery:restore-app',
      'recovery:tell-staff',
      'reconstitution:move-back',
    ]);
  });

  it('still lists every step once when some wait for each other in a loop', () => {
    const spec = plan([
      { id: 'a', title: 'A', after: ['b'] },
      { id: 'b', title: 'B', after: ['a'] },
      { id: 'c', title: 'C' },
    ]);
    expect(stepsInOrder(spec).map(({ step }) => step.id)).toEqual(['c', 'a', 'b']);
  });
});
