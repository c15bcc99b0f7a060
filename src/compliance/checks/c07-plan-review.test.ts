import { describe, expect, it } from 'vitest';
import { doc, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { planReviewCheck } from './c07-plan-review.ts';

const items = (documents: CatalogDocument[], at: string, source: 'files' | 'database' = 'files') =>
  planReviewCheck.items(complianceContext({ at, documents, source }));

const reviewed = plan('p1', { lastReviewed: '2025-01-15', reviewInterval: '4w' });

describe('C07 plan review', () => {
  it('passes the day before the interval ends, saying when the plan is due again', () => {
    expect(items([...smallCatalog(), reviewed], '2025-02-11')).toEqual([
      {
        id: 'p1',
        kind: 'Plan',
        status: 'pass',
        message:
          'The plan "Plan p1" (p1) was reviewed on 2025-01-15 and is due again on 2025-02-12 (every 4w).',
        path: '/plans/p1',
        evidence: [
          { type: 'document', kind: 'Plan', id: 'p1', title: 'Plan "Plan p1" (p1)', path: '/plans/p1' },
        ],
      },
    ]);
  });

  it('fails on the day the interval ends, as the plan-review reminder falls due', () => {
    expect(items([...smallCatalog(), reviewed], '2025-02-12')).toMatchObject([
      {
        status: 'fail',
        message:
          'The plan "Plan p1" (p1) is due for review: the review interval (4w) since the last review on 2025-01-15 ended on 2025-02-12. Review it and record the date it was reviewed.',
        path: '/plans/p1',
      },
    ]);
  });

  it('fails a plan never reviewed, and counts an approval as the last review', () => {
    expect(items([...smallCatalog(), plan('p2')], '2025-02-01')[0]!.message).toBe(
      'The plan "Plan p2" (p2) is due for review: the plan has never been reviewed. Review it and record the date it was reviewed.',
    );
    const approved = plan('p3', {
      status: 'approved',
      approvedBy: 'carol',
      approvedAt: '2025-01-20T09:00:00Z',
    });
    expect(items([...smallCatalog(), approved], '2025-06-01', 'database')[0]).toMatchObject({
      status: 'pass',
      message:
        'The plan "Plan p3" (p3) was reviewed on 2025-01-20, nothing in its scope changed since, and is due again on 2026-01-19 (every 52w).',
    });
  });

  it('fails a plan after a document in its scope changed, and not for one unchanged since the plan arrived', () => {
    const created = { createdAt: '2024-12-01T00:00:00Z', version: 1 };
    const base = plan('p1', { lastReviewed: '2025-01-15' });
    const p1 = { ...base, metadata: { ...base.metadata, ...created } } as CatalogDocument;
    const db = (metadata: Partial<CatalogDocument['metadata']>) =>
      doc('Component', 'db', { type: 'database', owner: 'ops' }, metadata);
    const others = smallCatalog().filter((d) => d.metadata.id !== 'db');
    expect(
      items([...others, db({ ...created, updatedAt: '2024-12-01T00:00:00Z' }), p1], '2025-06-01', 'database'),
    ).toMatchObject([{ status: 'pass' }]);
    expect(
      items([...others, db({ version: 2, updatedAt: '2025-03-04T10:00:00Z' }), p1], '2025-06-01', 'database'),
    ).toMatchObject([
      {
        status: 'fail',
        message:
          'The plan "Plan p1" (p1) is due for review: the Component "db" changed on 2025-03-04, after the last review on 2025-01-15. Review it and record the date it was reviewed.',
      },
    ]);
  });

  it('is not applicable without plans or with only retired ones', () => {
    expect(items(smallCatalog(), '2025-02-01')).toEqual([]);
    expect(items([...smallCatalog(), plan('p4', { status: 'retired' })], '2025-02-01')).toEqual([]);
  });

  it('fails the check in the report when one plan of two is overdue', () => {
    const catalog = [...smallCatalog(), reviewed, plan('p2', { lastReviewed: '2025-02-01' })];
    const report = evaluateCompliance({ at: '2025-02-20', documents: catalog, source: 'files' });
    expect(report.checks.find((check) => check.id === 'C07')).toMatchObject({
      status: 'fail',
      passed: 1,
      failed: 1,
      items: [
        { id: 'p1', status: 'fail' },
        { id: 'p2', status: 'pass' },
      ],
    });
  });
});
