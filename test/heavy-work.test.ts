import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../src/catalog/kinds.ts';
import { createAuditRepository } from '../src/server/repositories/audit.repository.ts';
import { createDocumentRepository } from '../src/server/repositories/document.repository.ts';
import { createAuditChain } from '../src/server/services/audit.service.ts';
import { documentToRow } from '../src/server/services/document-mapping.ts';
import { createHeavyWork } from '../src/server/services/heavy-work.ts';
import type { HeavyWork, HeavyWorkOptions } from '../src/server/services/heavy-work.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { emailOf } from './support/test-users.ts';

const ARMS = 4;
const LEAVES = 60;
const SERVICES = 60;

/**
 * A catalog whose cut sets up to order 3 take seconds per service, many minutes for all: each service needs one of four arms, each arm needs all of
 * its sixty leaves, so every triple of leaves across three arms is a candidate, and none is a cut set (four arms).
 */
function slowCatalog(): string {
  const docs: string[] = [];
  const doc = (kind: string, id: string, spec: string) =>
    `apiVersion: lifeboat/v1\nkind: ${kind}\nmetadata:\n  id: ${id}\nspec:\n${spec}`;
  for (let a = 0; a < ARMS; a++)
    for (let i = 0; i < LEAVES; i++) docs.push(doc('Component', `leaf-${a}-${i}`, '  type: server\n'));
  for (let s = 0; s < SERVICES; s++) {
    const arms: string[] = [];
    for (let a = 0; a < ARMS; a++) {
      const leaves = Array.from({ length: LEAVES }, (_, i) => `    - leaf-${a}-${i}\n`).join('');
      docs.push(doc('Component', `arm-${s}-${a}`, `  type: application\n  dependsOn:\n${leaves}`));
      arms.push(`arm-${s}-${a}`);
    }
    docs.push(
      doc(
        'Service',
        `svc-${s}`,
        `  type: business\n  tier: 1\n  dependsOn:\n    - anyOf: [${arms.join(', ')}]\n`,
      ),
    );
  }
  return docs.join('---\n');
}

/** Polls (no time limit: the test's own timeout bounds it) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await sleep(10);
}

describe('heavy work: limits, cancellation and failures', () => {
  let t: TestApp;
  let work: HeavyWork;

  async function start(options: Partial<HeavyWorkOptions> = {}) {
    // A budget without end, so only cancellation (or closing the pool) stops the slow search.
    work = createHeavyWork({ threads: 1, perUser: 2, workBudget: Infinity, ...options });
    t = await createTestApp('sqlite', { heavyWork: work });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      payload: slowCatalog(),
    });
    expect(imported.statusCode, imported.body).toBe(200);
  }

  afterEach(async () => {
    await work.close();
    await t.close();
  });

  it('refuses a third heavy request of one user with 429 and Retry-After; another user still gets in line', async () => {
    await start();
    const viewer = t.as('viewer');
    const slow = viewer.inject({ method: 'GET', url: '/api/v1/analysis/spof?maxOrder=3' });
    await until(() => work.stats().running === 1);
    const second = viewer.inject({ method: 'GET', url: '/api/v1/analysis/spof?service=svc-1&maxOrder=3' });
    await until(() => work.stats().queued === 1);

    const third = await viewer.inject({
      method: 'GET',
      url: '/api/v1/analysis/spof?service=svc-2&maxOrder=2',
    });
    expect(third.statusCode).toBe(429);
    expect(third.headers['content-type']).toContain('application/problem+json');
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(body(third)).toMatchObject({ type: 'urn:lifeboat:problem:too-much-work', status: 429 });
    expect(body<{ detail: string }>(third).detail).toContain('at most 2');

    const other = t.as('auditor').inject({ method: 'GET', url: '/api/v1/analysis/spof?maxOrder=1' });
    await until(() => work.stats().queued === 2);
    expect(work.stats().refused).toBe(1);
    await work.close();
    await Promise.allSettled([slow, second, other]);
  });

  it('stops the running cut-set search when its client disconnects, and drops its queued work', async () => {
    await start({ cancelGraceMs: 24 * 3600_000 });
    await t.server.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.server.server.address() as AddressInfo;
    const { token } = await t.auth.createToken(emailOf('viewer'), 'http', undefined, 'test setup');
    const get = (path: string) => {
      const request = http.get({
        host: '127.0.0.1',
        port,
        path,
        headers: { authorization: `Bearer ${token}` },
      });
      request.on('error', () => undefined);
      return request;
    };

    const before = work.stats();
    const running = get('/api/v1/analysis/spof?maxOrder=3');
    await until(() => work.stats().running === 1);
    const queued = get('/api/v1/analysis/spof?service=svc-1&maxOrder=3');
    await until(() => work.stats().queued === 1);

    queued.destroy();
    await until(() => work.stats().queued === 0);
    expect(work.stats()).toMatchObject({ running: 1, cancelled: 1, completed: before.completed });

    // The thread is never stopped by force here (a day of grace): the search itself notices and ends.
    running.destroy();
    await until(() => work.stats().running === 0);
    expect(work.stats()).toMatchObject({ cancelled: 2, completed: before.completed + 1 });

    // The one thread is free again: a quick analysis is answered, from the same thread and its graph.
    const next = await t.as('viewer').inject({ method: 'GET', url: '/api/v1/analysis/spof?maxOrder=1' });
    expect(next.statusCode, next.body).toBe(200);
    expect(body<{ services: unknown[] }>(next).services).toHaveLength(SERVICES);
  });

  it('answers 422 problem+json past the work budget, and the next analysis is answered', async () => {
    await start({ workBudget: 1_000_000 });
    const refused = await t.as('viewer').inject({
      method: 'GET',
      url: '/api/v1/analysis/spof?service=svc-0&maxOrder=3',
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(body(refused)).toMatchObject({ type: 'urn:lifeboat:problem:analysis-budget' });
    expect(body<{ detail: string }>(refused).detail).toContain('svc-0');

    const next = await t.as('viewer').inject({ method: 'GET', url: '/api/v1/analysis/spof?maxOrder=1' });
    expect(next.statusCode, next.body).toBe(200);
  });

  it('answers a document the engine cannot take with problem+json naming it, and keeps serving', async () => {
    await start();
    // A database written by another version may hold what the checks now refuse: stored here past them.
    const bad: CatalogDocument = {
      apiVersion: 'lifeboat/v1',
      kind: 'Component',
      metadata: { id: 'broken' },
      spec: { type: 'server', dependsOn: ['ghost'] },
    };
    await t.database.writeTransaction(async (trx) => {
      const at = new Date().toISOString();
      await createDocumentRepository(trx).insert(documentToRow(bad, 1, at, at));
      await createAuditChain(createAuditRepository(trx)).append({
        at,
        actor: 'an older version',
        action: 'create',
        kind: 'Component',
        documentId: 'broken',
        before: null,
        after: { ...bad, metadata: { ...bad.metadata, version: 1, createdAt: at, updatedAt: at } },
      });
    });

    for (const request of [
      { method: 'GET', url: '/api/v1/analysis/spof?maxOrder=1' },
      { method: 'POST', url: '/api/v1/analysis/impact', payload: { fail: ['leaf-0-0'] } },
    ] as const) {
      const failed = await t.as('viewer').inject(request);
      expect(failed.statusCode, failed.body).toBe(500);
      expect(failed.headers['content-type']).toContain('application/problem+json');
      expect(body<{ detail: string }>(failed).detail).toMatch(/"broken".*"ghost"/);
    }
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/components/broken' });
    expect(removed.statusCode, removed.body).toBe(204);
    const after = await t.as('viewer').inject({ method: 'GET', url: '/api/v1/analysis/spof?maxOrder=1' });
    expect(after.statusCode, after.body).toBe(200);
  });
});
