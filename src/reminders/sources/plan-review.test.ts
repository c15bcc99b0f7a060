import { describe, expect, it } from 'vitest';
import { POLICY, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import { dueItems } from '../due-items.ts';
import { planReviewSource } from './plan-review.ts';

const items = (documents: ReturnType<typeof smallCatalog>, today: string) =>
  dueItems(documents, POLICY, today, [planReviewSource]);

describe('plan review reminders', () => {
  const catalog = [...smallCatalog(), plan('p1', { lastReviewed: '2025-01-15', reviewInterval: '4w' })];

  it('reminds the owning team lead on the day the review interval ends, linking the plan', () => {
    expect(items(catalog, '2025-02-12')).toEqual([
      {
        key: 'plan-review:p1',
        source: 'plan-review',
        what: 'plan review due',
        subject: 'Plan p1',
        due: '2025-02-12',
        overdue: false,
        document: { kind: 'Plan', id: 'p1', title: 'Plan p1', path: '/plans/p1' },
        recipients: ['bob'],
        approvers: false,
      },
    ]);
  });

  it('marks it overdue after that day, and says nothing before it', () => {
    expect(items(catalog, '2025-02-13')).toMatchObject([{ due: '2025-02-12', overdue: true }]);
    expect(items(catalog, '2025-02-11')).toEqual([]);
  });

  it('reminds a plan never reviewed as overdue with no date, and never a retired plan', () => {
    expect(items([...smallCatalog(), plan('p2')], '2025-02-01')).toMatchObject([
      { key: 'plan-review:p2', due: null, overdue: true },
    ]);
    expect(items([...smallCatalog(), plan('p3', { status: 'retired' })], '2025-02-01')).toEqual([]);
  });
});
