import { describe, expect, it } from 'vitest';
import { POLICY, doc, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import { dueItems } from '../due-items.ts';
import { riskAcceptanceSource } from './risk-acceptance.ts';

const risk = (decision: 'accept' | 'mitigate') =>
  doc(
    'Risk',
    'risk-branch',
    {
      category: 'facility',
      description: 'A branch cannot open.',
      owner: 'ana',
      likelihood: 4,
      impact: 4,
      lastReviewed: '2026-06-01',
      treatment: { decision },
      acceptance: { by: 'bob', on: '2025-10-01', until: '2026-09-30' },
    },
    { name: 'Branch outage' },
  );

describe('risk acceptance reminders', () => {
  it("tells the risk's owner four weeks before the acceptance ends, and that it ended after", () => {
    const catalog = [...smallCatalog(), risk('accept')];
    expect(dueItems(catalog, POLICY, '2026-09-02', [riskAcceptanceSource])).toEqual([
      {
        key: 'risk-acceptance:risk-branch',
        source: 'risk-acceptance',
        what: 'risk acceptance expiring',
        subject: 'Branch outage',
        due: '2026-09-30',
        overdue: false,
        document: { kind: 'Risk', id: 'risk-branch', title: 'Branch outage', path: '/risks/risk-branch' },
        recipients: ['ana'],
        approvers: false,
      },
    ]);
    expect(dueItems(catalog, POLICY, '2026-09-01', [riskAcceptanceSource])).toEqual([]);
    expect(dueItems(catalog, POLICY, '2026-10-01', [riskAcceptanceSource])).toMatchObject([
      { what: 'risk acceptance expired', overdue: true },
    ]);
  });

  it('says nothing once the risk is treated instead', () => {
    expect(
      dueItems([...smallCatalog(), risk('mitigate')], POLICY, '2026-10-01', [riskAcceptanceSource]),
    ).toEqual([]);
  });
});
