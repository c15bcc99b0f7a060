import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { AppOptions } from '../../src/server/app.ts';
import { createAuthService } from '../../src/server/auth/auth.service.ts';
import type { AuthService } from '../../src/server/auth/auth.service.ts';
import type { Role } from '../../src/server/auth/roles.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import type { DatabaseConfig, LifeboatDatabase } from '../../src/server/db/database.ts';
import { FIXTURE_ORDER, FIXTURES, collection } from './fixtures.ts';
import { createTestDatabase } from './test-databases.ts';
import type { Dialect, TestDatabase } from './test-databases.ts';
import { seedUsers } from './test-users.ts';

/** Something that answers injected requests: the app itself, or the app as one user. */
export interface TestClient {
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** An application on a fresh database of one dialect, with no open port and a user per role. */
export interface TestApp {
  /** The app as the admin user (bearer token). */
  app: TestClient;
  /** The app itself: requests carry no credentials unless given. */
  server: FastifyInstance;
  database: LifeboatDatabase;
  /** Where the database is (a PostgreSQL job queue connects to its URL). */
  databaseConfig: DatabaseConfig;
  auth: AuthService;
  /** The app as a user of this role, or with no credentials (null). */
  as(role: Role | null): TestClient;
  close(): Promise<void>;
}

/** Builds the app on a new database; `close` drops the database too. */
export async function createTestApp(dialect: Dialect, options: Partial<AppOptions> = {}): Promise<TestApp> {
  const testDatabase: TestDatabase = await createTestDatabase(dialect);
  const database = await openDatabase(testDatabase.config);
  const server = await buildApp({ ...options, database });
  const auth = createAuthService({ database, now: options.now ?? (() => new Date()) });
  const tokens = await seedUsers(auth);
  const as = (role: Role | null): TestClient => ({
    inject: (request) =>
      server.inject({
        ...request,
        headers: { ...(role && { authorization: `Bearer ${tokens[role]}` }), ...request.headers },
      }),
  });
  return {
    app: as('admin'),
    server,
    database,
    databaseConfig: testDatabase.config,
    auth,
    as,
    async close() {
      await server.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}

/** Creates every fixture, in dependency order. */
export async function seedFixtures(app: TestClient): Promise<void> {
  for (const kind of FIXTURE_ORDER) {
    const response = await app.inject({ method: 'POST', url: collection(kind), payload: FIXTURES[kind] });
    if (response.statusCode !== 201) throw new Error(`seeding ${kind} failed: ${response.body}`);
  }
}

/** The JSON body of a response. */
export function body<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json<T>();
}
