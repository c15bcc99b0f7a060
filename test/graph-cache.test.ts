import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpofResult } from '../src/engine/types.ts';
import { buildApp } from '../src/server/app.ts';
import { createAuthService } from '../src/server/auth/auth.service.ts';
import { openDatabase } from '../src/server/db/database.ts';
import type { LifeboatDatabase } from '../src/server/db/database.ts';
import { createAuditRepository } from '../src/server/repositories/audit.repository.ts';
import { createHeavyWork } from '../src/server/services/heavy-work.ts';
import { createPostgresTestDatabase, PG_URL } from './support/test-databases.ts';
import type { TestDatabase } from './support/test-databases.ts';
import { seedUsers } from './support/test-users.ts';

/** Two servers on one database, as behind a load balancer, each with its own graph cache. */
async function twoServers(testDatabase: TestDatabase) {
  const databases: LifeboatDatabase[] = [];
  const servers: FastifyInstance[] = [];
  for (let i = 0; i < 2; i++) {
    const database = await openDatabase(testDatabase.config);
    databases.push(database);
    servers.push(await buildApp({ database, heavyWork: createHeavyWork({ threads: 0 }) }));
  }
  const tokens = await seedUsers(createAuthService({ database: databases[0]!, now: () => new Date() }));
  const client = (index: number) => ({
    inject: (options: { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: object }) =>
      servers[index]!.inject({ ...options, headers: { authorization: `Bearer ${tokens.admin}` } }),
  });
  return {
    a: client(0),
    b: client(1),
    head: async () => (await createAuditRepository(databases[0]!.db).last())!,
    async close() {
      for (const server of servers) await server.close();
      for (const database of databases) await database.close();
    },
  };
}

function doc(kind: string, id: string, spec: object, version?: number) {
  return { apiVersion: 'lifeboat/v1', kind, metadata: { id, ...(version && { version }) }, spec };
}

// A restore under a running server is a PostgreSQL story (pg_restore while servers run); SQLite's restore asks
// for the server to be stopped first. CI always sets LIFEBOAT_TEST_PG_URL.
const describePostgres = PG_URL ? describe : describe.skip;

describePostgres('graph cache [postgres]', () => {
  let testDatabase: TestDatabase | undefined;
  let close: (() => Promise<void>) | undefined;
  const folder = mkdtempSync(join(tmpdir(), 'lifeboat-restore-'));
  afterEach(async () => {
    await close?.();
    await testDatabase?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers from the restored catalog after pg_restore rewinds the log, even once new writes bring it back to the same length', async () => {
    testDatabase = await createPostgresTestDatabase();
    const servers = await twoServers(testDatabase);
    close = () => servers.close();
    const { a, b } = servers;
    const url = testDatabase.config.dialect === 'postgres' ? testDatabase.config.url : '';
    const create = async (plural: string, document: object) =>
      expect(
        (await a.inject({ method: 'POST', url: `/api/v1/${plural}`, payload: document })).statusCode,
      ).toBe(201);
    const cutSets = async () => {
      const response = await b.inject({
        method: 'GET',
        url: '/api/v1/analysis/spof?service=pay&maxOrder=1',
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<SpofResult>().services[0]!.cutSets;
    };

    // The backup: one data centre, one database, the service on it.
    await create('sites', doc('Site', 'dc-a', { type: 'data-centre' }));
    await create('components', doc('Component', 'db1', { type: 'database', site: 'dc-a' }));
    await create('services', doc('Service', 'pay', { type: 'business', tier: 1, dependsOn: ['db1'] }));
    const backup = join(folder, 'lifeboat.dump');
    execFileSync('pg_dump', ['--format=custom', `--file=${backup}`, url]);

    // Then a second data centre makes the service redundant; server B sees it.
    const addRedundancy = async () => {
      await create('sites', doc('Site', 'dc-b', { type: 'data-centre' }));
      await create('components', doc('Component', 'db2', { type: 'database', site: 'dc-b' }));
      const pay = await a.inject({ method: 'GET', url: '/api/v1/services/pay' });
      const updated = await a.inject({
        method: 'PUT',
        url: '/api/v1/services/pay',
        payload: doc(
          'Service',
          'pay',
          { type: 'business', tier: 1, dependsOn: [{ anyOf: ['db1', 'db2'] }] },
          pay.json<{ metadata: { version: number } }>().metadata.version,
        ),
      });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(await cutSets()).toEqual([]);
      return servers.head();
    };
    const restore = () =>
      execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${url}`, backup]);
    let cached = await addRedundancy();

    // The restore rewinds the log: B answers from the catalog of the backup.
    restore();
    expect((await servers.head()).seq).toBeLessThan(cached.seq);
    expect(await cutSets()).toEqual([['db1'], ['dc-a']]);

    // Once more; then, before B is asked, other writes bring the log back to the length B has cached.
    cached = await addRedundancy();
    restore();
    for (let i = 0; (await servers.head()).seq < cached.seq; i++)
      await create('components', doc('Component', `spare-${i}`, { type: 'server' }));
    const head = await servers.head();
    expect(head.seq).toBe(cached.seq);
    expect(head.hash).not.toBe(cached.hash);
    expect(await cutSets()).toEqual([['db1'], ['dc-a']]);
  });
});
