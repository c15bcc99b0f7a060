import { afterEach, beforeEach, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';
import { TEST_PASSWORD } from './support/test-users.ts';

const ORIGIN = 'http://lifeboat.test';
const HOST = 'lifeboat.test';
const EMAIL = 'ana@example.org';
const NEW_PASSWORD = 'a long and uncommon passphrase 7';

interface Session {
  id: string;
  createdAt: string;
  current: boolean;
}

describeEachDatabase('own account API (password, sessions, tokens)', (dialect) => {
  let t: TestApp;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    t = await createTestApp(dialect, { now: () => clock });
    await t.auth.addUser({ email: EMAIL, role: 'owner', name: 'Ana', password: TEST_PASSWORD }, 'test');
  });
  afterEach(async () => {
    await t.close();
  });

  async function login(password = TEST_PASSWORD): Promise<string> {
    const response = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: HOST, origin: ORIGIN },
      payload: { email: EMAIL, password },
    });
    const cookie = response.cookies.find((c) => c.name === 'lifeboat_session');
    if (!cookie) throw new Error(`sign-in failed: ${response.body}`);
    return `lifeboat_session=${cookie.value}`;
  }

  function as(
    cookie: string,
    method: string,
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> {
    return t.server.inject({
      method: method as 'GET',
      url,
      headers: { host: HOST, origin: ORIGIN, cookie },
      ...(payload && { payload }),
    });
  }

  async function auditActions(): Promise<string[]> {
    const page = body<{ items: { action: string; id: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?kind=User&limit=500' }),
    );
    return page.items.filter((entry) => entry.id === EMAIL).map((entry) => entry.action);
  }

  it('lists my sessions without their secret, marks the current one, and ends another one', async () => {
    const first = await login();
    clock = new Date(clock.getTime() + 60_000);
    const second = await login();
    const listed = body<{ items: Session[] }>(await as(second, 'GET', '/api/v1/me/sessions')).items;
    expect(listed).toHaveLength(2);
    expect(listed.map((session) => session.current)).toEqual([false, true]);
    const secret = first.split('=')[1]!;
    expect(JSON.stringify(listed)).not.toContain(secret);

    const ended = await as(second, 'DELETE', `/api/v1/me/sessions/${listed[0]!.id}`);
    expect(ended.statusCode).toBe(204);
    expect((await as(first, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await as(second, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect(await auditActions()).toContain('session-revoke');
  });

  it("answers 404 for another user's session, leaving it open", async () => {
    const mine = await login();
    await t.auth.addUser({ email: 'bo@example.org', role: 'viewer', password: TEST_PASSWORD }, 'test');
    const response = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: HOST, origin: ORIGIN },
      payload: { email: 'bo@example.org', password: TEST_PASSWORD },
    });
    const theirs = `lifeboat_session=${response.cookies.find((c) => c.name === 'lifeboat_session')!.value}`;
    const [their] = body<{ items: Session[] }>(await as(theirs, 'GET', '/api/v1/me/sessions')).items;
    const refused = await as(mine, 'DELETE', `/api/v1/me/sessions/${their!.id}`);
    expect(refused.statusCode).toBe(404);
    expect(body(refused).detail).toBe(`you have no session with the id ${their!.id}`);
    expect((await as(theirs, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('changes my password with the right current one and ends my other sessions, keeping this one', async () => {
    const other = await login();
    const here = await login();
    const changed = await as(here, 'POST', '/api/v1/me/password', {
      current: TEST_PASSWORD,
      new: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(204);
    expect((await as(here, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await as(other, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await expect(login(TEST_PASSWORD)).rejects.toThrow('sign-in failed');
    await login(NEW_PASSWORD);
    expect(await auditActions()).toContain('password-change');
  });

  it('refuses a wrong current password and a weak new one with 400, keeping the old password', async () => {
    const here = await login();
    const wrong = await as(here, 'POST', '/api/v1/me/password', {
      current: 'not my password',
      new: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(400);
    expect(body(wrong).detail).toBe('The current password is wrong');
    const weak = await as(here, 'POST', '/api/v1/me/password', {
      current: TEST_PASSWORD,
      new: 'password123',
    });
    expect(weak.statusCode).toBe(400);
    expect(body(weak).detail).toBe('The new password is refused: a password needs at least 12 characters');
    await login(TEST_PASSWORD);
  });

  it('creates a token shown once that works as a bearer token until I revoke it', async () => {
    const here = await login();
    const created = await as(here, 'POST', '/api/v1/me/tokens', { name: 'ci pipeline', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, item } = body<{ token: string; item: { id: string; name: string; expiresAt: string } }>(
      created,
    );
    expect(token).toMatch(/^lbt_/);
    expect(item).toMatchObject({ name: 'ci pipeline', expiresAt: '2026-04-01T09:00:00.000Z' });
    const listed = await as(here, 'GET', '/api/v1/me/tokens');
    expect(body<{ items: { name: string }[] }>(listed).items.map((row) => row.name)).toEqual(['ci pipeline']);
    expect(listed.body).not.toContain(token);

    const bearer = () =>
      t.server.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
    expect(body(await bearer())).toEqual({ user: { email: EMAIL, name: 'Ana', role: 'owner' } });
    expect((await as(here, 'DELETE', `/api/v1/me/tokens/${item.id}`)).statusCode).toBe(204);
    expect((await bearer()).statusCode).toBe(401);
    expect(await auditActions()).toEqual(expect.arrayContaining(['token-create', 'token-revoke']));
  });

  it("refuses a token without a name with 400, and another user's token with 404", async () => {
    const here = await login();
    const unnamed = await as(here, 'POST', '/api/v1/me/tokens', { name: '  ' });
    expect(unnamed.statusCode).toBe(400);
    expect(body(unnamed).detail).toContain('a token needs a name');
    const { row } = await t.auth.createToken('viewer@example.org', 'theirs', undefined, 'test');
    const refused = await as(here, 'DELETE', `/api/v1/me/tokens/${row.id}`);
    expect(refused.statusCode).toBe(404);
    expect((await t.auth.tokensOf('viewer@example.org')).find((x) => x.id === row.id)?.revoked_at).toBeNull();
  });
});
