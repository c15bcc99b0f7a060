import { describe, expect, it } from 'vitest';
import { digestOrder, isoWeek, itemsFor, periodOf, summaryOf } from './digest.ts';
import type { DigestRecipient } from './digest.ts';
import { REMINDER_SOURCES } from './registry.ts';
import type { ReminderItem } from './types.ts';

const item = (key: string, fields: Partial<ReminderItem> = {}): ReminderItem => ({
  key,
  source: key.split(':')[0]!,
  what: 'plan review due',
  subject: key,
  due: '2026-12-01',
  overdue: false,
  document: { kind: 'Plan', id: key, title: key, path: `/plans/${key}` },
  recipients: ['ana'],
  approvers: false,
  ...fields,
});

const ana: DigestRecipient = {
  address: 'ana@example.org',
  name: 'Ana',
  frequency: 'daily',
  person: 'ana',
  manager: false,
};

describe('isoWeek', () => {
  it('numbers weeks from Monday, week 1 holding the first Thursday, across year ends', () => {
    expect(isoWeek('2026-12-07')).toBe('2026-W50');
    expect(isoWeek('2026-12-13')).toBe('2026-W50');
    expect(isoWeek('2026-12-14')).toBe('2026-W51');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
  });

  it('makes the daily period the date and the weekly period the week', () => {
    expect(periodOf('daily', '2026-12-08')).toBe('2026-12-08');
    expect(periodOf('weekly', '2026-12-08')).toBe('2026-W50');
  });
});

describe('itemsFor', () => {
  it('gives a person what names them, overdue first, then by date; approvals only to managers', () => {
    const items = [
      item('plan-review:b', { due: '2026-12-03' }),
      item('action:x:1', { overdue: true, due: '2026-11-01' }),
      item('plan-review:a', { due: '2026-12-02' }),
      item('approval:p', { recipients: [], approvers: true, due: null }),
      item('risk-review:r', { recipients: ['bob'] }),
    ];
    expect(itemsFor(ana, items).map((i) => i.key)).toEqual(['action:x:1', 'plan-review:a', 'plan-review:b']);
    expect(itemsFor({ ...ana, person: undefined, manager: true }, items).map((i) => i.key)).toEqual([
      'approval:p',
    ]);
    expect([...items].sort(digestOrder).at(-1)?.key).toBe('approval:p');
  });
});

describe('summaryOf', () => {
  it('counts the items by kind in the registry order, with the overdue ones listed', () => {
    const summary = summaryOf(
      [
        item('risk-review:r', { what: 'risk review due' }),
        item('plan-review:a', { overdue: true }),
        item('plan-review:b'),
      ],
      REMINDER_SOURCES,
    );
    expect(summary.counts).toEqual([
      { source: 'plan-review', what: 'plan review due', count: 2, overdue: 1 },
      { source: 'risk-review', what: 'risk review due', count: 1, overdue: 0 },
    ]);
    expect(summary.overdue.map((i) => i.key)).toEqual(['plan-review:a']);
  });
});
