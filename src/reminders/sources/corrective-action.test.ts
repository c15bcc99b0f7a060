import { describe, expect, it } from 'vitest';
import { POLICY, doc, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import { dueItems } from '../due-items.ts';
import { correctiveActionSource } from './corrective-action.ts';

describe('corrective action reminders', () => {
  const catalog = [
    ...smallCatalog(),
    doc(
      'Incident',
      'inc-1',
      {
        title: 'Database lost',
        started: '2025-01-01T08:00:00Z',
        failed: ['db'],
        actions: [
          { title: 'Test the restore', owner: 'ana', due: '2025-01-31', status: 'open' },
          { title: 'Buy a second disk', owner: 'ana', due: '2025-01-15', status: 'done' },
          { title: 'Write the runbook', owner: 'ops', due: '2025-03-31', status: 'open' },
        ],
      },
      { name: 'Database lost' },
    ),
    doc('Exercise', 'ex-1', {
      title: 'Restore test',
      type: 'walkthrough',
      plans: [],
      scheduled: '2025-01-05',
      status: 'done',
      findings: [
        {
          id: 'slow',
          title: 'The restore was slow',
          severity: 'high',
          owner: 'ops',
          due: '2025-01-20',
          status: 'open',
        },
      ],
    }),
  ];

  it('reminds the owners of open actions past their due date, a team through its lead', () => {
    expect(dueItems(catalog, POLICY, '2025-02-01', [correctiveActionSource])).toEqual([
      {
        key: 'action:ex-1:slow',
        source: 'action',
        what: 'corrective action overdue',
        subject: 'The restore was slow',
        due: '2025-01-20',
        overdue: true,
        document: { kind: 'Exercise', id: 'ex-1', title: 'Restore test', path: '/exercises/ex-1' },
        recipients: ['bob'],
        approvers: false,
      },
      {
        key: 'action:inc-1:1',
        source: 'action',
        what: 'corrective action overdue',
        subject: 'Test the restore',
        due: '2025-01-31',
        overdue: true,
        document: { kind: 'Incident', id: 'inc-1', title: 'Database lost', path: '/incidents/inc-1' },
        recipients: ['ana'],
        approvers: false,
      },
    ]);
  });

  it('says nothing of an action on its due day: it is not yet overdue', () => {
    expect(dueItems(catalog, POLICY, '2025-01-20', [correctiveActionSource])).toEqual([]);
  });
});
