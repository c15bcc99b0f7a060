import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '../migrations/index.ts';
import type { Database } from './schema.ts';

/** Where the data lives: the embedded SQLite file, or a PostgreSQL URL. */
export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/** A connection (or pool) to the database, with the one way the server writes. */
export interface LifeboatDatabase {
  dialect: DatabaseConfig['dialect'];
  db: Kysely<Database>;
  /**
   * Runs `work` in a write transaction. Writes are serialised: SQLite takes its write lock at BEGIN IMMEDIATE
   * (so a second process waits instead of failing mid-transaction), PostgreSQL takes a transaction-scoped
   * advisory lock, so the audit log's hash chain stays a single line whatever number of server processes write.
   */
  writeTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Whether the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Arbitrary constant naming Lifeboat's write lock among PostgreSQL advisory locks. */
const WRITE_LOCK_KEY = 71301;

function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const native = new SqliteDatabase(file);
  native.pragma('journal_mode = WAL');
  native.pragma('foreign_keys = ON');
  // FULL: a commit is on disk before the client hears 2xx, even across a power cut; catalog writes are
  // small and rare enough that the extra fsync per commit costs nothing a user notices.
  native.pragma('synchronous = FULL');
  // Another process (the CLI while the server runs) waits for the write lock instead of failing at once.
  native.pragma('busy_timeout = 10000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
}

function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not take the process down; the next query reconnects.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<LifeboatDatabase> {
  const db = config.dialect === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url);
  const database: LifeboatDatabase = {
    dialect: config.dialect,
    db,
    async writeTransaction(work) {
      return db.connection().execute(async (conn) => {
        await sql.raw(config.dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
        try {
          if (config.dialect === 'postgres')
            await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(conn);
          const result = await work(conn);
          await sql.raw('commit').execute(conn);
          return result;
        } catch (error) {
          // PostgreSQL has already ended a transaction whose commit failed; the original error is what matters.
          await sql
            .raw('rollback')
            .execute(conn)
            .catch(() => undefined);
          throw error;
        }
      });
    },
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return database;
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'lifeboat_migrations',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
