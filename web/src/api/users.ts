/** User administration (admins), the signed-in user's own account, and setting a password from an emailed link. */
import type { z } from 'zod';
import type { Role } from '../../../src/catalog/roles.ts';
import type {
  linkSentSchema,
  sessionSchema,
  tokenSchema,
  userSummarySchema,
} from '../../../src/server/routes/users.schema.ts';
import { request } from './client';

/** A user in the admin list, as the route's schema says. */
export type UserSummary = z.infer<typeof userSummarySchema>;

/** What an invitation or a reset answers. */
export type LinkSent = z.infer<typeof linkSentSchema>;

/** A session of the signed-in user. */
export type SessionSummary = z.infer<typeof sessionSchema>;

/** An API token of the signed-in user (never its value). */
export type TokenSummary = z.infer<typeof tokenSchema>;

/** How often the signed-in user gets a digest of what is theirs and due. */
export type Digest = 'daily' | 'weekly' | 'off';

/** Query keys of this module's reads. */
export const userKeys = {
  users: ['admin-users'] as const,
  sessions: ['me', 'sessions'] as const,
  tokens: ['me', 'tokens'] as const,
  notifications: ['me', 'notifications'] as const,
};

/** `GET /api/v1/admin/users`. */
export async function listUsers(signal?: AbortSignal): Promise<UserSummary[]> {
  return (await request<{ items: UserSummary[] }>('GET', '/admin/users', { signal })).items;
}

/** `POST /api/v1/admin/users/invite`. */
export function inviteUser(input: { email: string; name?: string; role: Role }): Promise<LinkSent> {
  return request<LinkSent>('POST', '/admin/users/invite', { body: input });
}

/** `PATCH /api/v1/admin/users/:id`. */
export function updateUser(
  id: string,
  changes: { role?: Role; disabled?: boolean; name?: string },
): Promise<UserSummary> {
  return request<UserSummary>('PATCH', `/admin/users/${encodeURIComponent(id)}`, { body: changes });
}

/** `POST /api/v1/admin/users/:id/reset-password`. */
export function resetPassword(id: string): Promise<LinkSent> {
  return request<LinkSent>('POST', `/admin/users/${encodeURIComponent(id)}/reset-password`);
}

/** `POST /api/v1/auth/set-password`: no sign-in needed, the token is the proof. */
export function setPasswordWithLink(token: string, password: string): Promise<{ email: string }> {
  return request<{ email: string }>('POST', '/auth/set-password', {
    body: { token, password },
    allowUnauthorized: true,
  });
}

/** `POST /api/v1/me/password`. */
export function changePassword(current: string, next: string): Promise<void> {
  return request<void>('POST', '/me/password', { body: { current, new: next } });
}

/** `GET /api/v1/me/sessions`. */
export async function listSessions(signal?: AbortSignal): Promise<SessionSummary[]> {
  return (await request<{ items: SessionSummary[] }>('GET', '/me/sessions', { signal })).items;
}

/** `DELETE /api/v1/me/sessions/:id`. */
export function endSession(id: string): Promise<void> {
  return request<void>('DELETE', `/me/sessions/${encodeURIComponent(id)}`);
}

/** `GET /api/v1/me/tokens`. */
export async function listTokens(signal?: AbortSignal): Promise<TokenSummary[]> {
  return (await request<{ items: TokenSummary[] }>('GET', '/me/tokens', { signal })).items;
}

/** `POST /api/v1/me/tokens`: the value is in this answer only. */
export function createToken(
  name: string,
  expiresInDays?: number,
): Promise<{ token: string; item: TokenSummary }> {
  return request('POST', '/me/tokens', {
    body: { name, ...(expiresInDays !== undefined && { expiresInDays }) },
  });
}

/** `DELETE /api/v1/me/tokens/:id`. */
export function revokeToken(id: string): Promise<void> {
  return request<void>('DELETE', `/me/tokens/${encodeURIComponent(id)}`);
}

/** `GET /api/v1/me/notifications`. */
export function getNotificationPreferences(signal?: AbortSignal): Promise<{ digest: Digest }> {
  return request<{ digest: Digest }>('GET', '/me/notifications', { signal });
}

/** `PUT /api/v1/me/notifications`. */
export function setNotificationPreferences(digest: Digest): Promise<{ digest: Digest }> {
  return request<{ digest: Digest }>('PUT', '/me/notifications', { body: { digest } });
}
