/**
 * Training, as plain data for the page: each plan's coverage with the untrained first and "n of m" counted, and
 * the sessions, latest first, with the day each stops counting (the domain's rule, `trainingValidUntil`).
 */
import { trainingValidUntil } from '../../../src/exercises/analysis.ts';
import type { EffectivePolicy } from '../../../src/bia/policy.ts';
import type { TrainingSpec } from '../../../src/catalog/kinds/training.kind.ts';
import type { ExerciseAnalysisAnswer } from '../api/exercise-analysis';

/** One plan's coverage, as the analysis gives it. */
export type PlanCoverage = ExerciseAnalysisAnswer['training'][number];

/** One person named in a plan: trained or not, until when. */
export type PersonCoverage = PlanCoverage['people'][number];

/** A plan's coverage, counted, with the untrained people first. */
export interface CoverageRow {
  plan: string;
  trained: number;
  total: number;
  people: PersonCoverage[];
}

/** Per plan: how many of the people it names are trained, the untrained first (each group in the plan's order). */
export function coverageRows(coverage: readonly PlanCoverage[]): CoverageRow[] {
  return coverage.map(({ plan, people }) => ({
    plan,
    trained: people.filter((person) => person.trained).length,
    total: people.length,
    people: [...people.filter((person) => !person.trained), ...people.filter((person) => person.trained)],
  }));
}

/** A training session with the day it stops counting. */
export interface SessionRow {
  id: string;
  title: string;
  date: string;
  plans: string[];
  attendees: string[];
  validUntil: string;
  /** Whether it still counts on `today`. */
  valid: boolean;
}

/** The sessions, latest first, each with the day it stops counting. */
export function sessionRows(
  sessions: readonly { id: string; spec: TrainingSpec }[],
  policy: Pick<EffectivePolicy, 'exercises'>,
  today: string,
): SessionRow[] {
  return sessions
    .map(({ id, spec }) => {
      const validUntil = trainingValidUntil(spec, policy);
      return {
        id,
        title: spec.title,
        date: spec.date,
        plans: [...spec.plans],
        attendees: [...spec.attendees],
        validUntil,
        valid: spec.date <= today && validUntil >= today,
      };
    })
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1));
}
