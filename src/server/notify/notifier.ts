import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { LifeboatDatabase } from '../db/database.ts';
import type { JobQueue } from '../jobs/types.ts';
import { emailsSent, webhookDeliveries } from '../metrics.ts';
import type { EmailMessage, EventMessage, Notifier } from './types.ts';
import { createNotifyRepository } from './notify.repository.ts';
import type { EndpointRow } from './notify.repository.ts';
import { postWebhook } from './webhook-http.ts';
import type { AttemptResult } from './webhook-http.ts';
import { signWebhook } from './webhook-signature.ts';
import { checkWebhookTarget } from './webhook-target.ts';
import type { Resolver } from './webhook-target.ts';

/** The job that retries a failed email. */
export const EMAIL_DELIVERY_JOB = 'email-delivery';
/** The job that delivers a webhook event (the first attempt and every retry). */
export const WEBHOOK_DELIVERY_JOB = 'webhook-delivery';

/** The job that picks up emails and deliveries a stopped process left unsent. */
export const OUTBOX_SWEEP_JOB = 'outbox-sweep';
/**
 * How long an email may stay queued, or a delivery unattempted, before the sweep takes it for one a stopped
 * process left behind: well past the longest SMTP attempt (10 s to connect, 30 s of silence).
 */
export const STALLED_AFTER_MS = 10 * 60_000;

/** Attempts before an email or a webhook delivery is given up as failed. */
export const EMAIL_ATTEMPTS = 5;
export const WEBHOOK_ATTEMPTS = 6;

/** The wait before attempt `attempt + 1`: exponential, 1, 4, 16, 64 minutes for email; 30 s, 2, 8, 32, 128 minutes for webhooks. */
export function retryDelayMs(kind: 'email' | 'webhook', attempt: number): number {
  const base = kind === 'email' ? 60_000 : 30_000;
  return base * 4 ** (attempt - 1);
}

/** The outbox's reason for a message kept because no SMTP server is configured. */
export const NO_SMTP = 'no SMTP server configured (LIFEBOAT_SMTP_URL): kept in the outbox';

/** What the notifier is built from. */
export interface NotifierOptions {
  database: LifeboatDatabase;
  jobs: JobQueue;
  /** LIFEBOAT_SMTP_URL: `smtp://user:pass@host:587` or `smtps://host:465`; no email is sent without it. */
  smtpUrl?: string | undefined;
  /** LIFEBOAT_MAIL_FROM. */
  mailFrom: string;
  publicUrl: string;
  now?: () => Date;
  /** How long a webhook receiver has to answer. */
  webhookTimeoutMs?: number;
  /** The wait before the next attempt of a failed send: `retryDelayMs` by default; tests shorten it. */
  retryDelay?: (kind: 'email' | 'webhook', attempt: number) => number;
  /** The host-name resolver for webhook checks (tests pass one). */
  resolve?: Resolver;
}

/** A delivery as the admin API shows it, with its attempts. */
export interface DeliveryOutcome {
  id: string;
  status: string;
  attempts: number;
  last: AttemptResult | undefined;
}

/** The notifier and what the delivery jobs and the admin API call on it. */
export interface DeliveringNotifier extends Notifier {
  /** Tries again to send the outbox message `id` (the email-delivery job); nothing when it was sent. */
  deliverEmail(id: string): Promise<{ status: string }>;
  /** Makes one attempt of the webhook delivery `id` and schedules the next on failure (the webhook-delivery job). */
  deliverWebhook(id: string): Promise<DeliveryOutcome | undefined>;
  /**
   * Picks up what a stopped process left half done: emails still queued and deliveries never attempted, both
   * older than `STALLED_AFTER_MS` at `at`; sends the emails and queues the deliveries. Answers how many of each.
   */
  sweep(at: Date): Promise<{ emails: number; deliveries: number }>;
  /** Sends a `ping` to an endpoint now, once, and answers what happened. */
  ping(endpoint: EndpointRow): Promise<DeliveryOutcome>;
  /** Checks a webhook URL as deliveries will (same resolver); throws WebhookTargetError naming the problem. */
  checkTarget(url: string, allowPrivate: boolean): Promise<void>;
  /** Closes the SMTP connection pool. */
  close(): void;
}

/** Whether a notifier can deliver (what the delivery jobs need), rather than only record. */
export function isDeliveringNotifier(notifier: Notifier): notifier is DeliveringNotifier {
  return 'deliverWebhook' in notifier && 'deliverEmail' in notifier;
}

/**
 * Email through SMTP (or into the outbox when none is configured) and signed webhooks, each recorded in the
 * database and retried with backoff through the job queue.
 */
export function createNotifier(options: NotifierOptions): DeliveringNotifier {
  const now = options.now ?? (() => new Date());
  const repo = createNotifyRepository(options.database.db);
  const timeoutMs = options.webhookTimeoutMs ?? 10_000;
  const retryDelay = options.retryDelay ?? retryDelayMs;
  let transport: Transporter | undefined;
  const mailer = () =>
    (transport ??= nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    }));

  /** One SMTP attempt of an outbox row; records the outcome and schedules a retry on failure. */
  async function attemptEmail(id: string): Promise<{ status: string }> {
    const row = await repo.email(id);
    if (!row || row.status === 'sent') return { status: row?.status ?? 'missing' };
    if (!options.smtpUrl) {
      await repo.updateEmail(id, { status: 'not-sent', error: NO_SMTP, updated_at: now().toISOString() });
      return { status: 'not-sent' };
    }
    const attempts = row.attempts + 1;
    try {
      await mailer().sendMail({
        from: options.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.text,
        html: row.html,
        headers: { 'X-Lifeboat-Category': row.category, 'X-Lifeboat-Message': row.id },
      });
      const at = now().toISOString();
      await repo.updateEmail(id, { status: 'sent', attempts, error: null, sent_at: at, updated_at: at });
      emailsSent.inc({ category: row.category, delivery: 'smtp' });
      return { status: 'sent' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const gaveUp = attempts >= EMAIL_ATTEMPTS;
      const at = now();
      await repo.updateEmail(id, {
        status: gaveUp ? 'failed' : 'retrying',
        attempts,
        error: reason,
        updated_at: at.toISOString(),
      });
      if (!gaveUp) {
        await options.jobs.send(
          EMAIL_DELIVERY_JOB,
          { id },
          {
            startAfter: new Date(at.getTime() + retryDelay('email', attempts)),
            singletonKey: `email:${id}:${attempts + 1}`,
          },
        );
      }
      return { status: gaveUp ? 'failed' : 'retrying' };
    }
  }

  /** One attempt of a delivery to its endpoint, recorded. */
  async function attemptWebhook(
    deliveryId: string,
    endpoint: EndpointRow,
    retry: boolean,
  ): Promise<DeliveryOutcome | undefined> {
    const delivery = await repo.delivery(deliveryId);
    if (!delivery || delivery.status === 'delivered' || delivery.status === 'failed') return undefined;
    const number = delivery.attempts + 1;
    const at = now();
    const timestamp = Math.floor(at.getTime() / 1000);
    const result = await postWebhook(
      endpoint.url,
      delivery.payload,
      {
        'user-agent': 'Lifeboat-Webhooks/1',
        'lifeboat-event': delivery.event,
        'lifeboat-delivery': delivery.id,
        'lifeboat-timestamp': String(timestamp),
        'lifeboat-signature': signWebhook(endpoint.secret, delivery.payload, timestamp),
      },
      {
        allowPrivate: endpoint.allow_private === 1,
        timeoutMs,
        ...(options.resolve && { resolve: options.resolve }),
      },
    );
    await repo.insertAttempt({
      delivery_id: delivery.id,
      number,
      at: at.toISOString(),
      status_code: result.statusCode,
      error: result.error ?? (isSuccess(result) ? null : `answered ${result.statusCode}`),
      response_excerpt: result.responseExcerpt,
      duration_ms: result.durationMs,
    });
    const ok = isSuccess(result);
    const gaveUp = !ok && (!retry || number >= WEBHOOK_ATTEMPTS);
    const status = ok ? 'delivered' : gaveUp ? 'failed' : 'retrying';
    await repo.updateDelivery(delivery.id, { status, attempts: number, updated_at: now().toISOString() });
    webhookDeliveries.inc({ event: delivery.event, result: ok ? 'ok' : 'failed' });
    if (status === 'retrying') {
      await options.jobs.send(
        WEBHOOK_DELIVERY_JOB,
        { deliveryId: delivery.id },
        {
          startAfter: new Date(at.getTime() + retryDelay('webhook', number)),
          singletonKey: `webhook:${delivery.id}:${number + 1}`,
        },
      );
    }
    return { id: delivery.id, status, attempts: number, last: result };
  }

  /** Records a delivery of `message` to `endpoint`; the body is fixed here, so every retry sends the same bytes. */
  async function createDelivery(endpoint: EndpointRow, event: string, message: Omit<EventMessage, 'event'>) {
    const id = randomUUID();
    const at = now().toISOString();
    const payload = JSON.stringify({
      id,
      event,
      occurredAt: at,
      text: message.text,
      url: message.url ?? null,
      data: message.data,
    });
    await repo.insertDelivery({
      id,
      endpoint_id: endpoint.id,
      event,
      payload,
      status: 'pending',
      attempts: 0,
      created_at: at,
      updated_at: at,
    });
    return id;
  }

  return {
    async email(message: EmailMessage) {
      const id = randomUUID();
      const at = now().toISOString();
      await repo.insertEmail({
        id,
        category: message.category,
        to_address: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        status: options.smtpUrl ? 'queued' : 'not-sent',
        attempts: 0,
        error: options.smtpUrl ? null : NO_SMTP,
        created_at: at,
        updated_at: at,
        sent_at: null,
      });
      if (!options.smtpUrl) {
        emailsSent.inc({ category: message.category, delivery: 'outbox' });
        return { id, sent: false };
      }
      const { status } = await attemptEmail(id);
      return { id, sent: status === 'sent' };
    },

    async publish(message: EventMessage) {
      const endpoints = (await repo.endpoints()).filter(
        (endpoint) => endpoint.enabled === 1 && parseEvents(endpoint.events).includes(message.event),
      );
      for (const endpoint of endpoints) {
        const deliveryId = await createDelivery(endpoint, message.event, message);
        await options.jobs.send(
          WEBHOOK_DELIVERY_JOB,
          { deliveryId },
          { singletonKey: `webhook:${deliveryId}:1` },
        );
      }
    },

    deliverEmail: attemptEmail,

    async sweep(at: Date) {
      const before = new Date(at.getTime() - STALLED_AFTER_MS).toISOString();
      const emails = await repo.stalledEmails(before);
      for (const { id } of emails) await attemptEmail(id);
      const deliveries = await repo.stalledDeliveries(before);
      for (const { id } of deliveries) {
        await options.jobs.send(
          WEBHOOK_DELIVERY_JOB,
          { deliveryId: id },
          { singletonKey: `webhook:${id}:1` },
        );
      }
      return { emails: emails.length, deliveries: deliveries.length };
    },

    async deliverWebhook(id: string) {
      const delivery = await repo.delivery(id);
      if (!delivery) return undefined;
      const endpoint = await repo.endpoint(delivery.endpoint_id);
      if (!endpoint) return undefined;
      if (endpoint.enabled !== 1) {
        await repo.updateDelivery(id, { status: 'failed', updated_at: now().toISOString() });
        return { id, status: 'failed', attempts: delivery.attempts, last: undefined };
      }
      return attemptWebhook(id, endpoint, true);
    },

    async ping(endpoint: EndpointRow) {
      const id = await createDelivery(endpoint, 'ping', {
        text: 'Lifeboat test delivery: this endpoint receives Lifeboat events.',
        url: options.publicUrl,
        data: { endpointId: endpoint.id },
      });
      return (await attemptWebhook(id, endpoint, false))!;
    },

    async checkTarget(url: string, allowPrivate: boolean) {
      await checkWebhookTarget(url, { allowPrivate, ...(options.resolve && { resolve: options.resolve }) });
    },

    close() {
      transport?.close();
    },
  };
}

function isSuccess(result: AttemptResult): boolean {
  return result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
}

/** The event names an endpoint's row subscribes to. */
export function parseEvents(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((event): event is string => typeof event === 'string') : [];
}
