// Migration 0004 moves the frozen plan versions of 0003 into the one store of versions: a database upgraded with
// approved plans keeps every version, byte for byte, and reads them through the new store.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import type { DatabaseConfig } from '../src/server/db/database.ts';
import { migrationProvider } from '../src/server/migrations/index.ts';
import { createVersionRepository } from '../src/server/repositories/version.repository.ts';
import { createTestDatabase } from './support/test-databases.ts';
import type { TestDatabase } from './support/test-databases.ts';
import { describeEachDatabase } from './support/test-databases.ts';

function kyselyOf(config: DatabaseConfig): Kysely<unknown> {
  return new Kysely<unknown>({
    dialect:
      config.dialect === 'sqlite'
        ? new SqliteDialect({ database: new SqliteDatabase(config.file) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 2 }) }),
  });
}

const ROWS = [1, 2].map((number) => ({
  plan_id: 'plan-dc-north',
  number,
  document: JSON.stringify({ kind: 'Plan', metadata: { id: 'plan-dc-north' }, spec: { number } }),
  checksum: `checksum-${number}`,
  approved_by: 'manager@example.org',
  approved_at: `2025-06-0${number}T12:00:00.000Z`,
}));

describeEachDatabase('migration 0004', (dialect) => {
  let testDatabase: TestDatabase | undefined;
  afterEach(async () => {
    await testDatabase?.drop();
  });

  it('moves every plan version of a database at 0003 into document_versions, and drops plan_versions', async () => {
    testDatabase = await createTestDatabase(dialect);
    const old = kyselyOf(testDatabase.config);
    const migrator = new Migrator({
      db: old,
      provider: migrationProvider,
      migrationTableName: 'lifeboat_migrations',
    });
    const { error } = await migrator.migrateTo('0003-plans');
    expect(error).toBeUndefined();
    await old
      .withTables<{ plan_versions: (typeof ROWS)[number] }>()
      .insertInto('plan_versions')
      .values(ROWS)
      .execute();
    await old.destroy();

    const database = await openDatabase(testDatabase.config);
    try {
      const rows = await createVersionRepository(database.db, 'Plan').list('plan-dc-north');
      expect(rows).toEqual(
        ROWS.map(({ plan_id, ...row }) => ({ ...row, kind: 'Plan', document_id: plan_id })),
      );
      expect(await createVersionRepository(database.db, 'ImpactAssessment').list('plan-dc-north')).toEqual(
        [],
      );
      await expect(sql`select count(*) from plan_versions`.execute(database.db)).rejects.toThrow();
    } finally {
      await database.close();
    }
  });
});
