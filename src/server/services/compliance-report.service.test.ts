import { describe, expect, it } from 'vitest';
import { reportPeriod } from './compliance-report.service.ts';

describe('reportPeriod', () => {
  it('defaults to the last 12 months up to today, both ends included', () => {
    expect(reportPeriod({}, '2026-12-06')).toEqual({ from: '2025-12-07', to: '2026-12-06' });
    expect(reportPeriod({ to: '2026-03-31' }, '2026-12-06')).toEqual({
      from: '2025-04-01',
      to: '2026-03-31',
    });
  });

  it('counts back from 29 February to the last day of February of a common year', () => {
    expect(reportPeriod({ to: '2028-02-29' }, '2026-12-06')).toEqual({
      from: '2027-03-01',
      to: '2028-02-29',
    });
  });

  it('refuses a date that is not one, naming the parameter, and a period that runs backwards', () => {
    expect(() => reportPeriod({ from: '2026-02-30' }, '2026-12-06')).toThrow(
      'from "2026-02-30" is not a date: expected YYYY-MM-DD',
    );
    expect(() => reportPeriod({ from: '2026-12-07' }, '2026-12-06')).toThrow(
      'from 2026-12-07 is after to 2026-12-06: give a period forwards',
    );
  });
});
