import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import type { LifeboatDatabase } from '../../src/server/db/database.ts';
import { FIXTURE_ORDER, FIXTURES, collection } from './fixtures.ts';
import { createTestDatabase } from './test-databases.ts';
import type { Dialect, TestDatabase } from './test-databases.ts';

/** An application on a fresh database of one dialect, with no open port. */
export interface TestApp {
  app: FastifyInstance;
  database: LifeboatDatabase;
  close(): Promise<void>;
}

/** Builds the app on a new database; `close` drops the database too. */
export async function createTestApp(dialect: Dialect): Promise<TestApp> {
  const testDatabase: TestDatabase = await createTestDatabase(dialect);
  const database = await openDatabase(testDatabase.config);
  const app = await buildApp({ database });
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}

/** Creates every fixture, in dependency order. */
export async function seedFixtures(app: FastifyInstance): Promise<void> {
  for (const kind of FIXTURE_ORDER) {
    const response = await app.inject({ method: 'POST', url: collection(kind), payload: FIXTURES[kind] });
    if (response.statusCode !== 201) throw new Error(`seeding ${kind} failed: ${response.body}`);
  }
}

/** The JSON body of a response. */
export function body<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json<T>();
}
