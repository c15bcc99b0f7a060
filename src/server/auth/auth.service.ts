import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LifeboatDatabase } from '../db/database.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createLoginAttemptRepository } from '../repositories/login-attempt.repository.ts';
import { createUserRepository } from '../repositories/user.repository.ts';
import type { TokenRow, UserRow } from '../repositories/user.repository.ts';
import { appendAudit } from '../services/audit.service.ts';
import type { AuditAction } from '../services/audit.service.ts';
import { AuthError } from './auth-error.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { isRole, ROLES } from './roles.ts';
import type { Role } from './roles.ts';

/** Who is making a request. */
export interface Principal {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  /** How they proved it: a browser session or a bearer token (its name). */
  via: { kind: 'session' } | { kind: 'token'; name: string };
}

/** Session lifetimes and login limits, in minutes and counts. */
export interface AuthSettings {
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
  /** Failed logins allowed per account, and per address, within `failureWindowMinutes`. */
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  failureWindowMinutes: number;
}

/** Defaults: sessions idle out after 2 hours and end after 12; 5 failures per account, 20 per address, per 15 minutes. */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMinutes: 120,
  sessionAbsoluteMinutes: 720,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
  failureWindowMinutes: 15,
};

/** The email of the account created on first start. */
export const FIRST_ADMIN_EMAIL = 'admin@localhost';
/** Bearer tokens start with this, so a leaked one is recognisable in a scan. */
const TOKEN_PREFIX = 'lbt_';
const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().or(z.literal(FIRST_ADMIN_EMAIL)));

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * How the audit log names a sign-in attempt for an account that does not exist: the first 3 characters and a
 * SHA-256 prefix, enough to see repeated attempts on one name without keeping what was typed (maybe a password).
 */
export function unknownLoginName(typed: string): string {
  return `${Array.from(typed).slice(0, 3).join('')}… sha256:${sha256(typed).slice(0, 12)}`;
}

function minutesBefore(date: Date, minutes: number): string {
  return new Date(date.getTime() - minutes * 60_000).toISOString();
}

function minutesAfter(date: Date, minutes: number): string {
  return new Date(date.getTime() + minutes * 60_000).toISOString();
}

/** A user as the API shows it: never its password hash. */
export function publicUser(row: UserRow): {
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
} {
  return { email: row.email, name: row.name, role: row.role as Role, disabled: row.disabled === 1 };
}

function normalizeEmail(email: string): string {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new AuthError('invalid', `"${email}" is not an email address`);
  return parsed.data;
}

function checkRole(role: string): Role {
  if (!isRole(role))
    throw new AuthError('invalid', `unknown role "${role}"; expected one of ${ROLES.join(', ')}`);
  return role;
}

/** Accounts, sessions, tokens and login limits. Every account change and failed login is audited. */
export function createAuthService(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  settings?: Partial<AuthSettings>;
}) {
  const { database, now } = deps;
  const settings = { ...DEFAULT_AUTH_SETTINGS, ...deps.settings };
  const users = createUserRepository(database.db);
  const attempts = createLoginAttemptRepository(database);

  async function audited<T>(
    action: AuditAction,
    email: string,
    actor: string,
    details: { before?: unknown; after?: unknown },
    work: (repo: ReturnType<typeof createUserRepository>) => Promise<T>,
  ): Promise<T> {
    return database.writeTransaction(async (trx) => {
      const result = await work(createUserRepository(trx));
      await appendAudit(createAuditRepository(trx), {
        at: now().toISOString(),
        actor,
        action,
        kind: 'User',
        documentId: email,
        before: details.before ?? null,
        after: details.after ?? null,
      });
      return result;
    });
  }

  async function requireUser(email: string): Promise<UserRow> {
    const user = await users.byEmail(normalizeEmail(email));
    if (!user) throw new AuthError('not-found', `no user has the email ${email}`);
    return user;
  }

  function principalOf(user: UserRow, via: Principal['via']): Principal {
    return { userId: user.id, email: user.email, name: user.name, role: user.role as Role, via };
  }

  async function startSession(user: UserRow): Promise<string> {
    const sessionId = randomBytes(32).toString('base64url');
    const at = now();
    await users.insertSession({
      id_hash: sha256(sessionId),
      user_id: user.id,
      created_at: at.toISOString(),
      last_seen_at: at.toISOString(),
      expires_at: minutesAfter(at, settings.sessionAbsoluteMinutes),
    });
    await users.update(user.id, { last_sign_in_at: at.toISOString() });
    return sessionId;
  }

  return {
    settings,

    /** Creates an account; a password is optional for accounts that sign in only through single sign-on. */
    async addUser(
      input: { email: string; role: string; name?: string; password?: string },
      actor: string,
    ): Promise<UserRow> {
      const email = normalizeEmail(input.email);
      const role = checkRole(input.role);
      if (input.password !== undefined) {
        const problem = passwordProblem(input.password);
        if (problem) throw new AuthError('invalid', problem);
      }
      if (await users.byEmail(email))
        throw new AuthError('conflict', `a user with the email ${email} already exists`);
      const at = now().toISOString();
      const row: UserRow = {
        id: randomUUID(),
        email,
        name: input.name?.trim() || null,
        role,
        password_hash: input.password === undefined ? null : await hashPassword(input.password),
        disabled: 0,
        created_at: at,
        updated_at: at,
        last_sign_in_at: null,
      };
      await audited('user-create', email, actor, { after: publicUser(row) }, (repo) => repo.insert(row));
      return row;
    },

    async listUsers(): Promise<UserRow[]> {
      return users.list();
    },

    async setRole(email: string, role: string, actor: string): Promise<UserRow> {
      const user = await requireUser(email);
      const next = { ...user, role: checkRole(role), updated_at: now().toISOString() };
      await audited(
        'user-update',
        user.email,
        actor,
        { before: publicUser(user), after: publicUser(next) },
        (repo) => repo.update(user.id, { role: next.role, updated_at: next.updated_at }),
      );
      return next;
    },

    /** Disables an account and ends its sessions; its tokens stop working too. */
    async disable(email: string, actor: string): Promise<UserRow> {
      const user = await requireUser(email);
      const next = { ...user, disabled: 1, updated_at: now().toISOString() };
      await audited(
        'user-update',
        user.email,
        actor,
        { before: publicUser(user), after: publicUser(next) },
        async (repo) => {
          await repo.update(user.id, { disabled: 1, updated_at: next.updated_at });
          await repo.deleteSessionsOf(user.id);
        },
      );
      return next;
    },

    /** On a database with no users, creates admin@localhost; returns the password when one was generated. */
    async ensureFirstAdmin(password: string | undefined): Promise<{ created: boolean; generated?: string }> {
      if ((await users.count()) > 0) return { created: false };
      const generated = password === undefined ? randomBytes(18).toString('base64url') : undefined;
      await this.addUser(
        { email: FIRST_ADMIN_EMAIL, role: 'admin', name: 'Administrator', password: password ?? generated },
        'lifeboat',
      );
      return generated === undefined ? { created: true } : { created: true, generated };
    },

    /**
     * Checks a password and starts a session. Refused with 429 once an account or an address has too many recent
     * failures; every failure is counted and audited; the answer never says whether the account exists.
     */
    async login(
      emailInput: string,
      password: string,
      address: string,
    ): Promise<{ sessionId: string; user: UserRow }> {
      const email = emailInput.trim().toLowerCase();
      const at = now();
      const attemptAt = at.toISOString();
      // Keys hold a hash, not the name: what was typed may be a password put in the wrong field.
      const accountKey = `account:${sha256(email)}`;
      const addressKey = `address:${address}`;
      // Counted before the password is checked, so parallel guesses cannot all pass a check made before any
      // of them was recorded.
      const claimed = await attempts.claim(
        [
          { key: accountKey, max: settings.maxFailuresPerAccount },
          { key: addressKey, max: settings.maxFailuresPerAddress },
        ],
        minutesBefore(at, settings.failureWindowMinutes),
        attemptAt,
      );
      if (!claimed) {
        throw new AuthError(
          'rate-limited',
          `Too many failed sign-ins; try again in ${settings.failureWindowMinutes} minutes`,
          settings.failureWindowMinutes * 60,
        );
      }
      const user = await users.byEmail(email);
      const ok = user?.password_hash
        ? await verifyPassword(user.password_hash, password)
        : (await verifyPassword(await decoyHash(), password)) && false;
      if (!user || !ok || user.disabled === 1) {
        // The attempt is already counted; the audit log names an unknown account only in a form that cannot
        // give away a password typed into the email field.
        await audited(
          'login-failed',
          user ? user.email : unknownLoginName(email),
          `address ${address}`,
          {},
          () => Promise.resolve(),
        );
        throw new AuthError('unauthorized', 'The email or password is wrong, or the account is disabled');
      }
      await attempts.clear(accountKey);
      await attempts.forget(addressKey, attemptAt);
      await attempts.prune(minutesBefore(at, settings.failureWindowMinutes * 4));
      await users.deleteExpiredSessions(at.toISOString(), minutesBefore(at, settings.sessionIdleMinutes));
      return { sessionId: await startSession(user), user };
    },

    /** Starts a session for a user who proved who they are elsewhere (single sign-on). */
    startSession,

    /** The user of a session cookie, or undefined when it is unknown, idle too long, expired or disabled. */
    async sessionPrincipal(sessionId: string): Promise<Principal | undefined> {
      const session = await users.session(sha256(sessionId));
      if (!session) return undefined;
      const at = now();
      if (
        session.expires_at <= at.toISOString() ||
        session.last_seen_at < minutesBefore(at, settings.sessionIdleMinutes)
      ) {
        await users.deleteSession(session.id_hash);
        return undefined;
      }
      const user = await users.byId(session.user_id);
      if (!user || user.disabled === 1) return undefined;
      // Written at most once a minute: a busy page must not turn every read into a write.
      if (session.last_seen_at < minutesBefore(at, 1))
        await users.touchSession(session.id_hash, at.toISOString());
      return principalOf(user, { kind: 'session' });
    },

    async logout(sessionId: string): Promise<void> {
      await users.deleteSession(sha256(sessionId));
    },

    /** Creates a bearer token; the value is returned once and stored only as a hash. */
    async createToken(
      email: string,
      name: string,
      expiresInMinutes: number | undefined,
      actor: string,
    ): Promise<{ token: string; row: TokenRow }> {
      const user = await requireUser(email);
      if (!name.trim()) throw new AuthError('invalid', 'a token needs a name (what it is for)');
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const at = now();
      const row: TokenRow = {
        id: randomUUID().slice(0, 8),
        user_id: user.id,
        name: name.trim(),
        token_hash: sha256(token),
        created_at: at.toISOString(),
        expires_at: expiresInMinutes === undefined ? null : minutesAfter(at, expiresInMinutes),
        revoked_at: null,
        last_used_at: null,
      };
      const shown = { id: row.id, name: row.name, expiresAt: row.expires_at };
      await audited('token-create', user.email, actor, { after: shown }, (repo) => repo.insertToken(row));
      return { token, row };
    },

    async tokensOf(email: string): Promise<TokenRow[]> {
      return users.tokensOf((await requireUser(email)).id);
    },

    async revokeToken(id: string, actor: string): Promise<TokenRow> {
      const token = await users.tokenById(id);
      if (!token) throw new AuthError('not-found', `no token has the id ${id}`);
      const owner = await users.byId(token.user_id);
      const revokedAt = now().toISOString();
      await audited(
        'token-revoke',
        owner?.email ?? token.user_id,
        actor,
        { before: { id, name: token.name } },
        (repo) => repo.updateToken(id, { revoked_at: revokedAt }),
      );
      return { ...token, revoked_at: revokedAt };
    },

    /** The user of a bearer token, or undefined when it is unknown, revoked, expired or its user disabled. */
    async tokenPrincipal(token: string): Promise<Principal | undefined> {
      if (!token.startsWith(TOKEN_PREFIX)) return undefined;
      const row = await users.tokenByHash(sha256(token));
      const at = now().toISOString();
      if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= at))
        return undefined;
      const user = await users.byId(row.user_id);
      if (!user || user.disabled === 1) return undefined;
      if (row.last_used_at === null || row.last_used_at < minutesBefore(now(), 1))
        await users.updateToken(row.id, { last_used_at: at });
      return principalOf(user, { kind: 'token', name: row.name });
    },

    /** Finds or creates the user of a single sign-on identity; a mapped role is applied on every sign-in. */
    async ssoUser(email: string, name: string | undefined, role: Role): Promise<UserRow> {
      const existing = await users.byEmail(normalizeEmail(email));
      if (!existing)
        return this.addUser({ email, role, ...(name !== undefined && { name }) }, 'single sign-on');
      if (existing.disabled === 1)
        throw new AuthError('forbidden', `the account ${existing.email} is disabled`);
      return existing.role === role ? existing : this.setRole(existing.email, role, 'single sign-on');
    },

    /** The ids a service owner may write for: their Person document and the teams they belong to or lead. */
    async ownerScope(email: string): Promise<Set<string>> {
      const documents = createDocumentRepository(database.db);
      const scope = new Set<string>();
      for (const row of await documents.allOfKind('Person')) {
        const spec = JSON.parse(row.spec) as { email?: string; team?: string };
        if (spec.email?.toLowerCase() !== email) continue;
        scope.add(row.id);
        if (spec.team) scope.add(spec.team);
      }
      for (const row of await documents.allOfKind('Team')) {
        const spec = JSON.parse(row.spec) as { members?: string[]; lead?: string };
        if ([...(spec.members ?? []), ...(spec.lead ? [spec.lead] : [])].some((id) => scope.has(id)))
          scope.add(row.id);
      }
      return scope;
    },
  };
}

/** The auth service's interface. */
export type AuthService = ReturnType<typeof createAuthService>;
