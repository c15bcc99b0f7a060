import { describe, expect, it } from 'vitest';
import type { DocumentOf } from './kinds.ts';
import { approvalStatus, contentChecksum, freezeVersion, storedForm } from './versions.ts';
import type { ReviewEvent } from './versions.ts';

type Assessment = DocumentOf<'ImpactAssessment'>;

const DRAFT: Assessment = {
  apiVersion: 'lifeboat/v1',
  kind: 'ImpactAssessment',
  metadata: { id: 'bia-payments', version: 3 },
  spec: {
    service: 'payments',
    assessedBy: 'ana',
    assessedOn: '2026-02-02',
    impacts: { financial: { '1h': 1 } },
  },
};

const edited = (notes: string): Assessment => ({ ...DRAFT, spec: { ...DRAFT.spec, notes } });

function event(action: ReviewEvent['action'], document: Assessment, at: string): ReviewEvent {
  return { action, actor: 'someone', at, checksum: contentChecksum(document) };
}

describe('approvalStatus', () => {
  it('is submitted while the latest submission is of the current content and nothing settled it', () => {
    expect(approvalStatus(DRAFT, undefined, [])).toEqual({ status: 'draft' });
    const submitted = [event('submit', DRAFT, 't1')];
    expect(approvalStatus(DRAFT, undefined, submitted)).toEqual({ status: 'submitted' });
    // An edit after the submission is not what was submitted.
    expect(approvalStatus(edited('more'), undefined, submitted)).toEqual({ status: 'draft' });
    // A return settles it, even at the same instant.
    expect(approvalStatus(DRAFT, undefined, [...submitted, event('return', DRAFT, 't1')])).toEqual({
      status: 'draft',
    });
    // A submission after the return counts again.
    const again = [...submitted, event('return', DRAFT, 't1'), event('submit', DRAFT, 't1')];
    expect(approvalStatus(DRAFT, undefined, again)).toEqual({ status: 'submitted' });
  });

  it('is approved while the content is that of the latest frozen version, whatever the bookkeeping and labels', () => {
    const { version } = freezeVersion(DRAFT, { number: 1, actor: 'manager', at: '2026-02-03T10:00:00.000Z' });
    expect(version.document.metadata.version).toBeUndefined();
    const relabelled = { ...DRAFT, metadata: { ...DRAFT.metadata, version: 9, labels: { a: 'b' } } };
    expect(approvalStatus(relabelled, version)).toEqual({
      status: 'approved',
      approvedBy: 'manager',
      approvedAt: '2026-02-03T10:00:00.000Z',
    });
    expect(approvalStatus(edited('later'), version).status).toBe('draft');
    // Once approved, the submission before the approval no longer makes the same content "submitted" after an edit back.
    const events = [event('submit', edited('x'), 't1'), event('approve', DRAFT, 't2')];
    expect(approvalStatus(edited('x'), version, events).status).toBe('draft');
  });
});

describe('storedForm', () => {
  it('drops approval claims, and keeps only the statuses a kind keeps', () => {
    const claimed = { ...DRAFT, spec: { ...DRAFT.spec, status: 'approved' as const, approvedBy: 'mallory' } };
    expect(storedForm(claimed).spec).toEqual(DRAFT.spec);
    expect(contentChecksum(claimed)).toBe(contentChecksum(DRAFT));
  });
});
