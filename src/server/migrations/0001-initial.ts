import type { Kysely } from 'kysely';

/** The catalog's documents, their labels and references, and the audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('description', 'text')
    .addColumn('labels', 'text')
    .addColumn('spec', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  // Listing pages through one kind in id order.
  await db.schema.createIndex('documents_kind_id').on('documents').columns(['kind', 'id']).execute();

  await db.schema
    .createTable('document_labels')
    .addColumn('document_id', 'text', (col) => col.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('document_labels_pk', ['document_id', 'key'])
    .execute();
  await db.schema
    .createIndex('document_labels_key_value')
    .on('document_labels')
    .columns(['key', 'value', 'document_id'])
    .execute();

  await db.schema
    .createTable('document_refs')
    .addColumn('from_id', 'text', (col) => col.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('path', 'text', (col) => col.notNull())
    .addColumn('to_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('document_refs_pk', ['from_id', 'path'])
    // Deferred so a transaction that loads many documents may name one before it is inserted;
    // the database still refuses, at commit, a reference left dangling.
    .addForeignKeyConstraint('document_refs_to_fk', ['to_id'], 'documents', ['id'], (fk) =>
      fk.deferrable().initiallyDeferred(),
    )
    .execute();
  await db.schema.createIndex('document_refs_to_id').on('document_refs').columns(['to_id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('document_id', 'text', (col) => col.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('audit_log_document').on('audit_log').columns(['document_id', 'seq']).execute();
}

/** Migrations are append-only and never rolled back in place; `down` exists for Kysely's interface. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'document_refs', 'document_labels', 'documents']) {
    await db.schema.dropTable(table).execute();
  }
}
