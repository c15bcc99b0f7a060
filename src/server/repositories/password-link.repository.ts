import type { Kysely, Selectable } from 'kysely';
import type { Database, PasswordLinksTable } from '../db/schema.ts';

/** A stored one-time link to set a password. */
export type PasswordLinkRow = Selectable<PasswordLinksTable>;

/** SQL for one-time password links; the rules (expiry, single use) live in the user admin service. */
export function createPasswordLinkRepository(db: Kysely<Database>) {
  return {
    async insert(row: PasswordLinkRow): Promise<void> {
      await db.insertInto('password_links').values(row).execute();
    },
    async byTokenHash(tokenHash: string): Promise<PasswordLinkRow | undefined> {
      return db
        .selectFrom('password_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
    /**
     * Marks a link used, only if it still is unused; answers whether this call did (two requests racing with one
     * link: one wins).
     */
    async markUsed(id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('password_links')
        .set({ used_at: at })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Retires every unused link of a user (a newer link replaces them). */
    async retireAllOf(userId: string, at: string): Promise<void> {
      await db
        .updateTable('password_links')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
    },
    /** The users with a link not yet used nor expired, to show "invited" in the admin list. */
    async pendingUserIds(now: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('password_links')
        .select('user_id')
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .execute();
      return new Set(rows.map((row) => row.user_id));
    },
  };
}

/** The password link repository's interface. */
export type PasswordLinkRepository = ReturnType<typeof createPasswordLinkRepository>;
