import type { Kysely } from 'kysely';

/**
 * What each reminder digest has claimed, one row per recipient, item and period: the primary key is what keeps an
 * item to one reminder per period however many processes run the job; and each user's digest preference, a row
 * only once they set one (the default is daily).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reminders_sent')
    .addColumn('recipient', 'text', (col) => col.notNull())
    .addColumn('item_key', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('reminders_sent_pk', ['recipient', 'item_key', 'period'])
    .execute();
  await db.schema.createIndex('reminders_sent_sent_at').on('reminders_sent').columns(['sent_at']).execute();
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (col) => col.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('digest', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

/** Migrations are append-only and never rolled back in place; `down` exists for Kysely's interface. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('reminders_sent').execute();
}
