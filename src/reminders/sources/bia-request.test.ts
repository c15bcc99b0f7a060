import { describe, expect, it } from 'vitest';
import { POLICY, doc, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import { dueItems } from '../due-items.ts';
import { biaRequestSource } from './bia-request.ts';

const campaign = doc(
  'Campaign',
  'bia-2026',
  { title: '2026 BIA round', services: { tiers: [1] }, opens: '2026-01-12', due: '2026-03-31' },
  { name: '2026 BIA round' },
);

const assessment = (status: 'draft' | 'approved') =>
  doc('ImpactAssessment', 'bia-payments', {
    service: 'payments',
    assessedBy: 'ana',
    assessedOn: '2026-02-01',
    impacts: {},
    status,
  });

describe('BIA request reminders', () => {
  it('asks the service owner (a team, through its lead) while the campaign is open, overdue after its due date', () => {
    const catalog = [...smallCatalog(), campaign];
    expect(dueItems(catalog, POLICY, '2026-02-01', [biaRequestSource])).toEqual([
      {
        key: 'bia-request:bia-2026:payments',
        source: 'bia-request',
        what: 'BIA requested',
        subject: 'Payments (2026 BIA round)',
        due: '2026-03-31',
        overdue: false,
        document: { kind: 'Campaign', id: 'bia-2026', title: '2026 BIA round', path: '/campaigns/bia-2026' },
        recipients: ['bob'],
        approvers: false,
      },
    ]);
    expect(dueItems(catalog, POLICY, '2026-04-01', [biaRequestSource])).toMatchObject([{ overdue: true }]);
  });

  it('asks nothing before the campaign opens, and nothing once the assessment is approved', () => {
    expect(dueItems([...smallCatalog(), campaign], POLICY, '2026-01-11', [biaRequestSource])).toEqual([]);
    expect(
      dueItems([...smallCatalog(), campaign, assessment('approved')], POLICY, '2026-02-02', [
        biaRequestSource,
      ]),
    ).toEqual([]);
    expect(
      dueItems([...smallCatalog(), campaign, assessment('draft')], POLICY, '2026-02-02', [biaRequestSource]),
    ).toHaveLength(1);
  });
});
