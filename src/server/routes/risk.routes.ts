import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import type { RiskService } from '../services/risk.service.ts';
import { riskAnalysisSchema } from './risk.schema.ts';

/** `GET /api/v1/analysis/risk`: the risk register's scores, quantified annual losses and suggested risks. */
export function registerRiskRoutes(app: FastifyInstance, risks: RiskService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/analysis/risk',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary: 'The risk register: scores, annual loss by Monte Carlo simulation, and suggested risks',
        description:
          "Each risk's inherent and residual score against the policy appetite; for a risk with a frequency, its " +
          'annual loss over `runs` simulated years (ALE, quantiles, probability of a loss, exceedance curve), each ' +
          "event costing its loss range or its scenario's business loss; the portfolio year by year; and the " +
          'single points of failure of tier 1 and 2 services no risk names. The same seed on the same catalog ' +
          'gives the same answer. Computed off the request path and cached per catalog state.',
        querystring: z.object({
          runs: z.coerce
            .number()
            .int()
            .min(100)
            .max(1_000_000)
            .optional()
            .meta({ description: "Years simulated per risk; default the policy's risk.runs (10,000)." }),
          seed: z.coerce
            .number()
            .int()
            .min(0)
            .max(2 ** 32 - 1)
            .optional()
            .meta({ description: 'The seed of the simulation; default 1.' }),
        }),
        response: { 200: riskAnalysisSchema, 400: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const { runs, seed } = request.query;
      const answer = await risks.analysisAnswer(
        { ...(runs !== undefined && { runs }), ...(seed !== undefined && { seed }) },
        workContext(request, reply),
      );
      // The worker thread serialised the answer already (the schema documents it).
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(answer);
    },
  );
}
