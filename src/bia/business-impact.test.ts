import { describe, expect, it } from 'vitest';
import type { BiaFigures, DownService } from './business-impact.ts';
import { businessImpact, prepareScenarioLoss } from './business-impact.ts';
import { lossAt, pointsOf } from './curves.ts';
import { effectivePolicy } from './policy.ts';

const policy = effectivePolicy({
  id: 'policy',
  spec: {
    organisation: { name: 'Example', currency: 'GBP' },
    impact: { horizons: ['1h', '4h', '1d', '3d'], tolerance: 4 },
  },
});

const current = new Map<string, BiaFigures>([
  [
    'pay',
    {
      impacts: { financial: { '1h': 2, '4h': 3, '1d': 4, '3d': 5 } },
      loss: { '1h': 10_000, '4h': 40_000, '1d': 100_000 },
    },
  ],
  ['crm', { impacts: { customers: { '1h': 1, '4h': 4 } }, loss: { '4h': 8_000 } }],
  ['hr', { impacts: { financial: { '1d': 2 } } }],
]);

const down = (id: string, outageMinutes: number | null, exact = true): DownService => ({
  id,
  outageMinutes,
  exact,
});

describe('a scenario business impact', () => {
  it('sums the losses of the down services at their outage lengths and finds when the tolerance is reached', () => {
    // pay out 6h: 40,000 + 60,000 x 120/1,200 = 46,000 at level 3; crm out 5h: past its only point the slope
    // from (0, 0) goes on, 8,000 + 8,000 x 60/240 = 10,000, at level 4.
    const result = businessImpact(policy, current, [down('pay', 360), down('crm', 300), down('web', 600)]);
    expect(result).toEqual({
      currency: 'GBP',
      totalLoss: 56_000,
      lossKnown: true,
      peakLevel: 4,
      // crm is at level 4 from 4h, and still down then (5h).
      toleranceReachedAtMinutes: 240,
      services: [
        { id: 'crm', outageMinutes: 300, level: 4, loss: 10_000 },
        { id: 'pay', outageMinutes: 360, level: 3, loss: 46_000 },
      ],
    });
  });

  it('does not reach the tolerance with a service back before the horizon where it would be', () => {
    // crm would be at 4 at 4h, but is back after 3h59m.
    const result = businessImpact(policy, current, [down('crm', 239)]);
    expect(result.toleranceReachedAtMinutes).toBeNull();
    expect(result.peakLevel).toBe(1);
  });

  it('makes an unbounded outage an unbounded loss, and a lower-bound restore a lower-bound loss', () => {
    const never = businessImpact(policy, current, [down('pay', null, false), down('crm', 60)]);
    expect(never.totalLoss).toBeNull();
    expect(never.lossKnown).toBe(false);
    expect(never.services[1]).toEqual({ id: 'pay', outageMinutes: null, level: 5, loss: null });
    expect(never.toleranceReachedAtMinutes).toBe(1440);

    const atLeast = businessImpact(policy, current, [down('pay', 60, false)]);
    expect(atLeast.totalLoss).toBe(10_000);
    expect(atLeast.lossKnown).toBe(false);
  });

  it('counts a BIA without loss figures as an unknown loss, not a zero one', () => {
    const result = businessImpact(policy, current, [down('hr', 1440), down('pay', 60)]);
    expect(result.services[0]).toEqual({ id: 'hr', outageMinutes: 1440, level: 2, loss: null });
    expect(result.totalLoss).toBe(10_000);
    expect(result.lossKnown).toBe(false);
  });

  it('costs nothing when no down service has a BIA', () => {
    expect(businessImpact(policy, current, [down('web', 60)])).toEqual({
      currency: 'GBP',
      totalLoss: 0,
      lossKnown: true,
      peakLevel: 0,
      toleranceReachedAtMinutes: null,
      services: [],
    });
  });
});

describe('prepareScenarioLoss', () => {
  it('gives the same total as the loss curves for every factor on the outages', () => {
    const scenario = [down('pay', 360), down('crm', 300), down('hr', 1440)];
    const loss = prepareScenarioLoss(current, scenario);
    expect(loss(1)).toBe(businessImpact(policy, current, scenario).totalLoss);
    for (const factor of [0, 0.1, 0.5, 0.9, 1, 2.5, 10, 100]) {
      const expected =
        lossAt(pointsOf(current.get('pay')!.loss!), 360 * factor) +
        lossAt(pointsOf(current.get('crm')!.loss!), 300 * factor);
      expect(loss(factor)).toBeCloseTo(expected, 6);
    }
  });

  it('is unbounded when a service with losses is never back, and zero with nothing down', () => {
    expect(prepareScenarioLoss(current, [down('pay', null)])(1)).toBe(Number.POSITIVE_INFINITY);
    expect(prepareScenarioLoss(current, [])(3)).toBe(0);
  });
});
