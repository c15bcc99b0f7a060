import type { Kysely } from 'kysely';

/** Frozen plan versions: each approval stores the full plan document, numbered per plan, with its checksum. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_versions')
    .addColumn('plan_id', 'text', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('document', 'text', (col) => col.notNull())
    .addColumn('checksum', 'text', (col) => col.notNull())
    .addColumn('approved_by', 'text', (col) => col.notNull())
    .addColumn('approved_at', 'text', (col) => col.notNull())
    // No foreign key to documents: an approved version stays on record even after the plan is deleted.
    .addPrimaryKeyConstraint('plan_versions_pk', ['plan_id', 'number'])
    .execute();
}

/** Migrations are append-only and never rolled back in place; `down` exists for Kysely's interface. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_versions').execute();
}
