/**
 * The exercise calendar and programme, as plain data for the page: exercises grouped by month (what is coming up,
 * what is behind), and the programme's plans filtered to those that need attention. Dates are the analysis's
 * (`GET /api/v1/analysis/exercises`): nothing here is derived twice, only grouped and filtered.
 */
import { addDays } from '../../../src/plans/review.ts';
import type { ExerciseAnalysisAnswer } from '../api/exercise-analysis';

/** One exercise of the analysis. */
export type CalendarExercise = ExerciseAnalysisAnswer['exercises'][number];

/** One plan of the programme. */
export type ProgrammeRow = ExerciseAnalysisAnswer['programme'][number];

/** The exercises of one month, in date order. */
export interface CalendarMonth {
  /** `YYYY-MM`. */
  month: string;
  exercises: CalendarExercise[];
}

/** The calendar: what is planned or running (earliest month first), and what is done or cancelled (latest first). */
export interface Calendar {
  ahead: CalendarMonth[];
  behind: CalendarMonth[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether an exercise is still to come (planned or running) rather than behind (done or cancelled). */
export function isAhead(exercise: Pick<CalendarExercise, 'status'>): boolean {
  return exercise.status === 'planned' || exercise.status === 'running';
}

/** Groups exercises by the month of their date; months and the exercises in each in `order`. */
function byMonth(exercises: readonly CalendarExercise[], order: 1 | -1): CalendarMonth[] {
  const months = new Map<string, CalendarExercise[]>();
  for (const exercise of exercises) {
    const month = exercise.date.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), exercise]);
  }
  return [...months]
    .sort(([a], [b]) => order * compare(a, b))
    .map(([month, list]) => ({
      month,
      exercises: list.sort((a, b) => order * (compare(a.date, b.date) || compare(a.id, b.id))),
    }));
}

/** The calendar of `exercises`: planned and running ones ahead, soonest first; done and cancelled behind, latest first. */
export function calendarOf(exercises: readonly CalendarExercise[]): Calendar {
  return {
    ahead: byMonth(
      exercises.filter((exercise) => isAhead(exercise)),
      1,
    ),
    behind: byMonth(
      exercises.filter((exercise) => !isAhead(exercise)),
      -1,
    ),
  };
}

/** A planned exercise whose day has passed (`lifeboat check` warns of it too). */
export function isLate(exercise: CalendarExercise, today: string): boolean {
  return exercise.status === 'planned' && exercise.date < today;
}

/** `2027-01` as people read it ("January 2027" in en-GB), the same month in every time zone. */
export function formatMonth(month: string, locale?: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, index - 1, 15)),
  );
}

/** Which plans the programme table shows. */
export type ProgrammeFilter = 'all' | 'attention';

/** Days ahead a due date counts as coming up. */
export const DUE_SOON_DAYS = 90;

/** Overdue, or due within `DUE_SOON_DAYS` of `today`. */
export function needsAttention(row: ProgrammeRow, today: string): boolean {
  return row.overdue || (row.due !== null && row.due <= addDays(today, DUE_SOON_DAYS));
}

/** The programme rows a filter keeps, in the analysis's order (tier, then plan). */
export function filterProgramme(
  rows: readonly ProgrammeRow[],
  filter: ProgrammeFilter,
  today: string,
): ProgrammeRow[] {
  return filter === 'all' ? [...rows] : rows.filter((row) => needsAttention(row, today));
}
