import { describe, expect, it } from 'vitest';
import { POLICY, doc, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import { dueItems } from '../due-items.ts';
import { riskReviewSource } from './risk-review.ts';

const risk = (lastReviewed?: string) =>
  doc(
    'Risk',
    'risk-db',
    {
      category: 'technical',
      description: 'The database is corrupted.',
      owner: 'ops',
      likelihood: 2,
      impact: 3,
      ...(lastReviewed && { lastReviewed }),
    },
    { name: 'Database corruption' },
  );

describe('risk review reminders', () => {
  // The default policy reviews every 52 weeks: 364 days after 2025-01-01 is 2025-12-31.
  it("reminds the risk's owner when the review interval has passed", () => {
    expect(
      dueItems([...smallCatalog(), risk('2025-01-01')], POLICY, '2025-12-31', [riskReviewSource]),
    ).toEqual([
      {
        key: 'risk-review:risk-db',
        source: 'risk-review',
        what: 'risk review due',
        subject: 'Database corruption',
        due: '2025-12-31',
        overdue: false,
        document: { kind: 'Risk', id: 'risk-db', title: 'Database corruption', path: '/risks/risk-db' },
        recipients: ['bob'],
        approvers: false,
      },
    ]);
    expect(
      dueItems([...smallCatalog(), risk('2025-01-01')], POLICY, '2025-12-30', [riskReviewSource]),
    ).toEqual([]);
  });

  it('reminds a risk never reviewed as overdue', () => {
    expect(dueItems([...smallCatalog(), risk()], POLICY, '2025-06-01', [riskReviewSource])).toMatchObject([
      { due: null, overdue: true },
    ]);
  });
});
