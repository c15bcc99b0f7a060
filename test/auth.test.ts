import { afterEach, beforeEach, expect, it } from 'vitest';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';
import { TEST_PASSWORD } from './support/test-users.ts';

const ORIGIN = 'http://lifeboat.test';
const HOST = 'lifeboat.test';

describeEachDatabase('sign-in, sessions and tokens', (dialect) => {
  let t: TestApp;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-03-01T09:00:00Z');
    t = await createTestApp(dialect, { now: () => clock });
    await t.auth.addUser(
      { email: 'ana@example.org', role: 'manager', name: 'Ana', password: TEST_PASSWORD },
      'test',
    );
  });
  afterEach(async () => {
    await t.close();
  });

  function minutesLater(minutes: number): void {
    clock = new Date(clock.getTime() + minutes * 60_000);
  }

  async function login(email = 'ana@example.org', password = TEST_PASSWORD) {
    return t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: HOST, origin: ORIGIN },
      payload: { email, password },
    });
  }

  function sessionCookie(response: Awaited<ReturnType<typeof login>>): string {
    const cookie = response.cookies.find((c) => c.name === 'lifeboat_session');
    if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(response.headers['set-cookie'])}`);
    return cookie.value;
  }

  function me(session: string) {
    return t.server.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { host: HOST, cookie: `lifeboat_session=${session}` },
    });
  }

  it('signs in with a password and sets an HttpOnly, SameSite=Lax session cookie that identifies the user', async () => {
    const response = await login();
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual({ user: { email: 'ana@example.org', name: 'Ana', role: 'manager' } });
    const cookie = response.cookies.find((c) => c.name === 'lifeboat_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(body(await me(sessionCookie(response)))).toEqual({
      user: { email: 'ana@example.org', name: 'Ana', role: 'manager' },
    });
  });

  it('gives a new session id at every sign-in', async () => {
    expect(sessionCookie(await login())).not.toBe(sessionCookie(await login()));
  });

  it('answers a wrong password and an unknown account alike, with 401 problem+json, and audits both', async () => {
    const wrong = await login('ana@example.org', 'not the password at all');
    const unknown = await login('nobody@example.org', 'not the password at all');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(body(response).detail).toBe('The email or password is wrong, or the account is disabled');
    }
    const audit = body<{ items: { action: string; id: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?kind=User&limit=500' }),
    );
    const failures = audit.items.filter((entry) => entry.action === 'login-failed').map((entry) => entry.id);
    expect(failures).toEqual(['ana@example.org', 'nobody@example.org']);
  });

  it('ends the session at logout', async () => {
    const session = sessionCookie(await login());
    const out = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { host: HOST, origin: ORIGIN, cookie: `lifeboat_session=${session}` },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'lifeboat_session')?.value).toBe('');
    expect((await me(session)).statusCode).toBe(401);
  });

  it('expires a session idle for longer than the idle limit, and any session past its absolute limit', async () => {
    const idle = sessionCookie(await login());
    minutesLater(119);
    expect((await me(idle)).statusCode).toBe(200);
    minutesLater(121);
    expect((await me(idle)).statusCode).toBe(401);

    const busy = sessionCookie(await login());
    // Used every hour: never idle, but the 12-hour absolute limit still ends it.
    for (let hour = 1; hour < 12; hour++) {
      minutesLater(60);
      expect((await me(busy)).statusCode).toBe(200);
    }
    minutesLater(61);
    expect((await me(busy)).statusCode).toBe(401);
  });

  it('rate-limits an account after 5 failures with 429 and Retry-After, even for the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('ana@example.org', `wrong password ${i}`)).statusCode).toBe(401);
    const limited = await login();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('900');
    expect(body(limited).detail).toContain('Too many failed sign-ins');
    minutesLater(16);
    expect((await login()).statusCode).toBe(200);
  });

  it('rate-limits an address after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++)
      expect((await login(`user${i}@example.org`, 'wrong password here')).statusCode).toBe(401);
    expect((await login()).statusCode).toBe(429);
  });

  it('refuses a cookie-authenticated change without a matching Origin, and accepts one from a Lifeboat page', async () => {
    const session = sessionCookie(await login());
    const site = { apiVersion: 'lifeboat/v1', kind: 'Site', metadata: { id: 'dc-x' }, spec: {} };
    const cookie = `lifeboat_session=${session}`;
    const crossSite = await t.server.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: { host: HOST, cookie, origin: 'https://evil.example' },
      payload: site,
    });
    expect(crossSite.statusCode).toBe(403);
    expect(body(crossSite).type).toBe('urn:lifeboat:problem:cross-site');
    const noOrigin = await t.server.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: { host: HOST, cookie },
      payload: site,
    });
    expect(noOrigin.statusCode).toBe(403);
    const sameSite = await t.server.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: { host: HOST, cookie, origin: ORIGIN },
      payload: site,
    });
    expect(sameSite.statusCode).toBe(201);
    const audit = body<{ items: { actor: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?id=dc-x' }),
    );
    expect(audit.items.map((entry) => entry.actor)).toEqual(['ana@example.org']);
  });

  it('stops accepting a bearer token once revoked, and once expired', async () => {
    const { token, row } = await t.auth.createToken('ana@example.org', 'ci', 60, 'test');
    const asToken = () =>
      t.server.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await asToken()).statusCode).toBe(200);
    await t.auth.revokeToken(row.id, 'test');
    const revoked = await asToken();
    expect(revoked.statusCode).toBe(401);
    expect(body(revoked).detail).toBe('The bearer token is unknown, revoked or expired');

    const second = await t.auth.createToken('ana@example.org', 'short', 60, 'test');
    const call = () =>
      t.server.inject({
        method: 'GET',
        url: '/api/v1/services',
        headers: { authorization: `Bearer ${second.token}` },
      });
    expect((await call()).statusCode).toBe(200);
    minutesLater(61);
    expect((await call()).statusCode).toBe(401);
  });

  it('locks out a disabled user at once: sessions and tokens', async () => {
    const session = sessionCookie(await login());
    const { token } = await t.auth.createToken('ana@example.org', 'ci', undefined, 'test');
    await t.auth.disable('ana@example.org', 'test');
    expect((await me(session)).statusCode).toBe(401);
    const withToken = await t.server.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withToken.statusCode).toBe(401);
    expect((await login()).statusCode).toBe(401);
  });

  it('refuses short and common passwords when creating an account', async () => {
    await expect(
      t.auth.addUser({ email: 'bo@example.org', role: 'viewer', password: 'short' }, 'test'),
    ).rejects.toThrow('at least 12 characters');
    await expect(
      t.auth.addUser({ email: 'bo@example.org', role: 'viewer', password: 'passwordpassword' }, 'test'),
    ).rejects.toThrow('common passwords');
    await expect(
      t.auth.addUser({ email: 'bo@example.org', role: 'chief', password: TEST_PASSWORD }, 'test'),
    ).rejects.toThrow('unknown role "chief"');
  });
});
