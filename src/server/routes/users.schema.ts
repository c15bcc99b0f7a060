import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';

/** A user in the admin list. */
export const userSummarySchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    disabled: z.boolean(),
    hasPassword: z.boolean().meta({
      description: 'Whether they can sign in with a password (false: invited, reset, or SSO only).',
    }),
    linkPending: z
      .boolean()
      .meta({ description: 'Whether an emailed one-time link is still waiting to be used.' }),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
    personId: z
      .string()
      .nullable()
      .meta({ description: 'The Person whose spec.email is the user’s email (case-insensitive).' }),
  })
  .meta({ id: 'UserSummary' });

/** `POST /api/v1/admin/users/invite`. */
export const inviteBody = z.strictObject({
  email: z.string().max(320),
  name: z.string().max(200).optional(),
  role: z.enum(ROLES),
});

/** `PATCH /api/v1/admin/users/:id`: any of the fields. */
export const userChangesBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    name: z.string().max(200).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one of role, disabled, name' });

/** What an invitation or a reset answers: the user, and whether the email left (false: it waits in the outbox). */
export const linkSentSchema = z.object({
  user: userSummarySchema,
  emailSent: z.boolean().meta({
    description:
      'False when no SMTP server is configured: the email waits in the outbox for an admin to pass on.',
  }),
});

/** `POST /api/v1/auth/set-password`. */
export const setPasswordBody = z.strictObject({
  token: z.string().min(1).max(200),
  password: z.string().max(1024),
});

/** A session as its user sees it. */
export const sessionSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    current: z.boolean(),
  })
  .meta({ id: 'Session' });

/** An API token as its user sees it (never its value). */
export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

/** `POST /api/v1/me/tokens`. */
export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'a token needs a name (what it is for)').max(100),
  expiresInDays: z.int().min(1).max(3650).optional(),
});

/** `POST /api/v1/me/password`. */
export const changePasswordBody = z.strictObject({
  current: z.string().max(1024),
  new: z.string().max(1024),
});
