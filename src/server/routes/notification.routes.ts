import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LifeboatDatabase } from '../db/database.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import { createNotifyRepository } from '../notify/notify.repository.ts';
import type { OutboxRow } from '../notify/notify.repository.ts';
import type { WebhookService } from '../notify/webhook.service.ts';
import { CatalogError } from '../services/errors.ts';
import {
  createdWebhookSchema,
  deliverySchema,
  outboxItemSchema,
  outboxMessageSchema,
  pingSchema,
  webhookBody,
  webhookSchema,
} from './notification.schema.ts';

const idParams = z.object({ id: z.string().max(63) });

type OutboxStatus = z.infer<typeof outboxItemSchema>['status'];

function outboxItem(row: Omit<OutboxRow, 'text' | 'html' | 'updated_at'>): z.infer<typeof outboxItemSchema> {
  return {
    id: row.id,
    category: row.category,
    to: row.to_address,
    subject: row.subject,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    error: row.error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** The outbox cursor: the last row of a page, as `<createdAt>|<id>` in base64url. */
function encodeCursor(row: { created_at: string; id: string }): string {
  return Buffer.from(`${row.created_at}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || rest.length > 0)
    throw new CatalogError('invalid', 'cursor: not a cursor this list gave (use nextCursor as it is)');
  return { createdAt, id };
}

/**
 * The admin's view of notifications: the outbox (`/api/v1/admin/outbox`) and webhook endpoints
 * (`/api/v1/admin/webhooks`) with their deliveries, a test ping and secret rotation.
 */
export function registerNotificationRoutes(
  app: FastifyInstance,
  deps: { database: LifeboatDatabase; webhooks: WebhookService },
): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const repo = createNotifyRepository(deps.database.db);
  const { webhooks } = deps;

  route.get(
    '/api/v1/admin/outbox',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary: 'Every email Lifeboat wrote, newest first, with whether it was sent',
        querystring: z.object({
          status: outboxItemSchema.shape.status.optional(),
          cursor: z.string().max(200).optional().meta({ description: 'The nextCursor of the page before.' }),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
        response: {
          200: z.object({ items: z.array(outboxItemSchema), nextCursor: z.string().nullable() }),
          400: problemSchema,
        },
      },
    },
    async (request) => {
      const { status, cursor, limit = 50 } = request.query;
      const rows = await repo.emails({
        limit: limit + 1,
        ...(status && { status }),
        ...(cursor !== undefined && { before: decodeCursor(cursor) }),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(outboxItem),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      };
    },
  );

  route.get(
    '/api/v1/admin/outbox/:id',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary: 'One email with its plain-text and HTML bodies',
        params: idParams,
        response: { 200: outboxMessageSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const row = await repo.email(request.params.id);
      if (!row) throw new CatalogError('not-found', `no email with id "${request.params.id}" in the outbox`);
      return { ...outboxItem(row), text: row.text, html: row.html, updatedAt: row.updated_at };
    },
  );

  route.get(
    '/api/v1/admin/webhooks',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary: 'Every webhook endpoint',
        response: { 200: z.object({ items: z.array(webhookSchema) }) },
      },
    },
    async () => ({ items: await webhooks.list() }),
  );

  route.post(
    '/api/v1/admin/webhooks',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary:
          'Register an endpoint for some events; the answer holds its signing secret, shown this once. A loopback, link-local or cloud-metadata address is refused unless allowPrivate',
        body: webhookBody,
        response: { 201: createdWebhookSchema, 400: problemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await webhooks.create(request.body, actorOf(request))),
  );

  route.get(
    '/api/v1/admin/webhooks/:id',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary: 'One webhook endpoint',
        params: idParams,
        response: { 200: webhookSchema, 404: problemSchema },
      },
    },
    async (request) => webhooks.get(request.params.id),
  );

  route.put(
    '/api/v1/admin/webhooks/:id',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary:
          'Change an endpoint’s URL, events, description, enabled state or allowPrivate (the secret stays)',
        params: idParams,
        body: webhookBody,
        response: { 200: webhookSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => webhooks.update(request.params.id, request.body, actorOf(request)),
  );

  route.delete(
    '/api/v1/admin/webhooks/:id',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary: 'Delete an endpoint with its delivery log',
        params: idParams,
        response: { 204: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      await webhooks.remove(request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  route.post(
    '/api/v1/admin/webhooks/:id/rotate-secret',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary:
          'Replace the signing secret (the old one stops working at once); the new one is shown this once',
        params: idParams,
        response: { 200: z.object({ secret: z.string() }), 404: problemSchema },
      },
    },
    async (request) => webhooks.rotateSecret(request.params.id, actorOf(request)),
  );

  route.post(
    '/api/v1/admin/webhooks/:id/test',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary: 'Send a signed ping event now, once, and answer what the endpoint said',
        params: idParams,
        response: { 200: pingSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const outcome = await webhooks.ping(request.params.id);
      return {
        deliveryId: outcome.id,
        delivered: outcome.status === 'delivered',
        statusCode: outcome.last?.statusCode ?? null,
        error: outcome.last?.error ?? null,
        responseExcerpt: outcome.last?.responseExcerpt ?? null,
      };
    },
  );

  route.get(
    '/api/v1/admin/webhooks/:id/deliveries',
    {
      config: { access: 'users:admin' },
      schema: {
        tags: ['notifications'],
        summary:
          'The latest deliveries to an endpoint, newest first, each attempt with its status code or error',
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
        response: { 200: z.object({ items: z.array(deliverySchema) }), 404: problemSchema },
      },
    },
    async (request) => ({
      items: (await webhooks.deliveries(request.params.id, request.query.limit ?? 50)) as z.infer<
        typeof deliverySchema
      >[],
    }),
  );
}
