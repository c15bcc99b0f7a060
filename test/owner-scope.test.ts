import { afterEach, beforeEach, expect, it } from 'vitest';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp, TestClient } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

function doc(kind: string, id: string, spec: Record<string, unknown>, version?: number) {
  return {
    apiVersion: 'lifeboat/v1',
    kind,
    metadata: { id, ...(version !== undefined && { version }) },
    spec,
  };
}

async function create(app: TestClient, plural: string, document: ReturnType<typeof doc>) {
  const response = await app.inject({ method: 'POST', url: `/api/v1/${plural}`, payload: document });
  expect(response.statusCode, response.body).toBe(201);
}

describeEachDatabase('service owner scope', (dialect) => {
  let t: TestApp;
  let owner: TestClient;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = t.as('owner');
    // owner@example.org is Person "olive", a member of team "ops"; "finance" is another team.
    await create(t.app, 'teams', doc('Team', 'ops', {}));
    await create(t.app, 'teams', doc('Team', 'finance', {}));
    await create(t.app, 'people', doc('Person', 'olive', { email: 'owner@example.org', team: 'ops' }));
    await create(t.app, 'services', doc('Service', 'payments', { type: 'business', tier: 1, owner: 'ops' }));
    await create(
      t.app,
      'services',
      doc('Service', 'ledger', { type: 'business', tier: 1, owner: 'finance' }),
    );
    await create(t.app, 'services', doc('Service', 'hr-portal', { type: 'it', tier: 3, owner: 'olive' }));
  });
  afterEach(async () => {
    await t.close();
  });

  it('lets an owner edit the services of their team and their own, recorded under their name', async () => {
    for (const id of ['payments', 'hr-portal']) {
      const current = body<{ spec: Record<string, unknown> }>(
        await owner.inject({ method: 'GET', url: `/api/v1/services/${id}` }),
      );
      const response = await owner.inject({
        method: 'PUT',
        url: `/api/v1/services/${id}`,
        payload: doc('Service', id, { ...current.spec, rto: '4h' }, 1),
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const audit = body<{ items: { actor: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?id=payments' }),
    );
    expect(audit.items.at(-1)?.actor).toBe('owner@example.org (token test)');
  });

  it("refuses an owner's edit of another team's service with 403 naming the owner, and changes nothing", async () => {
    const response = await owner.inject({
      method: 'PUT',
      url: '/api/v1/services/ledger',
      payload: doc('Service', 'ledger', { type: 'business', tier: 4, owner: 'finance' }, 1),
    });
    expect(response.statusCode).toBe(403);
    expect(body(response).detail).toContain(`this one's owner is "finance"`);
    const stored = body<{ spec: { tier: number } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/services/ledger' }),
    );
    expect(stored.spec.tier).toBe(1);
  });

  it('refuses an owner giving their service away, taking one over, or deleting one not theirs', async () => {
    const giveAway = await owner.inject({
      method: 'PUT',
      url: '/api/v1/services/payments',
      payload: doc('Service', 'payments', { type: 'business', tier: 1, owner: 'finance' }, 1),
    });
    expect(giveAway.statusCode).toBe(403);
    const takeOver = await owner.inject({
      method: 'PUT',
      url: '/api/v1/services/ledger',
      payload: doc('Service', 'ledger', { type: 'business', tier: 1, owner: 'ops' }, 1),
    });
    expect(takeOver.statusCode).toBe(403);
    expect((await owner.inject({ method: 'DELETE', url: '/api/v1/services/ledger' })).statusCode).toBe(403);
    expect((await owner.inject({ method: 'DELETE', url: '/api/v1/services/hr-portal' })).statusCode).toBe(
      204,
    );
  });

  it("lets an owner write their team's plan but not approve it, and not write another team's plan", async () => {
    const plan = (id: string, owner: string) =>
      doc('Plan', id, {
        services: ['payments'],
        owner,
        scenario: { description: 'Payments lost', fail: ['payments'] },
        activation: 'On the duty manager’s call',
      });
    await create(owner, 'plans', plan('plan-payments', 'ops'));
    const foreign = await owner.inject({
      method: 'POST',
      url: '/api/v1/plans',
      payload: plan('plan-ledger', 'finance'),
    });
    expect(foreign.statusCode).toBe(403);
    const approve = await owner.inject({ method: 'POST', url: '/api/v1/plans/plan-payments/approve' });
    expect(approve.statusCode).toBe(403);
    expect(body(approve).type).toBe('urn:lifeboat:problem:not-permitted');
  });

  it('lets an owner create a component for their team but not an unowned one, and never a site', async () => {
    await create(owner, 'components', doc('Component', 'pay-db', { type: 'database', owner: 'ops' }));
    const unowned = await owner.inject({
      method: 'POST',
      url: '/api/v1/components',
      payload: doc('Component', 'stray', { type: 'vm' }),
    });
    expect(unowned.statusCode).toBe(403);
    const site = await owner.inject({
      method: 'POST',
      url: '/api/v1/sites',
      payload: doc('Site', 'dc-9', {}),
    });
    expect(site.statusCode).toBe(403);
    expect(body(site).type).toBe('urn:lifeboat:problem:not-permitted');
  });
});
