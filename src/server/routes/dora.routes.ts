import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { judgeRegister } from '../../dora/export/judge.ts';
import { RegisterInputError } from '../../dora/export/register.ts';
import { registerZip } from '../../dora/export/zip.ts';
import { isDate } from '../../dora/values.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { problemSchema, sendProblem } from '../http/problem.ts';
import { createImportService } from '../services/import.service.ts';

/** The ZIP itself (sent as bytes, not serialized as JSON). */
const zipSchema = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ description: 'The report package, application/zip.', format: 'binary' });

/**
 * `GET /api/v1/exports/dora`: the DORA register of information of the stored catalog as the EBA report package,
 * for managers and auditors. A register the validator would refuse is not sent: the answer lists its problems.
 */
export function registerDoraRoutes(
  app: FastifyInstance,
  deps: { database: LifeboatDatabase; now: () => Date },
): void {
  const documents = createImportService(deps);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/exports/dora',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['exports'],
        summary: 'The DORA register of information as an EBA xBRL-CSV report package (ZIP)',
        description:
          'Built from the catalog (Policy organisation, Contracts, Vendors, Services with a function) and checked ' +
          'by the same validator as `lifeboat check dora` before it is sent. When the register has problems the ' +
          'answer is 422 with `problems`, each naming the template, row, column and the catalog document to fix. ' +
          'Amounts are in the policy currency, which the package names as its base currency.',
        querystring: z.object({
          referenceDate: z
            .string()
            .refine(isDate, 'a reference date is YYYY-MM-DD')
            .optional()
            .meta({ description: 'The reference date; default 31 December of last year.' }),
          entity: z
            .string()
            .regex(/^[A-Z0-9]{20}$/, 'an entity is given by its 20-character LEI')
            .optional()
            .meta({
              description: "The reporting entity's LEI: the organisation's (default) or one of its entities.",
            }),
        }),
        produces: ['application/zip'],
        response: { 200: zipSchema, 400: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { referenceDate, entity } = request.query;
      let judged;
      try {
        judged = judgeRegister(await documents.exportDocuments(), {
          createdAt: deps.now(),
          ...(referenceDate ? { referenceDate } : {}),
          ...(entity ? { entity } : {}),
        });
      } catch (error) {
        if (error instanceof RegisterInputError) return sendProblem(reply, 422, { detail: error.message });
        throw error;
      }
      if (judged.problems.length > 0) {
        const count = judged.problems.length;
        return sendProblem(reply, 422, {
          detail: `the register has ${count} problem${count === 1 ? '' : 's'}; fix the documents each names and export again`,
          problems: judged.problems,
        });
      }
      return reply
        .header('content-disposition', `attachment; filename="${judged.register.zipName}"`)
        .type('application/zip')
        .send(Buffer.from(registerZip(judged.register)));
    },
  );
}
