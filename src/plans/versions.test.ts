import { describe, expect, it } from 'vitest';
import type { PlanDocument } from './versions.ts';
import { applyPlanEdit, approvePlan, planChecksum } from './versions.ts';

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

describe('applyPlanEdit', () => {
  const approved = approvePlan(draft, { number: 1, actor: 'a', at: '2025-02-01T10:00:00.000Z' }).document;

  it('turns an approved plan back into a draft when its content changes', () => {
    const outcome = applyPlanEdit(approved, { ...approved, spec: { ...approved.spec, activation: 'later' } });
    expect(outcome).toEqual({
      document: { ...approved, spec: { ...draft.spec, activation: 'later', status: 'draft' } },
    });
  });

  it('keeps the approval when only a label changes', () => {
    const relabelled = { ...approved, metadata: { ...approved.metadata, labels: { area: 'it' } } };
    expect(applyPlanEdit(approved, relabelled)).toEqual({ document: relabelled });
  });

  it('refuses writing status approved, since approval must freeze a version', () => {
    const outcome = applyPlanEdit(draft, { ...draft, spec: { ...draft.spec, status: 'approved' } });
    expect(outcome).toMatchObject({ refused: expect.stringContaining('/approve') as unknown });
  });
});
