import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import { problemSchema } from '../http/problem.ts';
import type { AssessmentService } from '../services/assessment.service.ts';
import { campaignProgressSchema } from './assessment.schema.ts';

/** Campaign routes beside the generic `/api/v1/campaigns` ones: the progress of a BIA round, derived. */
export function registerCampaignRoutes(app: FastifyInstance, assessments: AssessmentService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/campaigns/:id/progress',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['campaigns'],
        summary:
          "A campaign's progress: each service's state (not started, draft, submitted, approved), and counts",
        description:
          'Derived from the assessments on each read: an assessment counts when it names the service and is dated on or after the day the campaign opens.',
        params: z.object({ id: idSchema }),
        response: { 200: campaignProgressSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => assessments.progress(request.params.id),
  );
}
