import { describe, expect, it } from 'vitest';
import { plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { planConsistencyCheck } from './c08-plan-consistency.ts';

const AT = '2026-12-06';
const items = (documents: CatalogDocument[]) =>
  planConsistencyCheck.items(complianceContext({ at: AT, documents, source: 'files' }));

/** payments depends on db: restoring payments first contradicts the graph. */
const inOrder = plan('p1', {
  phases: {
    recovery: [
      { id: 'db', title: 'Restore the database', restores: ['db'] },
      { id: 'app', title: 'Start payments', restores: ['payments'], after: ['db'] },
    ],
  },
});
const backwards = {
  recovery: [
    { id: 'app', title: 'Start payments', restores: ['payments'] },
    { id: 'db', title: 'Restore the database', restores: ['db'], after: ['app'] },
  ],
};
const reversed = plan('p2', { phases: backwards });

describe('C08 plan consistency', () => {
  it('passes a plan that restores the database before the service needing it', () => {
    expect(items([...smallCatalog(), inOrder])).toEqual([
      {
        id: 'p1',
        kind: 'Plan',
        status: 'pass',
        message:
          'The written order of the plan "Plan p1" (p1) agrees with the dependency graph: each of the 2 steps naming what it restores comes after the steps restoring what that needs.',
        path: '/plans/p1',
        evidence: [
          { type: 'document', kind: 'Plan', id: 'p1', title: 'Plan "Plan p1" (p1)', path: '/plans/p1' },
        ],
      },
    ]);
  });

  it('fails a plan that starts the service before restoring the database it needs, naming both steps', () => {
    expect(items([...smallCatalog(), reversed])).toMatchObject([
      {
        id: 'p2',
        status: 'fail',
        message:
          'The written order of the plan "Plan p2" (p2) contradicts the dependency graph: step "app" restores "payments", which needs "db", but "db" is restored by "db", after it. Reorder the steps (their phase or `after`).',
        path: '/plans/p2',
      },
    ]);
  });

  it('fails steps that wait for each other in a loop', () => {
    const loop = plan('p3', {
      phases: {
        recovery: [
          { id: 'a', title: 'A', after: ['b'] },
          { id: 'b', title: 'B', after: ['a'] },
        ],
      },
    });
    expect(items([...smallCatalog(), loop])[0]!.message).toContain(
      'the steps a -> b wait for each other in a loop: none of them can start',
    );
  });

  it('passes a plan whose steps name nothing they restore, saying the order could not be checked', () => {
    const unnamed = plan('p4', { phases: { recovery: [{ id: 'call', title: 'Call the team' }] } });
    expect(items([...smallCatalog(), unnamed])[0]).toMatchObject({
      status: 'pass',
      message:
        'The plan "Plan p4" (p4) has 1 step and none names what it restores, so none can contradict the dependency graph (name them in `restores` to have the order checked).',
    });
  });

  it('is not applicable without plans other than retired ones', () => {
    expect(items(smallCatalog())).toEqual([]);
    expect(items([...smallCatalog(), plan('p5', { phases: backwards, status: 'retired' })])).toEqual([]);
  });

  it('fails the check in the report when one plan contradicts the graph', () => {
    const report = evaluateCompliance({
      at: AT,
      documents: [...smallCatalog(), inOrder, reversed],
      source: 'files',
    });
    expect(report.checks.find((check) => check.id === 'C08')).toMatchObject({
      status: 'fail',
      passed: 1,
      failed: 1,
    });
  });
});
