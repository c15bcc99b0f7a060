import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TestClient } from './support/test-app.ts';
import type { ImpactResult, SpofResult } from '../src/engine/types.ts';
import type { ObjectivesAnswer } from '../src/server/routes/analysis.schema.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

type Spec = Record<string, unknown>;

function doc(kind: string, id: string, spec: Spec) {
  return { apiVersion: 'lifeboat/v1', kind, metadata: { id }, spec };
}

const PLURAL: Record<string, string> = {
  Site: 'sites',
  Component: 'components',
  Service: 'services',
  Team: 'teams',
  Plan: 'plans',
};

async function post(app: TestClient, kind: string, id: string, spec: Spec) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/${PLURAL[kind]}`,
    payload: doc(kind, id, spec),
  });
  expect(response.statusCode, response.body).toBe(201);
}

async function put(app: TestClient, kind: string, id: string, spec: Spec) {
  const url = `/api/v1/${PLURAL[kind]}/${id}`;
  const version = body<{ metadata: { version: number } }>(await app.inject({ method: 'GET', url })).metadata
    .version;
  const response = await app.inject({
    method: 'PUT',
    url,
    payload: { ...doc(kind, id, spec), metadata: { id, version } },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function impact(app: TestClient, fail: string[]): Promise<ImpactResult> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/analysis/impact', payload: { fail } });
  expect(response.statusCode, response.body).toBe(200);
  return body<ImpactResult>(response);
}

/** Two data centres, a database in each, an application that needs either, and a payments service on top. */
async function seed(app: TestClient) {
  await post(app, 'Site', 'dc-a', { type: 'data-centre', recovery: '2h' });
  await post(app, 'Site', 'dc-b', { type: 'data-centre', recovery: '3h' });
  await post(app, 'Component', 'db1', { type: 'database', site: 'dc-a', restart: '30m' });
  await post(app, 'Component', 'db2', { type: 'database', site: 'dc-b', restart: '20m' });
  await post(app, 'Component', 'app', {
    type: 'application',
    dependsOn: [{ anyOf: ['db1', 'db2'] }],
    restart: '10m',
  });
  await post(app, 'Service', 'pay', {
    type: 'business',
    tier: 1,
    rto: '1h',
    mtpd: '4h',
    dependsOn: ['app'],
    restart: '5m',
  });
}

describeEachDatabase('analysis API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seed(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  it('keeps the service up when one side of a redundant pair fails', async () => {
    const result = await impact(t.app, ['dc-a']);
    expect(result.down.map((node) => node.id).sort()).toEqual(['db1', 'dc-a']);
    expect(result.services).toEqual([
      {
        id: 'pay',
        tier: 1,
        down: false,
        restoreMinutes: null,
        restoreKnown: true,
        rtoMinutes: 60,
        rpoMinutes: null,
        mtpdMinutes: 240,
        rtoBreach: false,
        mtpdBreach: false,
        // db1 is a database that says nothing of its copies: what pay may lose is unknown.
        dataLossMinutes: null,
        dataLossKnown: false,
        rpoBreach: null,
      },
    ]);
    expect(result.unknown).toEqual(['db1']);
  });

  it('brings the service back when the first data centre and its database are back, and flags the RTO breach', async () => {
    const result = await impact(t.app, ['dc-a', 'dc-b']);
    const restore = Object.fromEntries(result.down.map((node) => [node.id, node.restoreMinutes]));
    expect(restore).toEqual({ 'dc-a': 120, 'dc-b': 180, db1: 150, db2: 200, app: 160, pay: 165 });
    expect(result.services[0]).toMatchObject({
      down: true,
      restoreMinutes: 165,
      rtoBreach: true,
      mtpdBreach: false,
    });
    expect(result.down.find((node) => node.id === 'pay')?.cause).toEqual(['dc-a', 'db1', 'app', 'pay']);
  });

  it('sees catalog edits at once: removing the redundancy makes one data centre a single point of failure', async () => {
    const dependentsOfDb2 = async () =>
      body<{ nodes: { id: string }[] }>(
        await t.app.inject({ method: 'GET', url: '/api/v1/graph?around=db2&depth=1&direction=up' }),
      ).nodes.map((node) => node.id);
    expect((await impact(t.app, ['dc-a'])).services[0]?.down).toBe(false);
    expect(await dependentsOfDb2()).toEqual(['app', 'db2']);
    await put(t.app, 'Component', 'app', { type: 'application', dependsOn: ['db1'], restart: '10m' });
    expect((await impact(t.app, ['dc-a'])).services[0]?.down).toBe(true);
    // The neighbourhood follows the edit too: app no longer depends on db2.
    expect(await dependentsOfDb2()).toEqual(['db2']);

    // A new node, created after the graph was cached, is known to the engine too.
    await post(t.app, 'Component', 'cache', { type: 'database' });
    await put(t.app, 'Component', 'app', {
      type: 'application',
      dependsOn: ['db1', 'cache'],
      restart: '10m',
    });
    expect((await impact(t.app, ['cache'])).services[0]?.down).toBe(true);

    // And a delete.
    await put(t.app, 'Component', 'app', { type: 'application', dependsOn: ['db1'], restart: '10m' });
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/components/cache' })).statusCode).toBe(204);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/impact',
      payload: { fail: ['cache'] },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('lists the single points of failure and the pairs of the service', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/analysis/spof?service=pay' });
    expect(body<SpofResult>(response)).toEqual({
      maxOrder: 2,
      services: [
        {
          id: 'pay',
          cutSets: [['app'], ['db1', 'db2'], ['db1', 'dc-b'], ['db2', 'dc-a'], ['dc-a', 'dc-b']],
        },
      ],
    });
    const onlySingles = body<SpofResult>(
      await t.app.inject({ method: 'GET', url: '/api/v1/analysis/spof?maxOrder=1' }),
    );
    expect(onlySingles.services).toEqual([{ id: 'pay', cutSets: [['app']] }]);
  });

  it('ranks the single points of failure by the services each takes down, weighted by tier, with names', async () => {
    const ledger = {
      ...doc('Service', 'ledger', { type: 'it', tier: 3, dependsOn: ['app'] }),
      metadata: { id: 'ledger', name: 'General ledger' },
    };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/services', payload: ledger });
    expect(created.statusCode, created.body).toBe(201);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/analysis/single-points' });
    expect(response.statusCode, response.body).toBe(200);
    const ranked = body<{
      total: number;
      points: {
        id: string;
        name: string;
        weightedScore: number;
        byTier: Record<string, number>;
        serviceCount: number;
        services: { id: string; name: string; tier: number }[];
      }[];
    }>(response);
    // The application takes both services down alone: 8 for the tier-1 service, 2 for the tier-3 one.
    expect(ranked.points[0]).toMatchObject({
      id: 'app',
      name: 'app',
      weightedScore: 10,
      byTier: { 1: 1, 2: 0, 3: 1, 4: 0 },
      serviceCount: 2,
      services: [
        { id: 'pay', name: 'pay', tier: 1 },
        { id: 'ledger', name: 'General ledger', tier: 3 },
      ],
    });
    const scores = ranked.points.map((point) => point.weightedScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // One data centre alone takes nothing down: the databases stand in for each other.
    expect(ranked.points.map((point) => point.id)).not.toContain('dc-a');
    expect(ranked.total).toBe(ranked.points.length);
  });

  it('names an unknown id to fail with a 400 problem', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/impact',
      payload: { fail: ['dc-z'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(body(response).detail).toContain('"dc-z"');
  });

  it('returns the neighbourhood of a node with redundancy groups marked on their edges', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/graph?around=app&depth=1' });
    const graph = body<{
      nodes: { id: string; kind: string; tier?: number }[];
      edges: unknown[];
      truncated: boolean;
    }>(response);
    expect(graph.nodes.map((node) => node.id)).toEqual(['app', 'db1', 'db2', 'pay']);
    expect(graph.nodes.find((node) => node.id === 'pay')).toMatchObject({ kind: 'Service', tier: 1 });
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: 'pay', to: 'app' },
        { from: 'app', to: 'db1', group: { index: 0, k: 1, of: 2 } },
        { from: 'app', to: 'db2', group: { index: 0, k: 1, of: 2 } },
      ]),
    );
    expect(graph.edges).toHaveLength(3);
    const down = body<{ nodes: { id: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/graph?around=pay&depth=10&direction=down' }),
    );
    expect(down.nodes.map((node) => node.id)).toEqual(['app', 'db1', 'db2', 'dc-a', 'dc-b', 'pay']);
  });

  it('answers the objectives gap of every site and plan scenario, and follows edits to the plans', async () => {
    const objectives = async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/analysis/objectives' });
      expect(response.statusCode, response.body).toBe(200);
      return body<ObjectivesAnswer>(response);
    };
    const sitesOnly = await objectives();
    expect(sitesOnly.scenarios).toEqual([
      { id: 'dc-a', source: 'site', fail: ['dc-a'] },
      { id: 'dc-b', source: 'site', fail: ['dc-b'] },
    ]);
    // Either data centre alone leaves the other database: pay stays up in both.
    expect(sitesOnly.services).toMatchObject([
      {
        id: 'pay',
        tier: 1,
        rtoMinutes: 60,
        rpoMinutes: null,
        results: [
          { scenario: 'dc-a', down: false, restoreMinutes: null, rtoBreach: false },
          { scenario: 'dc-b', down: false, restoreMinutes: null, rtoBreach: false },
        ],
      },
    ]);

    await post(t.app, 'Team', 'ops', {});
    const plan = (fail: string[]) => ({
      services: ['pay'],
      owner: 'ops',
      scenario: { description: 'Both data centres are lost', fail },
      activation: 'The duty manager invokes the plan.',
    });
    await post(t.app, 'Plan', 'both-sites', plan(['dc-a', 'dc-b']));
    const withPlan = await objectives();
    expect(withPlan.scenarios.at(-1)).toEqual({ id: 'both-sites', source: 'plan', fail: ['dc-a', 'dc-b'] });
    // dc-a back after 2h, db1 30m later, app 10m, pay 5m: 2h45m, past the 1h RTO.
    expect(withPlan.services[0]?.results[2]).toMatchObject({
      scenario: 'both-sites',
      down: true,
      restoreMinutes: 165,
      restoreKnown: true,
      rtoBreach: true,
    });
    // An edit to the plan alone keeps the failure nodes, yet the answer follows it.
    await put(t.app, 'Plan', 'both-sites', plan(['dc-a']));
    const edited = await objectives();
    expect(edited.scenarios.at(-1)).toEqual({ id: 'both-sites', source: 'plan', fail: ['dc-a'] });
    expect(edited.services[0]?.results[2]).toMatchObject({ down: false });
    // So does an edit to the graph: without the redundancy, losing dc-a takes pay down.
    await put(t.app, 'Component', 'app', { type: 'application', dependsOn: ['db1'], restart: '10m' });
    expect((await objectives()).services[0]?.results[0]).toMatchObject({
      scenario: 'dc-a',
      down: true,
      restoreMinutes: 165,
    });
  });

  it('filters the objectives gap by tier, breach and service, keeping every scenario, and names an unknown service', async () => {
    // A tier-3 mail service at dc-b with an RTO of 1h: dc-b takes 3h to come back, so mail misses it there.
    await post(t.app, 'Service', 'mail', {
      type: 'business',
      tier: 3,
      rto: '1h',
      dependsOn: ['db2'],
      restart: '5m',
    });
    const get = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/analysis/objectives${query}` });
    const whole = body<ObjectivesAnswer>(await get(''));
    expect(whole.services.map((service) => service.id)).toEqual(['pay', 'mail']);
    // pay survives either site alone on the other database; mail is back after 3h + 20m (db2) + 5m when dc-b fails.
    expect(whole.services[1]?.results[1]).toMatchObject({
      scenario: 'dc-b',
      restoreMinutes: 205,
      rtoBreach: true,
    });
    const ids = async (query: string) => {
      const response = await get(query);
      expect(response.statusCode, response.body).toBe(200);
      const answer = body<ObjectivesAnswer>(response);
      // The filter keeps the answer's shape: every scenario, whole service rows.
      expect(answer.scenarios).toEqual(whole.scenarios);
      for (const service of answer.services)
        expect(service).toEqual(whole.services.find((row) => row.id === service.id));
      return answer.services.map((service) => service.id);
    };
    expect(await ids('?tier=1')).toEqual(['pay']);
    expect(await ids('?breaches=true')).toEqual(['mail']);
    expect(await ids('?breaches=false')).toEqual(['pay']);
    expect(await ids('?service=mail')).toEqual(['mail']);
    expect(await ids('?tier=1&breaches=true')).toEqual([]);

    const unknown = await get('?service=mial');
    expect(unknown.statusCode).toBe(404);
    expect(body<{ detail: string }>(unknown).detail).toBe('No Service has the id "mial"');
    const badTier = await get('?tier=5');
    expect(badTier.statusCode).toBe(400);
    expect(body<{ detail: string }>(badTier).detail).toContain('tier');
    expect((await get('?breaches=yes')).statusCode).toBe(400);
  });

  it('follows a plan when asked: its scenario fails and its steps restore what they name when they end', async () => {
    await post(t.app, 'Team', 'ops', {});
    await post(t.app, 'Plan', 'b-first', {
      services: ['pay'],
      owner: 'ops',
      scenario: { description: 'Both data centres are lost', fail: ['dc-a', 'dc-b'] },
      activation: 'The duty manager invokes the plan.',
      phases: { recovery: [{ id: 'rebuild-b', title: 'Rebuild dc-b', duration: '1h', restores: ['dc-b'] }] },
    });
    const follow = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/analysis/impact', payload });
    const response = await follow({ plan: 'b-first' });
    expect(response.statusCode, response.body).toBe(200);
    const followed = body<ImpactResult>(response);
    // dc-b is back when the step ends (1h), db2 20m later, app 10m, pay 5m: 1h35m, where the graph alone says 2h45m.
    expect(Object.fromEntries(followed.down.map((node) => [node.id, node.restoreMinutes]))).toEqual({
      'dc-a': 120,
      'dc-b': 60,
      db1: 150,
      db2: 80,
      app: 90,
      pay: 95,
    });
    expect(followed.services[0]).toMatchObject({ restoreMinutes: 95, restoreKnown: true, rtoBreach: true });
    // `fail` replaces the plan's scenario; the steps still count.
    const onlyB = body<ImpactResult>(await follow({ plan: 'b-first', fail: ['dc-b'] }));
    expect(onlyB.failed).toEqual(['dc-b']);
    expect(onlyB.down.find((node) => node.id === 'dc-b')?.restoreMinutes).toBe(60);

    const unknownPlan = await follow({ plan: 'c-first' });
    expect(unknownPlan.statusCode).toBe(404);
    expect(body(unknownPlan).detail).toContain('"c-first"');
    const neither = await follow({});
    expect(neither.statusCode).toBe(400);
    expect(body(neither).detail).toContain('give the failed nodes (fail), a plan to follow (plan), or both');
  });
});
