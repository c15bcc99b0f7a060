/** Sessions: who is signed in, with which role; login and logout. */
import { isApiError, request } from './client';

/** The roles the server knows (issue 5). */
export type Role = 'admin' | 'manager' | 'owner' | 'viewer' | 'auditor';

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
 * Whether a role may write documents of a kind (the server decides; this only hides controls). An owner may
 * write the services, components and plans they own (OWNER_WRITABLE_KINDS): the server checks whose they are.
 */
export function canWrite(user: User | null | undefined, kind?: string): boolean {
  if (user?.role === 'admin' || user?.role === 'manager') return true;
  return (
    user?.role === 'owner' &&
    (kind === undefined || kind === 'Service' || kind === 'Component' || kind === 'Plan')
  );
}

/** Whether a role may read the audit log (viewers may not). */
export function canReadAudit(user: User | null | undefined): boolean {
  return user !== null && user !== undefined && user.role !== 'viewer';
}
