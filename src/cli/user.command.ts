import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../catalog/duration.ts';
import { AuthError } from '../server/auth/auth-error.ts';
import { createAuthService, publicUser } from '../server/auth/auth.service.ts';
import type { AuthService } from '../server/auth/auth.service.ts';
import { ROLES } from '../server/auth/roles.ts';
import { openCommandDatabase } from './import.command.ts';
import { fail } from './output.ts';

/** The actor the audit log records for account changes made on the server's machine. */
const CLI_ACTOR = 'lifeboat (command line)';

/** Runs account work on the database directly; refusals print `lifeboat <command>: error: ...` and exit 1. */
async function withAuth(command: string, work: (auth: AuthService) => Promise<void>): Promise<void> {
  const database = await openCommandDatabase(command);
  try {
    await work(createAuthService({ database, now: () => new Date() }));
  } catch (error) {
    if (error instanceof AuthError) fail(command, error.detail, error.code === 'invalid' ? 2 : 1);
    throw error;
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is what `echo` and a terminal add; anything else is part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function parseExpiry(value: string): number {
  const minutes = parseDuration(value);
  if (minutes === undefined || minutes === 0)
    throw new InvalidArgumentError('expected a duration such as 90d, 12w or 8h.');
  return minutes;
}

/** `lifeboat user add|list|set-role|disable` and `lifeboat token create|list|revoke`. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('manage user accounts (on the database directly)');
  const roles = ROLES.join(', ');

  user
    .command('add')
    .description('create a user')
    .argument('<email>', 'their email address (their sign-in name)')
    .requiredOption('--role <role>', `one of ${roles}`)
    .option('--name <name>', 'their display name')
    .option(
      '--password-stdin',
      'read the password from standard input (at least 12 characters, not a common one)',
    )
    .action(async (email: string, flags: { role: string; name?: string; passwordStdin?: boolean }) => {
      const password = flags.passwordStdin ? await readStdin() : undefined;
      await withAuth('user add', async (auth) => {
        const row = await auth.addUser(
          {
            email,
            role: flags.role,
            ...(flags.name !== undefined && { name: flags.name }),
            ...(password !== undefined && { password }),
          },
          CLI_ACTOR,
        );
        process.stderr.write(
          `created ${row.email} (${row.role})${password === undefined ? ' without a password: they can sign in through single sign-on' : ''}\n`,
        );
      });
    });

  user
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withAuth('user list', async (auth) => {
        const users = (await auth.listUsers()).map(publicUser);
        if (flags.json) process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        else
          for (const u of users)
            process.stdout.write(`${u.email}\t${u.role}${u.disabled ? '\tdisabled' : ''}\t${u.name ?? ''}\n`);
      });
    });

  user
    .command('set-role')
    .description("change a user's role")
    .argument('<email>')
    .argument('<role>', `one of ${roles}`)
    .action(async (email: string, role: string) => {
      await withAuth('user set-role', async (auth) => {
        const row = await auth.setRole(email, role, CLI_ACTOR);
        process.stderr.write(`${row.email} is now ${row.role}\n`);
      });
    });

  user
    .command('disable')
    .description('disable a user: their sessions end and their tokens stop working')
    .argument('<email>')
    .action(async (email: string) => {
      await withAuth('user disable', async (auth) => {
        const row = await auth.disable(email, CLI_ACTOR);
        process.stderr.write(`${row.email} is disabled\n`);
      });
    });

  const token = program.command('token').description('manage API tokens (Authorization: Bearer <token>)');
  token
    .command('create')
    .description('create a token for a user; the token alone is printed on standard output, once')
    .argument('<email>', 'the user the token acts as')
    .requiredOption('--name <label>', 'what the token is for, e.g. "ci export"')
    .option('--expires <duration>', 'lifetime, e.g. 90d (default: no expiry)', parseExpiry)
    .action(async (email: string, flags: { name: string; expires?: number }) => {
      await withAuth('token create', async (auth) => {
        const { token: value, row } = await auth.createToken(email, flags.name, flags.expires, CLI_ACTOR);
        process.stdout.write(`${value}\n`);
        process.stderr.write(
          `token ${row.id} "${row.name}" for ${email}${row.expires_at ? `, expires ${row.expires_at}` : ''}\n`,
        );
      });
    });

  token
    .command('list')
    .description("list a user's tokens (never their values)")
    .argument('<email>')
    .action(async (email: string) => {
      await withAuth('token list', async (auth) => {
        for (const row of await auth.tokensOf(email)) {
          const state = row.revoked_at
            ? `revoked ${row.revoked_at}`
            : row.expires_at
              ? `expires ${row.expires_at}`
              : 'no expiry';
          process.stdout.write(`${row.id}\t${row.name}\t${state}\n`);
        }
      });
    });

  token
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>', 'the id shown by `token create` or `token list`')
    .action(async (id: string) => {
      await withAuth('token revoke', async (auth) => {
        const row = await auth.revokeToken(id, CLI_ACTOR);
        process.stderr.write(`token ${row.id} "${row.name}" is revoked\n`);
      });
    });
}
