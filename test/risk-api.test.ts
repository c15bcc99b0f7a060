import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RiskAnalysisAnswer } from '../src/server/routes/risk.schema.ts';
import type { TestApp, TestClient } from './support/test-app.ts';
import { body, createTestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

type Spec = Record<string, unknown>;

const doc = (kind: string, id: string, spec: Spec) => ({
  apiVersion: 'lifeboat/v1',
  kind,
  metadata: { id },
  spec,
});

async function post(app: TestClient, plural: string, kind: string, id: string, spec: Spec) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/${plural}`,
    payload: doc(kind, id, spec),
  });
  expect(response.statusCode, response.body).toBe(201);
}

const risk = (spec: Spec = {}): Spec => ({
  category: 'technical',
  owner: 'ops',
  description: 'The only HSM fails.',
  likelihood: 3,
  impact: 4,
  ...spec,
});

/** A site, a database on it, an HSM, and a tier-1 payments service on both; a team that owns things. */
async function seed(app: TestClient) {
  await post(app, 'teams', 'Team', 'ops', {});
  await post(app, 'people', 'Person', 'ana', { email: 'ana@example.org' });
  await post(app, 'sites', 'Site', 'leeds', { recovery: '4h' });
  await post(app, 'components', 'Component', 'pay-db', { type: 'other', site: 'leeds', recovery: '1h' });
  await post(app, 'components', 'Component', 'hsm', { type: 'other', recovery: '2h' });
  await post(app, 'services', 'Service', 'pay', { type: 'business', tier: 1, dependsOn: ['pay-db', 'hsm'] });
}

async function analysis(app: TestClient, query = ''): Promise<RiskAnalysisAnswer> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/analysis/risk${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return body<RiskAnalysisAnswer>(response);
}

describeEachDatabase('risk register API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seed(t.app);
  });
  afterEach(() => t.close());

  it('creates, reads, updates with If-Match and deletes a risk', async () => {
    await post(t.app, 'risks', 'Risk', 'hsm-failure', risk());
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/risks/hsm-failure' });
    expect(body<{ spec: Spec; metadata: { version: number } }>(read)).toMatchObject({
      spec: { likelihood: 3, impact: 4 },
      metadata: { version: 1 },
    });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/risks/hsm-failure',
      headers: { 'if-match': '"1"' },
      payload: doc('Risk', 'hsm-failure', risk({ likelihood: 2 })),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(body<{ spec: Spec; metadata: { version: number } }>(put)).toMatchObject({
      spec: { likelihood: 2 },
      metadata: { version: 2 },
    });
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/risks/hsm-failure',
      headers: { 'if-match': '"2"' },
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/risks/hsm-failure' })).statusCode).toBe(404);
  });

  it('refuses an accepted risk without an acceptance (400), and an import naming an unknown owner (422), writing nothing', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/risks',
      payload: doc('Risk', 'hsm-failure', risk({ treatment: { decision: 'accept' } })),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(body<{ detail: string }>(refused).detail).toContain(
      'a risk whose decision is accept needs an acceptance',
    );
    const yaml = [
      'apiVersion: lifeboat/v1',
      'kind: Risk',
      'metadata: { id: flood }',
      'spec: { category: natural, owner: nobody, description: d, likelihood: 2, impact: 5 }',
    ].join('\n');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      payload: yaml,
    });
    expect(imported.statusCode).toBe(422);
    expect(body<{ detail: string }>(imported).detail).toMatch(/:4:\d+: error: unknown id "nobody"/);
    const listed = body<{ items: unknown[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/risks' }));
    expect(listed.items).toEqual([]);
  });

  it('answers the analysis: scores, quantified losses, and the single points no risk names, to a viewer', async () => {
    await post(
      t.app,
      'risks',
      'Risk',
      'fraud',
      risk({
        category: 'cyber',
        frequency: { min: 0.1, likely: 0.2, max: 0.5 },
        loss: { min: 10_000, likely: 50_000, max: 300_000 },
      }),
    );
    await post(t.app, 'risks', 'Risk', 'key-person', risk({ category: 'people', likelihood: 2, impact: 2 }));
    const answer = await analysis(t.as('viewer'), '?runs=2000&seed=5');
    expect(answer).toMatchObject({ currency: 'EUR', runs: 2000, seed: 5, appetite: 9 });
    const [fraud, keyPerson] = answer.risks;
    expect(fraud).toMatchObject({ id: 'fraud', score: 12, aboveAppetite: true });
    expect(fraud!.lossPerEventMean).toBeCloseTo((10_000 + 200_000 + 300_000) / 6, 6);
    expect(fraud!.ale).toBeGreaterThan(0);
    expect(keyPerson).toMatchObject({ id: 'key-person', score: 4, aboveAppetite: false, ale: null });
    expect(answer.portfolio.ale).toBeCloseTo(fraud!.ale!, 6);
    expect(answer.suggested).toEqual([
      { node: 'hsm', services: ['pay'] },
      { node: 'leeds', services: ['pay'] },
      { node: 'pay-db', services: ['pay'] },
    ]);
    expect((await t.as(null).inject({ method: 'GET', url: '/api/v1/analysis/risk' })).statusCode).toBe(401);
  });

  it('gives the same answer for the same seed, and sees a new risk that accepts a single point at once', async () => {
    await post(
      t.app,
      'risks',
      'Risk',
      'fraud',
      risk({
        frequency: { min: 0.5, likely: 1, max: 2 },
        loss: { min: 1, likely: 2, max: 3 },
      }),
    );
    const first = await analysis(t.app, '?runs=1000&seed=11');
    expect(await analysis(t.app, '?runs=1000&seed=11')).toEqual(first);
    expect((await analysis(t.app, '?runs=1000&seed=12')).risks[0]!.ale).not.toBe(first.risks[0]!.ale);
    await post(
      t.app,
      'risks',
      'Risk',
      'hsm-failure',
      risk({
        scenario: { fail: ['hsm'] },
        treatment: { decision: 'accept' },
        acceptance: { by: 'ana', on: '2026-01-01', until: '2099-12-31' },
      }),
    );
    const after = await analysis(t.app, '?runs=1000&seed=11');
    expect(after.suggested.map((point) => point.node)).toEqual(['leeds', 'pay-db']);
    expect(after.risks.map((row) => row.id)).toEqual(['fraud', 'hsm-failure']);
    expect(after.risks[0]).toEqual(first.risks[0]);
  });

  it("adds a risk's scenario to the objectives gap as a scenario of source risk", async () => {
    await post(t.app, 'risks', 'Risk', 'hsm-failure', risk({ scenario: { fail: ['hsm'] } }));
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/analysis/objectives' });
    expect(response.statusCode, response.body).toBe(200);
    const gap = body<{
      scenarios: { id: string; source: string; fail: string[] }[];
      services: {
        id: string;
        results: { scenario: string; down: boolean; restoreMinutes: number | null }[];
      }[];
    }>(response);
    expect(gap.scenarios.at(-1)).toEqual({ id: 'hsm-failure', source: 'risk', fail: ['hsm'] });
    const pay = gap.services.find((service) => service.id === 'pay')!;
    // The HSM is back after its 2h recovery, and payments with it.
    expect(pay.results.find((result) => result.scenario === 'hsm-failure')).toMatchObject({
      down: true,
      restoreMinutes: 120,
    });
  });

  it('refuses runs outside 100 to 1,000,000 with a readable problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/analysis/risk?runs=5' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(body<{ detail: string }>(response).detail).toMatch(/runs/);
  });
});
