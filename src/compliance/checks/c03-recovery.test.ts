import { describe, expect, it } from 'vitest';
import { doc, plan } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { ServiceSpec } from '../../catalog/kinds/service.kind.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { recoveryCheck } from './c03-recovery.ts';

const AT = '2026-12-06';

/** The site dc-north (back in `siteRecovery`), the database on it, and `payments` (tier 1, RTO 4h) on the database. */
const catalog = (siteRecovery: string | undefined, service: Partial<ServiceSpec> = {}): CatalogDocument[] => [
  doc('Person', 'ana', { email: 'ana@example.org' }),
  doc('Site', 'dc-north', siteRecovery === undefined ? {} : { recovery: siteRecovery }),
  doc('Component', 'db', { type: 'database', site: 'dc-north', recovery: '2h' }),
  doc(
    'Service',
    'payments',
    { type: 'business', tier: 1, owner: 'ana', rto: '4h', rpo: '1h', dependsOn: ['db'], ...service },
    { name: 'Payments' },
  ),
];

const itemsOf = (documents: CatalogDocument[]) =>
  recoveryCheck.items(complianceContext({ at: AT, documents, source: 'files' }));

describe('C03 recovery within the RTO in every scenario', () => {
  it('passes a service back within its RTO, naming its latest scenario', () => {
    expect(itemsOf(catalog('1h'))).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'pass',
        message:
          'Payments (payments, tier 1) is back within its RTO 4h in the one scenario where it goes down ' +
          '(the latest: 1h in site "dc-north").',
        path: '/services/payments',
      },
    ]);
  });

  it('passes a restore exactly at the RTO and fails one a minute later', () => {
    expect(itemsOf(catalog('4h'))).toMatchObject([{ status: 'pass' }]);
    expect(itemsOf(catalog('4h1m'))).toMatchObject([
      {
        status: 'fail',
        message:
          'Payments (payments, tier 1) misses its RTO 4h in the only scenario where it goes down: site ' +
          '"dc-north" (back after 4h1m): shorten the recovery (a standby, a faster restore) or follow a plan ' +
          'that covers these scenarios.',
      },
    ]);
  });

  it('fails a restore time known only as a bound, with the bound', () => {
    expect(itemsOf(catalog(undefined))).toMatchObject([
      {
        status: 'fail',
        message:
          'Payments (payments, tier 1) has only a bound known in 1 scenario: at least 0m in site "dc-north" ' +
          '(RTO 4h): write down the missing recovery and step durations.',
      },
    ]);
  });

  it("follows a plan's steps in its scenario, and links the plan that misses the RTO", () => {
    const slow = plan('plan-db', {
      services: ['payments'],
      owner: 'ana',
      scenario: { description: 'The database is lost', fail: ['db'] },
      phases: {
        recovery: [{ id: 'restore', title: 'Restore the database', duration: '6h', restores: ['db'] }],
      },
    });
    const items = itemsOf([...catalog('1h'), slow]);
    expect(items).toMatchObject([
      {
        status: 'fail',
        message:
          'Payments (payments, tier 1) misses its RTO 4h in 1 of the 2 scenarios where it goes down: plan ' +
          '"plan-db" (back after 6h): shorten the recovery (a standby, a faster restore) or follow a plan that ' +
          'covers these scenarios.',
        evidence: [
          { type: 'document', kind: 'Plan', id: 'plan-db', title: 'Plan plan-db', path: '/plans/plan-db' },
        ],
      },
    ]);
    // From the database the evidence is the plan's approved version, with its checksum.
    const versions = new Map([
      [
        'plan-db',
        [
          {
            number: 3,
            document: slow,
            checksum: 'c0ffee',
            approvedBy: 'bob',
            approvedAt: '2026-10-01T09:00:00Z',
          },
        ],
      ],
    ]);
    const context = complianceContext({
      at: AT,
      documents: [...catalog('1h'), slow],
      source: 'database',
      versions,
    });
    expect(recoveryCheck.items(context)[0]?.evidence).toEqual([
      {
        type: 'version',
        kind: 'Plan',
        id: 'plan-db',
        title: 'Plan plan-db version 3, approved by bob on 2026-10-01',
        path: '/plans/plan-db',
        version: 3,
        checksum: 'c0ffee',
        date: '2026-10-01',
      },
    ]);
  });

  it('judges a site scenario that a plan repeats by the plan followed', () => {
    const failover = plan('plan-site', {
      services: ['payments'],
      owner: 'ana',
      scenario: { description: 'dc-north is lost', fail: ['dc-north'] },
      phases: {
        recovery: [{ id: 'bring-up', title: 'Bring the site up', duration: '1h', restores: ['dc-north'] }],
      },
    });
    expect(itemsOf(catalog('5h'))).toMatchObject([{ status: 'fail' }]);
    expect(itemsOf([...catalog('5h'), failover])).toMatchObject([
      {
        status: 'pass',
        message:
          'Payments (payments, tier 1) is back within its RTO 4h in the one scenario where it goes down ' +
          '(the latest: 1h in plan "plan-site").',
        evidence: [{ kind: 'Plan', id: 'plan-site' }],
      },
    ]);
  });

  it('makes one item per service, naming the worst scenarios first and counting the rest', () => {
    const sites = ['s1', 's2', 's3', 's4'];
    const documents = [
      ...sites.map((id, index) => doc('Site', id, { recovery: `${5 + index}h` })),
      ...sites.map((id) => doc('Component', `c-${id}`, { type: 'server', site: id, recovery: '0m' })),
      doc('Service', 'svc', {
        type: 'it',
        tier: 2,
        rto: '4h',
        recovery: '0m',
        dependsOn: sites.map((id) => `c-${id}`),
      }),
    ];
    expect(itemsOf(documents)).toMatchObject([
      {
        id: 'svc',
        status: 'fail',
        message:
          'svc (tier 2) misses its RTO 4h in 4 of the 4 scenarios where it goes down: site "s4" (back after 8h), ' +
          'site "s3" (back after 7h), site "s2" (back after 6h) and 1 more: shorten the recovery (a standby, a ' +
          'faster restore) or follow a plan that covers these scenarios.',
      },
    ]);
  });

  it('fails a service without an RTO that goes down, and passes one that never goes down', () => {
    expect(itemsOf(catalog('1h', { rto: undefined }))).toMatchObject([
      {
        status: 'fail',
        message:
          'Payments (payments, tier 1) has no RTO, so whether it is back in time cannot be judged; it goes down ' +
          'in the only scenario (site "dc-north"): set its RTO.',
      },
    ]);
    expect(itemsOf(catalog('1h', { dependsOn: [] }))).toMatchObject([
      {
        status: 'pass',
        message:
          'Payments (payments, tier 1) stays up in every scenario of the objectives matrix (1 scenario).',
      },
    ]);
  });

  it('is not applicable without a tier 1-2 service, and fails the check when a service is late', () => {
    expect(itemsOf(catalog('1h', { tier: 3 }))).toEqual([]);
    const report = evaluateCompliance({ at: AT, documents: catalog('5h'), source: 'files' });
    expect(report.checks.find((check) => check.id === 'C03')).toMatchObject({
      status: 'fail',
      passed: 0,
      failed: 1,
    });
  });
});
