import { describe, expect, it } from 'vitest';
import { doc, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import type { ComplianceInput } from '../types.ts';
import { trainingCheck } from './c15-training.ts';

/** The plan calls Ana, then the ops team (Bob leads it; Ana and Bob are its members). */
const recovery = plan('plan-db', { contacts: [{ id: 'ana' }, { id: 'ops' }] });

/** Ana attended a briefing on 2026-01-10: with the default 52 weeks it counts until 2027-01-09. */
const briefing = doc(
  'Training',
  'training-db',
  { title: 'Database plan briefing', plans: ['plan-db'], date: '2026-01-10', attendees: ['ana'] },
  { name: 'Database plan briefing' },
);

/** The ops team took part in a tabletop of the plan on 2026-03-01. */
const tabletop = doc(
  'Exercise',
  'ex-db',
  {
    title: 'Database tabletop',
    type: 'tabletop',
    plans: ['plan-db'],
    scheduled: '2026-03-01',
    status: 'done',
    participants: [{ id: 'ops' }],
  },
  { name: 'Database tabletop' },
);

const items = (extra: CatalogDocument[], at = '2026-06-01', source: ComplianceInput['source'] = 'files') =>
  trainingCheck.items(complianceContext({ at, documents: [...smallCatalog(), ...extra], source }));

describe('C15 training', () => {
  it('passes a person trained on the plan, with the session as evidence, and fails one never trained', () => {
    expect(items([recovery, briefing])).toEqual([
      {
        id: 'plan-db:ana',
        kind: 'Person',
        status: 'pass',
        path: '/people/ana',
        message:
          'Ana Silva is trained on plan Plan plan-db until 2027-01-09 (Training Database plan briefing on 2026-01-10).',
        evidence: [
          {
            type: 'document',
            kind: 'Training',
            id: 'training-db',
            title: 'Training Database plan briefing on 2026-01-10',
            path: '/trainings/training-db',
            date: '2026-01-10',
          },
        ],
      },
      {
        id: 'plan-db:bob',
        kind: 'Person',
        status: 'fail',
        path: '/people/bob',
        message:
          'Bob Marsh, named in plan Plan plan-db, has never been trained on it: train them on the plan or have them take part in its next exercise.',
      },
    ]);
  });

  it('counts taking part in a done exercise through a team', () => {
    const bob = items([recovery, tabletop]).find((item) => item.id === 'plan-db:bob')!;
    expect(bob).toMatchObject({
      status: 'pass',
      message:
        'Bob Marsh is trained on plan Plan plan-db until 2027-02-28 (Exercise Database tabletop on 2026-03-01).',
      evidence: [{ type: 'document', kind: 'Exercise', id: 'ex-db', path: '/exercises/ex-db' }],
    });
  });

  it('counts the training on its last day and fails it the day after', () => {
    expect(items([recovery, briefing], '2027-01-09')[0]!.status).toBe('pass');
    expect(items([recovery, briefing], '2027-01-10')[0]).toMatchObject({
      id: 'plan-db:ana',
      status: 'fail',
      message:
        "Ana Silva's training on plan Plan plan-db counted until 2027-01-09: train them on the plan again or have them take part in its next exercise.",
    });
  });

  it('only reads approved plans from the database, and is not applicable without one', () => {
    expect(items([recovery, briefing], '2026-06-01', 'database')).toEqual([]);
    const approved = plan('plan-db', {
      contacts: [{ id: 'ana' }],
      status: 'approved',
      approvedBy: 'ana',
      approvedAt: '2026-01-05T10:00:00Z',
    });
    expect(items([approved, briefing], '2026-06-01', 'database').map((item) => item.id)).toEqual([
      'plan-db:ana',
    ]);
    const retired = plan('plan-db', { contacts: [{ id: 'ana' }], status: 'retired' });
    expect(items([retired, briefing])).toEqual([]);
  });

  it('reports the status through the evaluation', () => {
    const report = evaluateCompliance({
      at: '2026-06-01',
      documents: [...smallCatalog(), recovery, briefing],
      source: 'files',
    });
    expect(report.checks.find((check) => check.id === 'C15')).toMatchObject({
      status: 'fail',
      passed: 1,
      failed: 1,
    });
  });
});
