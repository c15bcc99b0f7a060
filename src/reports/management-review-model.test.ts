import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { ComplianceReport } from '../compliance/types.ts';
import type { RiskAnalysis } from '../risk/analysis.ts';
import { managementReviewModel } from './management-review-model.ts';
import type { ManagementReviewInput, TrendSnapshot } from './management-review-model.ts';

const FROM = '2025-12-07';
const TO = '2026-12-06';

const doc = (kind: string, id: string, spec: object, metadata: object = {}) =>
  ({ apiVersion: 'lifeboat/v1', kind, metadata: { id, ...metadata }, spec }) as unknown as CatalogDocument;

const risk = (id: string, name: string, spec: object) =>
  doc('Risk', id, { category: 'technical', owner: 'ana', description: name, ...spec }, { name });

const documents = [
  doc('Person', 'ana', {}, { name: 'Ana Silva', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2026-02-01T00:00:00Z' }),
  // Above the appetite (9) with no treatment: a decision.
  risk('risk-untreated', 'Untreated', { likelihood: 5, impact: 5 }),
  // Accepted, but the acceptance ended before the period's end: a decision.
  risk('risk-lapsed', 'Lapsed acceptance', {
    likelihood: 4,
    impact: 3,
    treatment: { decision: 'accept' },
    acceptance: { by: 'ana', on: '2025-01-01', until: '2026-06-30' },
  }),
  // Mitigated with a residual score within the appetite, and an overdue action.
  risk(
    'risk-mitigated',
    'Mitigated',
    {
      likelihood: 2,
      impact: 2,
      treatment: {
        decision: 'mitigate',
        actions: [{ title: 'Second line', owner: 'ana', due: '2026-12-05', status: 'open' }],
      },
    },
    ),
];

const report: ComplianceReport = {
  at: TO,
  score: 0.75,
  checks: [
    {
      id: 'C06',
      title: 'Services covered by complete approved plans',
      rule: '...',
      severity: 'high',
      status: 'fail',
      passed: 3,
      failed: 1,
      items: [{ id: 'payments', kind: 'Service', status: 'fail', message: 'no plan' }],
      references: [],
    },
    {
      id: 'C12',
      title: 'Risks owned, treated and reviewed',
      rule: '...',
      severity: 'medium',
      status: 'fail',
      passed: 1,
      failed: 2,
      items: [],
      references: [],
    },
  ],
  frameworks: [],
};

const snapshot = (date: string, score: number, c06: 'pass' | 'fail'): TrendSnapshot => ({
  date,
  score,
  checks: [
    { id: 'C06', status: c06, passed: 3, failed: c06 === 'fail' ? 1 : 0 },
    { id: 'C12', status: 'fail', passed: 1, failed: 2 },
  ],
});

const input: ManagementReviewInput = {
  report,
  // One snapshot before the period (left out), two within it.
  trend: [snapshot('2026-12-06', 0.75, 'fail'), snapshot('2025-12-06', 0.1, 'fail'), snapshot('2025-12-07', 0.5, 'pass')],
  documents,
  from: FROM,
  to: TO,
  generatedAt: new Date('2026-12-06T10:00:00Z'),
};

describe('managementReviewModel', () => {
  it('reads the trend and the changed checks from the first and the last snapshot within the period', () => {
    const model = managementReviewModel(input);
    expect(model.readiness.score).toBe('75 %');
    expect(model.readiness.change).toBe('From 50 % on 2025-12-07 to 75 % on 2026-12-06 (up 25 points).');
    expect(model.readiness.points.map((p) => p.date)).toEqual(['2025-12-07', '2026-12-06']);
    expect(model.readiness.chart.points.map((p) => [p.x, p.y])).toEqual([
      [0, 50],
      [100, 75],
    ]);
    expect(model.checkChanges).toEqual([
      {
        id: 'C06',
        title: 'Services covered by complete approved plans',
        from: 'pass on 2025-12-07',
        to: 'fail on 2026-12-06 (3 passing, 1 failing)',
      },
    ]);
  });

  it('lists as decisions the failing high-severity checks, the untreated and lapsed risks above appetite and the overdue actions', () => {
    expect(managementReviewModel(input).decisions).toEqual([
      'Fix C06 Services covered by complete approved plans (high severity): 1 item failing (payments).',
      'Decide the treatment of the risk "Untreated": its score 25 is above the appetite 9 and it has none.',
      'Renew or change the acceptance of the risk "Lapsed acceptance" (score 12, above the appetite 9): it ended on 2026-06-30.',
      'See to the overdue action "Second line" (Mitigated), due 2026-12-05, owner Ana Silva.',
    ]);
  });

  it('ranks risks by annual loss expectancy when the analysis comes in, and by score without it', () => {
    expect(managementReviewModel(input).risks.rows.map((r) => r.id)).toEqual([
      'risk-untreated',
      'risk-lapsed',
      'risk-mitigated',
    ]);
    const analysis = {
      runs: 10_000,
      risks: [
        { id: 'risk-mitigated', ale: 900_000, p90: 2_000_000, aboveAppetite: false },
        { id: 'risk-untreated', ale: 1_000, p90: 5_000, aboveAppetite: true },
      ],
    } as unknown as RiskAnalysis;
    const model = managementReviewModel({ ...input, risks: analysis });
    expect(model.risks.rows.map((r) => [r.id, r.ale])).toEqual([
      ['risk-mitigated', 'EUR 900,000'],
      ['risk-untreated', 'EUR 1,000'],
      ['risk-lapsed', '-'],
    ]);
    expect(model.risks.basis).toContain('Monte Carlo, 10,000 simulated years per risk');
  });

  it('counts the documents created and updated within the period by kind', () => {
    expect(managementReviewModel(input).documentChanges).toEqual([{ kind: 'Person', created: 0, updated: 1 }]);
  });
});
