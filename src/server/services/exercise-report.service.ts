import { didYouMean } from '../../catalog/check/suggest.ts';
import { approvePlan, planView } from '../../plans/versions.ts';
import type { PlanDocument } from '../../plans/versions.ts';
import { buildExerciseReportModel } from '../../reports/exercise-report-model.ts';
import type { ExerciseReportModel, PlanApproval } from '../../reports/exercise-report-model.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createApprovalService } from './approval.service.ts';
import { CatalogError } from './errors.ts';
import { createGraphProvider } from './graph-provider.ts';
import type { GraphProvider } from './graph-provider.ts';
import { createHeavyWork, engineErrorOf } from './heavy-work.ts';
import type { HeavyWork, WorkContext } from './heavy-work.ts';

/**
 * Exercise reports of the stored catalog (docs/exercises.md, "Report"): the model from the shared graph
 * provider's view and the plans' approvals; the PDF rendered in the heavy-work pool, as plan packs are.
 */
export function createExerciseReportService(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  graphs?: GraphProvider;
  work?: HeavyWork;
}) {
  const { database, now } = deps;
  const graphs = deps.graphs ?? createGraphProvider({ database });
  const work = deps.work ?? createHeavyWork({ threads: 0 });
  const approval = createApprovalService<PlanDocument>({ database, now, kind: 'Plan', freeze: approvePlan });

  return {
    /** The report's model of one exercise; not-found when the catalog holds no Exercise of that id. */
    async model(id: string): Promise<ExerciseReportModel> {
      const view = await graphs.catalog();
      const exercise = view.byId.get(id);
      if (exercise?.kind !== 'Exercise') {
        const ids = view.documents.flatMap((d) => (d.kind === 'Exercise' ? [d.metadata.id] : []));
        throw new CatalogError('not-found', `No Exercise has the id "${id}"${didYouMean(id, ids)}`);
      }
      // Each plan as it reads now: approved (which version, by whom) while it says what was last frozen.
      const latest = await approval.latestVersions(exercise.spec.plans);
      const approvals = new Map<string, PlanApproval>();
      for (const planId of exercise.spec.plans) {
        const plan = view.byId.get(planId);
        if (plan?.kind !== 'Plan') continue;
        const version = latest.get(planId);
        const shown = planView(plan, version);
        const approved = shown.spec.status === 'approved';
        approvals.set(planId, {
          status: shown.spec.status ?? 'draft',
          version: approved && version ? version.number : null,
          approvedBy: approved ? (shown.spec.approvedBy ?? null) : null,
          approvedAt: approved ? (shown.spec.approvedAt ?? null) : null,
        });
      }
      try {
        return buildExerciseReportModel({
          exercise,
          documents: view.byId,
          graph: view.graph(),
          approvals,
          generatedAt: now(),
        });
      } catch (error) {
        throw engineErrorOf(error);
      }
    },

    /** The report as PDF, rendered in the heavy-work pool. */
    async pdf(model: ExerciseReportModel, context: WorkContext = { user: 'local' }): Promise<Buffer> {
      return work.exerciseReportPdf(model, context);
    },
  };
}

/** The exercise report service's interface. */
export type ExerciseReportService = ReturnType<typeof createExerciseReportService>;
