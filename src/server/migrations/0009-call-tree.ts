import type { Kysely } from 'kysely';

/**
 * The call tree of an invoked plan: the contacts as they were when it was invoked (one row per incident), and
 * each notification sent (who was reached, when, the hash of their one-time acknowledgement link, whether and
 * when they acknowledged or were escalated).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_trees')
    .addColumn('incident_id', 'text', (col) => col.primaryKey())
    .addColumn('plan_id', 'text', (col) => col.notNull())
    .addColumn('contacts', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('started_by', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('call_tree_notifications')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('incident_id', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('stage', 'integer', (col) => col.notNull())
    .addColumn('contact_id', 'text', (col) => col.notNull())
    .addColumn('person_id', 'text')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('address', 'text')
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text', (col) => col.notNull())
    .addColumn('escalate_at', 'text')
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('escalated_to', 'text')
    .execute();
  await db.schema
    .createIndex('call_tree_notifications_incident')
    .on('call_tree_notifications')
    .columns(['incident_id', 'position', 'stage'])
    .execute();
  await db.schema
    .createIndex('call_tree_notifications_due')
    .on('call_tree_notifications')
    .columns(['escalate_at'])
    .execute();
}

/** Migrations are append-only and never rolled back in place; `down` exists for Kysely's interface. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_tree_notifications').execute();
  await db.schema.dropTable('call_trees').execute();
}
