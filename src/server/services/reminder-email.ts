/** The reminder emails: a person's digest and a manager's weekly summary, in the shared email layout. */
import type { DigestRecipient, ReminderSummary } from '../../reminders/digest.ts';
import type { ReminderItem } from '../../reminders/types.ts';
import { renderEmail } from '../notify/email-layout.ts';
import type { EmailSection } from '../notify/email-layout.ts';

/** What an email is, before it is addressed. */
interface Composed {
  subject: string;
  text: string;
  html: string;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A digest line: `Plan review due: Loss of the Leeds data centre`, linked to its page, with its date. */
function line(item: ReminderItem): EmailSection['items'][number] {
  const note = item.due === null ? undefined : item.overdue ? `was due ${item.due}` : `due ${item.due}`;
  return {
    text: `${capitalised(item.what)}: ${item.subject}`,
    url: item.document.path,
    ...(note !== undefined && { note }),
  };
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** A person's digest: what is theirs and new in the period, overdue first. */
export function digestEmail(input: {
  recipient: DigestRecipient;
  items: readonly ReminderItem[];
  publicUrl: string;
}): Composed {
  const { recipient, items, publicUrl } = input;
  const overdue = items.filter((item) => item.overdue);
  const due = items.filter((item) => !item.overdue);
  const sections: EmailSection[] = [];
  if (overdue.length > 0) sections.push({ title: 'Overdue', items: overdue.map(line) });
  if (due.length > 0) sections.push({ title: 'Due', items: due.map(line) });
  const counts = [
    ...(overdue.length > 0 ? [`${overdue.length} overdue`] : []),
    ...(due.length > 0 ? [`${due.length} due`] : []),
  ].join(', ');
  const period = recipient.frequency === 'weekly' ? 'weekly' : 'daily';
  return {
    subject: `Lifeboat reminders: ${counts}`,
    ...renderEmail(
      {
        heading: `Your ${period} Lifeboat reminders`,
        paragraphs: [
          `Hello ${recipient.name}, ${plural(items.length, 'thing')} in the continuity catalog ${items.length === 1 ? 'is' : 'are'} yours and due or overdue.`,
        ],
        sections,
        action: { label: 'Open Lifeboat', url: '/' },
        footer:
          `You get this ${period} digest because these are yours in the continuity catalog; each item is reminded ` +
          'once per digest. Choose daily, weekly or no digest in your account settings in Lifeboat.',
      },
      publicUrl,
    ),
  };
}

/** A manager's weekly summary: open items by kind across the organisation, and every overdue one. */
export function summaryEmail(input: {
  recipient: DigestRecipient;
  week: string;
  summary: ReminderSummary;
  publicUrl: string;
}): Composed {
  const { recipient, week, summary, publicUrl } = input;
  const total = summary.counts.reduce((sum, row) => sum + row.count, 0);
  const sections: EmailSection[] = [];
  if (summary.counts.length > 0)
    sections.push({
      title: 'Due or overdue, by kind',
      items: summary.counts.map((row) => ({
        text: `${capitalised(row.what)}: ${row.count}`,
        ...(row.overdue > 0 && { note: `${row.overdue} overdue` }),
      })),
    });
  if (summary.overdue.length > 0) sections.push({ title: 'Overdue', items: summary.overdue.map(line) });
  return {
    subject: `Lifeboat weekly summary ${week}: ${total} open, ${summary.overdue.length} overdue`,
    ...renderEmail(
      {
        heading: `Continuity summary for the week ${week}`,
        paragraphs: [
          `Hello ${recipient.name}, across the organisation ${plural(total, 'thing')} ${total === 1 ? 'is' : 'are'} due or overdue, ${summary.overdue.length} of them overdue.`,
        ],
        sections,
        action: { label: 'Open Lifeboat', url: '/' },
        footer: 'You get this summary every week as a manager in Lifeboat.',
      },
      publicUrl,
    ),
  };
}
