import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, effectivePolicy } from '../../../src/bia/policy.ts';
import { documentSchemas } from '../../../src/catalog/kinds.ts';
import type { RiskDocument, RiskFigures } from '../api/risk';
import {
  acceptanceState,
  exceedanceAt,
  filterRows,
  formatMoney,
  formatProbability,
  heatMap,
  lossHistogram,
  riskFromSuggestion,
  riskRows,
  sortRows,
  suggestionRiskId,
  topByAle,
  untreatedReason,
} from './risk-model';

const TODAY = '2026-06-15';
const policy = effectivePolicy(); // appetite 9, review interval 52 weeks

function risk(id: string, spec: Partial<RiskDocument['spec']> = {}, name?: string): RiskDocument {
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'Risk',
    metadata: { id, ...(name !== undefined && { name }) },
    spec: {
      category: 'technical',
      owner: 'ops',
      description: 'A threat.',
      likelihood: 2,
      impact: 3,
      lastReviewed: '2026-01-10',
      ...spec,
    },
  };
}

const figures = (id: string, ale: number | null): RiskFigures => ({
  id,
  score: 0,
  residualScore: null,
  aboveAppetite: false,
  frequencyMean: null,
  lossPerEventMean: null,
  ale,
  p50: null,
  p90: null,
  p95: null,
  p99: null,
  probabilityOfLoss: null,
  exceedance: null,
  suggestedImpact: null,
});

describe('riskRows', () => {
  it('scores each risk, weighs the residual score against the appetite, and joins its ALE', () => {
    const [flood, ransomware] = riskRows(
      [
        risk('flood', { likelihood: 2, impact: 5, residual: { likelihood: 2, impact: 3 } }, 'Flood'),
        risk('ransomware', { likelihood: 4, impact: 5 }),
      ],
      [figures('flood', 125_000)],
      policy,
      TODAY,
    );
    // 2 x 5 = 10 is over the appetite of 9, but the treatment brought it to 6: what counts is 6.
    expect(flood).toMatchObject({ score: 10, residualScore: 6, currentScore: 6, aboveAppetite: false });
    expect(flood?.ale).toBe(125_000);
    expect(flood?.name).toBe('Flood');
    expect(ransomware).toMatchObject({ score: 20, residualScore: null, aboveAppetite: true, ale: null });
    expect(ransomware?.name).toBe('ransomware');
  });

  it('is due for review past the policy interval after the last review, or when never reviewed', () => {
    const rows = riskRows(
      [
        risk('recent', { lastReviewed: '2026-01-10' }),
        risk('old', { lastReviewed: '2025-05-01' }),
        risk('never', { lastReviewed: undefined }),
      ],
      undefined,
      policy,
      TODAY,
    );
    expect(rows.map((row) => [row.id, row.reviewDue])).toEqual([
      ['recent', false],
      ['old', true],
      ['never', true],
    ]);
    // A policy reviewing every 4 weeks makes January's review due by June.
    const monthly = effectivePolicy({ id: 'policy', spec: { reviewInterval: '4w' } });
    expect(riskRows([risk('recent')], undefined, monthly, TODAY)[0]?.reviewDue).toBe(true);
  });
});

describe('acceptanceState', () => {
  const accepted = (until: string) =>
    risk('hsm', {
      treatment: { decision: 'accept' },
      acceptance: { by: 'ana', on: '2026-01-01', until },
    });
  it('is current up to and on its last day, expired the day after, none without one', () => {
    expect(acceptanceState(accepted('2026-06-15'), TODAY)).toBe('current');
    expect(acceptanceState(accepted('2026-06-14'), TODAY)).toBe('expired');
    expect(acceptanceState(risk('plain'), TODAY)).toBe('none');
  });
});

describe('filterRows and sortRows', () => {
  const rows = riskRows(
    [
      risk('a-flood', { category: 'natural', owner: 'facilities', likelihood: 2, impact: 5 }, 'Flood'),
      risk(
        'b-ransom',
        { category: 'cyber', likelihood: 4, impact: 5, lastReviewed: '2024-01-01' },
        'Ransomware',
      ),
      risk(
        'c-telecom',
        { category: 'supplier', likelihood: 3, impact: 3, residual: { likelihood: 1, impact: 3 } },
        'Telecom',
      ),
    ],
    [figures('a-flood', 50_000), figures('c-telecom', 900_000)],
    policy,
    TODAY,
  );

  it('filters by category, owner, appetite, review and heat map cell', () => {
    const ids = (filters: Parameters<typeof filterRows>[1]) => filterRows(rows, filters).map((row) => row.id);
    expect(ids({ category: 'cyber' })).toEqual(['b-ransom']);
    expect(ids({ owner: 'facilities' })).toEqual(['a-flood']);
    expect(ids({ appetite: 'yes' })).toEqual(['a-flood', 'b-ransom']);
    expect(ids({ appetite: 'no' })).toEqual(['c-telecom']);
    expect(ids({ reviewDue: 'yes' })).toEqual(['b-ransom']);
    expect(ids({ cell: { scale: 'inherent', likelihood: 3, impact: 3 } })).toEqual(['c-telecom']);
    // On the residual map the telecom risk has moved to likelihood 1; a risk without a residual stays put.
    expect(ids({ cell: { scale: 'residual', likelihood: 3, impact: 3 } })).toEqual([]);
    expect(ids({ cell: { scale: 'residual', likelihood: 1, impact: 3 } })).toEqual(['c-telecom']);
    expect(ids({ cell: { scale: 'residual', likelihood: 4, impact: 5 } })).toEqual(['b-ransom']);
    expect(ids({ category: 'natural', appetite: 'no' })).toEqual([]);
  });

  it('sorts either way, with a missing value last whichever the direction', () => {
    const order = (key: Parameters<typeof sortRows>[1], direction: 'asc' | 'desc') =>
      sortRows(rows, key, direction).map((row) => row.id);
    expect(order('ale', 'desc')).toEqual(['c-telecom', 'a-flood', 'b-ransom']);
    expect(order('ale', 'asc')).toEqual(['a-flood', 'c-telecom', 'b-ransom']);
    expect(order('score', 'desc')).toEqual(['b-ransom', 'a-flood', 'c-telecom']);
    expect(order('residualScore', 'asc')).toEqual(['c-telecom', 'a-flood', 'b-ransom']);
    expect(order('name', 'asc')).toEqual(['a-flood', 'b-ransom', 'c-telecom']);
  });
});

describe('heatMap', () => {
  it('puts the most likely row on top, counts each cell and colours it against the appetite', () => {
    const rows = riskRows(
      [
        risk('x', { likelihood: 4, impact: 5 }),
        risk('y', { likelihood: 4, impact: 5 }),
        risk('z', { likelihood: 1, impact: 2 }),
      ],
      undefined,
      policy,
      TODAY,
    );
    const grid = heatMap(rows, 'inherent', policy);
    expect(grid).toHaveLength(5);
    expect(grid.map((cells) => cells[0]?.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(grid[1]?.[4]).toMatchObject({
      likelihood: 4,
      impact: 5,
      score: 20,
      aboveAppetite: true,
      count: 2,
    });
    expect(grid[4]?.[1]).toMatchObject({
      likelihood: 1,
      impact: 2,
      score: 2,
      aboveAppetite: false,
      count: 1,
    });
    // 3 x 3 = 9 is the appetite itself: acceptable.
    expect(grid[2]?.[2]).toMatchObject({ score: 9, aboveAppetite: false, count: 0 });
    expect(grid.flat().reduce((sum, cell) => sum + cell.count, 0)).toBe(3);
  });

  it('follows the policy: its appetite and its number of levels', () => {
    const strict = effectivePolicy({
      id: 'policy',
      spec: {
        risk: {
          appetite: 4,
          likelihood: [
            { level: 1, name: 'Low' },
            { level: 2, name: 'Medium' },
            { level: 3, name: 'High' },
          ],
        },
      },
    });
    const grid = heatMap([], 'inherent', strict);
    expect(grid).toHaveLength(3);
    expect(grid[0]).toHaveLength(DEFAULT_POLICY.risk.impact.length);
    expect(grid[2]?.[1]).toMatchObject({ score: 2, aboveAppetite: false });
    expect(grid[1]?.[2]).toMatchObject({ score: 6, aboveAppetite: true });
  });
});

describe('money and probabilities', () => {
  it('formats money in the policy currency, compact from a million', () => {
    expect(formatMoney(125_000, 'EUR', 'en-GB')).toBe('€125,000');
    expect(formatMoney(1_613_000_000, 'GBP', 'en-GB')).toBe('£1.6bn');
    expect(formatProbability(0.1234)).toBe('12%');
    expect(formatProbability(0.0456)).toBe('4.6%');
    expect(formatProbability(0.0004)).toBe('<0.1%');
    expect(formatProbability(0)).toBe('0%');
  });
});

describe('the histogram of annual loss', () => {
  // A year loses something 40% of the time; more than 10k 30%, more than 100k 10%, more than 1M 1%.
  const curve = [
    { loss: 10_000, probability: 0.3 },
    { loss: 100_000, probability: 0.1 },
    { loss: 1_000_000, probability: 0.01 },
  ];

  it('reads the exceedance curve between its points, from the chance of any loss at zero', () => {
    expect(exceedanceAt(curve, 0.4, 0)).toBeCloseTo(0.4);
    expect(exceedanceAt(curve, 0.4, 5_000)).toBeCloseTo(0.35);
    expect(exceedanceAt(curve, 0.4, 100_000)).toBeCloseTo(0.1);
    expect(exceedanceAt(curve, 0.4, 550_000)).toBeCloseTo(0.055);
    expect(exceedanceAt(curve, 0.4, 5_000_000)).toBeCloseTo(0.01);
  });

  it('starts with the years without loss, ends with the tail, and its bars add up to every year', () => {
    const bins = lossHistogram(curve, 0.4, 'EUR', 10, 'en-GB');
    expect(bins[0]).toMatchObject({ label: 'no loss', probability: 0.6 });
    expect(bins.at(-1)).toMatchObject({ label: 'over €1m', to: null });
    expect(bins.at(-1)?.probability).toBeCloseTo(0.01);
    expect(bins.reduce((sum, bin) => sum + bin.probability, 0)).toBeCloseTo(1, 10);
    // Losses spanning two orders of magnitude get log-spaced ranges: 0-10k, then 10k up to 1M by equal ratios.
    expect(bins[1]).toMatchObject({ from: 0, to: 10_000 });
    expect(bins[1]?.probability).toBeCloseTo(0.1);
    expect((bins[3]?.to ?? 0) / (bins[3]?.from ?? 1)).toBeCloseTo((bins[4]?.to ?? 0) / (bins[4]?.from ?? 1));
  });

  it('uses equal widths when the losses stay within two orders of magnitude', () => {
    const narrow = [
      { loss: 1_000, probability: 0.5 },
      { loss: 5_000, probability: 0.1 },
    ];
    const bins = lossHistogram(narrow, 0.5, 'EUR', 5, 'en-GB');
    expect(bins.slice(1, 6).map((bin) => bin.to)).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
    expect(bins.reduce((sum, bin) => sum + bin.probability, 0)).toBeCloseTo(1, 10);
  });

  it('is only "no loss" when no year lost anything', () => {
    expect(lossHistogram([], 0, 'EUR')).toEqual([{ label: 'no loss', from: 0, to: 0, probability: 1 }]);
  });
});

describe('riskFromSuggestion', () => {
  const base = {
    node: 'hsm-primary',
    nodeName: 'Primary HSM',
    services: ['payments', 'core-banking'],
    owner: 'security',
    likelihood: 2,
    impact: 4,
    today: TODAY,
  };

  it('makes an accepted Risk the catalog schema takes: the node as scenario, technical, the acceptance', () => {
    const document = riskFromSuggestion({
      ...base,
      decision: 'accept',
      acceptance: { by: 'ana', on: TODAY, until: '2027-06-15' },
    });
    expect(documentSchemas.Risk.safeParse(document).success).toBe(true);
    expect(document.metadata.id).toBe('risk-spof-hsm-primary');
    expect(document.spec).toMatchObject({
      category: 'technical',
      owner: 'security',
      scenario: { fail: ['hsm-primary'] },
      treatment: { decision: 'accept' },
      acceptance: { by: 'ana', on: TODAY, until: '2027-06-15' },
      lastReviewed: TODAY,
    });
    expect(document.spec.description).toContain('payments, core-banking');
  });

  it('records no acceptance for another decision, and an accept without one is refused by the schema', () => {
    const mitigated = riskFromSuggestion({
      ...base,
      decision: 'mitigate',
      acceptance: { by: 'ana', on: TODAY, until: TODAY },
    });
    expect(mitigated.spec.acceptance).toBeUndefined();
    expect(documentSchemas.Risk.safeParse(mitigated).success).toBe(true);
    const unaccepted = riskFromSuggestion({ ...base, decision: 'accept' });
    expect(documentSchemas.Risk.safeParse(unaccepted).success).toBe(false);
  });

  it('keeps the id within 63 characters and ending on a letter or digit', () => {
    const id = suggestionRiskId(`${'a'.repeat(52)}-b-c-d-e`);
    expect(id.length).toBeLessThanOrEqual(63);
    expect(id).toMatch(/[a-z0-9]$/);
  });
});

describe('the dashboard lists', () => {
  const rows = riskRows(
    [
      risk('untreated', { likelihood: 4, impact: 4 }),
      risk('mitigated', { likelihood: 4, impact: 4, treatment: { decision: 'mitigate' } }),
      risk('accepted', {
        likelihood: 4,
        impact: 4,
        treatment: { decision: 'accept' },
        acceptance: { by: 'ana', on: '2026-01-01', until: '2026-12-31' },
      }),
      risk('lapsed', {
        likelihood: 4,
        impact: 4,
        treatment: { decision: 'accept' },
        acceptance: { by: 'ana', on: '2025-01-01', until: '2026-03-31' },
      }),
      risk('small', { likelihood: 1, impact: 2 }),
    ],
    [figures('untreated', 10), figures('mitigated', 300), figures('accepted', 20), figures('small', null)],
    policy,
    TODAY,
  );

  it('names the risks above the appetite without a treatment in force, and why', () => {
    expect(rows.map((row) => [row.id, untreatedReason(row)])).toEqual([
      ['untreated', 'no treatment decided'],
      ['mitigated', null],
      ['accepted', null],
      ['lapsed', 'acceptance ended on 2026-03-31'],
      ['small', null],
    ]);
  });

  it('ranks the quantified risks by ALE, largest first', () => {
    expect(topByAle(rows, 2).map((row) => row.id)).toEqual(['mitigated', 'accepted']);
    expect(topByAle(rows, 10).map((row) => row.id)).toEqual(['mitigated', 'accepted', 'untreated']);
  });
});
