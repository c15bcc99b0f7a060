import { describe, expect, it } from 'vitest';
import type { PlanDocument } from './versions.ts';
import { approvePlan, fileApprovedPlan, planChecksum, planView, storedPlan } from './versions.ts';

const draft: PlanDocument = {
  apiVersion: 'lifeboat/v1',
  kind: 'Plan',
  metadata: { id: 'p', name: 'Plan', version: 3, updatedAt: '2025-01-01T00:00:00.000Z' },
  spec: { services: ['s'], owner: 'ops', scenario: { description: 'x', fail: ['site'] }, activation: 'now' },
};

describe('approvePlan', () => {
  it('freezes the full document as a numbered version with who approved it and when', () => {
    const { document, version } = approvePlan(draft, {
      number: 2,
      actor: 'ana@example.org',
      at: '2025-02-01T10:00:00.000Z',
    });
    expect(document.spec).toMatchObject({
      status: 'approved',
      approvedBy: 'ana@example.org',
      approvedAt: '2025-02-01T10:00:00.000Z',
    });
    expect(version).toMatchObject({ number: 2, approvedBy: 'ana@example.org' });
    expect(version.document.spec.activation).toBe('now');
    // The server's bookkeeping is not part of what was approved.
    expect(version.document.metadata).toEqual({ id: 'p', name: 'Plan' });
    expect(version.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a retired plan, since it must be made a draft first', () => {
    expect(() =>
      approvePlan(
        { ...draft, spec: { ...draft.spec, status: 'retired' } },
        { number: 1, actor: 'a', at: 'b' },
      ),
    ).toThrow(/retired/);
  });
});

describe('planChecksum', () => {
  it('is the same whatever the key order or server metadata, and changes with the content', () => {
    const reordered = {
      ...draft,
      spec: { activation: 'now', owner: 'ops', scenario: draft.spec.scenario, services: ['s'] },
      metadata: { name: 'Plan', id: 'p' },
    };
    expect(planChecksum(reordered)).toBe(planChecksum(draft));
    expect(planChecksum({ ...draft, spec: { ...draft.spec, activation: 'later' } })).not.toBe(
      planChecksum(draft),
    );
  });
});

describe('planView', () => {
  const { document: approved, version } = approvePlan(draft, {
    number: 1,
    actor: 'a',
    at: '2025-02-01T10:00:00.000Z',
  });
  const stored = storedPlan(approved);

  it('is approved, by whom and when, while the content is that of the latest version', () => {
    expect(stored.spec.status).toBeUndefined();
    expect(planView(stored, version).spec).toMatchObject({
      status: 'approved',
      approvedBy: 'a',
      approvedAt: '2025-02-01T10:00:00.000Z',
    });
  });

  it('is a draft once the content changes, whatever approval fields the document claims', () => {
    const edited = { ...approved, spec: { ...approved.spec, activation: 'later' } };
    expect(planView(edited, version).spec).toEqual({ ...draft.spec, activation: 'later', status: 'draft' });
    expect(planView(approved, undefined).spec.status).toBe('draft');
  });

  it('keeps the approval when only a label or the last review date changes', () => {
    const relabelled = { ...stored, metadata: { ...stored.metadata, labels: { area: 'it' } } };
    expect(planView(relabelled, version).spec.status).toBe('approved');
    const reviewed = { ...stored, spec: { ...stored.spec, lastReviewed: '2026-01-05' } };
    expect(planView(reviewed, version).spec).toMatchObject({
      status: 'approved',
      lastReviewed: '2026-01-05',
    });
  });

  it('says retired for a retired plan, with no approval', () => {
    const retired = { ...stored, spec: { ...stored.spec, status: 'retired' as const } };
    expect(planView(retired, version).spec.status).toBe('retired');
    expect(planView(retired, version).spec.approvedBy).toBeUndefined();
  });
});

describe('fileApprovedPlan', () => {
  it('counts a plan from files as approved, and a retired one as retired', () => {
    expect(fileApprovedPlan(draft).spec.status).toBe('approved');
    expect(fileApprovedPlan({ ...draft, spec: { ...draft.spec, status: 'retired' } }).spec.status).toBe(
      'retired',
    );
  });
});
