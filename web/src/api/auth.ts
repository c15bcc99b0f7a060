/** Sessions: who is signed in, with which role; login and logout. */
import { isOwnerWritable } from '../../../src/catalog/kinds.ts';
import { can } from '../../../src/catalog/roles.ts';
import type { Role } from '../../../src/catalog/roles.ts';
import { isApiError, request } from './client';

export type { Role };

/** The signed-in user. */
export interface User {
  email: string;
  name?: string;
  role: Role;
  /** True when the server has no authentication yet and answers everyone. */
  anonymous?: boolean;
}

/** Before authentication exists on the server, everyone acts as a continuity manager. */
export const ANONYMOUS_MANAGER: User = {
  email: 'anonymous',
  name: 'Anonymous',
  role: 'manager',
  anonymous: true,
};

/** `GET /api/v1/auth/me`: the user, null when not signed in, the anonymous manager when auth is absent. */
export async function fetchMe(): Promise<User | null> {
  try {
    const answer = await request<{ user: User }>('GET', '/auth/me', { allowUnauthorized: true });
    return answer.user;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    if (isApiError(error, 404)) return ANONYMOUS_MANAGER;
    throw error;
  }
}

/** `GET /api/v1/auth/config`: whether "Sign in with SSO" is offered. */
export async function fetchAuthConfig(): Promise<{ oidc: boolean }> {
  try {
    return await request<{ oidc: boolean }>('GET', '/auth/config', { allowUnauthorized: true });
  } catch (error) {
    if (isApiError(error, 404)) return { oidc: false };
    throw error;
  }
}

/** `POST /api/v1/auth/login`; the server sets the session cookie. */
export async function login(email: string, password: string): Promise<User> {
  const answer = await request<{ user: User }>('POST', '/auth/login', {
    body: { email, password },
    allowUnauthorized: true,
  });
  return answer.user;
}

/** `POST /api/v1/auth/logout`. */
export function logout(): Promise<void> {
  return request<void>('POST', '/auth/logout', { allowUnauthorized: true });
}

/** The URL that starts single sign-on (a full page navigation, not a fetch). */
export const OIDC_LOGIN_URL = '/api/v1/auth/oidc/login';

/**
 * Whether a role may write documents of a kind (the server decides; this only hides controls): the same role
 * table and kind registry the server enforces. An owner may write the kinds the registry marks owner-writable,
 * within their scope, which the server checks.
 */
export function canWrite(user: User | null | undefined, kind?: string): boolean {
  if (!user || !can(user.role, 'catalog:write')) return false;
  return user.role !== 'owner' || kind === undefined || isOwnerWritable(kind);
}

/** Whether a role may read the audit log. */
export function canReadAudit(user: User | null | undefined): boolean {
  return user !== null && user !== undefined && can(user.role, 'audit:read');
}
