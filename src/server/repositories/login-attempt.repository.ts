import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { LifeboatDatabase } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/** A key the login limiter counts under (an account or an address) and how many attempts it may hold. */
export interface AttemptLimit {
  key: string;
  max: number;
}

/** Arbitrary constant naming the login limiter's PostgreSQL advisory locks (one per key within it). */
const LOGIN_LOCK_SPACE = 71302;

async function countSince(db: Kysely<Database>, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * SQL for the login limiter. An attempt is counted in `login_failures` before its password is checked, and the
 * count and the insert happen under a lock, so parallel attempts (in one process or many) cannot all slip under
 * the limit: SQLite serialises them with its write lock, PostgreSQL with an advisory lock per key.
 */
export function createLoginAttemptRepository(database: LifeboatDatabase) {
  return {
    /**
     * Records an attempt at `at` under every key, unless one of them already holds `max` attempts since `since`;
     * answers whether the attempt was recorded (false: refuse it unchecked).
     */
    async claim(limits: readonly AttemptLimit[], since: string, at: string): Promise<boolean> {
      const work = async (trx: Kysely<Database>): Promise<boolean> => {
        for (const { key, max } of limits) if ((await countSince(trx, key, since)) >= max) return false;
        await trx
          .insertInto('login_failures')
          .values(limits.map(({ key }) => ({ key, at })))
          .execute();
        return true;
      };
      if (database.dialect === 'sqlite') return database.writeTransaction(work);
      // Per-key locks rather than the catalog's write lock: a long import must not hold up every sign-in.
      return database.db.transaction().execute(async (trx) => {
        // Always in the same order, so two attempts sharing both keys cannot deadlock.
        for (const key of limits.map((limit) => limit.key).sort())
          await sql`select pg_advisory_xact_lock(${LOGIN_LOCK_SPACE}, hashtext(${key}))`.execute(trx);
        return work(trx);
      });
    },

    /** Forgets the attempt recorded at `at` under `key` (a sign-in that succeeded is not a failure). */
    async forget(key: string, at: string): Promise<void> {
      await database.db.deleteFrom('login_failures').where('key', '=', key).where('at', '=', at).execute();
    },

    /** Forgets every attempt under `key`. */
    async clear(key: string): Promise<void> {
      await database.db.deleteFrom('login_failures').where('key', '=', key).execute();
    },

    /** Removes attempts older than any window still looks at. */
    async prune(before: string): Promise<void> {
      await database.db.deleteFrom('login_failures').where('at', '<', before).execute();
    },
  };
}

/** The login-attempt repository's interface. */
export type LoginAttemptRepository = ReturnType<typeof createLoginAttemptRepository>;
