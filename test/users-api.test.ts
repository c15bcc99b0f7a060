import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { JobQueue } from '../src/server/jobs/types.ts';
import { createNotifier } from '../src/server/notify/notifier.ts';
import type { Notifier } from '../src/server/notify/types.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';
import { startSmtpServer } from './support/smtp.ts';
import type { TestSmtpServer } from './support/smtp.ts';
import { emailOf, TEST_PASSWORD } from './support/test-users.ts';

const ORIGIN = 'http://lifeboat.test';
const HOST = 'lifeboat.test';
const PUBLIC_URL = 'https://lifeboat.example.org';
const NEW_PASSWORD = 'a long and uncommon passphrase 7';

interface UserSummary {
  id: string;
  email: string;
  name: string | null;
  role: string;
  disabled: boolean;
  hasPassword: boolean;
  linkPending: boolean;
  lastSignInAt: string | null;
  personId: string | null;
}

/** The notifier's retry queue: an email sent at the first attempt never needs it. */
const NO_RETRIES: JobQueue = {
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
  send: (name) => Promise.reject(new Error(`no job queue in this test (asked for ${name})`)),
  runNow: (name) => Promise.reject(new Error(`no job queue in this test (asked for ${name})`)),
};

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

describeEachDatabase('user administration API', (dialect) => {
  let t: TestApp;
  let clock: Date;
  let delivering: ReturnType<typeof createNotifier> | undefined;
  beforeEach(async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    smtp.messages.length = 0;
    // The real notifier needs the test's database, which exists once the app is built: the app gets a notifier
    // that hands each message on to it.
    const notifier: Notifier = {
      email: (message) => delivering!.email(message),
      publish: (event) => delivering!.publish(event),
    };
    t = await createTestApp(dialect, { now: () => clock, publicUrl: PUBLIC_URL, notifier });
    delivering = createNotifier({
      database: t.database,
      jobs: NO_RETRIES,
      smtpUrl: smtp.url,
      mailFrom: 'lifeboat@example.org',
      publicUrl: PUBLIC_URL,
      now: () => clock,
    });
  });
  afterEach(async () => {
    delivering?.close();
    await t.close();
  });

  const listUsers = async () =>
    body<{ items: UserSummary[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/admin/users' })).items;
  const userNamed = async (email: string) => (await listUsers()).find((user) => user.email === email)!;

  function invite(payload: object, as = t.app) {
    return as.inject({ method: 'POST', url: '/api/v1/admin/users/invite', payload });
  }

  /** The token of the one-time link in the newest email to `to`, after checking the link is absolute. */
  async function linkSentTo(to: string, count: number): Promise<string> {
    const messages = await smtp.waitFor(count);
    const message = messages.filter((m) => m.to && JSON.stringify(m.to).includes(to)).at(-1);
    if (!message) throw new Error(`no email to ${to}`);
    const match = /https:\/\/lifeboat\.example\.org\/set-password\?token=([\w-]+)/.exec(message.text ?? '');
    expect(match, message.text).not.toBeNull();
    expect(message.html).toContain(match![0]);
    return match![1]!;
  }

  function setPassword(token: string, password: string) {
    return t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token, password },
    });
  }

  function login(email: string, password: string) {
    return t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: HOST, origin: ORIGIN },
      payload: { email, password },
    });
  }

  function cookieOf(response: LightMyRequestResponse): string {
    const cookie = response.cookies.find((c) => c.name === 'lifeboat_session');
    if (!cookie) throw new Error(`no session cookie: ${response.body}`);
    return `lifeboat_session=${cookie.value}`;
  }

  async function auditActions(email: string): Promise<string[]> {
    const page = body<{ items: { action: string; id: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?kind=User&limit=500' }),
    );
    return page.items.filter((entry) => entry.id === email).map((entry) => entry.action);
  }

  it('lists users with role, state and the Person linked by email, case-insensitively', async () => {
    const person = {
      apiVersion: 'lifeboat/v1',
      kind: 'Person',
      metadata: { id: 'p-manager' },
      spec: { email: 'Manager@Example.org' },
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/people', payload: person })).statusCode).toBe(
      201,
    );
    const users = await listUsers();
    expect(users.map((user) => user.email)).toEqual([
      'admin@example.org',
      'auditor@example.org',
      'manager@example.org',
      'owner@example.org',
      'viewer@example.org',
    ]);
    expect(users.find((user) => user.role === 'manager')).toMatchObject({
      name: 'Test manager',
      disabled: false,
      personId: 'p-manager',
      lastSignInAt: null,
    });
    expect(users.find((user) => user.role === 'viewer')?.personId).toBeNull();
  });

  it('invites a user: emails an absolute one-time link that sets a password once, then they sign in with the role', async () => {
    const response = await invite({ email: 'Nora@Example.org', name: 'Nora', role: 'owner' });
    expect(response.statusCode).toBe(201);
    expect(body(response)).toMatchObject({
      emailSent: true,
      user: { email: 'nora@example.org', role: 'owner', hasPassword: false, linkPending: true },
    });
    const token = await linkSentTo('nora@example.org', 1);
    expect(smtp.messages[0]?.subject).toBe('Your invitation to Lifeboat');
    expect(smtp.messages[0]?.text).toContain('as owner');
    expect((await login('nora@example.org', NEW_PASSWORD)).statusCode).toBe(401);

    const set = await setPassword(token, NEW_PASSWORD);
    expect(set.statusCode).toBe(200);
    expect(body(set)).toEqual({ email: 'nora@example.org' });
    const signedIn = await login('nora@example.org', NEW_PASSWORD);
    expect(body(signedIn)).toEqual({ user: { email: 'nora@example.org', name: 'Nora', role: 'owner' } });
    expect(await userNamed('nora@example.org')).toMatchObject({
      hasPassword: true,
      linkPending: false,
      lastSignInAt: clock.toISOString(),
    });

    const again = await setPassword(token, 'another fine passphrase 99');
    expect(again.statusCode).toBe(400);
    expect(body(again).detail).toBe('This link was already used; ask an administrator for a new one');
    expect(await auditActions('nora@example.org')).toEqual([
      'user-create',
      'user-invite',
      'login-failed',
      'password-set',
    ]);
  });

  it('refuses an expired link, a weak password and an unknown token with 400 and a readable detail, changing nothing', async () => {
    await invite({ email: 'late@example.org', role: 'viewer' });
    const token = await linkSentTo('late@example.org', 1);
    const weak = await setPassword(token, 'short');
    expect(weak.statusCode).toBe(400);
    expect(body(weak).detail).toBe('a password needs at least 12 characters');
    const unknown = await setPassword('not-a-real-token', NEW_PASSWORD);
    expect(body(unknown).detail).toBe('This link is not valid; ask an administrator for a new one');
    clock = new Date(clock.getTime() + 7 * 86_400_000 + 1000);
    const expired = await setPassword(token, NEW_PASSWORD);
    expect(expired.statusCode).toBe(400);
    expect(body(expired).detail).toBe('This link expired on 2026-03-09; ask an administrator for a new one');
    expect(await userNamed('late@example.org')).toMatchObject({ hasPassword: false, linkPending: false });
  });

  it('refuses an invitation for an existing email with 409, and a bad email or role with 400', async () => {
    const existing = await invite({ email: 'viewer@example.org', role: 'viewer' });
    expect(existing.statusCode).toBe(409);
    expect(body(existing).detail).toBe('a user with the email viewer@example.org already exists');
    expect((await invite({ email: 'not an email', role: 'viewer' })).statusCode).toBe(400);
    const role = await invite({ email: 'x@example.org', role: 'superuser' });
    expect(role.statusCode).toBe(400);
    expect(body(role).detail).toContain('role');
    expect(smtp.messages).toHaveLength(0);
  });

  it('changes a role and a name, and audits the change with before and after', async () => {
    const viewer = await userNamed('viewer@example.org');
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${viewer.id}`,
      payload: { role: 'manager', name: 'Vera' },
    });
    expect(response.statusCode).toBe(200);
    expect(body(response)).toMatchObject({ role: 'manager', name: 'Vera' });
    const me = await t.as('viewer').inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(body(me)).toEqual({ user: { email: 'viewer@example.org', name: 'Vera', role: 'manager' } });
    expect((await auditActions('viewer@example.org')).at(-1)).toBe('user-update');
  });

  it('disables a user: their sessions end and their tokens stop working; enabling lets them in again', async () => {
    await t.auth.addUser({ email: 'dan@example.org', role: 'viewer', password: TEST_PASSWORD }, 'test');
    const cookie = cookieOf(await login('dan@example.org', TEST_PASSWORD));
    const { token } = await t.auth.createToken('dan@example.org', 'ci', undefined, 'test');
    const dan = await userNamed('dan@example.org');
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${dan.id}`,
      payload: { disabled: true },
    });
    expect(body(off)).toMatchObject({ disabled: true });
    const bySession = await t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    const byToken = await t.server.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect([bySession.statusCode, byToken.statusCode]).toEqual([401, 401]);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${dan.id}`,
      payload: { disabled: false },
    });
    expect((await login('dan@example.org', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses with 409 to demote or disable the last enabled admin, and to disable oneself', async () => {
    const admin = await userNamed(emailOf('admin'));
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${admin.id}`,
      payload: { disabled: true },
    });
    expect(self.statusCode).toBe(409);
    expect(body(self).detail).toBe('You cannot disable your own account; ask another admin');
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${admin.id}`,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(409);
    expect(body(demote).detail).toBe(
      'admin@example.org is the last enabled admin; make another user admin before you demote or disable them',
    );
    expect((await userNamed(emailOf('admin'))).role).toBe('admin');

    const manager = await userNamed(emailOf('manager'));
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${manager.id}`,
      payload: { role: 'admin' },
    });
    const demoted = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${admin.id}`,
      payload: { role: 'viewer' },
    });
    expect(demoted.statusCode).toBe(200);
  });

  it('answers 404 for an unknown user and 400 for an empty change', async () => {
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/users/nobody',
      payload: { role: 'viewer' },
    });
    expect(missing.statusCode).toBe(404);
    expect(body(missing).detail).toBe('no user has the id nobody');
    const viewer = await userNamed('viewer@example.org');
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${viewer.id}`,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
  });

  it('resets a password: the old one and the sessions stop working, the emailed link sets a new one', async () => {
    await t.auth.addUser({ email: 'rita@example.org', role: 'owner', password: TEST_PASSWORD }, 'test');
    const cookie = cookieOf(await login('rita@example.org', TEST_PASSWORD));
    const rita = await userNamed('rita@example.org');
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${rita.id}/reset-password`,
    });
    expect(reset.statusCode).toBe(200);
    expect(body(reset)).toMatchObject({ emailSent: true, user: { hasPassword: false, linkPending: true } });
    const token = await linkSentTo('rita@example.org', 1);
    expect(smtp.messages[0]?.subject).toBe('Set a new Lifeboat password');
    expect(
      (await t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
    expect((await login('rita@example.org', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await setPassword(token, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await login('rita@example.org', NEW_PASSWORD)).statusCode).toBe(200);
    expect(await auditActions('rita@example.org')).toEqual([
      'user-create',
      'password-reset',
      'login-failed',
      'password-set',
    ]);
  });

  it('makes an earlier link stop working when a newer one is sent', async () => {
    await invite({ email: 'twice@example.org', role: 'viewer' });
    const first = await linkSentTo('twice@example.org', 1);
    const user = await userNamed('twice@example.org');
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/users/${user.id}/reset-password` });
    const second = await linkSentTo('twice@example.org', 2);
    expect((await setPassword(first, NEW_PASSWORD)).statusCode).toBe(400);
    expect((await setPassword(second, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('limits set-password attempts from one address like sign-ins, with 429', async () => {
    for (let i = 0; i < 20; i++) expect((await setPassword(`guess-${i}`, NEW_PASSWORD)).statusCode).toBe(400);
    const limited = await setPassword('guess-21', NEW_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(body(limited).detail).toBe('Too many attempts; try again in 15 minutes');
  });
});
