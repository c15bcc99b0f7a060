import { describe, expect, it } from 'vitest';
import type { PlanDocument } from '../api/plans';
import {
  errorsAt,
  freshStepId,
  moved,
  removeStep,
  renameStep,
  withContacts,
  withPhase,
} from './editor-model';

const plan = (phases: PlanDocument['spec']['phases']): PlanDocument =>
  ({
    apiVersion: 'lifeboat/v1',
    kind: 'Plan',
    metadata: { id: 'plan-x', name: 'Plan X', version: 3 },
    spec: { services: ['svc'], phases },
  }) as PlanDocument;

const draft = plan({
  activation: [{ id: 'call', title: 'Call the team' }],
  recovery: [
    { id: 'san', title: 'Restore the SAN', after: ['call'] },
    { id: 'vms', title: 'Rebuild the VMs', after: ['call', 'san'] },
  ],
});

describe('plan editor model', () => {
  it('renames a step and the after lists that name it', () => {
    const next = renameStep(draft, 'recovery', 0, 'storage');
    expect(next.spec.phases?.recovery?.map((s) => s.id)).toEqual(['storage', 'vms']);
    expect(next.spec.phases?.recovery?.[1]?.after).toEqual(['call', 'storage']);
    expect(draft.spec.phases?.recovery?.[0]?.id).toBe('san');
  });

  it('leaves after lists alone when two steps share the old id, as nobody can tell which was meant', () => {
    const twice = plan({
      activation: [{ id: 'san', title: 'First' }],
      recovery: [
        { id: 'san', title: 'Second' },
        { id: 'vms', title: 'VMs', after: ['san'] },
      ],
    });
    const next = renameStep(twice, 'recovery', 0, 'storage');
    expect(next.spec.phases?.recovery?.[1]?.after).toEqual(['san']);
  });

  it('removes a step and every reference to it, dropping after lists left empty', () => {
    const next = removeStep(draft, 'activation', 0);
    expect(next.spec.phases?.activation).toBeUndefined();
    expect(next.spec.phases?.recovery?.[0]).toEqual({ id: 'san', title: 'Restore the SAN' });
    expect(next.spec.phases?.recovery?.[1]?.after).toEqual(['san']);
  });

  it('drops empty optional fields and the phases object when no step is left', () => {
    const one = withPhase(draft, 'recovery', [{ id: 'a', title: 'A', owner: '', after: [] }]);
    expect(one.spec.phases?.recovery).toEqual([{ id: 'a', title: 'A' }]);
    const none = withPhase(withPhase(draft, 'recovery', []), 'activation', []);
    expect('phases' in none.spec).toBe(false);
  });

  it('finds a step id not used yet', () => {
    expect(freshStepId(draft)).toBe('step-4');
    expect(freshStepId(withPhase(draft, 'reconstitution', [{ id: 'step-4', title: 'x' }]))).toBe('step-5');
  });

  it('moves an item within the list and keeps it inside at the ends', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });

  it('keeps only filled call tree fields, and no contacts list when it is empty', () => {
    const next = withContacts(draft, [{ id: 'ann', role: '', escalateAfter: '15m' }]);
    expect(next.spec.contacts).toEqual([{ id: 'ann', escalateAfter: '15m' }]);
    expect('contacts' in withContacts(next, []).spec).toBe(false);
  });

  it('gathers the server messages for a path and what lies below it', () => {
    const errors = [
      { path: 'spec.phases.recovery[1].duration', message: 'not a duration' },
      { path: 'spec.phases.recovery[10].id', message: 'duplicate' },
      { path: 'spec.phases.recovery[1]', message: 'restores too early' },
    ];
    expect(errorsAt(errors, 'spec.phases.recovery[1]')).toBe('.duration: not a duration; restores too early');
    expect(errorsAt(errors, 'spec.contacts')).toBeUndefined();
  });
});
