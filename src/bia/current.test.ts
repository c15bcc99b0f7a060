import { describe, expect, it } from 'vitest';
import type { AssessmentDocument } from './current.ts';
import { biaAnalysis, currentAssessments, effectiveMtpd } from './current.ts';
import { fileApprovedAssessment } from './file-approval.ts';
import { effectivePolicy } from './policy.ts';

/** An assessment of `service` on `assessedOn` with these impacts (and losses). */
function assessment(
  id: string,
  service: string,
  assessedOn: string,
  spec: Partial<AssessmentDocument['spec']> = {},
): AssessmentDocument {
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'ImpactAssessment',
    metadata: { id },
    spec: { service, assessedBy: 'ana', assessedOn, impacts: { financial: { '1h': 1 } }, ...spec },
  };
}

describe('the current BIA', () => {
  it('is the latest assessment of each service by assessedOn, whatever the input order', () => {
    const older = assessment('bia-pay-2025', 'pay', '2025-03-01');
    const newer = assessment('bia-pay-2026', 'pay', '2026-02-10');
    const other = assessment('bia-crm', 'crm', '2024-01-01');
    for (const order of [
      [older, newer, other],
      [newer, other, older],
    ]) {
      const current = currentAssessments(order);
      expect(current.get('pay')?.metadata.id).toBe('bia-pay-2026');
      expect(current.get('crm')?.metadata.id).toBe('bia-crm');
      expect(current.size).toBe(2);
    }
  });

  it('breaks a tie on the same day by the later approval', () => {
    const morning = assessment('a', 'pay', '2026-02-10', { approvedAt: '2026-02-11T09:00:00Z' });
    const evening = assessment('b', 'pay', '2026-02-10', { approvedAt: '2026-02-11T17:00:00Z' });
    expect(currentAssessments([evening, morning]).get('pay')?.metadata.id).toBe('b');
    expect(currentAssessments([morning, evening]).get('pay')?.metadata.id).toBe('b');
  });

  it('counts a file assessment as approved, whatever approval it claims', () => {
    const claimed = assessment('a', 'pay', '2026-02-10', {
      status: 'draft',
      approvedBy: 'someone',
      approvedAt: '2026-01-01T00:00:00Z',
    });
    const read = fileApprovedAssessment(claimed);
    expect(read.spec.status).toBe('approved');
    expect(read.spec.approvedBy).toBeUndefined();
    expect(read.spec.approvedAt).toBeUndefined();
  });

  it('takes the declared MTPD over the derived one, and the derived one when none is declared', () => {
    expect(effectiveMtpd('8h', 1440)).toBe(480);
    expect(effectiveMtpd(undefined, 1440)).toBe(1440);
    expect(effectiveMtpd(undefined, undefined)).toBeUndefined();
  });
});

describe('biaAnalysis', () => {
  const policy = effectivePolicy({
    id: 'policy',
    spec: {
      organisation: { name: 'Example', currency: 'GBP' },
      impact: { horizons: ['1h', '4h', '1d', '3d'], tolerance: 4 },
      workRecovery: '2h',
      tiers: [
        { tier: 1, mtpdUpTo: '4h' },
        { tier: 2, mtpdUpTo: '1d' },
        { tier: 3, mtpdUpTo: '1w' },
      ],
    },
  });

  it('reads each service at every horizon and derives its objectives; null where there is no value', () => {
    const pay = assessment('bia-pay', 'pay', '2026-02-10', {
      impacts: {
        financial: { '1h': 1, '4h': 2, '1d': 4, '3d': 5 },
        customers: { '1h': 2, '4h': 3, '1d': 3, '3d': 4 },
      },
      loss: { '1h': 10_000, '4h': 40_000 },
    });
    const crm = assessment('bia-crm', 'crm', '2026-02-10', {
      impacts: { customers: { '1h': 1, '3d': 3 } },
    });
    const result = biaAnalysis({
      policy,
      services: [{ id: 'pay', mtpd: '8h' }, { id: 'crm' }, { id: 'intranet', mtpd: '1w' }],
      current: currentAssessments([pay, crm]),
    });
    expect(result.tolerance).toBe(4);
    expect(result.horizons).toEqual([60, 240, 1440, 4320]);
    expect(result.services).toEqual([
      {
        id: 'crm',
        assessment: 'bia-crm',
        levels: [1, 1, 1, 3],
        loss: [null, null, null, null],
        // Never at the tolerance: no derived MTPD, nothing suggested.
        derivedMtpdMinutes: null,
        mtpdMinutes: null,
        suggestedRtoMinutes: null,
        suggestedTier: null,
      },
      {
        id: 'intranet',
        assessment: null,
        levels: [null, null, null, null],
        loss: [null, null, null, null],
        derivedMtpdMinutes: null,
        mtpdMinutes: 10_080,
        suggestedRtoMinutes: null,
        suggestedTier: null,
      },
      {
        id: 'pay',
        assessment: 'bia-pay',
        // The larger of the two categories at each horizon.
        levels: [2, 3, 4, 5],
        // 1d: 40,000 + 30,000 / 180 min x 1,200 min = 240,000; 3d: + 30,000 / 180 x 2,880 = 720,000.
        loss: [10_000, 40_000, 240_000, 720_000],
        // Level 4 first at 1d; the suggested RTO leaves the 2h of work recovery; a 1d MTPD is tier 2.
        derivedMtpdMinutes: 1440,
        mtpdMinutes: 480,
        suggestedRtoMinutes: 1320,
        suggestedTier: 2,
      },
    ]);
  });
});
