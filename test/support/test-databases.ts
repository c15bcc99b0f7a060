import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { DatabaseConfig } from '../../src/server/db/database.ts';

/** The PostgreSQL server tests use; CI always sets it. */
export const PG_URL = process.env.LIFEBOAT_TEST_PG_URL;
const IN_CI = process.env.CI === 'true';

/** A database made for one test, and how to throw it away. */
export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** A new empty SQLite file in a temporary folder. */
export function createSqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-test-'));
  return {
    config: { dialect: 'sqlite', file: join(dir, 'lifeboat.db') },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

/** A new empty PostgreSQL database on the server LIFEBOAT_TEST_PG_URL names. */
export async function createPostgresTestDatabase(): Promise<TestDatabase> {
  if (!PG_URL) throw new Error('LIFEBOAT_TEST_PG_URL is not set');
  const name = `lifeboat_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    config: { dialect: 'postgres', url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The dialects this run covers: SQLite always, PostgreSQL when LIFEBOAT_TEST_PG_URL is set. */
export type Dialect = DatabaseConfig['dialect'];

/** Makes a fresh database of a dialect. */
export function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  return dialect === 'sqlite' ? Promise.resolve(createSqliteTestDatabase()) : createPostgresTestDatabase();
}

let noticeShown = false;

/**
 * Declares `suite` once per database. Without LIFEBOAT_TEST_PG_URL the PostgreSQL run is skipped with a visible
 * notice, except under CI=true, where a missing database is a failing test rather than a skip.
 */
export function describeEachDatabase(title: string, suite: (dialect: Dialect) => void): void {
  describe(`${title} [sqlite]`, () => suite('sqlite'));
  if (PG_URL) {
    describe(`${title} [postgres]`, () => suite('postgres'));
  } else if (IN_CI) {
    describe(`${title} [postgres]`, () => {
      it('has a PostgreSQL database to run against', () => {
        throw new Error('CI=true but LIFEBOAT_TEST_PG_URL is not set: the PostgreSQL tests cannot run');
      });
    });
  } else {
    if (!noticeShown) {
      noticeShown = true;
      process.stderr.write(
        '\nNOTICE: PostgreSQL tests are skipped: set LIFEBOAT_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test to run them.\n\n',
      );
    }
    describe.skip(`${title} [postgres] (skipped: LIFEBOAT_TEST_PG_URL is not set)`, () => suite('postgres'));
  }
}
