/** An email: plain text and HTML, every link absolute. `to` is one address. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What it is, for the outbox and the metrics: `digest`, `invitation`, `call-tree`, `password-reset`. */
  category: string;
}

/**
 * The events webhooks subscribe to. A new event is a name here and a `publish` where it happens.
 */
export const WEBHOOK_EVENTS = [
  'incident.declared',
  'incident.closed',
  'plan.approved',
  'plan.invoked',
  'call-tree.acknowledged',
  'call-tree.escalated',
  'review.due',
  'action.overdue',
  'exercise.finished',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * An event for webhooks: `text` is a line a chat tool shows as it is; `data` the structured fields; `url` the
 * absolute link to the thing in Lifeboat.
 */
export interface EventMessage {
  event: WebhookEvent;
  text: string;
  url?: string;
  data: Record<string, unknown>;
}

/**
 * Email and webhooks. `email` sends through SMTP when LIFEBOAT_SMTP_URL is set and otherwise records the message
 * in the outbox (visible to admins), never dropping it; `publish` queues a signed delivery to every endpoint that
 * subscribed to the event (retried with backoff).
 */
export interface Notifier {
  email(message: EmailMessage): Promise<{ id: string; sent: boolean }>;
  publish(message: EventMessage): Promise<void>;
}
