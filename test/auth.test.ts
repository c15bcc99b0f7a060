import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppOptions } from '../src/server/app.ts';
import { ConfigError, parseTrustProxy } from '../src/server/config.ts';
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
    expect(failures).toEqual(['ana@example.org', expect.stringMatching(/^nob… sha256:[0-9a-f]{12}$/)]);
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

  it('lets at most the limit of 100 parallel wrong passwords for one account reach the password check (the rest get 429)', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login('ana@example.org', `wrong password number ${i}`)),
    );
    const statuses = responses.map((response) => response.statusCode);
    const unauthorized = statuses.filter((status) => status === 401).length;
    expect(unauthorized).toBeGreaterThan(0);
    expect(unauthorized).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(100 - unauthorized);
  });

  it('answers a malformed Origin on sign-in with 403 problem+json, not a server error', async () => {
    for (const origin of ['not a url', 'http://', '://lifeboat.test']) {
      const response = await t.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { host: HOST, origin },
        payload: { email: 'ana@example.org', password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(body(response).detail).toContain('Origin');
    }
  });

  it('keeps a password typed into the email field out of the audit log: unknown names are recorded shortened and hashed', async () => {
    const secret = 'Correct Horse Battery Staple 99';
    expect((await login(secret, 'anything at all')).statusCode).toBe(401);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?kind=User&limit=500' });
    expect(audit.body).not.toContain('Horse');
    expect(audit.body).not.toContain(secret.toLowerCase());
    const failed = body<{ items: { action: string; id: string }[] }>(audit).items.filter(
      (entry) => entry.action === 'login-failed',
    );
    expect(failed.map((entry) => entry.id)).toEqual([expect.stringMatching(/^cor… sha256:[0-9a-f]{12}$/)]);
  });

  it('ignores credentials sent to public routes: a bad bearer token does not stop /healthz or sign-in', async () => {
    for (const authorization of ['Bearer lbt_not-a-real-token', 'Basic YWRtaW46YWRtaW4=', 'nonsense']) {
      const health = await t.server.inject({ method: 'GET', url: '/healthz', headers: { authorization } });
      expect(health.statusCode).toBe(200);
      const signIn = await t.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { host: HOST, origin: ORIGIN, authorization },
        payload: { email: 'ana@example.org', password: TEST_PASSWORD },
      });
      expect(signIn.statusCode).toBe(200);
      expect(signIn.cookies.find((c) => c.name === 'lifeboat_session')?.value).toBeTruthy();
    }
    const guarded = await t.server.inject({
      method: 'GET',
      url: '/api/v1/services',
      headers: { authorization: 'Bearer lbt_not-a-real-token' },
    });
    expect(guarded.statusCode).toBe(401);
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

describeEachDatabase('behind a reverse proxy', (dialect) => {
  const apps: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  async function proxied(options: Partial<AppOptions>) {
    const t = await createTestApp(dialect, options);
    apps.push(t);
    await t.auth.addUser({ email: 'ana@example.org', role: 'manager', password: TEST_PASSWORD }, 'test');
    // Every request reaches the server from the proxy at 127.0.0.1 (app.inject's socket address).
    return (client: string, email: string, password: string, proto = 'http') =>
      t.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: {
          host: HOST,
          origin: ORIGIN,
          'x-forwarded-for': client,
          'x-forwarded-proto': proto,
        },
        payload: { email, password },
      });
  }

  async function failTwentyTimes(login: Awaited<ReturnType<typeof proxied>>, client: string) {
    for (let i = 0; i < 20; i++)
      expect((await login(client, `user${i}@example.org`, 'wrong password here')).statusCode).toBe(401);
  }

  it('with LIFEBOAT_TRUST_PROXY, limits each client address on its own and marks the cookie Secure behind HTTPS', async () => {
    for (const trustProxy of ['127.0.0.1', '127.0.0.0/8, 10.0.0.0/8', 1] as const) {
      const login = await proxied({ trustProxy });
      await failTwentyTimes(login, '203.0.113.5');
      expect((await login('203.0.113.5', 'ana@example.org', TEST_PASSWORD)).statusCode).toBe(429);
      const other = await login('198.51.100.7', 'ana@example.org', TEST_PASSWORD, 'https');
      expect(other.statusCode).toBe(200);
      expect(other.cookies.find((c) => c.name === 'lifeboat_session')?.secure).toBe(true);
    }
  });

  it('without LIFEBOAT_TRUST_PROXY, ignores forwarded headers: every client is the proxy, and the cookie is not Secure', async () => {
    for (const options of [{}, { trustProxy: '10.0.0.1' }]) {
      const login = await proxied(options);
      const signIn = await login('198.51.100.7', 'ana@example.org', TEST_PASSWORD, 'https');
      expect(signIn.statusCode).toBe(200);
      expect(signIn.cookies.find((c) => c.name === 'lifeboat_session')?.secure).toBeFalsy();
      await failTwentyTimes(login, '203.0.113.5');
      expect((await login('198.51.100.7', 'ana@example.org', TEST_PASSWORD)).statusCode).toBe(429);
    }
  });
});

describe('LIFEBOAT_TRUST_PROXY', () => {
  it('reads a hop count or a list of addresses and ranges, and refuses anything else naming the variable', () => {
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(parseTrustProxy('0')).toBeUndefined();
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy(' 10.0.0.5, 192.168.0.0/16 ,::1, loopback')).toBe(
      '10.0.0.5,192.168.0.0/16,::1,loopback',
    );
    expect(() => parseTrustProxy('10.0.0.5, proxy.example')).toThrow(
      'LIFEBOAT_TRUST_PROXY must be a hop count (1) or a comma list of proxy addresses and CIDR ranges (10.0.0.5, 192.168.0.0/16), got "proxy.example"',
    );
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(ConfigError);
  });
});
