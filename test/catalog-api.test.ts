import { afterEach, beforeEach, expect, it } from 'vitest';
import { KIND_NAMES } from '../src/catalog/kinds.ts';
import { FIXTURE_ORDER, FIXTURES, collection, fixture } from './support/fixtures.ts';
import { body, createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';
import { SEEDED_AUDIT_ENTRIES } from './support/test-users.ts';

type Doc = ReturnType<typeof fixture>;

describeEachDatabase('catalog API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it.each(FIXTURE_ORDER)('creates, reads, lists, replaces and deletes a %s', async (kind) => {
    const { app } = t;
    await seedFixtures(app);
    const original = FIXTURES[kind];
    const url = `${collection(kind)}/${original.metadata.id}`;

    const read = await app.inject({ method: 'GET', url });
    expect(read.statusCode).toBe(200);
    const stored = body<Doc>(read);
    expect(stored).toMatchObject(original);
    expect(stored.metadata.version).toBe(1);
    expect(read.headers.etag).toBe('"1"');

    const listed = body<{ items: Doc[] }>(await app.inject({ method: 'GET', url: collection(kind) }));
    expect(listed.items.map((item) => item.metadata.id)).toEqual([original.metadata.id]);

    const changed = fixture(kind);
    changed.metadata.name = 'Renamed';
    changed.metadata.version = 1;
    const put = await app.inject({ method: 'PUT', url, payload: changed });
    expect(put.statusCode).toBe(200);
    expect(body<Doc>(put).metadata).toMatchObject({ name: 'Renamed', version: 2 });
    const reread = body<Doc>(await app.inject({ method: 'GET', url }));
    expect(reread.metadata.name).toBe('Renamed');
    expect(reread.metadata.createdAt).toBe(stored.metadata.createdAt);
    expect(reread.spec).toEqual(original.spec);

    // Only the last fixture (Service) is referenced by nothing; delete dependants first.
    for (const dependant of FIXTURE_ORDER.slice(FIXTURE_ORDER.indexOf(kind) + 1).reverse()) {
      const del = await app.inject({
        method: 'DELETE',
        url: `${collection(dependant)}/${FIXTURES[dependant].metadata.id}`,
      });
      expect(del.statusCode).toBe(204);
    }
    expect((await app.inject({ method: 'DELETE', url })).statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
  });

  it('rejects a stale version with 409 and returns the current document', async () => {
    const { app } = t;
    await seedFixtures(app);
    const url = `${collection('Site')}/dc-north`;
    const first = {
      ...fixture('Site'),
      metadata: { ...fixture('Site').metadata, name: 'First', version: 1 },
    };
    expect((await app.inject({ method: 'PUT', url, payload: first })).statusCode).toBe(200);

    const second = {
      ...fixture('Site'),
      metadata: { ...fixture('Site').metadata, name: 'Second', version: 1 },
    };
    const stale = await app.inject({ method: 'PUT', url, payload: second });
    expect(stale.statusCode).toBe(409);
    const problem = body<{ detail: string; current: Doc }>(stale);
    expect(problem.detail).toContain('version 1');
    expect(problem.current.metadata).toMatchObject({ name: 'First', version: 2 });
    expect(body<Doc>(await app.inject({ method: 'GET', url })).metadata.name).toBe('First');
  });

  it('takes the version from If-Match, and asks for one with 428 when the PUT carries none', async () => {
    const { app } = t;
    await seedFixtures(app);
    const url = `${collection('Vendor')}/telco`;
    const missing = await app.inject({ method: 'PUT', url, payload: fixture('Vendor') });
    expect(missing.statusCode).toBe(428);
    expect(body(missing).detail).toMatch(/If-Match/);

    const ok = await app.inject({
      method: 'PUT',
      url,
      headers: { 'if-match': '"1"' },
      payload: fixture('Vendor'),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await app.inject({
      method: 'PUT',
      url,
      headers: { 'if-match': '"1"' },
      payload: fixture('Vendor'),
    });
    expect(stale.statusCode).toBe(409);
  });

  it('rejects a reference to an unknown id with 422 naming the id, and writes nothing', async () => {
    const { app } = t;
    await seedFixtures(app);
    const component = fixture('Component');
    component.metadata.id = 'app-server';
    component.spec.dependsOn = ['db-primary', { atLeast: 1, of: ['db-primray'] }];
    const response = await app.inject({ method: 'POST', url: collection('Component'), payload: component });
    expect(response.statusCode).toBe(422);
    const problem = body<{ detail: string; errors: { path: string; message: string }[] }>(response);
    expect(problem.detail).toContain('"db-primray"');
    expect(problem.errors).toEqual([{ path: 'spec.dependsOn[1].of[0]', message: 'unknown id "db-primray"' }]);
    expect(
      (await app.inject({ method: 'GET', url: `${collection('Component')}/app-server` })).statusCode,
    ).toBe(404);
    const audit = body<{ items: unknown[] }>(
      await app.inject({ method: 'GET', url: '/api/v1/audit?id=app-server' }),
    );
    expect(audit.items).toEqual([]);
  });

  it('rejects a reference to a document of the wrong kind with 422', async () => {
    const { app } = t;
    await seedFixtures(app);
    const service = fixture('Service');
    service.spec.owner = 'db-primary';
    service.metadata.version = 1;
    const response = await app.inject({
      method: 'PUT',
      url: `${collection('Service')}/payments`,
      payload: service,
    });
    expect(response.statusCode).toBe(422);
    expect(body(response).detail).toContain('"db-primary" is a Component, expected Team or Person');
  });

  it('refuses to delete a referenced document with 409 listing who refers to it', async () => {
    const { app } = t;
    await seedFixtures(app);
    const response = await app.inject({ method: 'DELETE', url: `${collection('Site')}/dc-north` });
    expect(response.statusCode).toBe(409);
    const problem = body<{ detail: string; referrers: { id: string; kind: string; path: string }[] }>(
      response,
    );
    expect(problem.referrers).toEqual([{ id: 'db-primary', kind: 'Component', path: 'spec.site' }]);
    expect(problem.detail).toContain('Component "db-primary"');
    expect((await app.inject({ method: 'GET', url: `${collection('Site')}/dc-north` })).statusCode).toBe(200);
  });

  it('refuses an id already used by a document of another kind, since ids are unique across the catalog', async () => {
    const { app } = t;
    await seedFixtures(app);
    const vendor = fixture('Vendor');
    vendor.metadata.id = 'dc-north';
    const response = await app.inject({ method: 'POST', url: collection('Vendor'), payload: vendor });
    expect(response.statusCode).toBe(409);
    expect(body(response).detail).toContain('already used by a Site');
  });

  it('rejects a document that breaks its schema with 400 naming each field, and a kind that does not match the URL', async () => {
    const { app } = t;
    const service = fixture('Service');
    service.spec = { type: 'business', tier: 7, rto: 'soon', dependsOn: [] };
    const response = await app.inject({ method: 'POST', url: collection('Service'), payload: service });
    expect(response.statusCode).toBe(400);
    const problem = body<{ errors: { path: string }[] }>(response);
    expect(problem.errors.map((error) => error.path).sort()).toEqual(['spec.rto', 'spec.tier']);

    const wrongKind = await app.inject({ method: 'POST', url: collection('Site'), payload: fixture('Team') });
    expect(wrongKind.statusCode).toBe(400);
    expect(body(wrongKind).detail).toContain('kind');
  });

  it('pages through every document exactly once, in id order, with filters applied on every page', async () => {
    const { app } = t;
    await app.inject({ method: 'POST', url: collection('Site'), payload: fixture('Site') });
    const ids: string[] = [];
    for (let i = 0; i < 137; i++) {
      const id = `host-${String(i).padStart(3, '0')}`;
      ids.push(id);
      const doc = {
        apiVersion: 'lifeboat/v1',
        kind: 'Component',
        metadata: {
          id,
          name: i % 2 === 0 ? `Even host ${i}` : `Odd host ${i}`,
          labels: { parity: i % 2 ? 'odd' : 'even' },
        },
        spec: { type: 'server', site: 'dc-north' },
      };
      expect(
        (await app.inject({ method: 'POST', url: collection('Component'), payload: doc })).statusCode,
      ).toBe(201);
    }
    async function all(query: string): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `${collection('Component')}?limit=10${query}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: { items: Doc[]; nextCursor: string | null } = body(
          await app.inject({ method: 'GET', url }),
        );
        expect(page.items.length).toBeLessThanOrEqual(10);
        seen.push(...page.items.map((item) => item.metadata.id as string));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    }
    expect(await all('')).toEqual(ids);
    expect(await all('&label=parity=odd')).toEqual(ids.filter((_, i) => i % 2 === 1));
    expect(await all('&q=EVEN%20HOST%201')).toEqual(
      ids.filter((_, i) => i % 2 === 0 && String(i).startsWith('1')),
    );
    expect(await all('&q=50%25')).toEqual([]);
  });

  it('filters a listing on spec fields and on missing objectives, page after page', async () => {
    const { app } = t;
    await seedFixtures(app);
    const service = (id: string, spec: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: collection('Service'),
        payload: { apiVersion: 'lifeboat/v1', kind: 'Service', metadata: { id }, spec },
      });
    await service('email', { type: 'it', tier: 3, owner: 'ops' });
    await service('payroll', { type: 'business', tier: 3, owner: 'ana', rto: '3d' });
    await service('atm', { type: 'business', tier: 2, rto: '8h', rpo: '0m', mtpd: '2d' });
    const ids = async (query: string) =>
      body<{ items: Doc[] }>(
        await app.inject({ method: 'GET', url: `${collection('Service')}?${query}` }),
      ).items.map((item) => item.metadata.id);
    expect(await ids('tier=3')).toEqual(['email', 'payroll']);
    expect(await ids('tier=3&type=business')).toEqual(['payroll']);
    expect(await ids('owner=ops')).toEqual(['email']);
    expect(await ids('missing=rto')).toEqual(['email']);
    expect(await ids('missing=owner&missing=rpo')).toEqual([]);
    expect(await ids('missing=owner')).toEqual(['atm']);
    expect(await ids('tier=1&limit=1')).toEqual(['payments']);
    const components = body<{ items: Doc[] }>(
      await app.inject({ method: 'GET', url: `${collection('Component')}?site=dc-north` }),
    );
    expect(components.items.map((item) => item.metadata.id)).toEqual(['db-primary']);
    const bad = await app.inject({ method: 'GET', url: `${collection('Service')}?missing=colour` });
    expect(bad.statusCode).toBe(400);
  });

  it('answers a cursor it did not issue with 400 problem+json', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${collection('Service')}?cursor=not-a-cursor`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(body(response).detail).toContain('cursor');
  });

  it('records who, when and what for every write, and the chain verifies', async () => {
    const { app } = t;
    await seedFixtures(app);
    const url = `${collection('Vendor')}/telco`;
    const changed = fixture('Vendor');
    changed.metadata.version = 1;
    changed.spec.phone = '+44 20 7946 0999';
    await app.inject({ method: 'PUT', url, payload: changed });
    // The contract names the service as a function it supports, so it goes first.
    await app.inject({ method: 'DELETE', url: `${collection('Contract')}/ctr-telco-network` });
    await app.inject({ method: 'DELETE', url: `${collection('Service')}/payments` });

    const all = body<{
      items: {
        seq: number;
        actor: string;
        action: string;
        kind: string;
        id: string;
        before: Doc | null;
        after: Doc | null;
      }[];
    }>(await app.inject({ method: 'GET', url: '/api/v1/audit?limit=500' }));
    // The log also holds the test users' creation; this test is about document writes.
    const log = { items: all.items.filter((entry) => entry.kind !== 'User') };
    expect(log.items.map((entry) => `${entry.action} ${entry.kind} ${entry.id}`)).toEqual([
      ...FIXTURE_ORDER.map((kind) => `create ${kind} ${FIXTURES[kind].metadata.id}`),
      'update Vendor telco',
      'delete Contract ctr-telco-network',
      'delete Service payments',
    ]);
    expect(log.items.every((entry) => entry.actor === 'admin@example.org (token test)')).toBe(true);
    const update = log.items[FIXTURE_ORDER.length];
    expect(update?.before?.spec.phone).toBe('+44 20 7946 0003');
    expect(update?.after?.spec.phone).toBe('+44 20 7946 0999');
    expect(log.items[FIXTURE_ORDER.length + 2]?.after).toBeNull();

    const perDocument = body<{ items: unknown[] }>(
      await app.inject({ method: 'GET', url: '/api/v1/audit?kind=Vendor&id=telco' }),
    );
    expect(perDocument.items).toHaveLength(2);
    expect(body(await app.inject({ method: 'GET', url: '/api/v1/audit/verify' }))).toEqual({
      ok: true,
      entries: FIXTURE_ORDER.length + 3 + SEEDED_AUDIT_ENTRIES,
    });
  });

  it('detects an audit entry changed behind the server’s back', async () => {
    const { app, database } = t;
    await seedFixtures(app);
    await database.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 3).execute();
    const verdict = body(await app.inject({ method: 'GET', url: '/api/v1/audit/verify' }));
    expect(verdict).toMatchObject({ ok: false, brokenAt: 3, reason: 'its content does not match its hash' });
  });

  it('detects an audit entry removed from the middle of the chain', async () => {
    const { app, database } = t;
    await seedFixtures(app);
    await database.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    const verdict = body(await app.inject({ method: 'GET', url: '/api/v1/audit/verify' }));
    expect(verdict).toMatchObject({ ok: false, brokenAt: 2, reason: 'entry 2 is missing' });
  });

  it('lets exactly one of 50 concurrent PUTs of the same version win; the rest get 409 and nothing is half-written', async () => {
    const { app } = t;
    await seedFixtures(app);
    const url = `${collection('Component')}/db-primary`;
    const attempts = Array.from({ length: 50 }, (_, i) => {
      const doc = fixture('Component');
      doc.metadata.version = 1;
      doc.metadata.name = `Writer ${i}`;
      doc.metadata.labels = { writer: String(i) };
      doc.spec.recovery = `${i + 1}m`;
      return app.inject({ method: 'PUT', url, payload: doc });
    });
    const responses = await Promise.all(attempts);
    const codes = responses.map((response) => response.statusCode);
    expect(codes.filter((code) => code === 200)).toHaveLength(1);
    expect(codes.filter((code) => code === 409)).toHaveLength(49);

    const winner = responses.findIndex((response) => response.statusCode === 200);
    const stored = body<Doc>(await app.inject({ method: 'GET', url }));
    // Every part of the document comes from the same writer: name, labels and spec.
    expect(stored.metadata).toMatchObject({
      name: `Writer ${winner}`,
      labels: { writer: String(winner) },
      version: 2,
    });
    expect(stored.spec.recovery).toBe(`${winner + 1}m`);
    const byLabel = body<{ items: Doc[] }>(
      await app.inject({ method: 'GET', url: `${collection('Component')}?label=writer=${winner}` }),
    );
    expect(byLabel.items).toHaveLength(1);
    const audit = body<{ items: unknown[] }>(
      await app.inject({ method: 'GET', url: '/api/v1/audit?id=db-primary' }),
    );
    expect(audit.items).toHaveLength(2);
    expect(body(await app.inject({ method: 'GET', url: '/api/v1/audit/verify' }))).toMatchObject({
      ok: true,
    });
  });

  it('reports liveness and database readiness', async () => {
    expect(body(await t.app.inject({ method: 'GET', url: '/healthz' }))).toEqual({ status: 'ok' });
    expect(body(await t.app.inject({ method: 'GET', url: '/readyz' }))).toEqual({
      status: 'ready',
      database: dialect,
    });
  });
});

it('publishes an OpenAPI 3.1 document covering every kind, and a reference page', async () => {
  const { createTestApp: create } = await import('./support/test-app.ts');
  const t = await create('sqlite');
  try {
    const spec = body<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      await t.app.inject({ method: 'GET', url: '/api/openapi.json' }),
    );
    expect(spec.openapi).toBe('3.1.0');
    for (const kind of KIND_NAMES) {
      const plural = collection(kind);
      expect(Object.keys(spec.paths[plural] ?? {}).sort()).toEqual(['get', 'post']);
      expect(Object.keys(spec.paths[`${plural}/{id}`] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    }
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>');
  } finally {
    await t.close();
  }
});

it('answers unknown routes and malformed JSON with problem+json', async () => {
  const { createTestApp: create } = await import('./support/test-app.ts');
  const t = await create('sqlite');
  try {
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(body(missing).detail).toBe('There is no route GET /api/v1/nothing');
    const broken = await t.app.inject({
      method: 'POST',
      url: collection('Site'),
      headers: { 'content-type': 'application/json' },
      payload: '{"apiVersion": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    expect(body(broken).detail).not.toMatch(/at .*\.ts:\d+/);
  } finally {
    await t.close();
  }
});
