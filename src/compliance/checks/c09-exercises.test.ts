import { describe, expect, it } from 'vitest';
import { doc, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { ExerciseSpec } from '../../catalog/kinds/exercise.kind.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { exercisesCheck } from './c09-exercises.ts';

const items = (documents: CatalogDocument[], at: string, source: 'files' | 'database' = 'files') =>
  exercisesCheck.items(complianceContext({ at, documents, source }));

/** An exercise of p1, done on `date` unless the spec says otherwise. */
function exercise(id: string, date: string, spec: Partial<ExerciseSpec> = {}): CatalogDocument {
  return doc(
    'Exercise',
    id,
    {
      title: `Test ${id}`,
      type: 'parallel',
      plans: ['p1'],
      scheduled: date,
      status: 'done',
      started: `${date}T08:00:00Z`,
      ...spec,
    },
    { name: `Exercise ${id}` },
  );
}

// payments is tier 1: by default a parallel test or heavier every 26w (182 days).
const catalog = [...smallCatalog(), plan('p1'), exercise('ex1', '2026-03-14')];

describe('C09 exercises', () => {
  it('passes on the due date, citing the exercise that counts', () => {
    expect(items(catalog, '2026-09-12')).toEqual([
      {
        id: 'p1',
        kind: 'Plan',
        status: 'pass',
        message:
          'The approved plan "Plan p1" (p1) was exercised by the parallel exercise "Test ex1" (ex1) on 2026-03-14 (tier 1: a parallel exercise or heavier every 26w) and is due again on 2026-09-12.',
        path: '/plans/p1',
        evidence: [
          { type: 'document', kind: 'Plan', id: 'p1', title: 'Plan "Plan p1" (p1)', path: '/plans/p1' },
          {
            type: 'document',
            kind: 'Exercise',
            id: 'ex1',
            title: 'Exercise "Test ex1" (ex1), parallel, on 2026-03-14',
            path: '/exercises/ex1',
            date: '2026-03-14',
          },
        ],
      },
    ]);
  });

  it('fails the day after the due date, and a lighter exercise since does not count', () => {
    const withTabletop = [...catalog, exercise('ex2', '2026-08-01', { type: 'tabletop' })];
    expect(items(withTabletop, '2026-09-13')).toMatchObject([
      {
        status: 'fail',
        message:
          'The approved plan "Plan p1" (p1) was due for an exercise on 2026-09-12 (tier 1: a parallel exercise or heavier every 26w; last the parallel exercise "Test ex1" (ex1) on 2026-03-14): schedule one.',
        path: '/plans/p1',
      },
    ]);
  });

  it('fails a plan never exercised, naming the exercise already scheduled', () => {
    const planned = exercise('ex3', '2027-01-10', { status: 'planned', started: undefined });
    expect(items([...smallCatalog(), plan('p1'), planned], '2026-12-06')[0]!.message).toBe(
      'The approved plan "Plan p1" (p1) has never been exercised with a type that counts (tier 1: a parallel exercise or heavier every 26w): hold the one scheduled for 2027-01-10.',
    );
  });

  it('asks for less of a tier 3 plan: any exercise every 52w', () => {
    const tier3 = [
      ...smallCatalog().filter((d) => d.metadata.id !== 'payments'),
      doc('Service', 'payments', { type: 'business', tier: 3, owner: 'ops', dependsOn: ['db'] }),
      plan('p1'),
      exercise('ex4', '2026-01-05', { type: 'communication' }),
    ];
    expect(items(tier3, '2026-12-06')[0]).toMatchObject({ status: 'pass' });
  });

  it('is not applicable to draft or retired plans in the database, and follows the tiers the Policy sets', () => {
    expect(items([...smallCatalog(), plan('p1', { status: 'draft' })], '2026-12-06', 'database')).toEqual([]);
    expect(items([...smallCatalog(), plan('p1', { status: 'retired' })], '2026-12-06')).toEqual([]);
    const policy = doc('Policy', 'policy', { compliance: { checks: [{ check: 'C09', tiers: [2] }] } });
    expect(items([...catalog, policy], '2026-12-06')).toEqual([]);
  });

  it('fails the check in the report when the plan is overdue', () => {
    const report = evaluateCompliance({ at: '2026-12-06', documents: catalog, source: 'files' });
    expect(report.checks.find((check) => check.id === 'C09')).toMatchObject({
      status: 'fail',
      passed: 0,
      failed: 1,
    });
  });
});
