import { createReminderService } from '../services/reminder.service.ts';
import type { JobDefinition } from './types.ts';

/**
 * The daily reminders: each person's digest of what is theirs and due or overdue, each item at most once per
 * period, and managers' weekly summary. Idempotent: running it again in the same period sends nothing new.
 */
export const remindersJob: JobDefinition = {
  name: 'reminders',
  description: 'email each person the digest of what is theirs and due, and managers the weekly summary',
  schedule: '0 7 * * *',
  async run({ database, now, notifier, publicUrl }) {
    const run = await createReminderService({ database }).run(now, notifier, publicUrl);
    const summary = `sent ${run.digests} digest${run.digests === 1 ? '' : 's'} (${run.items} items) and ${run.summaries} summar${run.summaries === 1 ? 'y' : 'ies'}`;
    if (run.failed.length > 0)
      throw new Error(
        `${summary}; sending to ${run.failed.join(', ')} failed and is retried at the next run`,
      );
    return {
      summary: `${summary}; published ${run.events} webhook event${run.events === 1 ? '' : 's'}`,
      counts: { digests: run.digests, summaries: run.summaries, items: run.items, events: run.events },
    };
  },
};
