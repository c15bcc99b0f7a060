import { describe, expect, it } from 'vitest';
import { doc } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { suppliersCheck } from './c13-suppliers.ts';

/**
 * Payments, a critical function, runs on the cloud provider `cloudco`; the marketing site, not critical, runs on
 * `webhost`. So `cloudco` is the one supplier in scope.
 */
function catalog(cloudco: Partial<DocumentOf<'Vendor'>['spec']>, payments = true): CatalogDocument[] {
  return [
    doc('Person', 'ana', { email: 'ana@example.org' }, { name: 'Ana Silva' }),
    doc('Vendor', 'cloudco', cloudco, { name: 'CloudCo' }),
    doc('Vendor', 'webhost', {}, { name: 'WebHost' }),
    doc(
      'Service',
      'payments',
      {
        type: 'business',
        tier: 1,
        owner: 'ana',
        dependsOn: ['cloudco'],
        function: { criticalOrImportant: payments ? 'yes' : 'no' },
      },
      { name: 'Payments' },
    ),
    doc(
      'Service',
      'marketing',
      {
        type: 'business',
        tier: 4,
        owner: 'ana',
        dependsOn: ['webhost'],
        function: { criticalOrImportant: 'no' },
      },
      { name: 'Marketing site' },
    ),
    doc(
      'Plan',
      'plan-exit-cloudco',
      {
        services: ['payments'],
        owner: 'ana',
        scenario: { description: 'Leave CloudCo', fail: ['cloudco'] },
        activation: 'The CIO decides to leave CloudCo.',
      },
      { name: 'Leaving CloudCo' },
    ),
  ];
}

const ready = {
  substitutability: { level: 'highly-complex', reason: 'difficult-migration' },
  exitPlan: { plan: 'plan-exit-cloudco', lastTested: '2025-06-01' },
} satisfies Partial<DocumentOf<'Vendor'>['spec']>;

const items = (documents: CatalogDocument[], at = '2026-03-01') =>
  suppliersCheck.items(complianceContext({ at, documents, source: 'files' }));

describe('C13 suppliers of critical functions', () => {
  it('passes a critical supplier assessed and with an exit plan tested within 12 months', () => {
    expect(items(catalog(ready))).toEqual([
      {
        id: 'cloudco',
        kind: 'Vendor',
        status: 'pass',
        path: '/vendors/cloudco',
        message:
          'Supports Payments; substitutability highly-complex; exit plan Leaving CloudCo tested on 2025-06-01, valid until 2026-06-01.',
        evidence: [
          {
            type: 'document',
            kind: 'Plan',
            id: 'plan-exit-cloudco',
            title: 'Exit plan Leaving CloudCo, tested on 2025-06-01',
            path: '/plans/plan-exit-cloudco',
            date: '2025-06-01',
          },
        ],
      },
    ]);
  });

  it('counts the test until the same day 12 months later and fails it the day after', () => {
    expect(items(catalog(ready), '2026-06-01')[0]!.status).toBe('pass');
    expect(items(catalog(ready), '2026-06-02')[0]).toMatchObject({
      status: 'fail',
      message:
        'Supports Payments, but its exit plan Leaving CloudCo was last tested on 2025-06-01, which counted until 2026-06-01: test it again and record exitPlan.lastTested.',
    });
  });

  it('fails a critical supplier with no assessment and no exit plan, saying both', () => {
    expect(items(catalog({}))[0]!.message).toBe(
      'Supports Payments, but it has no substitutability assessment: set substitutability.level (easy, medium, highly-complex or not-substitutable); it has no exit plan: write one and name it in exitPlan.',
    );
  });

  it('fails an exit plan never tested', () => {
    const untested = { ...ready, exitPlan: { plan: 'plan-exit-cloudco' } };
    expect(items(catalog(untested))[0]!.message).toBe(
      'Supports Payments, but its exit plan Leaving CloudCo has never been tested: test it and record exitPlan.lastTested.',
    );
  });

  it('is not applicable when no function is critical or important', () => {
    expect(items(catalog({}, false))).toEqual([]);
    const report = evaluateCompliance({ at: '2026-03-01', documents: catalog({}, false), source: 'files' });
    expect(report.checks.find((check) => check.id === 'C13')?.status).toBe('not-applicable');
    const failing = evaluateCompliance({ at: '2026-03-01', documents: catalog({}), source: 'files' });
    expect(failing.checks.find((check) => check.id === 'C13')).toMatchObject({
      status: 'fail',
      passed: 0,
      failed: 1,
    });
  });
});
