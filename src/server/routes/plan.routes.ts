import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import type { PlanDocument } from '../../plans/versions.ts';
import { renderPackHtml } from '../../reports/pack-html.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import type { PlanService } from '../services/plan.service.ts';
import { registerApprovalHooks, reviewedBody, reviewedVersion } from './approval.routes.ts';
import {
  approvalSchema,
  duePlansSchema,
  planVersionSchema,
  planVersionsSchema,
  recoveryOrderSchema,
} from './plan.schema.ts';

const idParams = z.object({ id: idSchema });

/** The pack itself: PDF bytes or one HTML file (sent as they are, not serialized as JSON). */
const packSchema = z
  .custom<string | Buffer>((value) => typeof value === 'string' || Buffer.isBuffer(value))
  .meta({ description: 'The plan pack, as application/pdf or text/html.', format: 'binary' });
const tags = ['plans'];
const errors = { 400: problemSchema, 404: problemSchema };

/**
 * Plan routes beside the generic `/api/v1/plans` ones: approval and frozen versions, review, recovery order and
 * packs. Approval is derived: hooks on the generic routes store a plan without the approval fields a client
 * sends, and answer every plan with the approval its frozen versions give it.
 */
export function registerPlanRoutes(app: FastifyInstance, plans: PlanService): void {
  // `GET /api/v1/plans?due=true` is the same list as `GET /api/v1/plans/due` (the generic listing has no `due`).
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/api/v1/plans') return;
    if (new URLSearchParams(request.url.split('?')[1] ?? '').get('due') !== 'true') return;
    return reply.send({ items: await plans.due() });
  });

  // Approval fields in a created or replaced plan are a claim the server does not take: they are dropped and the
  // answer shows the approval the versions give (an edited plan is a draft; a label or review date keeps it).
  registerApprovalHooks<PlanDocument>(app, 'Plan', (documents) => plans.views(documents));

  const route = app.withTypeProvider<ZodTypeProvider>();
  route.post(
    '/api/v1/plans/:id/approve',
    {
      // No `kind`: a service owner may edit their plans, but approving one is for a manager or an admin.
      config: { access: 'catalog:write' },
      schema: {
        tags,
        summary: 'Approve a plan at the version you reviewed and freeze it as the next numbered version',
        description:
          'Name the version you reviewed with If-Match or {"version": n}: 428 without one, 409 when the plan has changed since.',
        params: idParams,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: reviewedBody,
        response: { 200: approvalSchema, ...errors, 409: problemSchema, 428: problemSchema },
      },
    },
    async (request) =>
      plans.approve(
        request.params.id,
        actorOf(request),
        reviewedVersion(request.headers['if-match'], request.body),
      ),
  );

  route.get(
    '/api/v1/plans/due',
    {
      config: { access: 'catalog:read' },
      schema: { tags, summary: 'Plans due for review, with the reasons', response: { 200: duePlansSchema } },
    },
    async () => ({ items: await plans.due() }),
  );

  route.get(
    '/api/v1/plans/:id/versions',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: 'The approved versions of a plan',
        params: idParams,
        response: { 200: planVersionsSchema, ...errors },
      },
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
        response: { 200: planVersionSchema, ...errors },
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
        response: { 200: recoveryOrderSchema, ...errors },
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
        produces: ['application/pdf', 'text/html'],
        response: { 200: packSchema, ...errors, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const model = await plans.packModel(request.params.id);
      const attachment = `attachment; filename="${model.id}.${request.query.format}"`;
      if (request.query.format === 'html')
        return reply
          .header('content-disposition', attachment)
          .type('text/html; charset=utf-8')
          .send(renderPackHtml(model));
      // Rendering a PDF takes long enough to hold up other requests: the heavy-work pool does it.
      const pdf = await plans.packPdf(model, workContext(request, reply));
      return reply.header('content-disposition', attachment).type('application/pdf').send(pdf);
    },
  );
}
