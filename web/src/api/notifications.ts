/** The outbox of emails and the webhook endpoints (admins). */
import type { z } from 'zod';
import type {
  deliverySchema,
  outboxItemSchema,
  outboxMessageSchema,
  pingSchema,
  webhookBody,
  webhookSchema,
} from '../../../src/server/routes/notification.schema.ts';
import { request } from './client';

/** An email in the outbox list. */
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** One email with its bodies. */
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** A webhook endpoint (never its secret). */
export type Webhook = z.infer<typeof webhookSchema>;

/** What an admin sets on an endpoint. */
export type WebhookInput = z.input<typeof webhookBody>;

/** A delivery of one event with every attempt. */
export type WebhookDelivery = z.infer<typeof deliverySchema>;

/** What a test ping got. */
export type PingOutcome = z.infer<typeof pingSchema>;

/** Query keys of this module's reads. */
export const notificationKeys = {
  outbox: ['admin', 'outbox'] as const,
  message: (id: string) => ['admin', 'outbox', id] as const,
  webhooks: ['admin', 'webhooks'] as const,
  deliveries: (id: string) => ['admin', 'webhooks', id, 'deliveries'] as const,
};

/** `GET /api/v1/admin/outbox`: one page, newest first. */
export function listOutbox(cursor: string | undefined, signal?: AbortSignal) {
  return request<{ items: OutboxItem[]; nextCursor: string | null }>('GET', '/admin/outbox', {
    query: { cursor, limit: 50 },
    signal,
  });
}

/** `GET /api/v1/admin/outbox/{id}`. */
export function getOutboxMessage(id: string, signal?: AbortSignal) {
  return request<OutboxMessage>('GET', `/admin/outbox/${encodeURIComponent(id)}`, { signal });
}

/** `GET /api/v1/admin/webhooks`. */
export async function listWebhooks(signal?: AbortSignal): Promise<Webhook[]> {
  return (await request<{ items: Webhook[] }>('GET', '/admin/webhooks', { signal })).items;
}

/** `POST /api/v1/admin/webhooks`: the answer holds the secret, shown once. */
export function createWebhook(input: WebhookInput) {
  return request<Webhook & { secret: string }>('POST', '/admin/webhooks', { body: input });
}

/** `PUT /api/v1/admin/webhooks/{id}`. */
export function updateWebhook(id: string, input: WebhookInput) {
  return request<Webhook>('PUT', `/admin/webhooks/${encodeURIComponent(id)}`, { body: input });
}

/** `DELETE /api/v1/admin/webhooks/{id}`. */
export function deleteWebhook(id: string) {
  return request<undefined>('DELETE', `/admin/webhooks/${encodeURIComponent(id)}`);
}

/** `POST /api/v1/admin/webhooks/{id}/rotate-secret`. */
export function rotateWebhookSecret(id: string) {
  return request<{ secret: string }>('POST', `/admin/webhooks/${encodeURIComponent(id)}/rotate-secret`);
}

/** `POST /api/v1/admin/webhooks/{id}/test`. */
export function pingWebhook(id: string) {
  return request<PingOutcome>('POST', `/admin/webhooks/${encodeURIComponent(id)}/test`);
}

/** `GET /api/v1/admin/webhooks/{id}/deliveries`. */
export async function listDeliveries(id: string, signal?: AbortSignal): Promise<WebhookDelivery[]> {
  return (
    await request<{ items: WebhookDelivery[] }>(
      'GET',
      `/admin/webhooks/${encodeURIComponent(id)}/deliveries`,
      {
        signal,
      },
    )
  ).items;
}
