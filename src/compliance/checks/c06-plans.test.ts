import { describe, expect, it } from 'vitest';
import { doc, plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { FrozenVersion } from '../../catalog/versions.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { plansCheck } from './c06-plans.ts';

const AT = '2026-12-06';

/** A complete plan of payments: activation, a call tree of ana then ops, one recovery and one reconstitution step. */
function completePlan(id: string, spec: Parameters<typeof plan>[1] = {}): CatalogDocument {
  return plan(id, {
    contacts: [{ id: 'ana' }, { id: 'ops' }],
    phases: {
      recovery: [{ id: 'restore', title: 'Restore the database', restores: ['db'] }],
      reconstitution: [{ id: 'back', title: 'Move back to the primary', after: ['restore'] }],
    },
    ...spec,
  });
}

const items = (
  documents: CatalogDocument[],
  source: 'files' | 'database' = 'files',
  versions?: Map<string, FrozenVersion[]>,
) => plansCheck.items(complianceContext({ at: AT, documents, source, ...(versions && { versions }) }));

describe('C06 plans', () => {
  it('passes a tier 1 service covered by a complete plan from files, citing the plan', () => {
    expect(items([...smallCatalog(), completePlan('p1')])).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'pass',
        message:
          'Covered by the approved plan "Plan p1" (p1), with activation criteria, a call tree of 2 reachable contacts, 1 recovery step and 1 reconstitution step.',
        path: '/plans/p1',
        evidence: [
          { type: 'document', kind: 'Plan', id: 'p1', title: 'Plan "Plan p1" (p1)', path: '/plans/p1' },
        ],
      },
    ]);
  });

  it('links the approved version with its checksum from the database', () => {
    const p1 = completePlan('p1', {
      status: 'approved',
      approvedBy: 'carol',
      approvedAt: '2026-03-02T10:00:00Z',
    });
    const versions = new Map([
      [
        'p1',
        [
          {
            number: 3,
            document: p1,
            checksum: 'abc123',
            approvedBy: 'carol',
            approvedAt: '2026-03-02T10:00:00Z',
          },
        ],
      ],
    ]);
    const [item] = items([...smallCatalog(), p1], 'database', versions);
    expect(item).toMatchObject({
      status: 'pass',
      message:
        'Covered by the approved plan "Plan p1" (p1) version 3 of 2026-03-02, with activation criteria, a call tree of 2 reachable contacts, 1 recovery step and 1 reconstitution step.',
      evidence: [
        {
          type: 'version',
          kind: 'Plan',
          id: 'p1',
          version: 3,
          checksum: 'abc123',
          date: '2026-03-02',
          title: 'Plan "Plan p1" (p1) version 3, approved by carol on 2026-03-02',
          path: '/plans/p1',
        },
      ],
    });
  });

  it('fails a service no plan covers, pointing at the service', () => {
    expect(items(smallCatalog())).toEqual([
      {
        id: 'payments',
        kind: 'Service',
        status: 'fail',
        message:
          'No plan covers the tier 1 service "Payments" (payments): write a plan that protects it and have it approved.',
        path: '/services/payments',
      },
    ]);
  });

  it('fails a service whose only plan is a draft in the database, and ignores a retired plan', () => {
    const draft = completePlan('p1', { status: 'draft' });
    expect(
      items([...smallCatalog(), draft, completePlan('p0', { status: 'retired' })], 'database'),
    ).toMatchObject([
      {
        status: 'fail',
        message:
          'The plan "Plan p1" (p1) covers the tier 1 service "Payments" (payments) but is not approved: submit it for approval.',
        path: '/plans/p1',
      },
    ]);
  });

  it('names every missing part of an incomplete approved plan', () => {
    const p1 = plan('p1', { phases: { recovery: [{ id: 'restore', title: 'Restore' }] } });
    expect(items([...smallCatalog(), p1])).toMatchObject([
      {
        status: 'fail',
        message:
          'The approved plan "Plan p1" (p1) covering the tier 1 service "Payments" (payments) has no call tree and no reconstitution steps: complete the plan and approve it again.',
        path: '/plans/p1',
      },
    ]);
  });

  it('fails a call tree with a person without phone or email, and a team nobody of which can be reached', () => {
    const catalog = [
      ...smallCatalog().filter((d) => d.metadata.id !== 'ana'),
      doc('Person', 'ana', { team: 'ops' }, { name: 'Ana Silva' }),
      doc('Person', 'dan', {}),
      doc('Team', 'night', { members: ['dan'] }),
      completePlan('p1', { contacts: [{ id: 'ana' }, { id: 'night' }, { id: 'ops' }] }),
    ];
    expect(items(catalog)[0]!.message).toBe(
      'The approved plan "Plan p1" (p1) covering the tier 1 service "Payments" (payments) has a call-tree contact that cannot be reached ("ana" has no phone or email) and a call-tree contact that cannot be reached (no member of team "night" has a phone or email): complete the plan and approve it again.',
    );
  });

  it("reaches a team through its lead's phone, and fails a team whose lead cannot be reached", () => {
    const catalog = (bob: CatalogDocument) => [
      ...smallCatalog().filter((d) => d.metadata.id !== 'bob'),
      bob,
      completePlan('p1', { contacts: [{ id: 'ops' }] }),
    ];
    expect(items(catalog(doc('Person', 'bob', { phone: '+44 20 7946 0003' })))[0]!.status).toBe('pass');
    expect(items(catalog(doc('Person', 'bob', {})))[0]!.message).toContain(
      `(team "ops"'s lead "bob" has no phone or email)`,
    );
  });

  it('passes when one of two covering plans is complete', () => {
    const partial = plan('p0', { contacts: [{ id: 'ana' }] });
    expect(items([...smallCatalog(), partial, completePlan('p1')])[0]).toMatchObject({
      status: 'pass',
      path: '/plans/p1',
    });
  });

  it('is not applicable without tier 1-2 services, and follows the tiers the Policy sets', () => {
    const tier3 = [
      ...smallCatalog().filter((d) => d.metadata.id !== 'payments'),
      doc('Service', 'payments', { type: 'business', tier: 3, owner: 'ops', dependsOn: ['db'] }),
    ];
    expect(items(tier3)).toEqual([]);
    const policy = doc('Policy', 'policy', { compliance: { checks: [{ check: 'C06', tiers: [3] }] } });
    expect(items([...tier3, policy])).toMatchObject([{ id: 'payments', status: 'fail' }]);
  });

  it('counts in the report: one failing service fails the check', () => {
    const catalog = [
      ...smallCatalog(),
      doc('Service', 'ledger', { type: 'business', tier: 2, owner: 'ops', dependsOn: ['db'] }),
      completePlan('p1'),
    ];
    const report = evaluateCompliance({ at: AT, documents: catalog, source: 'files' });
    expect(report.checks.find((check) => check.id === 'C06')).toMatchObject({
      status: 'fail',
      passed: 1,
      failed: 1,
      items: [
        { id: 'payments', status: 'pass' },
        { id: 'ledger', status: 'fail' },
      ],
    });
  });
});
