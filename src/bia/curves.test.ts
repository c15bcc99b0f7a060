import { describe, expect, it } from 'vitest';
import {
  categoryLevelAt,
  derivedMtpd,
  impactLevelAt,
  lossAt,
  pointsOf,
  suggestedRto,
  suggestedTier,
} from './curves.ts';
import { effectivePolicy } from './policy.ts';

const impacts = {
  financial: { '1h': 1, '4h': 2, '1d': 4 },
  customers: { '1h': 2, '4h': 3, '1d': 3 },
};

describe('BIA curves', () => {
  it('reads a category at the largest listed horizon not after t, 0 before the first', () => {
    expect(categoryLevelAt(impacts.financial, 30)).toBe(0);
    expect(categoryLevelAt(impacts.financial, 60)).toBe(1);
    expect(categoryLevelAt(impacts.financial, 239)).toBe(1);
    expect(categoryLevelAt(impacts.financial, 240)).toBe(2);
    expect(categoryLevelAt(impacts.financial, 10_000)).toBe(4);
  });

  it('takes the impact level as the largest over the categories', () => {
    expect(impactLevelAt(impacts, 60)).toBe(2); // customers 2 > financial 1
    expect(impactLevelAt(impacts, 1440)).toBe(4); // financial 4 > customers 3
  });

  it('derives the MTPD, the suggested RTO and the suggested tier from the default policy', () => {
    const policy = effectivePolicy();
    // Level 4 (the default tolerance) is first reached at 1d.
    expect(derivedMtpd(impacts, policy)).toBe(1440);
    expect(derivedMtpd({ financial: { '1h': 1, '4w': 3 } }, policy)).toBeUndefined();
    expect(suggestedRto(1440, { workRecoveryMinutes: 120 })).toBe(1320);
    expect(suggestedRto(60, { workRecoveryMinutes: 120 })).toBe(0);
    // Tiers 1: 4h, 2: 1d, 3: 1w: a 1d MTPD is tier 2, 4h tier 1, 2w beyond every tier.
    expect(suggestedTier(1440, policy)).toBe(2);
    expect(suggestedTier(240, policy)).toBe(1);
    expect(suggestedTier(20_160, policy)).toBeUndefined();
  });

  it('interpolates the loss linearly from (0, 0) and extends the last slope', () => {
    const points = pointsOf({ '4h': 60_000, '1h': 10_000 });
    expect(lossAt(points, 0)).toBe(0);
    expect(lossAt(points, 30)).toBe(5_000); // half of the first segment
    expect(lossAt(points, 60)).toBe(10_000);
    expect(lossAt(points, 150)).toBe(35_000); // 10,000 + 50,000 x 90/180
    // Past 4h: the last slope (50,000 over 180 minutes) goes on: 60,000 + 50,000 x 180/180.
    expect(lossAt(points, 420)).toBe(110_000);
    expect(lossAt(points, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(lossAt([], 100)).toBe(0);
  });
});
