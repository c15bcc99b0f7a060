/**
 * Dates and instants as people read them: one format everywhere, in the user's locale and time zone
 * (Intl.DateTimeFormat). A date (`2025-03-31`, day precision) is a calendar day and never shifts with the zone;
 * an instant (`2026-02-03T08:15:00Z`) shows the user's local time with the zone's name, since "08:15" alone
 * does not say when an incident started.
 */

/** Who reads the value: undefined locale and time zone mean the browser's own. */
export interface DateFormatOptions {
  locale?: string | undefined;
  timeZone?: string | undefined;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateFormat(options: DateFormatOptions, timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(options.locale, { dateStyle: 'medium', timeZone });
}

/** A calendar date (`2025-03-31` -> "31 Mar 2025" in en-GB); an instant gives its day in the user's zone. */
export function formatDate(value: string, options: DateFormatOptions = {}): string {
  const day = DAY.exec(value);
  if (day) {
    const [, year, month, date] = day.map(Number) as [number, number, number, number];
    // Noon UTC, read in UTC: the same calendar day whatever the user's zone.
    return dateFormat(options, 'UTC').format(new Date(Date.UTC(year, month - 1, date, 12)));
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? value : dateFormat(options, options.timeZone).format(new Date(at));
}

/** An instant with its time and the zone it is shown in ("3 Feb 2026, 08:15 GMT"); an unreadable value as is. */
export function formatInstant(value: string, options: DateFormatOptions = {}): string {
  const at = Date.parse(value);
  if (Number.isNaN(at)) return value;
  return new Intl.DateTimeFormat(options.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: options.timeZone,
  }).format(new Date(at));
}
