import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import type { AccountService } from '../services/account.service.ts';
import { changePasswordBody, createTokenBody, sessionSchema, tokenSchema } from './users.schema.ts';

const idParams = z.object({ id: z.string().max(63) });

/** The session cookie the request was authenticated with, if it was (not a bearer token). */
function sessionOf(request: FastifyRequest): string | undefined {
  return request.principal?.via.kind === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
}

/** `/api/v1/me/...`: every signed-in user's own password, sessions and API tokens. */
export function registerAccountRoutes(app: FastifyInstance, account: AccountService): void {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.post(
    '/api/v1/me/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary: 'Change your password (give the current one); ends your other sessions',
        body: changePasswordBody,
        response: { 204: z.null(), 400: problemSchema },
      },
    },
    async (request, reply) => {
      await account.changePassword(
        request.principal!,
        sessionOf(request),
        request.body.current,
        request.body.new,
        actorOf(request),
      );
      return reply.code(204).send(null);
    },
  );

  route.get(
    '/api/v1/me/sessions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary: 'Your open sessions (never their secret); `current` marks this one',
        response: { 200: z.object({ items: z.array(sessionSchema) }) },
      },
    },
    async (request) => ({ items: await account.sessions(request.principal!, sessionOf(request)) }),
  );

  route.delete(
    '/api/v1/me/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary: 'End one of your sessions (sign out a browser)',
        params: idParams,
        response: { 204: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      await account.revokeSession(request.principal!, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  route.get(
    '/api/v1/me/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary: 'Your API tokens, revoked ones included (never their value)',
        response: { 200: z.object({ items: z.array(tokenSchema) }) },
      },
    },
    async (request) => ({ items: await account.tokens(request.principal!) }),
  );

  route.post(
    '/api/v1/me/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary: 'Create an API token; its value is in this answer only',
        body: createTokenBody,
        response: { 201: z.object({ token: z.string(), item: tokenSchema }), 400: problemSchema },
      },
    },
    async (request, reply) => {
      const { token, summary } = await account.createToken(
        request.principal!,
        request.body.name,
        request.body.expiresInDays,
        actorOf(request),
      );
      return reply.code(201).send({ token, item: summary });
    },
  );

  route.delete(
    '/api/v1/me/tokens/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary: 'Revoke one of your API tokens',
        params: idParams,
        response: { 204: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      await account.revokeToken(request.principal!, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );
}
