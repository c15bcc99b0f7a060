import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AuthError } from '../auth/auth-error.ts';
import { publicUser } from '../auth/auth.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { isRole, ROLES } from '../auth/roles.ts';
import type { Role } from '../auth/roles.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Notifier } from '../notify/types.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createLoginAttemptRepository } from '../repositories/login-attempt.repository.ts';
import { createPasswordLinkRepository } from '../repositories/password-link.repository.ts';
import { createUserRepository } from '../repositories/user.repository.ts';
import type { UserRow } from '../repositories/user.repository.ts';
import { appendAudit } from './audit.service.ts';
import type { AuditAction } from './audit.service.ts';
import { passwordLinkEmail, passwordLinkUrl } from './user-emails.ts';
import type { PasswordLinkPurpose } from './user-emails.ts';

/** How long a one-time link to set a password works: 7 days. */
export const PASSWORD_LINK_DAYS = 7;

/** A user as the admin list shows it. */
export interface UserSummary {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  /** Whether they can sign in with a password (false: invited and not yet set, reset, or single sign-on only). */
  hasPassword: boolean;
  /** Whether a one-time link sent to them is still waiting to be used. */
  linkPending: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  /** The Person document whose email is theirs (case-insensitive), if any. */
  personId: string | null;
}

/** What an admin may change about a user. */
export interface UserChanges {
  role?: string | undefined;
  disabled?: boolean | undefined;
  name?: string | undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function checkRole(role: string): Role {
  if (!isRole(role))
    throw new AuthError('invalid', `unknown role "${role}"; expected one of ${ROLES.join(', ')}`);
  return role;
}

/**
 * User administration: the list with linked people, invitations and password resets by one-time emailed link,
 * role and disabled changes (never leaving no enabled admin), and setting a password from a link. Every change is
 * audited in the audit chain under kind User.
 */
export function createUserAdminService(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  auth: AuthService;
  notifier: () => Notifier;
  publicUrl: string;
}) {
  const { database, now, auth } = deps;
  const users = createUserRepository(database.db);
  const links = createPasswordLinkRepository(database.db);
  const attempts = createLoginAttemptRepository(database);

  async function audit(
    trx: Kysely<Database>,
    action: AuditAction,
    email: string,
    actor: string,
    details: { before?: unknown; after?: unknown },
  ): Promise<void> {
    await appendAudit(createAuditRepository(trx), {
      at: now().toISOString(),
      actor,
      action,
      kind: 'User',
      documentId: email,
      before: details.before ?? null,
      after: details.after ?? null,
    });
  }

  async function requireUser(id: string): Promise<UserRow> {
    const user = await users.byId(id);
    if (!user) throw new AuthError('not-found', `no user has the id ${id}`);
    return user;
  }

  async function peopleByEmail(): Promise<Map<string, string>> {
    const people = new Map<string, string>();
    for (const row of await createDocumentRepository(database.db).allOfKind('Person')) {
      const email = (JSON.parse(row.spec) as { email?: unknown }).email;
      if (typeof email === 'string' && !people.has(email.toLowerCase()))
        people.set(email.toLowerCase(), row.id);
    }
    return people;
  }

  function summary(user: UserRow, people: Map<string, string>, pending: Set<string>): UserSummary {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role as Role,
      disabled: user.disabled === 1,
      hasPassword: user.password_hash !== null,
      linkPending: pending.has(user.id),
      createdAt: user.created_at,
      lastSignInAt: user.last_sign_in_at,
      personId: people.get(user.email.toLowerCase()) ?? null,
    };
  }

  async function summaryOf(id: string): Promise<UserSummary> {
    const pending = await links.pendingUserIds(now().toISOString());
    return summary(await requireUser(id), await peopleByEmail(), pending);
  }

  /**
   * In the write transaction `trx`: retires the user's earlier links and stores a new one; answers its token, which
   * exists only in the email.
   */
  async function issueLink(
    trx: Kysely<Database>,
    user: UserRow,
    purpose: PasswordLinkPurpose,
    actor: string,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const at = now();
    const expiresAt = new Date(at.getTime() + PASSWORD_LINK_DAYS * 86_400_000).toISOString();
    const repo = createPasswordLinkRepository(trx);
    await repo.retireAllOf(user.id, at.toISOString());
    await repo.insert({
      id: randomUUID(),
      token_hash: sha256(token),
      user_id: user.id,
      purpose,
      created_by: actor,
      created_at: at.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    });
    return { token, expiresAt };
  }

  async function sendLink(
    user: UserRow,
    purpose: PasswordLinkPurpose,
    link: { token: string; expiresAt: string },
    actor: string,
  ): Promise<{ sent: boolean }> {
    const message = passwordLinkEmail({
      purpose,
      to: user.email,
      name: user.name,
      role: user.role,
      invitedBy: actor,
      link: passwordLinkUrl(deps.publicUrl, link.token),
      expiresAt: link.expiresAt,
      publicUrl: deps.publicUrl,
    });
    const { sent } = await deps.notifier().email(message);
    return { sent };
  }

  return {
    /** Every user, by email, with the Person each is linked to. */
    async list(): Promise<UserSummary[]> {
      const [rows, people, pending] = await Promise.all([
        users.list(),
        peopleByEmail(),
        links.pendingUserIds(now().toISOString()),
      ]);
      return rows.map((row) => summary(row, people, pending));
    },

    /**
     * Creates a user without a password and emails them a one-time link to set one. `sent` is false when the email
     * went to the outbox (no SMTP server configured).
     */
    async invite(
      input: { email: string; name?: string | undefined; role: string },
      actor: string,
    ): Promise<{ user: UserSummary; sent: boolean }> {
      const created = await auth.addUser(
        { email: input.email, role: input.role, ...(input.name !== undefined && { name: input.name }) },
        actor,
      );
      const link = await database.writeTransaction(async (trx) => {
        const issued = await issueLink(trx, created, 'invitation', actor);
        await audit(trx, 'user-invite', created.email, actor, { after: { expiresAt: issued.expiresAt } });
        return issued;
      });
      const { sent } = await sendLink(created, 'invitation', link, actor);
      return { user: await summaryOf(created.id), sent };
    },

    /**
     * Changes a user's role, name or disabled state. Disabling ends their sessions (their tokens stop working
     * with the account). Refused with 409: disabling oneself, and any change that leaves no enabled admin.
     */
    async update(
      id: string,
      changes: UserChanges,
      actor: { userId: string; label: string },
    ): Promise<UserSummary> {
      const role = changes.role === undefined ? undefined : checkRole(changes.role);
      await database.writeTransaction(async (trx) => {
        const repo = createUserRepository(trx);
        const user = await repo.byId(id);
        if (!user) throw new AuthError('not-found', `no user has the id ${id}`);
        const next: UserRow = {
          ...user,
          ...(role !== undefined && { role }),
          ...(changes.disabled !== undefined && { disabled: changes.disabled ? 1 : 0 }),
          ...(changes.name !== undefined && { name: changes.name.trim() || null }),
          updated_at: now().toISOString(),
        };
        if (next.disabled === 1 && user.disabled === 0 && user.id === actor.userId)
          throw new AuthError('conflict', 'You cannot disable your own account; ask another admin');
        const wasAdmin = user.role === 'admin' && user.disabled === 0;
        const staysAdmin = next.role === 'admin' && next.disabled === 0;
        // Counted inside the write transaction: two admins demoting each other at once cannot both pass.
        if (wasAdmin && !staysAdmin && (await repo.countEnabled('admin')) <= 1) {
          throw new AuthError(
            'conflict',
            `${user.email} is the last enabled admin; make another user admin before you demote or disable them`,
          );
        }
        await repo.update(user.id, {
          role: next.role,
          disabled: next.disabled,
          name: next.name,
          updated_at: next.updated_at,
        });
        if (next.disabled === 1) await repo.deleteSessionsOf(user.id);
        await audit(trx, 'user-update', user.email, actor.label, {
          before: publicUser(user),
          after: publicUser(next),
        });
      });
      return summaryOf(id);
    },

    /**
     * Resets a user's password: the old one stops working, their sessions end, and they are emailed a one-time
     * link to set a new one.
     */
    async resetPassword(id: string, actor: string): Promise<{ user: UserSummary; sent: boolean }> {
      const user = await requireUser(id);
      if (user.disabled === 1)
        throw new AuthError(
          'conflict',
          `${user.email} is disabled; enable the account before resetting its password`,
        );
      const link = await database.writeTransaction(async (trx) => {
        const repo = createUserRepository(trx);
        await repo.update(user.id, { password_hash: null, updated_at: now().toISOString() });
        await repo.deleteSessionsOf(user.id);
        const issued = await issueLink(trx, user, 'reset', actor);
        await audit(trx, 'password-reset', user.email, actor, { after: { expiresAt: issued.expiresAt } });
        return issued;
      });
      const { sent } = await sendLink(user, 'reset', link, actor);
      return { user: await summaryOf(id), sent };
    },

    /**
     * Sets a password from a one-time link (no sign-in needed). Refused with 400 for an unknown, used or expired
     * link and for a weak password; attempts from one address are limited like sign-ins. Ends the user's sessions.
     */
    async setPassword(token: string, password: string, address: string): Promise<{ email: string }> {
      const at = now();
      const window = auth.settings.failureWindowMinutes;
      const key = `set-password:${address}`;
      const attemptAt = at.toISOString();
      const claimed = await attempts.claim(
        [{ key, max: auth.settings.maxFailuresPerAddress }],
        new Date(at.getTime() - window * 60_000).toISOString(),
        attemptAt,
      );
      if (!claimed)
        throw new AuthError('rate-limited', `Too many attempts; try again in ${window} minutes`, window * 60);
      const link = await links.byTokenHash(sha256(token));
      if (!link) throw new AuthError('invalid', 'This link is not valid; ask an administrator for a new one');
      if (link.used_at !== null)
        throw new AuthError('invalid', 'This link was already used; ask an administrator for a new one');
      if (link.expires_at <= attemptAt) {
        throw new AuthError(
          'invalid',
          `This link expired on ${link.expires_at.slice(0, 10)}; ask an administrator for a new one`,
        );
      }
      const user = await requireUser(link.user_id);
      if (user.disabled === 1) throw new AuthError('invalid', 'This account is disabled');
      const problem = passwordProblem(password);
      if (problem) throw new AuthError('invalid', problem);
      const passwordHash = await hashPassword(password);
      await database.writeTransaction(async (trx) => {
        if (!(await createPasswordLinkRepository(trx).markUsed(link.id, attemptAt)))
          throw new AuthError('invalid', 'This link was already used; ask an administrator for a new one');
        const repo = createUserRepository(trx);
        await repo.update(user.id, { password_hash: passwordHash, updated_at: attemptAt });
        await repo.deleteSessionsOf(user.id);
        await audit(trx, 'password-set', user.email, user.email, { after: { through: link.purpose } });
      });
      await attempts.forget(key, attemptAt);
      return { email: user.email };
    },
  };
}

/** The user admin service's interface. */
export type UserAdminService = ReturnType<typeof createUserAdminService>;
