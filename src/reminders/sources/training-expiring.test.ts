import { describe, expect, it } from 'vitest';
import { POLICY, doc, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import { dueItems } from '../due-items.ts';
import { trainingExpiringSource } from './training-expiring.ts';

describe('training expiring reminders', () => {
  // Ana is the plan's contact and was trained on 2026-01-10 for 8 weeks: until 2026-03-07.
  const catalog = [
    ...smallCatalog(),
    plan('p1', { contacts: [{ id: 'ana' }] }),
    doc('Training', 't-1', {
      title: 'Briefing',
      plans: ['p1'],
      date: '2026-01-10',
      attendees: ['ana'],
      validFor: '8w',
    }),
  ];

  it('tells the person four weeks before their training stops counting', () => {
    expect(dueItems(catalog, POLICY, '2026-02-07', [trainingExpiringSource])).toEqual([
      {
        key: 'training:p1:ana',
        source: 'training',
        what: 'training expiring',
        subject: 'Plan p1',
        due: '2026-03-07',
        overdue: false,
        document: { kind: 'Plan', id: 'p1', title: 'Plan p1', path: '/plans/p1' },
        recipients: ['ana'],
        approvers: false,
      },
    ]);
    expect(dueItems(catalog, POLICY, '2026-02-06', [trainingExpiringSource])).toEqual([]);
  });

  it('says it has expired once the date has passed', () => {
    expect(dueItems(catalog, POLICY, '2026-03-08', [trainingExpiringSource])).toMatchObject([
      { what: 'training expired', overdue: true, due: '2026-03-07' },
    ]);
  });
});
