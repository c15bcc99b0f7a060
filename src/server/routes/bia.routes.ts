import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../http/problem.ts';
import type { BiaService } from '../services/bia.service.ts';
import { biaAnalysisSchema } from './bia.schema.ts';

/** `GET /api/v1/analysis/bia`. */
export function registerBiaRoutes(app: FastifyInstance, bia: BiaService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/analysis/bia',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary:
          "Each service's business impact analysis read at the policy's horizons, with its derived MTPD and the RTO and tier that follow",
        description:
          "Only approved assessments count: a service's current BIA is its latest approved assessment by `assessedOn` " +
          '(an assessment edited since its approval counts as it was approved). Computed once per catalog state.',
        response: { 200: biaAnalysisSchema, 401: problemSchema },
      },
    },
    async () => bia.analysis(),
  );
}
