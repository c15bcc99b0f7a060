import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A user as the reminders read them. */
export interface ReminderUser {
  id: string;
  email: string;
  name: string | null;
  role: string;
  /** Their digest preference, or null when they never set one. */
  digest: string | null;
}

/** SQL for the reminders sent and the digest preferences; no rules. */
export function createReminderRepository(db: Kysely<Database>) {
  return {
    /**
     * Records `keys` as reminded to `recipient` in `period`, skipping those already recorded; returns the keys
     * this call recorded (an insert racing another process's is skipped by the primary key).
     */
    async claim(recipient: string, period: string, keys: readonly string[], at: string): Promise<string[]> {
      if (keys.length === 0) return [];
      const rows = await db
        .insertInto('reminders_sent')
        .values(keys.map((item_key) => ({ recipient, item_key, period, sent_at: at })))
        .onConflict((conflict) => conflict.columns(['recipient', 'item_key', 'period']).doNothing())
        .returning('item_key')
        .execute();
      return rows.map((row) => row.item_key);
    },
    /** Whether `key` was recorded for `recipient` in `period`. */
    async has(recipient: string, period: string, key: string): Promise<boolean> {
      const row = await db
        .selectFrom('reminders_sent')
        .select('item_key')
        .where('recipient', '=', recipient)
        .where('period', '=', period)
        .where('item_key', '=', key)
        .executeTakeFirst();
      return row !== undefined;
    },
    /** Forgets claims whose email could not be sent, so that the next run sends them. */
    async release(recipient: string, period: string, keys: readonly string[]): Promise<void> {
      if (keys.length === 0) return;
      await db
        .deleteFrom('reminders_sent')
        .where('recipient', '=', recipient)
        .where('period', '=', period)
        .where('item_key', 'in', keys)
        .execute();
    },
    /** Every enabled user with their digest preference. */
    async activeUsers(): Promise<ReminderUser[]> {
      return db
        .selectFrom('users')
        .leftJoin('notification_preferences', 'notification_preferences.user_id', 'users.id')
        .select(['users.id', 'users.email', 'users.name', 'users.role', 'notification_preferences.digest'])
        .where('users.disabled', '=', 0)
        .orderBy('users.email')
        .execute();
    },
    /** One user's digest preference, or undefined when they never set one. */
    async preference(userId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('notification_preferences')
        .select('digest')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.digest;
    },
    async setPreference(userId: string, digest: string, at: string): Promise<void> {
      await db
        .insertInto('notification_preferences')
        .values({ user_id: userId, digest, updated_at: at })
        .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ digest, updated_at: at }))
        .execute();
    },
  };
}
