import type { JobContext, JobDefinition } from '../jobs/types.ts';
import {
  EMAIL_DELIVERY_JOB,
  OUTBOX_SWEEP_JOB,
  WEBHOOK_DELIVERY_JOB,
  isDeliveringNotifier,
} from './notifier.ts';
import type { DeliveringNotifier } from './notifier.ts';

function delivering(context: JobContext<unknown>): DeliveringNotifier {
  if (!isDeliveringNotifier(context.notifier))
    throw new Error('this notifier only records messages: it cannot deliver them');
  return context.notifier;
}

/** Retries an email whose send failed; sent by the notifier with a growing delay, at most a few times. */
export const emailDeliveryJob: JobDefinition<{ id: string }> = {
  name: EMAIL_DELIVERY_JOB,
  description: 'retry an email whose send failed (sent by the notifier, with backoff)',
  async run(context) {
    const { status } = await delivering(context).deliverEmail(context.data.id);
    return { summary: `email ${context.data.id}: ${status}`, counts: { [status]: 1 } };
  },
};

/** Makes one attempt of a webhook delivery; a failed attempt sends the next one later, with backoff. */
export const webhookDeliveryJob: JobDefinition<{ deliveryId: string }> = {
  name: WEBHOOK_DELIVERY_JOB,
  description: 'deliver a webhook event to one endpoint (retried with backoff)',
  async run(context) {
    const outcome = await delivering(context).deliverWebhook(context.data.deliveryId);
    if (!outcome) return { summary: `delivery ${context.data.deliveryId}: nothing to do` };
    const code = outcome.last?.statusCode ?? outcome.last?.error ?? 'no attempt';
    return {
      summary: `delivery ${outcome.id}: ${outcome.status} after attempt ${outcome.attempts} (${code})`,
      counts: { [outcome.status]: 1 },
    };
  },
};

/**
 * Every 10 minutes: sends the emails and queues the webhook deliveries a process stopped before handling (written
 * to the outbox, never attempted), so a restart loses none of them.
 */
export const outboxSweepJob: JobDefinition<unknown> = {
  name: OUTBOX_SWEEP_JOB,
  description: 'send emails and webhook deliveries a stopped server left unsent',
  schedule: '*/10 * * * *',
  async run(context) {
    const { emails, deliveries } = await delivering(context).sweep(context.now);
    return {
      summary: `picked up ${emails} emails and ${deliveries} webhook deliveries`,
      counts: { emails, deliveries },
    };
  },
};
