/**
 * The auditor's evidence pack and the management review report on the stored catalog: the compliance report at
 * the period's end, the documents, frozen versions and audit head the checks read, the stored snapshots of the
 * period, and (for the review) the risk and supplier analyses; the models are pure (src/reports/), the PDFs
 * rendered in the heavy-work pool as plan packs are.
 */
import type { FrameworkId } from '../../compliance/types.ts';
import { isDate } from '../../dora/values.ts';
import { evidencePackModel } from '../../reports/evidence-pack-model.ts';
import type { EvidencePackModel } from '../../reports/evidence-pack-model.ts';
import { managementReviewModel } from '../../reports/management-review-model.ts';
import type { ManagementReviewModel } from '../../reports/management-review-model.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { checkFramework } from './compliance.service.ts';
import type { ComplianceService } from './compliance.service.ts';
import { CatalogError } from './errors.ts';
import type { GraphProvider } from './graph-provider.ts';
import type { HeavyWork, WorkContext } from './heavy-work.ts';
import { createRiskService } from './risk.service.ts';
import { createSupplierService } from './supplier.service.ts';

/** The framework an evidence pack is for when the request names none. */
export const DEFAULT_PACK_FRAMEWORK: FrameworkId = 'iso22301';

/** A period of days, both ends included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** The date `months` calendar months before `date` (YYYY-MM-DD), the day clamped to the month's length. */
function monthsBefore(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return first.toISOString().slice(0, 10);
}

/** The day after `date`. */
const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The period a request asks for: `to` defaults to today, `from` to the day after the same date twelve months
 * before (the last 12 months, both ends included). A date that is not YYYY-MM-DD, or a period backwards, is bad input.
 */
export function reportPeriod(
  options: { from?: string | undefined; to?: string | undefined },
  today: string,
): ReportPeriod {
  for (const [name, value] of Object.entries(options))
    if (value !== undefined && !isDate(value))
      throw new CatalogError(
        'invalid',
        `${name} "${value}" is not a date: expected YYYY-MM-DD, such as 2026-12-06`,
      );
  const to = options.to ?? today;
  const from = options.from ?? nextDay(monthsBefore(to, 12));
  if (from > to) throw new CatalogError('invalid', `from ${from} is after to ${to}: give a period forwards`);
  return { from, to };
}

/** The evidence pack and management review service. */
export function createComplianceReportService(deps: {
  database: LifeboatDatabase;
  compliance: ComplianceService;
  graphs: GraphProvider;
  work: HeavyWork;
  now: () => Date;
}) {
  const { compliance, graphs, work, now } = deps;
  // The analyses cache per catalog state in the shared graph provider: these instances share the routes' answers.
  const risks = createRiskService(deps);
  const suppliers = createSupplierService(deps);
  const today = () => now().toISOString().slice(0, 10);

  return {
    /** The evidence pack's model of a framework (default ISO 22301) over a period (default the last 12 months). */
    async evidencePack(
      options: { framework?: string | undefined; from?: string | undefined; to?: string | undefined },
      context: WorkContext = { user: 'local' },
    ): Promise<EvidencePackModel> {
      const framework = options.framework ?? DEFAULT_PACK_FRAMEWORK;
      checkFramework(framework);
      const period = reportPeriod({ from: options.from, to: options.to }, today());
      const [report, input, view] = await Promise.all([
        compliance.report({ at: period.to, framework }, context),
        compliance.input(period.to, context),
        graphs.catalog(),
      ]);
      return evidencePackModel({
        report,
        documents: input.documents,
        source: input.source,
        versions: input.versions,
        audit: input.audit,
        ...period,
        generatedAt: now(),
        graph: view.graph(),
      });
    },

    /** The management review's model over a period (default the last 12 months). */
    async managementReview(
      options: { from?: string | undefined; to?: string | undefined },
      context: WorkContext = { user: 'local' },
    ): Promise<ManagementReviewModel> {
      const period = reportPeriod(options, today());
      const [report, trend, input, view, riskAnalysis, supplierAnalysis] = await Promise.all([
        compliance.report({ at: period.to }, context),
        compliance.trend(period),
        compliance.input(period.to, context),
        graphs.catalog(),
        risks.analysis({}, context),
        suppliers.analysis(context),
      ]);
      return managementReviewModel({
        report,
        trend,
        documents: input.documents,
        ...period,
        generatedAt: now(),
        risks: riskAnalysis,
        suppliers: supplierAnalysis,
        graph: view.graph(),
      });
    },

    /** An evidence pack as PDF, rendered in the heavy-work pool. */
    evidencePackPdf: (model: EvidencePackModel, context: WorkContext = { user: 'local' }): Promise<Buffer> =>
      work.evidencePackPdf(model, context),

    /** A management review as PDF, rendered in the heavy-work pool. */
    managementReviewPdf: (
      model: ManagementReviewModel,
      context: WorkContext = { user: 'local' },
    ): Promise<Buffer> => work.managementReviewPdf(model, context),
  };
}

/** The evidence pack and management review service's interface. */
export type ComplianceReportService = ReturnType<typeof createComplianceReportService>;
