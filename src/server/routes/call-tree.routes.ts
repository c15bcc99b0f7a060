import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import { ackPage } from './ack-page.ts';
import type { Actor } from '../services/catalog.service.ts';
import type { CallTreeService } from '../services/call-tree.service.ts';
import { CatalogError } from '../services/errors.ts';
import { acknowledgementSchema, callTreeSchema, invocationSchema } from './call-tree.schema.ts';

const tokenParams = z.object({
  token: z.string().min(1).max(200).meta({ description: 'The token of the emailed link.' }),
});

/** Whether the request comes from the acknowledgement page's form in a browser (a page back) rather than an API client (JSON). */
function fromForm(request: FastifyRequest): boolean {
  return (
    (request.headers['content-type'] ?? '').startsWith('text/plain') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/**
 * Invoking a plan (`POST /api/v1/plans/{id}/invoke`), an incident's call tree, and the acknowledgement links:
 * `GET /ack/{token}` (a page, changes nothing: mail scanners follow links) and `POST /api/v1/ack/{token}`.
 */
export function registerCallTreeRoutes(
  app: FastifyInstance,
  callTree: CallTreeService,
  auth: Pick<AuthService, 'ownerScope'>,
): void {
  const route = app.withTypeProvider<ZodTypeProvider>();

  /** A service owner invokes within a scope: the plans of their Person and their teams. */
  async function invoker(request: FastifyRequest): Promise<Actor> {
    const name = actorOf(request);
    const principal = request.principal;
    if (principal?.role !== 'owner') return name;
    return { name, ownerScope: await auth.ownerScope(principal.email) };
  }

  route.post(
    '/api/v1/plans/:id/invoke',
    {
      // A service owner may invoke the plans they or their teams own; the call-tree service checks which.
      config: { access: 'catalog:write', ownerScoped: true },
      schema: {
        tags: ['plans'],
        summary: 'Invoke a plan: declare an incident for its scenario and notify its call tree',
        description:
          "Creates an Incident (id `<plan>-<yyyymmdd>`, then -2, -3... on the same day) for the plan's scenario and " +
          'emails the first contacts of its call tree, each with a one-time acknowledgement link; publishes ' +
          '`plan.invoked`. A retired plan answers 409.',
        params: z.object({ id: idSchema }),
        body: z
          .strictObject({
            summary: z
              .string()
              .max(10_000)
              .optional()
              .meta({ description: "What is happening; the plan's scenario when absent." }),
          })
          .nullish(),
        response: {
          201: invocationSchema,
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await callTree.invoke(
        request.params.id,
        await invoker(request),
        request.body?.summary !== undefined ? { summary: request.body.summary } : {},
      );
      return reply.code(201).send(result);
    },
  );

  route.get(
    '/api/v1/incidents/:id/call-tree',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['incidents'],
        summary: 'The call tree of an incident: each contact, who was reached, who acknowledged and when',
        description:
          'Derived from the notifications sent; `contacts` is empty for an incident no plan invocation declared.',
        params: z.object({ id: idSchema }),
        response: { 200: callTreeSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => callTree.view(request.params.id),
  );

  route.post(
    '/api/v1/ack/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['incidents'],
        summary: 'Acknowledge a call-tree notification through its one-time link (no sign-in)',
        description:
          'Acknowledges once; again answers `already: true` with the time it was. An unknown or expired link ' +
          'answers 404. The page at GET /ack/{token} posts here from a form and gets a page back.',
        params: tokenParams,
        response: { 200: acknowledgementSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      if (!fromForm(request)) return callTree.acknowledge(request.params.token);
      try {
        const done = await callTree.acknowledge(request.params.token);
        return sendPage(reply, 200, ackPage({ kind: 'acknowledged', ...done }));
      } catch (error) {
        if (error instanceof CatalogError && error.code === 'not-found')
          return sendPage(reply, 404, ackPage({ kind: 'unknown', detail: error.detail }));
        throw error;
      }
    },
  );

  route.get(
    '/ack/:token',
    {
      config: { access: 'public' },
      schema: { hide: true, params: tokenParams },
    },
    async (request, reply) => {
      const { token } = request.params;
      try {
        const found = await callTree.lookup(token);
        return sendPage(
          reply,
          200,
          found.acknowledgedAt === undefined
            ? ackPage({ kind: 'confirm', token, ...found })
            : ackPage({
                kind: 'acknowledged',
                name: found.name,
                incident: found.incident,
                acknowledgedAt: found.acknowledgedAt,
                already: true,
              }),
        );
      } catch (error) {
        if (error instanceof CatalogError && error.code === 'not-found')
          return sendPage(reply, 404, ackPage({ kind: 'unknown', detail: error.detail }));
        throw error;
      }
    },
  );
}
