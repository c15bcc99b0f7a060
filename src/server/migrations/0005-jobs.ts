import type { Kysely } from 'kysely';

/**
 * The record of background job runs (`lifeboat jobs list`), and the jobs waiting to run on SQLite, where the queue
 * runs in process: a job sent to run later is a row here, so its timer survives a restart. (On PostgreSQL, pg-boss
 * keeps its own tables in the `pgboss` schema and `job_queue` stays empty.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text', (col) => col.notNull())
    .addColumn('ok', 'integer', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('job_runs_name_started')
    .on('job_runs')
    .columns(['name', 'started_at'])
    .execute();

  await db.schema
    .createTable('job_queue')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('start_after', 'text', (col) => col.notNull())
    .addColumn('singleton_key', 'text')
    .addColumn('retry_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('job_queue_start_after').on('job_queue').columns(['start_after']).execute();
  await db.schema
    .createIndex('job_queue_singleton')
    .on('job_queue')
    .columns(['name', 'singleton_key'])
    .unique()
    .execute();
}

/** Migrations are append-only and never rolled back in place; `down` exists for Kysely's interface. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_queue').execute();
  await db.schema.dropTable('job_runs').execute();
}
