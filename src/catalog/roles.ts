/** The roles a user can have, most powerful first. */
export const ROLES = ['admin', 'manager', 'owner', 'viewer', 'auditor'] as const;

/** A user's role. */
export type Role = (typeof ROLES)[number];

/** What a route needs: `public` (anyone), `authenticated` (any signed-in user), or a permission. */
export type Access = 'public' | 'authenticated' | Permission;

/** The permissions routes ask for. */
export type Permission = 'catalog:read' | 'catalog:write' | 'audit:read' | 'users:admin';

/**
 * Who may do what. `owner` holds catalog:write only for the kinds the registry marks owner-writable
 * (`isOwnerWritable`), and within those only for documents whose owner is them or a team they belong to; the
 * catalog service enforces that scope on every write.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['catalog:read', 'catalog:write', 'audit:read', 'users:admin'],
  manager: ['catalog:read', 'catalog:write', 'audit:read'],
  owner: ['catalog:read', 'catalog:write'],
  viewer: ['catalog:read'],
  auditor: ['catalog:read', 'audit:read'],
};

/** Whether a string names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
