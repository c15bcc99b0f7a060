import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SupplierAnalysisAnswer } from '../src/server/routes/supplier.schema.ts';
import type { TestApp, TestClient } from './support/test-app.ts';
import { body, createTestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

type Spec = Record<string, unknown>;

async function post(app: TestClient, plural: string, kind: string, id: string, spec: Spec) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/${plural}`,
    payload: { apiVersion: 'lifeboat/v1', kind, metadata: { id }, spec },
  });
  expect(response.statusCode, response.body).toBe(201);
}

const contract = (vendor: string, reference: string, extra: Spec = {}): Spec => ({
  reference,
  type: 'standalone',
  vendor,
  ictServiceType: 'S17',
  start: '2024-01-01',
  subcontractors: [{ vendor: 'dc', ictServiceType: 'S07', rank: 2 }],
  ...extra,
});

/** A cloud under a tier-1 critical payments service, a carrier under a tier-2 one, and a data centre operator. */
async function seed(app: TestClient) {
  await post(app, 'vendors', 'Vendor', 'telco', {});
  await post(app, 'vendors', 'Vendor', 'dc', {});
  await post(app, 'vendors', 'Vendor', 'cloud', {
    substitutability: { level: 'highly-complex', reason: 'difficult-migration' },
    alternatives: ['telco'],
  });
  const critical = { criticalOrImportant: 'yes', reason: 'Customers cannot pay.', assessedOn: '2026-01-01' };
  await post(app, 'services', 'Service', 'pay', {
    type: 'business',
    tier: 1,
    function: critical,
    dependsOn: ['cloud'],
  });
  await post(app, 'services', 'Service', 'branches', { type: 'business', tier: 2, dependsOn: ['telco'] });
  await post(app, 'contracts', 'Contract', 'c-cloud', contract('cloud', 'C-1', { services: ['pay'] }));
}

async function analysis(app: TestClient): Promise<SupplierAnalysisAnswer> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/analysis/suppliers' });
  expect(response.statusCode, response.body).toBe(200);
  return body<SupplierAnalysisAnswer>(response);
}

describeEachDatabase('supplier concentration API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seed(t.app);
  });
  afterEach(() => t.close());

  it('ranks the suppliers by what they take down, with the chain, the critical share and the contracts', async () => {
    const answer = await analysis(t.app);
    expect(answer.suppliers.map((supplier) => supplier.id)).toEqual(['cloud', 'dc', 'telco']);
    expect(answer.suppliers[0]).toMatchObject({
      id: 'cloud',
      score: 8,
      failed: ['cloud', 'dc'],
      subcontractors: ['dc'],
      servicesDown: [{ id: 'pay', tier: 1 }],
      criticalFunctions: ['pay'],
      criticalShare: 1,
      loss: null,
      substitutability: { level: 'highly-complex', reason: 'difficult-migration' },
      alternatives: ['telco'],
      exitPlan: null,
      contracts: [{ id: 'c-cloud', reference: 'C-1', end: null, ended: false, services: ['pay'] }],
    });
    expect(answer.suppliers[2]).toMatchObject({ id: 'telco', score: 4, criticalShare: 0 });
    expect(answer.fourthParties).toEqual([]);
  });

  it('answers again when a contract changes the supply chain, though the graph did not change', async () => {
    const before = await analysis(t.app);
    expect(await analysis(t.app)).toEqual(before);
    await post(t.app, 'contracts', 'Contract', 'c-telco', contract('telco', 'C-2'));
    const after = await analysis(t.app);
    expect(after.fourthParties).toEqual([{ id: 'dc', suppliers: ['cloud', 'telco'] }]);
    // The operator now carries both suppliers with it.
    expect(after.suppliers[0]).toMatchObject({ id: 'dc', failed: ['cloud', 'dc', 'telco'], score: 12 });
  });

  it('refuses a caller with no credentials with 401 and changes nothing', async () => {
    const response = await t.as(null).inject({ method: 'GET', url: '/api/v1/analysis/suppliers' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});
