import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * One store of frozen versions for every kind approved through them (plans, impact assessments), keyed by kind
 * and id, with the plan versions of 0003 moved in; and the record of submissions for approval and of returns
 * with a comment, numbered per document.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_versions')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('document_id', 'text', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('document', 'text', (col) => col.notNull())
    .addColumn('checksum', 'text', (col) => col.notNull())
    .addColumn('approved_by', 'text', (col) => col.notNull())
    .addColumn('approved_at', 'text', (col) => col.notNull())
    // No foreign key to documents: an approved version stays on record even after the document is deleted.
    .addPrimaryKeyConstraint('document_versions_pk', ['kind', 'document_id', 'number'])
    .execute();
  await sql`insert into document_versions (kind, document_id, number, document, checksum, approved_by, approved_at)
    select 'Plan', plan_id, number, document, checksum, approved_by, approved_at from plan_versions`.execute(
    db,
  );
  await db.schema.dropTable('plan_versions').execute();

  await db.schema
    .createTable('review_events')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('document_id', 'text', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('checksum', 'text', (col) => col.notNull())
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('review_events_pk', ['kind', 'document_id', 'number'])
    .execute();
}

/** Migrations are append-only and never rolled back in place; `down` exists for Kysely's interface. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_events').execute();
  await db.schema
    .createTable('plan_versions')
    .addColumn('plan_id', 'text', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('document', 'text', (col) => col.notNull())
    .addColumn('checksum', 'text', (col) => col.notNull())
    .addColumn('approved_by', 'text', (col) => col.notNull())
    .addColumn('approved_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('plan_versions_pk', ['plan_id', 'number'])
    .execute();
  await sql`insert into plan_versions (plan_id, number, document, checksum, approved_by, approved_at)
    select document_id, number, document, checksum, approved_by, approved_at from document_versions
    where kind = 'Plan'`.execute(db);
  await db.schema.dropTable('document_versions').execute();
}
