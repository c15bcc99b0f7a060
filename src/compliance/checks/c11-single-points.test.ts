import { describe, expect, it } from 'vitest';
import { doc } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { singlePointsCheck } from './c11-single-points.ts';

/**
 * Payments (tier 1) needs the database `db` and one of two web servers; reporting (tier 3) needs `warehouse`.
 * So `db` is the only single point of failure under a tier 1-2 service.
 */
function catalog(...extra: CatalogDocument[]): CatalogDocument[] {
  return [
    doc('Person', 'ana', { email: 'ana@example.org' }, { name: 'Ana Silva' }),
    doc('Team', 'ops', { lead: 'ana', members: ['ana'] }, { name: 'Operations' }),
    doc('Component', 'db', { type: 'database', owner: 'ops' }, { name: 'Core database' }),
    doc('Component', 'web-a', { type: 'server', owner: 'ops' }),
    doc('Component', 'web-b', { type: 'server', owner: 'ops' }),
    doc('Component', 'warehouse', { type: 'database', owner: 'ops' }),
    doc(
      'Service',
      'payments',
      { type: 'business', tier: 1, owner: 'ops', dependsOn: ['db', { anyOf: ['web-a', 'web-b'] }] },
      { name: 'Payments' },
    ),
    doc(
      'Service',
      'reporting',
      { type: 'business', tier: 3, owner: 'ops', dependsOn: ['warehouse'] },
      { name: 'Reporting' },
    ),
    ...extra,
  ];
}

function risk(spec: Partial<DocumentOf<'Risk'>['spec']> = {}): CatalogDocument {
  return doc(
    'Risk',
    'risk-db',
    {
      category: 'technical',
      owner: 'ops',
      description: 'The core database is lost.',
      scenario: { fail: ['db'] },
      likelihood: 2,
      impact: 4,
      ...spec,
    },
    { name: 'Core database loss' },
  );
}

const accepted = risk({
  treatment: { decision: 'accept' },
  acceptance: { by: 'ana', on: '2026-01-01', until: '2026-12-31' },
});

const items = (documents: CatalogDocument[], at = '2026-06-01') =>
  singlePointsCheck.items(complianceContext({ at, documents, source: 'files' }));

describe('C11 single points of failure', () => {
  it('fails a single point under a tier 1 service that no risk covers, and ignores redundant nodes and tier 3', () => {
    expect(items(catalog())).toEqual([
      {
        id: 'db',
        kind: 'Component',
        status: 'fail',
        path: '/components/db',
        message:
          'Core database alone takes down Payments (tier 1); no risk covers it: add redundancy, or record a Risk with it in scenario.fail and accept it.',
      },
    ]);
  });

  it('passes a single point an accepted risk covers, with the acceptance as evidence', () => {
    expect(items(catalog(accepted))).toEqual([
      {
        id: 'db',
        kind: 'Component',
        status: 'pass',
        path: '/components/db',
        message:
          'Core database alone takes down Payments (tier 1); accepted in risk risk-db by Ana Silva until 2026-12-31.',
        evidence: [
          {
            type: 'document',
            kind: 'Risk',
            id: 'risk-db',
            title: 'Risk Core database loss accepted by Ana Silva on 2026-01-01, until 2026-12-31',
            path: '/risks/risk-db',
            date: '2026-01-01',
          },
        ],
      },
    ]);
  });

  it('counts the acceptance from its first to its last day, and fails it outside', () => {
    expect(items(catalog(accepted), '2025-12-31')[0]!.message).toContain(
      'no risk accepts it (risk-db (its acceptance starts on 2026-01-01))',
    );
    expect(items(catalog(accepted), '2026-01-01')[0]!.status).toBe('pass');
    expect(items(catalog(accepted), '2026-12-31')[0]!.status).toBe('pass');
    const after = items(catalog(accepted), '2027-01-01')[0]!;
    expect(after.status).toBe('fail');
    expect(after.message).toBe(
      'Core database alone takes down Payments (tier 1); no risk accepts it (risk-db (its acceptance ended on 2026-12-31)): add redundancy, or accept the risk with a current acceptance.',
    );
  });

  it('fails a single point whose risk is being mitigated rather than accepted', () => {
    const mitigated = risk({ treatment: { decision: 'mitigate' } });
    const item = items(catalog(mitigated))[0]!;
    expect(item.status).toBe('fail');
    expect(item.message).toContain('no risk accepts it (risk-db (decision mitigate))');
  });

  it('follows the tiers the Policy gives the check', () => {
    const policy = doc('Policy', 'policy', { compliance: { checks: [{ check: 'C11', tiers: [1, 2, 3] }] } });
    expect(items(catalog(policy)).map((item) => item.id)).toEqual(['db', 'warehouse']);
  });

  it('is not applicable without a service in scope, and reports the status through the evaluation', () => {
    const noTier12 = catalog().filter((document) => document.metadata.id !== 'payments');
    expect(items(noTier12)).toEqual([]);
    const report = evaluateCompliance({ at: '2026-06-01', documents: catalog(accepted), source: 'files' });
    expect(report.checks.find((check) => check.id === 'C11')).toMatchObject({
      status: 'pass',
      passed: 1,
      failed: 0,
    });
    const none = evaluateCompliance({ at: '2026-06-01', documents: noTier12, source: 'files' });
    expect(none.checks.find((check) => check.id === 'C11')?.status).toBe('not-applicable');
  });
});
