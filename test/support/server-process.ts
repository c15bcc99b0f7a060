import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createAuthService } from '../../src/server/auth/auth.service.ts';
import type { Role } from '../../src/server/auth/roles.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { seedUsers } from './test-users.ts';

/** The repository's `lifeboat` command. */
export const LIFEBOAT_BIN = fileURLToPath(new URL('../../bin/lifeboat.js', import.meta.url));

/** A `lifeboat serve` child process and its address. */
export interface ServerProcess {
  url: string;
  /** Bearer tokens of the users made before start (one per role), when the database was new. */
  tokens: Record<Role, string>;
  /** `Authorization` header of the admin user, for fetch. */
  adminHeaders: Record<string, string>;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Stops it with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Makes one user per role (password TEST_PASSWORD, and a token each) in a new SQLite database, through the same
 * service the `lifeboat user` and `token` commands use; an existing database keeps its users.
 */
async function prepareUsers(file: string | undefined): Promise<Record<Role, string>> {
  if (file === undefined) return {} as Record<Role, string>;
  const database = await openDatabase({ dialect: 'sqlite', file });
  try {
    const auth = createAuthService({ database, now: () => new Date() });
    if ((await auth.listUsers()).length > 0) return (prepared.get(file) ?? {}) as Record<Role, string>;
    const tokens = await seedUsers(auth, { passwords: true });
    prepared.set(file, tokens);
    return tokens;
  } finally {
    await database.close();
  }
}
const prepared = new Map<string, Record<Role, string>>();

/** Starts the real server on a free port and waits until it says where it listens. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const tokens = await prepareUsers(env.LIFEBOAT_DB);
  const child = spawn(process.execPath, [LIFEBOAT_BIN, 'serve', '--port', '0'], {
    env: { ...process.env, LOG_LEVEL: 'warn', LIFEBOAT_NO_DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          tokens,
          adminHeaders: tokens.admin ? { authorization: `Bearer ${tokens.admin}` } : {},
          child,
          output: () => output,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${output}`));
    });
  });
}
