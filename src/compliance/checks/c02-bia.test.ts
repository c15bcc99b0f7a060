import { describe, expect, it } from 'vitest';
import { doc, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import type { ServiceSpec } from '../../catalog/kinds/service.kind.ts';
import type { FrozenVersion } from '../../catalog/versions.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import type { ComplianceInput } from '../types.ts';
import { biaCheck } from './c02-bia.ts';

/** Impacts reaching the tolerance (level 4) at 1d: the BIA derives an MTPD of 1d. */
const IMPACTS = { financial: { '1h': 1, '4h': 2, '1d': 4, '3d': 5 } };

/** Ana's team, `db`, and `payments` (tier 1, on db) with the given objectives. */
const catalog = (spec: Partial<ServiceSpec> = { rto: '4h', rpo: '15m', mtpd: '1d' }) => [
  ...smallCatalog().filter((d) => d.metadata.id !== 'payments'),
  doc('Service', 'payments', { type: 'business', tier: 1, dependsOn: ['db'], ...spec }, { name: 'Payments' }),
];

const assessment = (
  id: string,
  assessedOn: string,
  extra: Partial<DocumentOf<'ImpactAssessment'>['spec']> = {},
) =>
  doc('ImpactAssessment', id, {
    service: 'payments',
    assessedBy: 'ana',
    assessedOn,
    impacts: IMPACTS,
    ...extra,
  }) as DocumentOf<'ImpactAssessment'>;

const itemsOf = (documents: CatalogDocument[], at: string, extra: Partial<ComplianceInput> = {}) =>
  biaCheck.items(complianceContext({ at, documents, source: 'files', ...extra }));

describe('C02 BIA approved and current', () => {
  it('passes a service whose BIA (from files, dated by its assessment) is within the interval, with its figures', () => {
    const items = itemsOf([...catalog(), assessment('bia-payments', '2026-03-02')], '2026-12-06');
    expect(items).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'pass',
        message:
          'Payments (payments, tier 1): the BIA "bia-payments" was assessed on 2026-03-02, due again 2027-03-01; ' +
          'declared MTPD 1d and RTO 4h within the MTPD 1d, RTO 1d it derives.',
        path: '/services/payments',
        evidence: [
          {
            type: 'document',
            kind: 'ImpactAssessment',
            id: 'bia-payments',
            title: 'bia-payments, assessed on 2026-03-02',
            path: '/assessments/bia-payments',
            date: '2026-03-02',
          },
        ],
      },
    ]);
  });

  it('fails on the day the review interval ends, and passes the day before', () => {
    const documents = [...catalog(), assessment('bia-payments', '2025-01-10')];
    expect(itemsOf(documents, '2026-01-08')).toMatchObject([{ status: 'pass' }]);
    expect(itemsOf(documents, '2026-01-09')).toMatchObject([
      {
        status: 'fail',
        message:
          'Payments (payments, tier 1): the BIA "bia-payments" was assessed on 2025-01-10 and was due again on ' +
          '2026-01-09; review it and have it approved again.',
        path: '/assessments/bia-payments',
      },
    ]);
  });

  it('reads the latest assessment only: a newer one makes an old stale one current again', () => {
    const documents = [
      ...catalog(),
      assessment('bia-payments-2025', '2025-01-10'),
      assessment('bia-payments-2026', '2026-03-02'),
    ];
    expect(itemsOf(documents, '2026-12-06')).toMatchObject([
      { status: 'pass', evidence: [{ id: 'bia-payments-2026' }] },
    ]);
  });

  it('fails declared objectives looser than the BIA, naming both figures', () => {
    const policy = doc('Policy', 'policy', { workRecovery: '4h' });
    const items = itemsOf(
      [...catalog({ rto: '1d', rpo: '15m', mtpd: '3d' }), policy, assessment('bia-payments', '2026-03-02')],
      '2026-12-06',
    );
    expect(items).toMatchObject([
      {
        status: 'fail',
        message:
          'Payments (payments, tier 1): the declared MTPD 3d is later than the 1d it derives and the declared ' +
          'RTO 1d is over the 20h it suggests by the BIA "bia-payments"; tighten the objectives to the BIA\'s.',
        path: '/services/payments',
      },
    ]);
  });

  it('fails a service with no BIA, or with one still waiting for approval in the database', () => {
    expect(itemsOf(catalog(), '2026-12-06')).toMatchObject([
      {
        status: 'fail',
        message:
          'Payments (payments, tier 1) has no BIA: assess its impacts and have the assessment approved.',
      },
    ]);
    const draft = assessment('bia-payments', '2026-03-02', { status: 'submitted' });
    expect(itemsOf([...catalog(), draft], '2026-12-06', { source: 'database' })).toMatchObject([
      {
        status: 'fail',
        message: 'Payments (payments, tier 1) has no approved BIA: have "bia-payments" approved.',
      },
    ]);
  });

  it('from the database, dates the BIA by its approval and links the frozen version', () => {
    const approvedContent = assessment('bia-payments', '2025-11-20');
    const version: FrozenVersion = {
      number: 2,
      document: approvedContent,
      checksum: 'abc123',
      approvedBy: 'bob@example.org',
      approvedAt: '2026-01-15T10:00:00Z',
    };
    // The document was edited since (a later draft): the approved version still counts.
    const edited = assessment('bia-payments', '2026-11-30', { status: 'draft' });
    const items = itemsOf([...catalog(), edited], '2026-12-06', {
      source: 'database',
      versions: new Map([['bia-payments', [version]]]),
    });
    expect(items).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'pass',
        message:
          'Payments (payments, tier 1): the BIA "bia-payments" was approved on 2026-01-15, due again 2027-01-14; ' +
          'declared MTPD 1d and RTO 4h within the MTPD 1d, RTO 1d it derives.',
        path: '/services/payments',
        evidence: [
          {
            type: 'version',
            kind: 'ImpactAssessment',
            id: 'bia-payments',
            title: 'bia-payments version 2, approved by bob@example.org on 2026-01-15',
            path: '/assessments/bia-payments',
            version: 2,
            checksum: 'abc123',
            date: '2026-01-15',
          },
        ],
      },
    ]);
  });

  it('passes on approval when the approval date is unknown, and says so', () => {
    const approved = assessment('bia-payments', '2024-01-01', { status: 'approved' });
    expect(itemsOf([...catalog(), approved], '2026-12-06', { source: 'database' })).toMatchObject([
      {
        status: 'pass',
        message:
          'Payments (payments, tier 1): the BIA "bia-payments" is approved (its approval date is unknown); ' +
          'declared MTPD 1d and RTO 4h within the MTPD 1d, RTO 1d it derives.',
      },
    ]);
  });

  it('leaves tier 3 and 4 services out (not applicable), and fails the check on one failing service', () => {
    const tier3 = catalog({ tier: 3 });
    expect(itemsOf(tier3, '2026-12-06')).toEqual([]);
    const report = evaluateCompliance({ at: '2026-12-06', documents: catalog(), source: 'files' });
    expect(report.checks.find((check) => check.id === 'C02')).toMatchObject({
      status: 'fail',
      passed: 0,
      failed: 1,
    });
  });
});
