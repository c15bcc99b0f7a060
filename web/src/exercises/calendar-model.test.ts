import { describe, expect, it } from 'vitest';
import type { CalendarExercise, ProgrammeRow } from './calendar-model';
import { calendarOf, filterProgramme, formatMonth, isLate, needsAttention } from './calendar-model';

function exercise(id: string, date: string, status: CalendarExercise['status']): CalendarExercise {
  return {
    id,
    title: id,
    type: 'tabletop',
    status,
    date,
    plans: ['plan-a'],
    fail: [],
    services: [],
    calibration: [],
    openFindings: 0,
  };
}

function plan(id: string, due: string | null, overdue: boolean): ProgrammeRow {
  return {
    plan: id,
    tier: 1,
    atLeast: 'parallel',
    lastExercised: null,
    lastType: null,
    due,
    overdue,
    scheduled: null,
  };
}

describe('calendarOf', () => {
  const exercises = [
    exercise('ex-done-oct', '2026-10-17', 'done'),
    exercise('ex-planned-mar', '2027-03-02', 'planned'),
    exercise('ex-planned-jan-late', '2027-01-28', 'planned'),
    exercise('ex-running', '2027-01-05', 'running'),
    exercise('ex-cancelled-oct', '2026-10-03', 'cancelled'),
    exercise('ex-done-may', '2026-05-12', 'done'),
  ];

  it('puts planned and running exercises ahead, soonest month and day first', () => {
    const { ahead } = calendarOf(exercises);
    expect(ahead.map((month) => [month.month, month.exercises.map((e) => e.id)])).toEqual([
      ['2027-01', ['ex-running', 'ex-planned-jan-late']],
      ['2027-03', ['ex-planned-mar']],
    ]);
  });

  it('puts done and cancelled exercises behind, the latest month and day first', () => {
    const { behind } = calendarOf(exercises);
    expect(behind.map((month) => [month.month, month.exercises.map((e) => e.id)])).toEqual([
      ['2026-10', ['ex-done-oct', 'ex-cancelled-oct']],
      ['2026-05', ['ex-done-may']],
    ]);
  });

  it('gives an empty calendar for no exercises', () => {
    expect(calendarOf([])).toEqual({ ahead: [], behind: [] });
  });

  it('calls a planned exercise late once its day has passed, never a done one', () => {
    expect(isLate(exercise('a', '2026-12-01', 'planned'), '2026-12-06')).toBe(true);
    expect(isLate(exercise('a', '2026-12-06', 'planned'), '2026-12-06')).toBe(false);
    expect(isLate(exercise('a', '2026-12-01', 'done'), '2026-12-06')).toBe(false);
  });
});

describe('formatMonth', () => {
  it('names the month and year, whatever the time zone', () => {
    expect(formatMonth('2027-01', 'en-GB')).toBe('January 2027');
    expect(formatMonth('2026-12', 'en-GB')).toBe('December 2026');
  });
});

describe('the programme filter', () => {
  const today = '2026-12-06';
  const rows = [
    plan('never', null, true),
    plan('late', '2026-11-30', true),
    plan('soon', '2027-03-06', false),
    plan('later', '2027-03-07', false),
  ];

  it('keeps overdue plans and those due within 90 days, in order', () => {
    expect(filterProgramme(rows, 'attention', today).map((row) => row.plan)).toEqual([
      'never',
      'late',
      'soon',
    ]);
    expect(needsAttention(plan('later', '2027-03-07', false), today)).toBe(false);
  });

  it('keeps every plan without the filter', () => {
    expect(filterProgramme(rows, 'all', today)).toHaveLength(4);
  });
});
