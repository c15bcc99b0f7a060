import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FRAMEWORK_IDS } from '../../catalog/vocabulary.ts';
import { isDate } from '../../dora/values.ts';
import type { PackHeader } from '../../reports/compliance-period.ts';
import { renderEvidencePackHtml } from '../../reports/evidence-pack-html.ts';
import { renderManagementReviewHtml } from '../../reports/management-review-html.ts';
import { problemSchema } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import type { ComplianceReportService } from '../services/compliance-report.service.ts';

/** The report itself: PDF bytes or one HTML file (sent as they are, not serialized as JSON). */
const reportSchema = z
  .custom<string | Buffer>((value) => typeof value === 'string' || Buffer.isBuffer(value))
  .meta({ description: 'The report, as application/pdf or text/html.', format: 'binary' });

/** A date parameter: a calendar day written YYYY-MM-DD. */
const day = (description: string) =>
  z
    .string()
    .refine(isDate, 'expected a date as YYYY-MM-DD, such as 2026-12-06')
    .optional()
    .meta({ description });

const period = {
  from: day('The first day of the period; default the day after the same date 12 months before `to`.'),
  to: day('The last day of the period (the checks are evaluated at it); default today (UTC).'),
  format: z.enum(['pdf', 'html']).default('pdf'),
};

const responses = { 200: reportSchema, 400: problemSchema, 429: problemSchema };

/** A file name's part from a name: lowercase letters and digits, hyphens between. */
const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'lifeboat';

/** Sends a report as a download named after the organisation, what it is and its period. */
async function sendReport(
  reply: FastifyReply,
  header: PackHeader,
  what: string,
  format: 'pdf' | 'html',
  body: () => string | Promise<Buffer>,
): Promise<FastifyReply> {
  const name = `${slug(header.organisation)}-${what}-${header.from}-to-${header.to}.${format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`);
  if (format === 'html') return reply.type('text/html; charset=utf-8').send(await body());
  return reply.type('application/pdf').send(await body());
}

/**
 * `GET /api/v1/reports/compliance-evidence` (the auditor's evidence pack) and `GET /api/v1/reports/management-review`
 * (ISO 22301 9.3): each a PDF for print, or one self-contained HTML file (inline CSS and SVG, no script, no network).
 */
export function registerComplianceReportRoutes(app: FastifyInstance, reports: ComplianceReportService): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  route.get(
    '/api/v1/reports/compliance-evidence',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary:
          "The auditor's evidence pack of a framework over a period: requirements, check results with their evidence, approved versions with checksums, exercises, incidents, risk acceptances and the audit log head",
        description:
          'The checks are evaluated at the end of the period. The audit head (sequence and hash) lets an auditor ' +
          'verify later, with GET /api/v1/audit/verify and the entry at that sequence, that the history has not changed.',
        querystring: z.object({
          framework: z
            .enum(FRAMEWORK_IDS)
            .optional()
            .meta({ description: 'The framework; default iso22301.' }),
          ...period,
        }),
        produces: ['application/pdf', 'text/html'],
        response: responses,
      },
    },
    async (request, reply) => {
      const { format, ...options } = request.query;
      const context = workContext(request, reply);
      const model = await reports.evidencePack(options, context);
      return sendReport(reply, model.header, `evidence-pack-${model.framework.id}`, format, () =>
        format === 'html' ? renderEvidencePackHtml(model) : reports.evidencePackPdf(model, context),
      );
    },
  );

  route.get(
    '/api/v1/reports/management-review',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary:
          'The management review report (ISO 22301 9.3) of a period: readiness and its trend, what changed, exercises, incidents, actions, top risks by ALE, supplier concentration and the decisions needed',
        querystring: z.object(period),
        produces: ['application/pdf', 'text/html'],
        response: responses,
      },
    },
    async (request, reply) => {
      const { format, ...options } = request.query;
      const context = workContext(request, reply);
      const model = await reports.managementReview(options, context);
      return sendReport(reply, model.header, 'management-review', format, () =>
        format === 'html' ? renderManagementReviewHtml(model) : reports.managementReviewPdf(model, context),
      );
    },
  );
}
