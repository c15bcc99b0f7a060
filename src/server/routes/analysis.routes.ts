import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import { problemSchema } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import {
  graphSchema,
  impactSchema,
  objectivesSchema,
  singlePointsSchema,
  spofSchema,
} from './analysis.schema.ts';
import type { AnalysisService } from '../services/analysis.service.ts';
import { MAX_CUT_SET_ORDER } from '../services/analysis.service.ts';

/** Sends an answer the worker thread that computed it has already serialised (the schema documents it). */
function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** `POST /api/v1/analysis/impact`, `GET /api/v1/analysis/spof|single-points|objectives` and `GET /api/v1/graph`. */
export function registerAnalysisRoutes(app: FastifyInstance, analysis: AnalysisService): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  route.post(
    '/api/v1/analysis/impact',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary: 'What a failure takes down, when each service is back, and which objectives are breached',
        description:
          "With `plan`, the plan is followed: its scenario fails (unless `fail` is given) and a node one of its steps restores is back at the later of the step's end and its own requirements.",
        body: z
          .object({
            fail: z.array(idSchema).min(1).max(10_000).optional(),
            plan: idSchema.optional().meta({ description: 'A Plan to follow.' }),
          })
          .refine((body) => body.fail !== undefined || body.plan !== undefined, {
            message: 'give the failed nodes (fail), a plan to follow (plan), or both',
          }),
        response: { 200: impactSchema, 400: problemSchema, 404: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const { fail, plan } = request.body;
      const context = workContext(request, reply);
      if (plan !== undefined) return sendJson(reply, await analysis.followPlanAnswer(plan, fail, context));
      return sendJson(reply, await analysis.impactAnswer(fail ?? [], context));
    },
  );

  route.get(
    '/api/v1/analysis/spof',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary: 'Minimal cut sets (single points of failure and pairs) of every service or one',
        querystring: z.object({
          service: idSchema.optional(),
          maxOrder: z.coerce.number().int().min(1).max(MAX_CUT_SET_ORDER).default(2),
        }),
        response: { 200: spofSchema, 400: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const { service, maxOrder } = request.query;
      const options = { maxOrder, ...(service !== undefined && { service }) };
      return sendJson(reply, await analysis.spofAnswer(options, workContext(request, reply)));
    },
  );

  route.get(
    '/api/v1/analysis/single-points',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary: 'Single points of failure, ranked by the services each takes down alone, weighted by tier',
        description:
          'Each node whose failure alone takes down at least one service, with those services (the first 25, by ' +
          'tier) and a score: the sum of their tier weights, 8, 4, 2 and 1 for tiers 1 to 4.',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }),
        response: { 200: singlePointsSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => analysis.singlePoints(request.query.limit, workContext(request, reply)),
  );

  route.get(
    '/api/v1/analysis/objectives',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary:
          'The objectives gap: every service against its RTO and RPO in every site, vendor, plan and risk scenario',
        description:
          'Scenarios: each Site alone, each Vendor alone, the scenario of each Plan that is not retired, with ' +
          "restore times that follow the plan's steps, and the scenario of each Risk that has one. Computed off the request path and cached per catalog state. " +
          'The query keeps only some services (every condition given applies; every scenario stays): on a large ' +
          'catalog the whole answer is tens of megabytes.',
        querystring: z.object({
          tier: z.coerce.number().int().min(1).max(4).optional().meta({ description: 'Only this tier.' }),
          breaches: z.enum(['true', 'false']).optional().meta({
            description:
              'true: only services that miss their RTO or RPO in a scenario; false: only the others.',
          }),
          service: idSchema.optional().meta({ description: 'Only this service (404 when there is none).' }),
        }),
        response: {
          200: objectivesSchema,
          400: problemSchema,
          404: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { tier, breaches, service } = request.query;
      const filter = {
        ...(tier !== undefined && { tier }),
        ...(breaches !== undefined && { breaches: breaches === 'true' }),
        ...(service !== undefined && { service }),
      };
      return sendJson(reply, await analysis.objectivesAnswer(workContext(request, reply), filter));
    },
  );

  route.get(
    '/api/v1/graph',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary: 'The dependency graph around a failure node',
        description: 'An edge `from` -> `to` means `from` depends on `to`.',
        querystring: z.object({
          around: idSchema,
          depth: z.coerce.number().int().min(0).max(50).default(2),
          direction: z.enum(['up', 'down', 'both']).default('both'),
          limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
        }),
        response: { 200: graphSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { around, ...options } = request.query;
      return analysis.neighbourhood(around, options);
    },
  );
}
