import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FRAMEWORK_IDS } from '../../catalog/vocabulary.ts';
import { isDate } from '../../dora/values.ts';
import { problemSchema } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import type { ComplianceService } from '../services/compliance.service.ts';
import { complianceReportSchema, complianceTrendSchema } from './compliance.schema.ts';

/** A date parameter: a calendar day written YYYY-MM-DD. */
const day = (description: string) =>
  z
    .string()
    .refine(isDate, 'expected a date as YYYY-MM-DD, such as 2026-12-06')
    .optional()
    .meta({ description });

/** Sends an answer already serialised where it was computed (the schema documents it). */
function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** `GET /api/v1/analysis/compliance` (the checks and the frameworks' requirements) and its `/trend`. */
export function registerComplianceRoutes(app: FastifyInstance, compliance: ComplianceService): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  route.get(
    '/api/v1/analysis/compliance',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary: 'Compliance: each check with its passing and failing items and evidence, and each framework',
        description:
          "The 17 checks (ISO 22301, NIST SP 800-34, DORA, NIS2) computed from the stored catalog, its frozen versions and the audit chain, at a date; with `framework`, that framework's requirements and the checks it cites. " +
          'Evaluated off the request path and cached per catalog state, date and framework.',
        querystring: z.object({
          at: day('The day to evaluate at; default today (UTC).'),
          framework: z.enum(FRAMEWORK_IDS).optional().meta({ description: 'Only this framework.' }),
        }),
        response: { 200: complianceReportSchema, 400: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const { at, framework } = request.query;
      return sendJson(reply, await compliance.reportAnswer({ at, framework }, workContext(request, reply)));
    },
  );

  route.get(
    '/api/v1/analysis/compliance/trend',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary: 'The readiness trend: the daily compliance snapshots of a period',
        description:
          'One snapshot a day, kept by the compliance-snapshot job (06:00 UTC): the score and each check’s status and counts.',
        querystring: z.object({
          from: day('The first day; default 364 days before `to`.'),
          to: day('The last day; default today (UTC).'),
        }),
        response: { 200: complianceTrendSchema, 400: problemSchema },
      },
    },
    async (request) => ({ snapshots: await compliance.trend(request.query) }),
  );
}
