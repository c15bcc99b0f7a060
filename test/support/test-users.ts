import type { AuthService } from '../../src/server/auth/auth.service.ts';
import { ROLES } from '../../src/server/auth/roles.ts';
import type { Role } from '../../src/server/auth/roles.ts';

/** The password of every test user made with passwords. */
export const TEST_PASSWORD = 'lifeboat test password 42';

/** Audit entries `seedUsers` writes: a user and a token per role. */
export const SEEDED_AUDIT_ENTRIES = ROLES.length * 2;

/** `admin@example.org`, `viewer@example.org`, ... */
export function emailOf(role: Role): string {
  return `${role}@example.org`;
}

/** One user per role, each with a bearer token; with passwords only when asked (hashing takes time). */
export async function seedUsers(
  auth: AuthService,
  options: { passwords?: boolean } = {},
): Promise<Record<Role, string>> {
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    await auth.addUser(
      {
        email: emailOf(role),
        role,
        name: `Test ${role}`,
        ...(options.passwords && { password: TEST_PASSWORD }),
      },
      'test setup',
    );
    tokens[role] = (await auth.createToken(emailOf(role), 'test', undefined, 'test setup')).token;
  }
  return tokens;
}
