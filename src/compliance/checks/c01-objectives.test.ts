import { describe, expect, it } from 'vitest';
import { doc, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { ServiceSpec } from '../../catalog/kinds/service.kind.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { objectivesCheck } from './c01-objectives.ts';

const AT = '2026-12-06';

/** A business service on `db` with the given tier and objectives. */
const service = (id: string, spec: Partial<ServiceSpec>, name?: string) =>
  doc('Service', id, { type: 'business', tier: 1, dependsOn: ['db'], ...spec }, name ? { name } : {});

const itemsOf = (documents: CatalogDocument[]) =>
  objectivesCheck.items(complianceContext({ at: AT, documents, source: 'files' }));

describe('C01 objectives set and consistent', () => {
  it('passes a service that declares all three objectives with its RTO within its MTPD, naming them', () => {
    const documents = [
      ...smallCatalog().filter((d) => d.metadata.id !== 'payments'),
      service('payments', { rto: '4h', rpo: '15m', mtpd: '1d' }, 'Payments'),
    ];
    expect(itemsOf(documents)).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'pass',
        message: 'Payments (payments, tier 1) declares MTPD 1d, RTO 4h (within the MTPD) and RPO 15m.',
        path: '/services/payments',
      },
    ]);
  });

  it('passes an RTO equal to the MTPD and fails one a minute over it', () => {
    const equal = itemsOf([
      ...smallCatalog().slice(0, 4),
      service('s', { rto: '4h', rpo: '1h', mtpd: '4h' }),
    ]);
    expect(equal).toMatchObject([{ id: 's', status: 'pass' }]);
    const over = itemsOf([
      ...smallCatalog().slice(0, 4),
      service('s', { tier: 2, rto: '4h1m', rpo: '1h', mtpd: '4h' }),
    ]);
    expect(over).toMatchObject([
      {
        id: 's',
        status: 'fail',
        message:
          's (tier 2) has an RTO of 4h1m, over its MTPD of 4h: it would come back after the damage is already ' +
          'unacceptable; shorten the RTO (or revisit the MTPD).',
      },
    ]);
  });

  it('fails a service missing objectives, naming each missing one and what to set', () => {
    const items = itemsOf([
      ...smallCatalog().slice(0, 4),
      service('a', { tier: 3, rto: '1d' }),
      service('b', { tier: 1, rto: '1h', mtpd: '4h' }),
    ]);
    expect(items.map((item) => [item.id, item.status, item.message])).toEqual([
      ['b', 'fail', 'b (tier 1) has no RPO: set how much data, as time, it may lose.'],
      [
        'a',
        'fail',
        'a (tier 3) has no MTPD and RPO: set the maximum tolerable period of disruption and how much data, as ' +
          'time, it may lose.',
      ],
    ]);
  });

  it('leaves tier 4 services out by default, and follows the tiers the Policy sets', () => {
    const tier4 = [...smallCatalog().slice(0, 4), service('s', { tier: 4 })];
    expect(itemsOf(tier4)).toEqual([]);
    const policy = doc('Policy', 'policy', { compliance: { checks: [{ check: 'C01', tiers: [4] }] } });
    expect(itemsOf([...tier4, policy])).toMatchObject([{ id: 's', status: 'fail' }]);
  });

  it('makes the check fail when one service fails, and not applicable with no service in scope', () => {
    const documents = [
      ...smallCatalog().slice(0, 4),
      service('good', { rto: '1h', rpo: '5m', mtpd: '4h' }),
      service('bad', { tier: 2 }),
    ];
    const result = evaluateCompliance({ at: AT, documents, source: 'files' }).checks.find(
      (check) => check.id === 'C01',
    );
    expect(result).toMatchObject({ status: 'fail', passed: 1, failed: 1, severity: 'high' });
    const empty = evaluateCompliance({ at: AT, documents: smallCatalog().slice(0, 4), source: 'files' });
    expect(empty.checks.find((check) => check.id === 'C01')).toMatchObject({
      status: 'not-applicable',
      passed: 0,
      failed: 0,
    });
  });
});
