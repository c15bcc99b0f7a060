import { describe, expect, it } from 'vitest';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import type { PlanStep } from '../catalog/kinds/plan.kind.ts';
import { planTimeline } from './plan-timeline.ts';

type Phases = NonNullable<PlanSpec['phases']>;

const plan = (phases: Phases): PlanSpec => ({
  services: ['shop'],
  owner: 'ops',
  scenario: { description: 'loss of the data centre', fail: ['dc'] },
  activation: 'the duty manager invokes the plan',
  phases,
});

const step = (id: string, over: Partial<PlanStep> = {}): PlanStep => ({
  id,
  title: id,
  ...over,
});

describe('planTimeline', () => {
  it('starts a step when the steps in its after list are finished, and runs independent steps side by side', () => {
    const timeline = planTimeline(
      plan({
        recovery: [
          step('network', { duration: '1h', restores: ['net'] }),
          step('storage', { duration: '30m', restores: ['san'] }),
          step('database', { duration: '2h', after: ['network', 'storage'], restores: ['db'] }),
        ],
      }),
    );
    expect(timeline.steps.map((s) => [s.id, s.startMinutes, s.endMinutes, s.known])).toEqual([
      ['network', 0, 60, true],
      ['storage', 0, 30, true],
      ['database', 60, 180, true],
    ]);
    expect(timeline.known).toBe(true);
    expect([...timeline.restoredAt]).toEqual([
      ['net', 60],
      ['san', 30],
      ['db', 180],
    ]);
  });

  it('starts a later phase only when every step of the earlier phases is finished', () => {
    const timeline = planTimeline(
      plan({
        activation: [step('call', { duration: '15m' }), step('assess', { duration: '45m' })],
        recovery: [step('fail-over', { duration: '1h', restores: ['db'] })],
        reconstitution: [step('return', { duration: '1d' })],
      }),
    );
    expect(timeline.steps.map((s) => [s.id, s.startMinutes, s.endMinutes])).toEqual([
      ['call', 0, 15],
      ['assess', 0, 45],
      ['fail-over', 45, 105],
      ['return', 105, 105 + 24 * 60],
    ]);
    expect(timeline.restoredAt.get('db')).toBe(105);
  });

  it('counts a step without a duration as 0 and marks its end and every end after it as a lower bound', () => {
    const timeline = planTimeline(
      plan({
        recovery: [
          step('rebuild', { restores: ['vm'] }),
          step('start', { duration: '10m', after: ['rebuild'], restores: ['app'] }),
          step('other', { duration: '5m', restores: ['mail'] }),
        ],
      }),
    );
    expect(timeline.steps.map((s) => [s.id, s.endMinutes, s.known])).toEqual([
      ['rebuild', 0, false],
      ['start', 10, false],
      ['other', 5, true],
    ]);
    expect(timeline.known).toBe(false);
    expect([...timeline.restoredAtBound].sort()).toEqual(['app', 'vm']);
  });

  it('takes the earliest end when several steps restore the same node', () => {
    const timeline = planTimeline(
      plan({
        recovery: [
          step('slow', { duration: '3h', restores: ['db'] }),
          step('fast', { duration: '1h', restores: ['db'] }),
        ],
      }),
    );
    expect(timeline.restoredAt.get('db')).toBe(60);
  });

  it('never starts steps that wait on each other in a loop, nor the steps after them', () => {
    const timeline = planTimeline(
      plan({
        recovery: [
          step('a', { duration: '1h', after: ['b'], restores: ['x'] }),
          step('b', { duration: '1h', after: ['a'] }),
          step('c', { duration: '1h', after: ['a'], restores: ['y'] }),
          step('d', { duration: '1h', restores: ['z'] }),
        ],
      }),
    );
    expect(timeline.blocked).toEqual(['a', 'b', 'c']);
    expect(timeline.steps.find((s) => s.id === 'c')).toMatchObject({ startMinutes: null, endMinutes: null });
    expect([...timeline.restoredAt]).toEqual([['z', 60]]);
  });

  it('gives an empty timeline to a plan without steps', () => {
    const timeline = planTimeline(plan({}));
    expect(timeline).toMatchObject({ steps: [], known: true, blocked: [] });
    expect(timeline.restoredAt.size).toBe(0);
  });
});
