import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import type { UserAdminService } from '../services/user-admin.service.ts';
import {
  inviteBody,
  linkSentSchema,
  setPasswordBody,
  userChangesBody,
  userSummarySchema,
} from './users.schema.ts';

const idParams = z.object({ id: z.string().max(63) });

/**
 * User administration for admins (`/api/v1/admin/users`: list, invite, change, reset a password) and the public
 * `POST /api/v1/auth/set-password` that an emailed one-time link leads to.
 */
export function registerUserRoutes(app: FastifyInstance, users: UserAdminService): void {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    '/api/v1/admin/users',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['users'],
        summary: 'Every user, with their role, state, last sign-in and linked Person',
        response: { 200: z.object({ items: z.array(userSummarySchema) }) },
      },
    },
    async () => ({ items: await users.list() }),
  );

  route.post(
    '/api/v1/admin/users/invite',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['users'],
        summary: 'Create a user without a password and email them a one-time link (7 days) to set one',
        body: inviteBody,
        response: { 201: linkSentSchema, 400: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { user, sent } = await users.invite(request.body, actorOf(request));
      return reply.code(201).send({ user, emailSent: sent });
    },
  );

  route.patch(
    '/api/v1/admin/users/:id',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['users'],
        summary: 'Change a user’s role, name or disabled state (disabling ends their sessions and tokens)',
        params: idParams,
        body: userChangesBody,
        response: { 200: userSummarySchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request) =>
      users.update(request.params.id, request.body, {
        userId: request.principal!.userId,
        label: actorOf(request),
      }),
  );

  route.post(
    '/api/v1/admin/users/:id/reset-password',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['users'],
        summary: 'End a user’s password and sessions and email them a one-time link to set a new one',
        params: idParams,
        response: { 200: linkSentSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request) => {
      const { user, sent } = await users.resetPassword(request.params.id, actorOf(request));
      return { user, emailSent: sent };
    },
  );

  route.post(
    '/api/v1/auth/set-password',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Set a password with the token of an emailed one-time link (invitation or reset), then sign in',
        body: setPasswordBody,
        response: { 200: z.object({ email: z.string() }), 400: problemSchema, 429: problemSchema },
      },
    },
    async (request) => users.setPassword(request.body.token, request.body.password, request.ip),
  );
}
