import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import { renderExerciseReportHtml } from '../../reports/exercise-report-html.ts';
import { problemSchema } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import type { ExerciseReportService } from '../services/exercise-report.service.ts';

/** The report itself: PDF bytes or one HTML file (sent as they are, not serialized as JSON). */
const reportSchema = z
  .custom<string | Buffer>((value) => typeof value === 'string' || Buffer.isBuffer(value))
  .meta({ description: 'The exercise report, as application/pdf or text/html.', format: 'binary' });

/** `GET /api/v1/exercises/:id/report`: the exercise report as a PDF or one self-contained HTML file. */
export function registerExerciseReportRoutes(app: FastifyInstance, reports: ExerciseReportService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/exercises/:id/report',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['exercises'],
        summary:
          'The exercise report: scope, participants, timeline, achieved against predicted against target per service, findings and lessons',
        description:
          'A PDF for print, or one self-contained HTML file (inline CSS and SVG, no script, no network). A planned ' +
          'exercise has a report too: its scope, participants and objectives, marked as not yet run.',
        params: z.object({ id: idSchema }),
        querystring: z.object({ format: z.enum(['pdf', 'html']).default('pdf') }),
        produces: ['application/pdf', 'text/html'],
        response: { 200: reportSchema, 400: problemSchema, 404: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const model = await reports.model(request.params.id);
      const attachment = `attachment; filename="${model.id}-report.${request.query.format}"`;
      if (request.query.format === 'html')
        return reply
          .header('content-disposition', attachment)
          .type('text/html; charset=utf-8')
          .send(renderExerciseReportHtml(model));
      // Rendering a PDF takes long enough to hold up other requests: the heavy-work pool does it.
      const pdf = await reports.pdf(model, workContext(request, reply));
      return reply.header('content-disposition', attachment).type('application/pdf').send(pdf);
    },
  );
}
