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

/** The register's problems, as the web page lists them. */
const registerProblemsSchema = z.object({
  ready: z
    .boolean()
    .meta({ description: 'True when the validator finds nothing: the register can be exported.' }),
  zipName: z
    .string()
    .nullable()
    .meta({ description: "The package's file name, null when none can be built." }),
  problems: z.array(
    z.object({
      table: z.string(),
      template: z.string().nullable(),
      row: z.int().nullable(),
      column: z.string().nullable(),
      rule: z.string(),
      message: z.string(),
      document: z
        .object({ kind: z.string(), id: z.string() })
        .nullable()
        .meta({ description: 'The catalog document to fix, when the row came from one.' }),
    }),
  ),
});

/** Which register: the reference date and the reporting entity. */
const registerQuery = z.object({
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
});

/**
 * `GET /api/v1/exports/dora`: the DORA register of information of the stored catalog as the EBA report package,
 * for managers and auditors. A register the validator would refuse is not sent: the answer lists its problems.
 */
export function registerDoraRoutes(
  app: FastifyInstance,
  deps: { database: LifeboatDatabase; now: () => Date },
): void {
  const documents = createImportService(deps);
  const judge = async ({ referenceDate, entity }: z.infer<typeof registerQuery>) =>
    judgeRegister(await documents.exportDocuments(), {
      createdAt: deps.now(),
      ...(referenceDate ? { referenceDate } : {}),
      ...(entity ? { entity } : {}),
    });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/exports/dora/problems',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['exports'],
        summary: 'What stands between the catalog and a register of information the validator accepts',
        description:
          'The same judgement as `GET /api/v1/exports/dora` without the package: `ready` when there is no ' +
          'problem, else each problem with the template, row, column and the catalog document to fix.',
        querystring: registerQuery,
        response: { 200: registerProblemsSchema, 400: problemSchema },
      },
    },
    async (request) => {
      try {
        const judged = await judge(request.query);
        return {
          ready: judged.problems.length === 0,
          zipName: judged.register.zipName,
          problems: [...judged.problems],
        };
      } catch (error) {
        if (!(error instanceof RegisterInputError)) throw error;
        // The catalog cannot make a register at all (no LEI, an entity out of scope): one problem says why.
        const problem = {
          table: 'Policy',
          template: null,
          row: null,
          column: null,
          rule: 'mandatory' as const,
        };
        return {
          ready: false,
          zipName: null,
          problems: [{ ...problem, message: error.message, document: null }],
        };
      }
    },
  );

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
        querystring: registerQuery,
        produces: ['application/zip'],
        response: { 200: zipSchema, 400: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      let judged;
      try {
        judged = await judge(request.query);
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
