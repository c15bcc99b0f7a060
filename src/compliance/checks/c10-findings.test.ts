import { describe, expect, it } from 'vitest';
import { doc, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { ExerciseSpec } from '../../catalog/kinds/exercise.kind.ts';
import type { IncidentSpec } from '../../catalog/kinds/incident.kind.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { findingsCheck } from './c10-findings.ts';

const items = (documents: CatalogDocument[], at: string) =>
  findingsCheck.items(complianceContext({ at, documents, source: 'files' }));

/** smallCatalog with a 4h RTO and a 15m RPO on payments, and a plan of it. */
const base = [
  ...smallCatalog().filter((d) => d.metadata.id !== 'payments'),
  doc(
    'Service',
    'payments',
    { type: 'business', tier: 1, owner: 'ops', dependsOn: ['db'], rto: '4h', rpo: '15m' },
    { name: 'Payments' },
  ),
  plan('p1'),
];

/** A done failover test of p1 on 2026-03-14 that brought payments back after 5h (the RTO is 4h). */
function exercise(findings: ExerciseSpec['findings'], restoredAt = '2026-03-14T13:00:00Z'): CatalogDocument {
  return doc('Exercise', 'ex1', {
    title: 'Failover test',
    type: 'parallel',
    plans: ['p1'],
    scheduled: '2026-03-14',
    status: 'done',
    started: '2026-03-14T08:00:00Z',
    results: { restored: [{ id: 'payments', at: restoredAt }] },
    ...(findings && { findings }),
  });
}

const slow = {
  id: 'slow-restore',
  title: 'Payments took 5h to come back',
  severity: 'high' as const,
  owner: 'ops',
  due: '2026-06-30',
  status: 'open' as const,
};

function incident(actions: IncidentSpec['actions']): CatalogDocument {
  return doc('Incident', 'inc1', {
    title: 'Database outage',
    started: '2026-02-01T08:00:00Z',
    resolved: '2026-02-01T10:00:00Z',
    failed: ['db'],
    actions,
  });
}

describe('C10 findings', () => {
  it('passes a finding that names the missed service, with an owner, on its due date', () => {
    expect(items([...base, exercise([slow])], '2026-06-30')).toEqual([
      {
        id: 'ex1/slow-restore',
        kind: 'Exercise',
        status: 'pass',
        message:
          'The finding "Payments took 5h to come back" of the exercise "Failover test" (ex1), owned by ops, is open and due on 2026-06-30.',
        path: '/exercises/ex1',
        evidence: [
          {
            type: 'document',
            kind: 'Exercise',
            id: 'ex1',
            title: 'Exercise "Failover test" (ex1)',
            path: '/exercises/ex1',
          },
        ],
      },
    ]);
  });

  it('fails the finding the day after its due date while it is open, and passes it once done', () => {
    expect(items([...base, exercise([slow])], '2026-07-01')).toMatchObject([
      {
        status: 'fail',
        message:
          'The finding "Payments took 5h to come back" of the exercise "Failover test" (ex1), owned by ops, was due on 2026-06-30 and is still open: complete it or agree a new due date.',
      },
    ]);
    expect(items([...base, exercise([{ ...slow, status: 'done' }])], '2026-07-01')).toMatchObject([
      {
        status: 'pass',
        message:
          'The finding "Payments took 5h to come back" of the exercise "Failover test" (ex1), owned by ops and due on 2026-06-30, is done.',
      },
    ]);
  });

  it('fails a missed RTO no finding names, and a finding with no owner and no due date', () => {
    const vague = {
      id: 'dns',
      title: 'DNS change was slow',
      severity: 'low' as const,
      status: 'open' as const,
    };
    expect(items([...base, exercise([vague])], '2026-04-01')).toEqual([
      expect.objectContaining({
        id: 'ex1/dns',
        status: 'fail',
        message:
          'The finding "DNS change was slow" of the exercise "Failover test" (ex1) has no owner and no due date: name the Person or Team who acts on it and the date it is due.',
      }),
      expect.objectContaining({
        id: 'ex1/missed/payments',
        status: 'fail',
        message:
          'The exercise "Failover test" (ex1) missed its RTO (back after 5h, target 4h) for the service "Payments" (payments), and no finding names it: record a finding with an owner and a due date.',
        path: '/exercises/ex1',
      }),
    ]);
  });

  it('asks nothing of an exercise that met its targets and has no findings', () => {
    expect(items([...base, exercise(undefined, '2026-03-14T12:00:00Z')], '2026-04-01')).toEqual([]);
  });

  it("judges incidents' corrective actions by their due date", () => {
    const actions = [
      { title: 'Test the failover monthly', owner: 'ana', due: '2026-03-01', status: 'open' as const },
      { title: 'Add a replica', owner: 'ops', due: '2026-02-15', status: 'done' as const },
    ];
    expect(items([...base, incident(actions)], '2026-03-02')).toMatchObject([
      {
        id: 'inc1/action-1',
        kind: 'Incident',
        status: 'fail',
        message:
          'The corrective action "Test the failover monthly" of the incident "Database outage" (inc1), owned by ana, was due on 2026-03-01 and is still open: complete it or agree a new due date.',
        path: '/incidents/inc1',
      },
      { id: 'inc1/action-2', status: 'pass' },
    ]);
    expect(items([...base, incident(actions)], '2026-03-01')[0]).toMatchObject({ status: 'pass' });
  });

  it('is not applicable without findings, actions or missed targets', () => {
    expect(items(base, '2026-04-01')).toEqual([]);
    expect(items([...base, incident([])], '2026-04-01')).toEqual([]);
  });

  it('fails the check in the report when one of its items fails', () => {
    const report = evaluateCompliance({
      at: '2026-07-01',
      documents: [...base, exercise([slow])],
      source: 'files',
    });
    expect(report.checks.find((check) => check.id === 'C10')).toMatchObject({
      status: 'fail',
      passed: 0,
      failed: 1,
    });
  });
});
