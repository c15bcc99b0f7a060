import { createHash } from 'node:crypto';
import { AuthError } from '../auth/auth-error.ts';
import type { AuthService, Principal } from '../auth/auth.service.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createUserRepository } from '../repositories/user.repository.ts';
import type { TokenRow } from '../repositories/user.repository.ts';
import { appendAudit } from './audit.service.ts';

/** How a session is shown to its user: never its secret, only a short id derived from its stored hash. */
export interface SessionSummary {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The session this request came with. */
  current: boolean;
}

/** How a token is shown to its user: never its value (shown once, at creation). */
export interface TokenSummary {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The public id of a session: the first 16 hex digits of the SHA-256 it is stored by (not the cookie's value). */
const SESSION_ID_LENGTH = 16;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A token row as its user sees it. */
export function tokenSummary(row: TokenRow): TokenSummary {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * What every user does with their own account: change their password, see and end their sessions, create and
 * revoke their API tokens. `sessionId` is the request's session cookie, when it came with one. Every change is
 * audited.
 */
export function createAccountService(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  auth: AuthService;
}) {
  const { database, now, auth } = deps;
  const users = createUserRepository(database.db);

  async function audit(
    action: 'password-change' | 'session-revoke',
    principal: Principal,
    actor: string,
    after: unknown,
    work: (repo: ReturnType<typeof createUserRepository>) => Promise<void>,
  ): Promise<void> {
    await database.writeTransaction(async (trx) => {
      await work(createUserRepository(trx));
      await appendAudit(createAuditRepository(trx), {
        at: now().toISOString(),
        actor,
        action,
        kind: 'User',
        documentId: principal.email,
        before: null,
        after,
      });
    });
  }

  return {
    /**
     * Changes the user's password after checking the current one (400 when wrong); ends their other sessions,
     * keeping the one the change came from.
     */
    async changePassword(
      principal: Principal,
      sessionId: string | undefined,
      current: string,
      next: string,
      actor: string,
    ): Promise<void> {
      const user = await users.byId(principal.userId);
      if (!user) throw new AuthError('not-found', 'your account no longer exists');
      if (!user.password_hash || !(await verifyPassword(user.password_hash, current)))
        throw new AuthError('invalid', 'The current password is wrong');
      const problem = passwordProblem(next);
      if (problem) throw new AuthError('invalid', `The new password is refused: ${problem}`);
      const passwordHash = await hashPassword(next);
      await audit('password-change', principal, actor, { otherSessionsEnded: true }, async (repo) => {
        await repo.update(user.id, { password_hash: passwordHash, updated_at: now().toISOString() });
        await repo.deleteSessionsOf(user.id, sessionId === undefined ? undefined : sha256(sessionId));
      });
    },

    /** The user's sessions, oldest first, with the current one marked. */
    async sessions(principal: Principal, sessionId: string | undefined): Promise<SessionSummary[]> {
      const currentHash = sessionId === undefined ? undefined : sha256(sessionId);
      const at = now().toISOString();
      const idleBefore = new Date(now().getTime() - auth.settings.sessionIdleMinutes * 60_000).toISOString();
      return (await users.sessionsOf(principal.userId))
        .filter((row) => row.expires_at > at && row.last_seen_at >= idleBefore)
        .map((row) => ({
          id: row.id_hash.slice(0, SESSION_ID_LENGTH),
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          expiresAt: row.expires_at,
          current: row.id_hash === currentHash,
        }));
    },

    /** Ends one of the user's sessions (404 for a session that is not theirs). */
    async revokeSession(principal: Principal, id: string, actor: string): Promise<void> {
      const session = (await users.sessionsOf(principal.userId)).find(
        (row) => id.length === SESSION_ID_LENGTH && row.id_hash.startsWith(id),
      );
      if (!session) throw new AuthError('not-found', `you have no session with the id ${id}`);
      await audit('session-revoke', principal, actor, { id }, (repo) => repo.deleteSession(session.id_hash));
    },

    /** The user's API tokens, revoked ones included. */
    async tokens(principal: Principal): Promise<TokenSummary[]> {
      return (await auth.tokensOf(principal.email)).map(tokenSummary);
    },

    /** Creates a token for the user; its value is in the answer only. */
    async createToken(
      principal: Principal,
      name: string,
      expiresInDays: number | undefined,
      actor: string,
    ): Promise<{ token: string; summary: TokenSummary }> {
      const minutes = expiresInDays === undefined ? undefined : expiresInDays * 1440;
      const { token, row } = await auth.createToken(principal.email, name, minutes, actor);
      return { token, summary: tokenSummary(row) };
    },

    /** Revokes one of the user's tokens (404 for a token that is not theirs). */
    async revokeToken(principal: Principal, id: string, actor: string): Promise<TokenSummary> {
      const token = await users.tokenById(id);
      if (!token || token.user_id !== principal.userId)
        throw new AuthError('not-found', `you have no token with the id ${id}`);
      if (token.revoked_at !== null) return tokenSummary(token);
      return tokenSummary(await auth.revokeToken(id, actor));
    },
  };
}

/** The account service's interface. */
export type AccountService = ReturnType<typeof createAccountService>;
