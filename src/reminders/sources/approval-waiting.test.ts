import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { POLICY, doc, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import { dueItems } from '../due-items.ts';
import { approvalWaitingSource } from './approval-waiting.ts';

/** A document as clients read it once submitted: the status is derived, never stored. */
const submitted = (document: CatalogDocument) =>
  ({ ...document, spec: { ...document.spec, status: 'submitted' } }) as CatalogDocument;

describe('approval waiting reminders', () => {
  it('reminds the approvers of a submitted plan and a submitted assessment, not of drafts', () => {
    const catalog = [
      ...smallCatalog(),
      submitted(plan('p-submitted')),
      plan('p-draft', { status: 'draft' }),
      submitted(
        doc('ImpactAssessment', 'bia-payments', {
          service: 'payments',
          assessedBy: 'ana',
          assessedOn: '2026-03-02',
          impacts: {},
        }),
      ),
    ];
    expect(dueItems(catalog, POLICY, '2026-03-03', [approvalWaitingSource])).toEqual([
      {
        key: 'approval:p-submitted',
        source: 'approval',
        what: 'approval waiting',
        subject: 'Plan p-submitted',
        due: null,
        overdue: false,
        document: { kind: 'Plan', id: 'p-submitted', title: 'Plan p-submitted', path: '/plans/p-submitted' },
        recipients: [],
        approvers: true,
      },
      {
        key: 'approval:bia-payments',
        source: 'approval',
        what: 'approval waiting',
        subject: 'impact assessment of Payments',
        due: null,
        overdue: false,
        document: {
          kind: 'ImpactAssessment',
          id: 'bia-payments',
          title: 'impact assessment of Payments',
          path: '/assessments/bia-payments',
        },
        recipients: [],
        approvers: true,
      },
    ]);
  });
});
