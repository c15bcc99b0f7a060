import { describe, expect, it } from 'vitest';
import { POLICY, doc, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import { dueItems } from '../due-items.ts';
import { exerciseDueSource } from './exercise-due.ts';

describe('exercise due reminders', () => {
  // Payments is tier 1: by the default policy a parallel test every 26 weeks (182 days).
  const exercised = [
    ...smallCatalog(),
    plan('p1'),
    doc('Exercise', 'ex-1', {
      title: 'Parallel test',
      type: 'parallel',
      plans: ['p1'],
      scheduled: '2026-01-10',
      status: 'done',
    }),
  ];

  it('reminds the plan owner on the day the next exercise falls due, overdue after it', () => {
    expect(dueItems(exercised, POLICY, '2026-07-11', [exerciseDueSource])).toEqual([
      {
        key: 'exercise-due:p1',
        source: 'exercise-due',
        what: 'exercise due',
        subject: 'Plan p1',
        due: '2026-07-11',
        overdue: false,
        document: { kind: 'Plan', id: 'p1', title: 'Plan p1', path: '/plans/p1' },
        recipients: ['bob'],
        approvers: false,
      },
    ]);
    expect(dueItems(exercised, POLICY, '2026-07-12', [exerciseDueSource])).toMatchObject([
      { what: 'exercise overdue', overdue: true },
    ]);
    expect(dueItems(exercised, POLICY, '2026-07-10', [exerciseDueSource])).toEqual([]);
  });

  it('reminds a plan never exercised as overdue with no date', () => {
    expect(
      dueItems([...smallCatalog(), plan('p2')], POLICY, '2026-01-01', [exerciseDueSource]),
    ).toMatchObject([{ key: 'exercise-due:p2', due: null, overdue: true }]);
  });
});
