/**
 * Who gets which reminders in which period: the digest preferences, the periods that make "at most once per
 * period" countable, the items of one recipient in the order a digest lists them, and a manager's summary. Pure.
 */
import type { ReminderItem } from './types.ts';

/** How often a person wants their digest. */
export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'off'] as const;

/** How often a person wants their digest: the default, for a person with no account or no choice, is daily. */
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** Whether a string is a digest frequency. */
export function isDigestFrequency(value: string): value is DigestFrequency {
  return (DIGEST_FREQUENCIES as readonly string[]).includes(value);
}

/**
 * The ISO 8601 week of a date (YYYY-MM-DD) as `2026-W50`: weeks start on Monday and week 1 holds the year's
 * first Thursday (ISO 8601-1:2019 clause 5.2.4.1).
 */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  // The Thursday of the same week decides the week's year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period a digest counts in: the date for a daily one, the ISO week for a weekly one. */
export function periodOf(frequency: Exclude<DigestFrequency, 'off'>, today: string): string {
  return frequency === 'daily' ? today : isoWeek(today);
}

/** Someone digests go to: a Person with an email, a user, or both when they share the address. */
export interface DigestRecipient {
  /** The address, lower-cased: what reminders are counted by. */
  address: string;
  name: string;
  frequency: DigestFrequency;
  /** Their Person id, when the catalog has one with this address. */
  person?: string | undefined;
  /** A user with the manager role: approvals waiting are theirs, and the weekly summary. */
  manager: boolean;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of a digest: overdue first, then by due date (undated last), then by key. */
export function digestOrder(a: ReminderItem, b: ReminderItem): number {
  return (
    Number(b.overdue) - Number(a.overdue) ||
    compare(a.due ?? '9999', b.due ?? '9999') ||
    compare(a.key, b.key)
  );
}

/** The items that are a recipient's: naming their Person, or waiting for approval when they are a manager. */
export function itemsFor(recipient: DigestRecipient, items: readonly ReminderItem[]): ReminderItem[] {
  const person = recipient.person;
  return items
    .filter(
      (item) =>
        (person !== undefined && item.recipients.includes(person)) || (item.approvers && recipient.manager),
    )
    .sort(digestOrder);
}

/** A manager's weekly summary: how many items of each kind are open across the organisation, and the overdue ones. */
export interface ReminderSummary {
  /** By source name, in the registry's order: `{ source, what, count, overdue }`. */
  counts: { source: string; what: string; count: number; overdue: number }[];
  overdue: ReminderItem[];
}

/** The summary of every item due (`sources` gives the order and names of the kinds). */
export function summaryOf(
  items: readonly ReminderItem[],
  sources: readonly { name: string; what: string }[],
): ReminderSummary {
  const counts = sources
    .map((source) => {
      const mine = items.filter((item) => item.source === source.name);
      return {
        source: source.name,
        what: source.what,
        count: mine.length,
        overdue: mine.filter((item) => item.overdue).length,
      };
    })
    .filter((row) => row.count > 0);
  return { counts, overdue: items.filter((item) => item.overdue).sort(digestOrder) };
}
