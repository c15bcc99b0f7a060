import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import type { PlanDocument } from '../../plans/versions.ts';
import { renderPackHtml } from '../../reports/pack-html.ts';
import { renderPackPdf } from '../../reports/pack-pdf.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import type { PlanService } from '../services/plan.service.ts';

const idParams = z.object({ id: idSchema });
const tags = ['plans'];
// Answers are documented in docs/plans.md; the serializer sends them as they are built.
const errors = { 200: z.unknown(), 400: problemSchema, 404: problemSchema };

/**
 * Plan routes beside the generic `/api/v1/plans` ones: approval and frozen versions, review, recovery order and
 * packs. A hook on the generic PUT applies the edit rule: an approved plan that changes becomes a draft again.
 */
export function registerPlanRoutes(app: FastifyInstance, plans: PlanService): void {
  // `GET /api/v1/plans?due=true` is the same list as `GET /api/v1/plans/due` (the generic listing has no `due`).
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/api/v1/plans') return;
    if (new URLSearchParams(request.url.split('?')[1] ?? '').get('due') !== 'true') return;
    return reply.send({ items: await plans.due() });
  });

  app.addHook('preHandler', async (request) => {
    if (request.method !== 'PUT' || request.routeOptions.url !== '/api/v1/plans/:id') return;
    const body = request.body as PlanDocument;
    request.body = await plans.editOutcome(body.metadata.id, body);
  });

  const route = app.withTypeProvider<ZodTypeProvider>();
  route.post(
    '/api/v1/plans/:id/approve',
    {
      // No `kind`: a service owner may edit their plans, but approving one is for a manager or an admin.
      config: { access: 'catalog:write' },
      schema: {
        tags,
        summary: 'Approve a plan as it stands and freeze it as the next numbered version',
        params: idParams,
        response: errors,
      },
    },
    async (request) => plans.approve(request.params.id, actorOf(request)),
  );

  route.get(
    '/api/v1/plans/due',
    {
      config: { access: 'catalog:read' },
      schema: { tags, summary: 'Plans due for review, with the reasons' },
    },
    async () => ({ items: await plans.due() }),
  );

  route.get(
    '/api/v1/plans/:id/versions',
    {
      config: { access: 'catalog:read' },
      schema: { tags, summary: 'The approved versions of a plan', params: idParams, response: errors },
    },
    async (request) => ({ items: await plans.versions(request.params.id) }),
  );

  route.get(
    '/api/v1/plans/:id/versions/:number',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: 'One approved version of a plan, as it was approved',
        params: z.object({ id: idSchema, number: z.coerce.number().int().min(1) }),
        response: errors,
      },
    },
    async (request) => plans.version(request.params.id, request.params.number),
  );

  route.get(
    '/api/v1/plans/:id/recovery-order',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: "The generated recovery order of the plan's scenario, and written steps that contradict it",
        params: idParams,
        response: errors,
      },
    },
    async (request) => plans.recoveryOrder(request.params.id),
  );

  route.get(
    '/api/v1/plans/:id/pack',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: 'The offline plan pack: a PDF for print, or one self-contained HTML file',
        params: idParams,
        querystring: z.object({ format: z.enum(['pdf', 'html']).default('pdf') }),
        response: errors,
      },
    },
    async (request, reply) => {
      const model = await plans.packModel(request.params.id);
      const name = `${model.id}.${request.query.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (request.query.format === 'html')
        return reply.type('text/html; charset=utf-8').send(renderPackHtml(model));
      return reply.type('application/pdf').send(await renderPackPdf(model));
    },
  );
}
