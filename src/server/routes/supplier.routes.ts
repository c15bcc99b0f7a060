import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import type { SupplierService } from '../services/supplier.service.ts';
import { supplierAnalysisSchema } from './supplier.schema.ts';

/** `GET /api/v1/analysis/suppliers`: each supplier's concentration, exit plan state and contracts; fourth parties. */
export function registerSupplierRoutes(app: FastifyInstance, suppliers: SupplierService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/analysis/suppliers',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary:
          'Supplier concentration: suppliers ranked by what their failure takes down, and fourth parties',
        description:
          'For each Vendor, failed with its group and its supply chain: the services that go down (weighted by ' +
          'tier and by BIA loss at the RTO), the critical or important functions that rely on it, its ' +
          'substitutability, exit plan state and contracts; and the subcontractors two or more suppliers share. ' +
          'Computed off the request path and cached per catalog state.',
        response: { 200: supplierAnalysisSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const answer = await suppliers.analysisAnswer(workContext(request, reply));
      // The worker thread serialised the answer already (the schema documents it).
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(answer);
    },
  );
}
