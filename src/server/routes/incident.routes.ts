import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import { ACTION_SOURCES } from '../../plans/actions.ts';
import { problemSchema } from '../http/problem.ts';
import type { IncidentService } from '../services/incident.service.ts';
import { actionsSchema, incidentFiguresSchema } from './plan.schema.ts';

/** `GET /api/v1/incidents/{id}/figures` and `GET /api/v1/actions` beside the generic incident routes. */
export function registerIncidentRoutes(app: FastifyInstance, incidents: IncidentService): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  route.get(
    '/api/v1/incidents/:id/figures',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['incidents'],
        summary:
          'Affected services, real downtime against RTO and MTPD, data loss against RPO, predicted restore',
        params: z.object({ id: idSchema }),
        response: { 200: incidentFiguresSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => incidents.figures(request.params.id),
  );

  route.get(
    '/api/v1/actions',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['incidents'],
        summary:
          'Actions of every incident, risk treatment and exercise finding (with an owner and a due date), soonest due first',
        querystring: z.object({
          status: z.enum(['open', 'done']).optional(),
          source: z.enum(ACTION_SOURCES).optional().meta({ description: 'Only the actions of one source.' }),
        }),
        response: { 200: actionsSchema, 400: problemSchema },
      },
    },
    async (request) => ({ items: await incidents.actions(request.query) }),
  );
}
