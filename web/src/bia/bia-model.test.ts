import { describe, expect, it } from 'vitest';
import { effectivePolicy } from '../../../src/bia/policy.ts';
import {
  currentAndPending,
  curvePoints,
  decreasingLosses,
  formatMoney,
  levelFloor,
  scenarioLossPoints,
  setLevel,
} from './bia-model';

const HORIZONS = ['1h', '4h', '1d', '3d', '1w', '4w'];
const policy = effectivePolicy(); // defaults: tolerance 4, tiers 1: 4h, 2: 1d, 3: 1w, no work recovery time

describe('the questionnaire grid', () => {
  it('raises the later cells below a new level to it, so a row never decreases over time', () => {
    const row = { '1h': 1, '4h': 2, '1d': 2, '3d': 5 };
    expect(setLevel(row, HORIZONS, '4h', 4)).toEqual({ '1h': 1, '4h': 4, '1d': 4, '3d': 5 });
    // Earlier cells are the user's answers: lowering a cell never rewrites them.
    expect(setLevel(row, HORIZONS, '1d', 1)).toEqual({ '1h': 1, '4h': 2, '1d': 1, '3d': 5 });
    expect(setLevel(row, HORIZONS, '4h', undefined)).toEqual({ '1h': 1, '1d': 2, '3d': 5 });
  });

  it('offers no level below the highest answered earlier on the row', () => {
    const row = { '1h': 3, '4h': 2 };
    expect(levelFloor(row, HORIZONS, '1h')).toBe(0);
    expect(levelFloor(row, HORIZONS, '1d')).toBe(3);
  });

  it('names each loss below an earlier one, with the earlier horizon', () => {
    const found = decreasingLosses({ '1h': 100, '4h': 50, '1d': 80, '3d': 200 }, HORIZONS);
    expect([...found]).toEqual([
      ['4h', '1h'],
      ['1d', '1h'],
    ]);
  });
});

describe('the curve of an assessment', () => {
  const impacts = {
    financial: { '1h': 1, '4h': 2, '1d': 4, '3d': 5 },
    customers: { '1h': 2, '4h': 3, '1d': 3 },
  };

  it('gives the highest level over the categories and the loss at each horizon', () => {
    const points = curvePoints(impacts, { '1h': 1_000, '4h': 4_000 }, policy);
    expect(points.map((p) => [p.label, p.level])).toEqual([
      ['0', 0],
      ['1h', 2],
      ['4h', 3],
      ['1d', 4],
      ['3d', 5],
      ['1w', 5],
      ['4w', 5],
    ]);
    // Past 4h the loss goes on at the last segment's slope, (4000 - 1000) / 180 min: at 1d, 4000 + 1200 x 50/3.
    expect(points[3]!.loss).toBeCloseTo(4_000 + (1_200 * 3_000) / 180);
  });

  it('formats money in the currency, without pennies', () => {
    expect(formatMoney(60_000.4, 'EUR', 'en-GB')).toBe('€60,000');
    expect(formatMoney(Number.POSITIVE_INFINITY, 'EUR', 'en-GB')).toBe('unbounded');
  });
});

describe("a scenario's cumulative loss over time", () => {
  const horizons = [60, 240];
  // a: 600 at 1h, 2400 at 4h (10 a minute throughout); b: 60 at 1h, 60 at 4h (flat after the first hour).
  const curves = new Map([
    ['a', [600, 2_400]],
    ['b', [60, 60]],
  ]);

  it('sums each down service up to its own outage, and stops growing when the last is back', () => {
    const points = scenarioLossPoints(horizons, curves, [
      { id: 'a', outageMinutes: 120 },
      { id: 'b', outageMinutes: 30 },
    ]);
    // t = 30: a 300 + b 30; t = 60: a 600 + b 30 (b came back at 30); t = 120: a 1200 + b 30.
    expect(points.map((p) => [p.minutes, p.loss])).toEqual([
      [0, 0],
      [30, 330],
      [60, 630],
      [120, 1_230],
    ]);
  });

  it('runs an unbounded outage on to the last horizon and leaves out services without a BIA', () => {
    const points = scenarioLossPoints(horizons, curves, [
      { id: 'a', outageMinutes: null },
      { id: 'unassessed', outageMinutes: 10 },
    ]);
    expect(points.map((p) => [p.minutes, p.loss])).toEqual([
      [0, 0],
      [60, 600],
      [240, 2_400],
    ]);
    expect(scenarioLossPoints(horizons, curves, [{ id: 'unassessed', outageMinutes: 10 }])).toEqual([]);
  });
});

describe("a service's current BIA", () => {
  const doc = (id: string, assessedOn: string, status: 'draft' | 'submitted' | 'approved') =>
    ({
      apiVersion: 'lifeboat/v1',
      kind: 'ImpactAssessment',
      metadata: { id },
      spec: { service: 's', assessedBy: 'p', assessedOn, impacts: {}, status },
    }) as const;

  it('is the latest approved by date, with a newer one being worked on beside it', () => {
    const found = currentAndPending([
      doc('old', '2025-01-10', 'approved'),
      doc('mid', '2025-06-01', 'approved'),
      doc('stale-draft', '2025-03-01', 'draft'),
      doc('new', '2026-02-01', 'submitted'),
    ]);
    expect(found.current?.metadata.id).toBe('mid');
    expect(found.pending?.metadata.id).toBe('new');
    expect(currentAndPending([doc('d', '2026-01-01', 'draft')])).toEqual({
      current: undefined,
      pending: doc('d', '2026-01-01', 'draft'),
    });
  });
});
