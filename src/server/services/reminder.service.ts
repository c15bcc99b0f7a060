/**
 * The reminder digests on the stored catalog: what is due (src/reminders), to whom (Persons with an email and
 * users, linked by address), each item at most once per recipient and period, whatever runs the job and however
 * often; and each user's digest preference.
 */
import { catalogPolicy } from '../../bia/current.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { isDigestFrequency, itemsFor, periodOf, isoWeek, summaryOf } from '../../reminders/digest.ts';
import type { DigestFrequency, DigestRecipient } from '../../reminders/digest.ts';
import { dueItems } from '../../reminders/due-items.ts';
import { REMINDER_SOURCES } from '../../reminders/registry.ts';
import type { ReminderItem } from '../../reminders/types.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { absoluteUrl } from '../notify/email-layout.ts';
import type { EventMessage, Notifier, WebhookEvent } from '../notify/types.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createReminderRepository } from '../repositories/reminder.repository.ts';
import type { ReminderUser } from '../repositories/reminder.repository.ts';
import { appendAudit } from './audit.service.ts';
import { clientCatalog } from './client-documents.ts';
import { digestEmail, summaryEmail } from './reminder-email.ts';

/** The digest frequency when a user never chose one, and for a Person with no account. */
export const DEFAULT_DIGEST: DigestFrequency = 'daily';

/** The claim a manager's weekly summary makes, beside the items' keys. */
const SUMMARY_KEY = 'summary';

/** The claim of a weekly digest itself, made at the week's first run. */
const DIGEST_KEY = 'digest';

/** The recipient webhook events are claimed for: an item's event is published once per due date. */
const WEBHOOKS = '#webhooks';

/** The webhook event of each reminder source that has one. */
const EVENT_OF: Partial<Record<string, WebhookEvent>> = {
  'plan-review': 'review.due',
  'risk-review': 'review.due',
  action: 'action.overdue',
};

/** A reminder as a webhook event: a line a chat tool shows, the link, and the structured fields. */
function eventMessage(item: ReminderItem, event: WebhookEvent, publicUrl: string): EventMessage {
  const what = item.what.charAt(0).toUpperCase() + item.what.slice(1);
  const due = item.due === null ? '' : ` (${item.overdue ? 'was due' : 'due'} ${item.due})`;
  const url = absoluteUrl(publicUrl, item.document.path);
  return {
    event,
    text: `${what}: ${item.subject}${due}`,
    url,
    data: {
      key: item.key,
      what: item.what,
      subject: item.subject,
      due: item.due,
      overdue: item.overdue,
      document: { kind: item.document.kind, id: item.document.id, title: item.document.title },
      people: item.recipients,
    },
  };
}

/** What one run sent. */
export interface ReminderRun {
  digests: number;
  summaries: number;
  /** Items reminded in the digests sent. */
  items: number;
  /** Webhook events published (`review.due`, `action.overdue`). */
  events: number;
  /** Addresses whose email failed (their claims are released, so the next run sends them). */
  failed: string[];
}

/** The recipients: every Person with an email and every enabled user, one per address. */
function recipientsOf(
  documents: readonly CatalogDocument[],
  users: readonly ReminderUser[],
): DigestRecipient[] {
  const byAddress = new Map<string, DigestRecipient>();
  for (const document of documents) {
    if (document.kind !== 'Person' || document.spec.email === undefined) continue;
    const address = document.spec.email.toLowerCase();
    if (byAddress.has(address)) continue;
    byAddress.set(address, {
      address,
      name: document.metadata.name ?? document.metadata.id,
      frequency: DEFAULT_DIGEST,
      person: document.metadata.id,
      manager: false,
    });
  }
  for (const user of users) {
    const address = user.email.toLowerCase();
    const frequency = user.digest !== null && isDigestFrequency(user.digest) ? user.digest : DEFAULT_DIGEST;
    const person = byAddress.get(address);
    byAddress.set(address, {
      address,
      name: person?.name ?? user.name ?? user.email,
      frequency,
      person: person?.person,
      manager: user.role === 'manager',
    });
  }
  return [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
}

/** Reminders and digest preferences. */
export function createReminderService(deps: { database: LifeboatDatabase }) {
  const { database } = deps;

  /** The catalog as clients read it: documents approved through versions carry their derived status. */
  const catalog = () => clientCatalog(database);

  /**
   * Claims `keys` for a recipient and period in one write transaction, then emails what it claimed; an email that
   * fails releases its claims. Writes are serialised across processes (SQLite's write lock, PostgreSQL's advisory
   * lock), so of two runs at once one claims and sends, the other finds nothing new. With `once`, the first run
   * in the period claims the digest itself and later runs claim nothing (one weekly digest).
   */
  async function claimAndSend(
    recipient: string,
    period: string,
    keys: readonly string[],
    options: { at: string; once: boolean },
    send: (claimed: ReadonlySet<string>) => Promise<unknown>,
  ): Promise<boolean> {
    const claimed = await database.writeTransaction(async (trx) => {
      const repository = createReminderRepository(trx);
      if (!options.once) return repository.claim(recipient, period, keys, options.at);
      // The week's first run claims the digest itself, even with nothing to send: later runs that week send none.
      if (await repository.has(recipient, period, DIGEST_KEY)) return [];
      const claimed = await repository.claim(recipient, period, [DIGEST_KEY, ...keys], options.at);
      return claimed.filter((key) => key !== DIGEST_KEY);
    });
    if (claimed.length === 0) return false;
    try {
      await send(new Set(claimed));
    } catch (error) {
      await database.writeTransaction((trx) =>
        createReminderRepository(trx).release(
          recipient,
          period,
          options.once ? [DIGEST_KEY, ...claimed] : claimed,
        ),
      );
      throw error;
    }
    return true;
  }

  return {
    /** Everything due on the day of `now` and whom it is for. */
    async dueItems(now: Date): Promise<ReminderItem[]> {
      const documents = await catalog();
      return dueItems(documents, catalogPolicy(documents), now.toISOString().slice(0, 10));
    },

    /**
     * Sends the digests due at `now`: to each recipient, what is theirs and not yet reminded in their period (the
     * date for daily, the ISO week for weekly: one weekly digest, at the week's first run); to each manager, once a
     * week, a summary of the whole organisation. A digest with nothing new is not sent. Reviews due and overdue
     * actions are also published to webhooks (`review.due`, `action.overdue`), once per item and due date.
     */
    async run(now: Date, notifier: Notifier, publicUrl: string): Promise<ReminderRun> {
      const today = now.toISOString().slice(0, 10);
      const at = now.toISOString();
      const documents = await catalog();
      const items = dueItems(documents, catalogPolicy(documents), today);
      const users = await createReminderRepository(database.db).activeUsers();
      const outcome: ReminderRun = { digests: 0, summaries: 0, items: 0, events: 0, failed: [] };
      for (const recipient of recipientsOf(documents, users)) {
        if (recipient.frequency === 'off') continue;
        const mine = itemsFor(recipient, items);
        const period = periodOf(recipient.frequency, today);
        try {
          const sent = await claimAndSend(
            recipient.address,
            period,
            mine.map((item) => item.key),
            { at, once: recipient.frequency === 'weekly' },
            async (claimed) => {
              const fresh = mine.filter((item) => claimed.has(item.key));
              await notifier.email({
                to: recipient.address,
                category: 'digest',
                ...digestEmail({ recipient, items: fresh, publicUrl }),
              });
              outcome.items += fresh.length;
            },
          );
          if (sent) outcome.digests += 1;
          if (!recipient.manager) continue;
          const summarised = await claimAndSend(
            recipient.address,
            isoWeek(today),
            [SUMMARY_KEY],
            { at, once: false },
            () =>
              notifier.email({
                to: recipient.address,
                category: 'summary',
                ...summaryEmail({
                  recipient,
                  week: isoWeek(today),
                  summary: summaryOf(items, REMINDER_SOURCES),
                  publicUrl,
                }),
              }),
          );
          if (summarised) outcome.summaries += 1;
        } catch {
          outcome.failed.push(recipient.address);
        }
      }
      // Each review falling due and each action going overdue is published once per due date, however often this runs.
      const byPeriod = new Map<string, { item: ReminderItem; event: WebhookEvent }[]>();
      for (const item of items) {
        const event = EVENT_OF[item.source];
        if (event === undefined) continue;
        const period = item.due ?? 'undated';
        byPeriod.set(period, [...(byPeriod.get(period) ?? []), { item, event }]);
      }
      for (const [period, group] of byPeriod) {
        try {
          await claimAndSend(
            WEBHOOKS,
            period,
            group.map(({ item }) => item.key),
            { at, once: false },
            async (claimed) => {
              for (const { item, event } of group) {
                if (!claimed.has(item.key)) continue;
                await notifier.publish(eventMessage(item, event, publicUrl));
                outcome.events += 1;
              }
            },
          );
        } catch {
          outcome.failed.push(`webhook events due ${period}`);
        }
      }
      return outcome;
    },

    /** A user's digest preference (daily when they never chose). */
    async preference(userId: string): Promise<DigestFrequency> {
      const digest = await createReminderRepository(database.db).preference(userId);
      return digest !== undefined && isDigestFrequency(digest) ? digest : DEFAULT_DIGEST;
    },

    /** Sets a user's digest preference, audited as a change to their account. */
    async setPreference(
      user: { userId: string; email: string },
      digest: DigestFrequency,
      options: { actor: string; now: Date },
    ): Promise<DigestFrequency> {
      const at = options.now.toISOString();
      await database.writeTransaction(async (trx) => {
        const repository = createReminderRepository(trx);
        const before = await repository.preference(user.userId);
        await repository.setPreference(user.userId, digest, at);
        await appendAudit(createAuditRepository(trx), {
          at,
          actor: options.actor,
          action: 'user-update',
          kind: 'User',
          documentId: user.email,
          before: { digest: before !== undefined && isDigestFrequency(before) ? before : DEFAULT_DIGEST },
          after: { digest },
        });
      });
      return digest;
    },
  };
}

/** The reminder service's interface. */
export type ReminderService = ReturnType<typeof createReminderService>;
