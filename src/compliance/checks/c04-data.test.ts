import { describe, expect, it } from 'vitest';
import { doc, plan } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { ComponentSpec } from '../../catalog/kinds/component.kind.ts';
import type { ExerciseSpec } from '../../catalog/kinds/exercise.kind.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { dataCheck } from './c04-data.ts';

const AT = '2026-12-06';

/**
 * Two sites; the database on dc-north with the given data copies; `payments` (tier 1, RPO `rpo`) on it; and a
 * file share no service uses, with no copies.
 */
const catalog = (data: ComponentSpec['data'], rpo = '4h'): CatalogDocument[] => [
  doc('Person', 'ana', { email: 'ana@example.org' }),
  doc('Site', 'dc-north', { recovery: '1h' }),
  doc('Site', 'dc-south', { recovery: '1h' }),
  doc('Component', 'db', {
    type: 'database',
    site: 'dc-north',
    recovery: '2h',
    ...(data === undefined ? {} : { data }),
  }),
  doc(
    'Service',
    'payments',
    { type: 'business', tier: 1, owner: 'ana', rto: '8h', rpo, dependsOn: ['db'] },
    { name: 'Payments' },
  ),
];

const BACKUP = { backup: { interval: '1h', at: 'dc-south' } };

/** A done exercise of plan-db (payments over the loss of db). */
const exercise = (id: string, spec: Partial<ExerciseSpec>) =>
  doc('Exercise', id, {
    title: 'Database restore drill',
    type: 'restore-test',
    plans: ['plan-db'],
    scheduled: '2026-06-01',
    status: 'done',
    ...spec,
  });

const itemsOf = (documents: CatalogDocument[], at = AT) =>
  dataCheck.items(complianceContext({ at, documents, source: 'files' }));

describe('C04 data protected and restores tested', () => {
  it('passes a service within its RPO, a backed-up database and its recent restore test, one item each', () => {
    const documents = [...catalog(BACKUP), plan('plan-db', { owner: 'ana' }), exercise('ex-restore', {})];
    expect(itemsOf(documents, '2026-11-02')).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'pass',
        message:
          'Payments (payments, tier 1) loses at most 1h of data (in site "dc-north"), within its RPO 4h, in every ' +
          'scenario of the objectives matrix.',
        path: '/services/payments',
      },
      {
        id: 'db',
        kind: 'Component',
        status: 'pass',
        message: '"db" has a backup every 1h on "dc-south".',
        path: '/components/db',
      },
      {
        id: 'db#backup',
        kind: 'Component',
        status: 'pass',
        message:
          'The backup of "db" was last restore-tested on 2026-06-01 ("Database restore drill", restore-test), due ' +
          'again 2026-11-30 (tier 1 interval 26w).',
        path: '/components/db',
        evidence: [
          {
            type: 'document',
            kind: 'Exercise',
            id: 'ex-restore',
            title: 'Database restore drill (restore-test, 2026-06-01)',
            path: '/exercises/ex-restore',
            date: '2026-06-01',
          },
        ],
      },
    ]);
  });

  it('passes the restore test on its due day and fails it the day after', () => {
    const documents = [...catalog(BACKUP), plan('plan-db', { owner: 'ana' }), exercise('ex-restore', {})];
    const backup = (at: string) => itemsOf(documents, at).find((item) => item.id === 'db#backup');
    expect(backup('2026-11-30')).toMatchObject({ status: 'pass' });
    expect(backup('2026-12-01')).toMatchObject({
      status: 'fail',
      message:
        'The backup of "db" was last restore-tested on 2026-06-01 ("Database restore drill", restore-test) and ' +
        'was due again on 2026-11-30 (tier 1 interval 26w): run a restore test.',
    });
  });

  it('counts only done exercises of type restore-test or heavier', () => {
    const documents = [
      ...catalog(BACKUP),
      plan('plan-db', { owner: 'ana' }),
      exercise('ex-tabletop', { type: 'tabletop', scheduled: '2026-11-01' }),
      exercise('ex-planned', { scheduled: '2026-11-15', status: 'planned' }),
    ];
    expect(itemsOf(documents).find((item) => item.id === 'db#backup')).toMatchObject({
      status: 'fail',
      message:
        'The backup of "db" was never restore-tested: run a restore-test exercise (tier 1 interval 26w).',
    });
    const parallel = [...documents, exercise('ex-parallel', { type: 'parallel', scheduled: '2026-10-01' })];
    expect(itemsOf(parallel).find((item) => item.id === 'db#backup')).toMatchObject({
      status: 'pass',
      evidence: [{ id: 'ex-parallel' }],
    });
  });

  it('fails a loss over the RPO, a copy on the same site (no copy survives) and an unknown loss', () => {
    expect(itemsOf(catalog(BACKUP, '30m'))[0]).toMatchObject({
      status: 'fail',
      message:
        'Payments (payments, tier 1) loses more than its RPO 30m in 1 scenario: site "dc-north" (1h lost): back ' +
        'up or replicate its data more often, or keep a copy where the failure does not reach.',
    });
    expect(itemsOf(catalog({ backup: { interval: '1h', at: 'dc-north' } }))[0]).toMatchObject({
      status: 'fail',
      message:
        'Payments (payments, tier 1) loses more than its RPO 4h in 1 scenario: site "dc-north" (no copy ' +
        'survives): back up or replicate its data more often, or keep a copy where the failure does not reach.',
    });
    const unknown = itemsOf(catalog(undefined));
    expect(unknown).toMatchObject([
      {
        id: 'payments',
        status: 'fail',
        message:
          'Payments (payments, tier 1) has an unknown data loss in 1 scenario (site "dc-north"), a data ' +
          'component it depends on saying nothing of its copies: describe the backups and replicas of its data ' +
          'components.',
      },
      {
        id: 'db',
        status: 'fail',
        message:
          '"db" holds data but has no backup or replica: a failure loses its data; describe its backup (interval ' +
          'and where the copies are) or its replicas.',
        path: '/components/db',
      },
    ]);
  });

  it('reads replicas as copies, and gives a backup no service uses the programme interval', () => {
    const documents = [
      ...catalog({ replicas: [{ id: 'db-replica', lag: '5m' }] }),
      doc('Component', 'db-replica', { type: 'database', site: 'dc-south', recovery: '1h' }),
      doc('Component', 'share', { type: 'storage', data: { backup: { interval: '1d', at: 'dc-south' } } }),
    ];
    const items = itemsOf(documents);
    expect(items.find((item) => item.id === 'db')).toMatchObject({
      status: 'pass',
      message: '"db" has 1 replica ("db-replica", lag 5m).',
    });
    expect(items.find((item) => item.id === 'share#backup')).toMatchObject({
      status: 'fail',
      message:
        'The backup of "share" was never restore-tested: run a restore-test exercise (the programme interval 52w).',
    });
  });

  it('is not applicable without a tier 1-2 service or a data component, and fails the check otherwise', () => {
    const quiet = [doc('Site', 'dc-north', {}), doc('Service', 's', { type: 'it', tier: 3 })];
    expect(itemsOf(quiet)).toEqual([]);
    const report = evaluateCompliance({ at: AT, documents: catalog(undefined), source: 'files' });
    expect(report.checks.find((check) => check.id === 'C04')).toMatchObject({
      status: 'fail',
      passed: 0,
      failed: 2,
    });
  });
});
