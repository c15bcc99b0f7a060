import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';

/** People the provider knows: their login name, and the role claim it sends for them. */
const ACCOUNTS: Record<string, { email: string; name: string; role?: string[] }> = {
  grace: { email: 'grace@example.org', name: 'Grace Hopper', role: ['staff', 'lifeboat-manager'] },
  alan: { email: 'alan@example.org', name: 'Alan Turing' },
};
const REDIRECT_URI = 'http://lifeboat.test/api/v1/auth/oidc/callback';

let provider: Server;
let issuer: string;
let t: TestApp;

beforeAll(async () => {
  // Listen first: the provider's issuer URL must carry the port it was given.
  const target: { handle?: ReturnType<Provider['callback']> } = {};
  provider = createServer((request, response) => void target.handle?.(request, response));
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'lifeboat',
        client_secret: 'lifeboat-test-secret',
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // Put the requested claims in the ID token itself, which is what Lifeboat reads.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: true,
          name: account.name,
          groups: account.role,
        }),
      };
    },
    cookies: { keys: ['lifeboat-test-cookie-key'] },
    pkce: { required: () => true },
  });
  target.handle = oidc.callback();
  t = await createTestApp('sqlite', {
    auth: {
      oidc: {
        issuer,
        clientId: 'lifeboat',
        clientSecret: 'lifeboat-test-secret',
        redirectUri: REDIRECT_URI,
        defaultRole: 'viewer',
        roleClaim: 'groups',
      },
    },
  });
});

afterAll(async () => {
  await t.close();
  await new Promise((resolve) => provider.close(resolve));
});

/** A browser's cookie jar for the provider's own cookies. */
class Jar {
  private cookies = new Map<string, string>();
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Plays the browser through the provider's sign-in and consent pages, as a user typing `login` would, and returns
 * the URL the provider finally sends the browser to (Lifeboat's callback, with the code).
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Jar();
  let url = authorizationUrl;
  let form: { action: string; fields: Record<string, string> } | undefined;
  for (let step = 0; step < 20; step++) {
    const response = form
      ? await fetch(new URL(form.action, url), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form.fields).toString(),
        })
      : await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    form = undefined;
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next.href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action)
      throw new Error(
        `the provider answered ${response.status} without a form or redirect:\n${html.slice(0, 500)}`,
      );
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1] ?? 'consent';
    form = { action, fields: prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt } };
  }
  throw new Error('the provider did not send the browser back');
}

/** The whole single sign-on round trip; returns Lifeboat's session cookie. */
async function singleSignOn(login: string): Promise<string> {
  const start = await t.server.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
  expect(start.statusCode).toBe(302);
  const authorizationUrl = new URL(start.headers.location as string);
  expect(authorizationUrl.origin).toBe(issuer);
  expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
  const pending = start.cookies.find((cookie) => cookie.name === 'lifeboat_oidc');
  expect(pending).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  const callback = await signInAtProvider(authorizationUrl.href, login);
  const done = await t.server.inject({
    method: 'GET',
    url: `/api/v1/auth/oidc/callback${callback.search}`,
    cookies: { lifeboat_oidc: pending!.value },
  });
  expect(done.statusCode, done.body).toBe(302);
  expect(done.headers.location).toBe('/');
  const session = done.cookies.find((cookie) => cookie.name === 'lifeboat_session');
  expect(session?.httpOnly).toBe(true);
  return session!.value;
}

it('says single sign-on is offered', async () => {
  expect(body(await t.server.inject({ method: 'GET', url: '/api/v1/auth/config' }))).toEqual({ oidc: true });
});

it('signs a new user in through the provider, with PKCE, and takes the role from the mapped claim', async () => {
  const session = await singleSignOn('grace');
  const me = await t.server.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    cookies: { lifeboat_session: session },
  });
  expect(body(me)).toEqual({ user: { email: 'grace@example.org', name: 'Grace Hopper', role: 'manager' } });
});

it('gives the default role when no claim maps, and matches the same account by email on the next sign-in', async () => {
  const first = await singleSignOn('alan');
  const second = await singleSignOn('alan');
  expect(first).not.toBe(second);
  const me = await t.server.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    cookies: { lifeboat_session: second },
  });
  expect(body(me)).toEqual({ user: { email: 'alan@example.org', name: 'Alan Turing', role: 'viewer' } });
  const users = (await t.auth.listUsers()).filter((user) => user.email === 'alan@example.org');
  expect(users).toHaveLength(1);
});

it('refuses a callback whose state does not match the one this browser started with', async () => {
  const start = await t.server.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
  const callback = await signInAtProvider(start.headers.location as string, 'grace');
  const other = await t.server.inject({ method: 'GET', url: '/api/v1/auth/oidc/login' });
  const forged = await t.server.inject({
    method: 'GET',
    url: `/api/v1/auth/oidc/callback${callback.search}`,
    cookies: { lifeboat_oidc: other.cookies.find((cookie) => cookie.name === 'lifeboat_oidc')!.value },
  });
  expect(forged.statusCode).toBe(401);
  expect(body(forged).detail).toMatch(/^Single sign-on failed/);
  expect(forged.cookies.find((cookie) => cookie.name === 'lifeboat_session')).toBeUndefined();
});
