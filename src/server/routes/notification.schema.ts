import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../notify/types.ts';

/** An email in the outbox list (no bodies). */
export const outboxItemSchema = z
  .object({
    id: z.string(),
    category: z.string().meta({ description: 'digest, invitation, password-reset, call-tree...' }),
    to: z.string(),
    subject: z.string(),
    status: z.enum(['queued', 'sent', 'not-sent', 'retrying', 'failed']).meta({
      description:
        'sent; not-sent: no SMTP server is configured, the message stays here; retrying: a send failed and is retried with backoff; failed: every attempt failed',
    }),
    attempts: z.int(),
    error: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'OutboxItem' });

/** One email with its plain-text and HTML bodies. */
export const outboxMessageSchema = outboxItemSchema
  .extend({ text: z.string(), html: z.string(), updatedAt: z.string() })
  .meta({ id: 'OutboxMessage' });

/** What an admin sets on a webhook endpoint. */
export const webhookBody = z
  .object({
    url: z.string().trim().min(1).max(2000).meta({ description: 'https://chat.example.com/hooks/...' }),
    description: z.string().trim().max(200).optional(),
    events: z
      .array(z.enum(WEBHOOK_EVENTS))
      .min(1, 'choose at least one event')
      .meta({ description: `Any of: ${WEBHOOK_EVENTS.join(', ')}` }),
    enabled: z.boolean().default(true),
    allowPrivate: z.boolean().default(false).meta({
      description:
        'Allow a loopback, link-local or cloud-metadata address (refused otherwise, against server-side request forgery)',
    }),
  })
  .meta({ id: 'WebhookSettings' });

/** A webhook endpoint (never its secret). */
export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    allowPrivate: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Webhook' });

/** The endpoint just created, with its signing secret: shown this once. */
export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z.string().meta({ description: 'The signing secret, shown once: keep it in the receiver.' }),
  })
  .meta({ id: 'CreatedWebhook' });

const attemptSchema = z.object({
  number: z.int(),
  at: z.string(),
  statusCode: z.int().nullable(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
  durationMs: z.int(),
});

/** A delivery of one event to one endpoint, with every attempt. */
export const deliverySchema = z
  .object({
    id: z.string().meta({ description: 'Also the Lifeboat-Delivery header and the body’s id' }),
    event: z.string(),
    status: z.enum(['pending', 'retrying', 'delivered', 'failed']),
    attempts: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    payload: z.unknown(),
    attemptLog: z.array(attemptSchema),
  })
  .meta({ id: 'WebhookDelivery' });

/** What a test ping got. */
export const pingSchema = z
  .object({
    deliveryId: z.string(),
    delivered: z.boolean(),
    statusCode: z.int().nullable(),
    error: z.string().nullable(),
    responseExcerpt: z.string().nullable(),
  })
  .meta({ id: 'WebhookPing' });
