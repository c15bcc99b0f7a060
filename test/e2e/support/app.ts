import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { ensureWebBuild, WEB_DIST } from '../../../src/cli/web-build.ts';
import { registerWebApp } from '../../../src/server/http/web-static.ts';
import { startServer } from '../../support/server-process.ts';
import type { ServerProcess } from '../../support/server-process.ts';

/** The roles the server knows (issue 5). */
export type Role = 'admin' | 'manager' | 'owner' | 'viewer' | 'auditor';

/**
 * The user of each role that startServer makes on a new database once authentication is in: `<role>@example.org`
 * with the shared test password (test/support/test-users.ts).
 */
export function userOf(role: Role): { email: string; password: string } {
  return { email: `${role}@example.org`, password: 'lifeboat test password 42' };
}

/** A running Lifeboat with the example organisation, and the address the browser opens. */
export interface RunningApp {
  url: string;
  apiUrl: string;
  /** Headers that let a test's fetch act as the admin (empty while the server has no authentication). */
  adminHeaders: Record<string, string>;
  server: ServerProcess;
  stop(): Promise<void>;
}

/**
 * Serves web/dist in the test process and forwards /api to the server, for as long as the server does not
 * serve the web application itself (registerWebApp not yet wired into buildApp). Cookies pass both ways.
 */
async function startFrontProxy(apiUrl: string) {
  const front = Fastify();
  front.removeAllContentTypeParsers();
  front.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  front.all('/api/*', async (request, reply) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers.set(name, value);
    }
    // The server checks that cookie-authenticated writes come from its own origin.
    if (headers.has('origin')) headers.set('origin', new URL(apiUrl).origin);
    const answer = await fetch(apiUrl + request.url, {
      method: request.method,
      headers,
      body: ['GET', 'HEAD'].includes(request.method) ? undefined : (request.body as Buffer),
      redirect: 'manual',
    });
    reply.code(answer.status);
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'set-cookie'].includes(name))
        reply.header(name, value);
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    return reply.send(Buffer.from(await answer.arrayBuffer()));
  });
  await registerWebApp(front, { root: WEB_DIST });
  const url = await front.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => front.close() };
}

/** Builds the web app if stale, starts `lifeboat serve` on a fresh database with the example catalog. */
export async function startApp(env: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
  await ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-e2e-'));
  const server = await startServer({
    LIFEBOAT_NO_DEMO: '0',
    LIFEBOAT_DB: join(dir, 'lifeboat.db'),
    ...env,
  });
  const home = await fetch(server.url + '/');
  const servesWeb = (home.headers.get('content-type') ?? '').startsWith('text/html');
  const front = servesWeb ? undefined : await startFrontProxy(server.url);
  return {
    url: front?.url ?? server.url,
    apiUrl: server.url,
    adminHeaders: (server as { adminHeaders?: Record<string, string> }).adminHeaders ?? {},
    server,
    async stop() {
      await front?.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
