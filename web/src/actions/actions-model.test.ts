import { describe, expect, it } from 'vitest';
import type { TrackedAction } from './actions-model';
import { actionKey, countActions, filterActions, ownersOf, sourcePath } from './actions-model';

const common = { index: 0, status: 'open' as const, documentTitle: 'x' };
const actions: TrackedAction[] = [
  {
    ...common,
    source: 'incident',
    incident: 'inc-1',
    document: 'inc-1',
    title: 'Fix the generator',
    owner: 'ana',
    due: '2026-01-01',
    overdue: true,
  },
  {
    ...common,
    source: 'exercise',
    document: 'ex-1',
    finding: 'slow',
    severity: 'high',
    title: 'Speed up the restore',
    owner: 'team-db',
    due: '2027-01-31',
    overdue: false,
  },
  {
    ...common,
    source: 'risk',
    document: 'risk-flood',
    title: 'Raise the UPS',
    owner: 'ana',
    due: '2027-06-30',
    overdue: false,
  },
];

describe('the actions page model', () => {
  it('filters by source and by owner, keeping the order', () => {
    expect(filterActions(actions, { owner: 'ana' }).map((a) => a.title)).toEqual([
      'Fix the generator',
      'Raise the UPS',
    ]);
    expect(filterActions(actions, { source: 'risk', owner: 'ana' }).map((a) => a.title)).toEqual([
      'Raise the UPS',
    ]);
    expect(filterActions(actions, { source: 'exercise', owner: 'ana' })).toEqual([]);
    expect(filterActions(actions, {})).toHaveLength(3);
  });

  it('counts the actions and the overdue ones', () => {
    expect(countActions(actions)).toEqual({ total: 3, overdue: 1 });
  });

  it('lists each owner once for the owner filter', () => {
    expect(ownersOf(actions)).toEqual(['ana', 'team-db']);
  });

  it("links each action to its document's page and keys it by its place there", () => {
    expect(actions.map(sourcePath)).toEqual(['/incidents/inc-1', '/exercises/ex-1', '/risks/risk-flood']);
    expect(actionKey(actions[1]!)).toBe('exercise/ex-1/0');
  });
});
