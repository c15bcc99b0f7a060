import { describe, expect, it } from 'vitest';
import { doc } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { ComponentSpec } from '../../catalog/kinds/component.kind.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { coldStartCheck } from './c05-cold-start.ts';

const AT = '2026-12-06';

/** `payments` (tier 1) on `db`, which depends on `dbDependsOn`; `auth` depends on db; `web` (tier 3) on the site. */
const catalog = (dbDependsOn: ComponentSpec['dependsOn']): CatalogDocument[] => [
  doc('Site', 'dc-north', { recovery: '1h' }),
  doc('Component', 'db', { type: 'server', site: 'dc-north', recovery: '2h', dependsOn: dbDependsOn }),
  doc('Component', 'auth', { type: 'server', recovery: '1h', dependsOn: ['db'] }),
  doc('Component', 'auth-local', { type: 'server', recovery: '1h' }),
  doc('Service', 'payments', { type: 'business', tier: 1, dependsOn: ['db'] }, { name: 'Payments' }),
  doc('Service', 'web', { type: 'business', tier: 3, dependsOn: ['dc-north'] }),
];

const itemsOf = (documents: CatalogDocument[]) =>
  coldStartCheck.items(complianceContext({ at: AT, documents, source: 'files' }));

const BREAK =
  'break the cycle (drop a dependency that is not needed to start, or make it a redundancy group with a member ' +
  'outside the loop).';

describe('C05 recoverable from a cold start', () => {
  it('passes every service, of every tier, when no cycle blocks a restore', () => {
    expect(itemsOf(catalog([]))).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'pass',
        message:
          'Payments (payments, tier 1) is recoverable from a cold start: nothing it depends on waits on a ' +
          'dependency cycle.',
        path: '/services/payments',
      },
      {
        id: 'web',
        kind: 'Service',
        status: 'pass',
        message:
          'web (tier 3) is recoverable from a cold start: nothing it depends on waits on a dependency cycle.',
        path: '/services/web',
      },
    ]);
  });

  it('fails the services whose restore waits on a cycle, and each node on the cycle, naming it', () => {
    expect(itemsOf(catalog(['auth']))).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'fail',
        message:
          'Payments (payments, tier 1) cannot come back from a cold start: what it depends on waits on the ' +
          `dependency cycle auth -> db -> auth; ${BREAK}`,
        path: '/services/payments',
      },
      {
        id: 'web',
        kind: 'Service',
        status: 'pass',
        message:
          'web (tier 3) is recoverable from a cold start: nothing it depends on waits on a dependency cycle.',
        path: '/services/web',
      },
      {
        id: 'auth',
        kind: 'Component',
        status: 'fail',
        message:
          'Component "auth" is on the dependency cycle auth -> db -> auth: after a cold start none of them can ' +
          `come back first; ${BREAK}`,
        path: '/components/auth',
      },
      {
        id: 'db',
        kind: 'Component',
        status: 'fail',
        message:
          'Component "db" is on the dependency cycle auth -> db -> auth: after a cold start none of them can ' +
          `come back first; ${BREAK}`,
        path: '/components/db',
      },
    ]);
  });

  it('passes a loop that a redundancy group with a member outside it breaks', () => {
    const items = itemsOf(catalog([{ anyOf: ['auth', 'auth-local'] }]));
    expect(items.map((item) => [item.id, item.status])).toEqual([
      ['payments', 'pass'],
      ['web', 'pass'],
    ]);
  });

  it('shows a cycle no service depends on, and follows the tiers the Policy sets', () => {
    const documents = [
      ...catalog([]),
      doc('Component', 'dns', { type: 'server', recovery: '1h', dependsOn: ['ntp'] }),
      doc('Component', 'ntp', { type: 'server', recovery: '1h', dependsOn: ['dns'] }),
      doc('Policy', 'policy', { compliance: { checks: [{ check: 'C05', tiers: [1] }] } }),
    ];
    expect(itemsOf(documents).map((item) => [item.id, item.status])).toEqual([
      ['payments', 'pass'],
      ['dns', 'fail'],
      ['ntp', 'fail'],
    ]);
  });

  it('is not applicable on an empty catalog, and fails the check on a blocking cycle', () => {
    expect(itemsOf([doc('Person', 'ana', { email: 'ana@example.org' })])).toEqual([]);
    const report = evaluateCompliance({ at: AT, documents: catalog(['auth']), source: 'files' });
    expect(report.checks.find((check) => check.id === 'C05')).toMatchObject({
      status: 'fail',
      passed: 1,
      failed: 3,
    });
  });
});
