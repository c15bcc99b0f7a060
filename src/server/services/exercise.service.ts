import { catalogPolicy } from '../../bia/current.ts';
import { analyzeExercises, exerciseInput } from '../../exercises/analysis.ts';
import type { ExerciseAnalysis } from '../../exercises/analysis.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createGraphProvider } from './graph-provider.ts';
import type { CatalogView, GraphProvider } from './graph-provider.ts';

/**
 * The exercise analysis of the stored catalog (docs/exercises.md): computed once per catalog state and day, from
 * the shared graph provider's view; due dates and validity are judged on `now`'s UTC date.
 */
export function createExerciseService(deps: {
  database: LifeboatDatabase;
  graphs?: GraphProvider;
  now?: () => Date;
}) {
  const graphs = deps.graphs ?? createGraphProvider({ database: deps.database });
  const now = deps.now ?? (() => new Date());
  let cached: { view: CatalogView; today: string; analysis: ExerciseAnalysis } | undefined;

  return {
    async analysis(): Promise<ExerciseAnalysis> {
      const view = await graphs.catalog();
      const today = now().toISOString().slice(0, 10);
      if (cached?.view !== view || cached.today !== today) {
        const policy = catalogPolicy(view.documents);
        const analysis = analyzeExercises(exerciseInput(view.documents, view.graph(), policy, today));
        cached = { view, today, analysis };
      }
      return cached.analysis;
    },
  };
}

/** The exercise service's interface. */
export type ExerciseService = ReturnType<typeof createExerciseService>;
