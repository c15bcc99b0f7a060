import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, Database, SessionsTable, UsersTable } from '../db/schema.ts';

/** A stored user. */
export type UserRow = Selectable<UsersTable>;
/** A stored session. */
export type SessionRow = Selectable<SessionsTable>;
/** A stored API token. */
export type TokenRow = Selectable<ApiTokensTable>;

/** SQL for users, sessions and tokens; no rules (failed logins: login-attempt.repository.ts). */
export function createUserRepository(db: Kysely<Database>) {
  return {
    async count(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async byEmail(email: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    },
    async byId(id: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async list(): Promise<UserRow[]> {
      return db.selectFrom('users').selectAll().orderBy('email').execute();
    },
    async insert(row: UserRow): Promise<void> {
      await db.insertInto('users').values(row).execute();
    },
    async update(id: string, changes: Partial<Omit<UserRow, 'id'>>): Promise<void> {
      await db.updateTable('users').set(changes).where('id', '=', id).execute();
    },

    async insertSession(row: SessionRow): Promise<void> {
      await db.insertInto('sessions').values(row).execute();
    },
    async session(idHash: string): Promise<SessionRow | undefined> {
      return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    },
    async touchSession(idHash: string, at: string): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    /** Ends every session of a user, but the one whose hash is `keepHash` when given. */
    async deleteSessionsOf(userId: string, keepHash?: string): Promise<void> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepHash !== undefined) query = query.where('id_hash', '!=', keepHash);
      await query.execute();
    },
    async sessionsOf(userId: string): Promise<SessionRow[]> {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
    },
    /** How many enabled users hold `role`. */
    async countEnabled(role: string): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', role)
        .where('disabled', '=', 0)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    /** Removes sessions past their absolute expiry or idle since before `idleBefore`. */
    async deleteExpiredSessions(now: string, idleBefore: string): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
        .execute();
    },

    async insertToken(row: TokenRow): Promise<void> {
      await db.insertInto('api_tokens').values(row).execute();
    },
    async tokenByHash(tokenHash: string): Promise<TokenRow | undefined> {
      return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async tokensOf(userId: string): Promise<TokenRow[]> {
      return db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
    },
    async tokenById(id: string): Promise<TokenRow | undefined> {
      return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async updateToken(id: string, changes: Partial<Omit<TokenRow, 'id'>>): Promise<void> {
      await db.updateTable('api_tokens').set(changes).where('id', '=', id).execute();
    },
  };
}

/** The user repository's interface. */
export type UserRepository = ReturnType<typeof createUserRepository>;
