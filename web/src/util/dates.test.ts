import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant } from './dates';

describe('formatDate', () => {
  it('shows a calendar date in the reader’s locale', () => {
    expect(formatDate('2025-03-31', { locale: 'en-GB' })).toBe('31 Mar 2025');
    expect(formatDate('2025-03-31', { locale: 'en-US' })).toBe('Mar 31, 2025');
    expect(formatDate('2025-03-31', { locale: 'de-DE' })).toBe('31.03.2025');
  });

  it('keeps a calendar date on its day whatever the reader’s time zone', () => {
    expect(formatDate('2025-03-31', { locale: 'en-GB', timeZone: 'Pacific/Kiritimati' })).toBe('31 Mar 2025');
    expect(formatDate('2025-03-31', { locale: 'en-GB', timeZone: 'Pacific/Pago_Pago' })).toBe('31 Mar 2025');
  });

  it('gives an instant’s day in the reader’s time zone', () => {
    expect(formatDate('2026-02-03T23:30:00Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe(
      '4 Feb 2026',
    );
  });

  it('leaves a value it cannot read as it is', () => {
    expect(formatDate('next spring')).toBe('next spring');
  });
});

describe('formatInstant', () => {
  it('shows the time in the reader’s time zone and names the zone', () => {
    expect(formatInstant('2026-02-03T08:15:00Z', { locale: 'en-GB', timeZone: 'Europe/London' })).toBe(
      '3 Feb 2026, 08:15 GMT',
    );
    expect(formatInstant('2026-07-03T08:15:00Z', { locale: 'en-GB', timeZone: 'Europe/London' })).toBe(
      '3 Jul 2026, 09:15 BST',
    );
    expect(formatInstant('2026-02-03T08:15:00Z', { locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      'Feb 3, 2026, 03:15 AM EST',
    );
  });

  it('reads an offset instant as the same moment', () => {
    expect(formatInstant('2026-02-03T09:15:00+01:00', { locale: 'en-GB', timeZone: 'UTC' })).toBe(
      '3 Feb 2026, 08:15 UTC',
    );
  });

  it('leaves a value it cannot read as it is', () => {
    expect(formatInstant('soon')).toBe('soon');
  });
});
