import type { Kysely } from 'kysely';

/**
 * The daily compliance snapshot the `compliance-snapshot` job keeps, one row per date: the score (null when no
 * check had an item) and each check's status with its passed and failed counts, as JSON text. What the trend of
 * the compliance page reads; a run on the same date replaces that date's row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('compliance_snapshots')
    .addColumn('date', 'text', (col) => col.primaryKey())
    // Double precision: PostgreSQL's `real` keeps about 7 digits; SQLite stores both as an 8-byte float.
    .addColumn('score', 'double precision')
    .addColumn('checks', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}

/** Migrations are append-only and never rolled back in place; `down` exists for Kysely's interface. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('compliance_snapshots').execute();
}
