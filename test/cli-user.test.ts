import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createAuthService } from '../src/server/auth/auth.service.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { runCli } from './support/cli.ts';
import { startServer } from './support/server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-user-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('adds a user from a password on standard input, lists, changes the role and disables them', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'users.db') };
  const added = await runCli(['user', 'add', 'ana@example.org', '--role', 'viewer', '--name', 'Ana'], env);
  expect(added.code).toBe(0);
  expect(added.stderr).toContain('created ana@example.org (viewer) without a password');
  const withPassword = await runCli(
    ['user', 'add', 'bo@example.org', '--role', 'owner', '--password-stdin'],
    env,
    'a long enough passphrase\n',
  );
  expect(withPassword.code, withPassword.stderr).toBe(0);

  const weak = await runCli(
    ['user', 'add', 'cy@example.org', '--role', 'owner', '--password-stdin'],
    env,
    'short\n',
  );
  expect(weak.code).toBe(2);
  expect(weak.stderr).toBe('lifeboat user add: error: a password needs at least 12 characters\n');

  expect((await runCli(['user', 'set-role', 'ana@example.org', 'auditor'], env)).code).toBe(0);
  expect((await runCli(['user', 'disable', 'bo@example.org'], env)).code).toBe(0);
  const list = await runCli(['user', 'list', '--json'], env);
  expect(JSON.parse(list.stdout)).toEqual([
    { email: 'ana@example.org', name: 'Ana', role: 'auditor', disabled: false },
    { email: 'bo@example.org', name: null, role: 'owner', disabled: true },
  ]);
  const unknownRole = await runCli(['user', 'set-role', 'ana@example.org', 'king'], env);
  expect(unknownRole.code).toBe(2);
  expect(unknownRole.stderr).toContain('unknown role "king"');
});

it('prints a new token alone on standard output; it works on the API until revoked', async () => {
  const file = join(dir, 'tokens.db');
  const server = await startServer({ LIFEBOAT_DB: file });
  try {
    const created = await runCli(
      ['token', 'create', 'viewer@example.org', '--name', 'dashboard', '--expires', '90d'],
      { LIFEBOAT_DB: file },
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^lbt_[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim();
    const id = /^token (\S+) "dashboard"/.exec(created.stderr)?.[1];
    expect(id).toBeDefined();

    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ user: { email: 'viewer@example.org', role: 'viewer' } });

    expect((await runCli(['token', 'revoke', id!], { LIFEBOAT_DB: file })).code).toBe(0);
    const after = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  } finally {
    await server.stop();
  }
});

it('creates admin@localhost on first start with a password printed once, and not again', async () => {
  const file = join(dir, 'first-run.db');
  const { spawn } = await import('node:child_process');
  async function serveOnce(): Promise<string> {
    const { LIFEBOAT_BIN } = await import('./support/server-process.ts');
    const child = spawn(process.execPath, [LIFEBOAT_BIN, 'serve', '--port', '0'], {
      env: { ...process.env, LIFEBOAT_DB: file, LIFEBOAT_NO_DEMO: '1', LOG_LEVEL: 'warn' },
    });
    let output = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening on')) resolve();
      });
    });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    return output;
  }
  const firstStart = await serveOnce();
  const password = /Created the first user admin@localhost with the password (\S+)/.exec(firstStart)?.[1];
  expect(password?.length).toBeGreaterThanOrEqual(20);
  const database = await openDatabase({ dialect: 'sqlite', file });
  try {
    const auth = createAuthService({ database, now: () => new Date() });
    const { user } = await auth.login('admin@localhost', password!, '127.0.0.1');
    expect(user.role).toBe('admin');
  } finally {
    await database.close();
  }
  const secondStart = await serveOnce();
  expect(secondStart).not.toContain('admin@localhost');
});
