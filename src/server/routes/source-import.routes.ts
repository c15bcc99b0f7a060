import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONVERT_FORMATS } from '../../convert/types.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema, sendProblem } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import type { HeavyWork } from '../services/heavy-work.ts';
import { createSourceSync } from '../services/source-sync.ts';
import type { SyncRequest } from '../services/source-sync.ts';
import { CATALOG_BODY_LIMIT } from './catalog-io.routes.ts';

/** The name a request's mapping file is shown under in problems: `mapping.yaml:4: error: ...`. */
export const REQUEST_MAPPING = 'mapping.yaml';

const syncBodySchema = z.strictObject({
  format: z.enum(CONVERT_FORMATS).meta({ description: 'How to read the files' }),
  files: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(1000).meta({ description: 'The file name problems point into' }),
        text: z.string().meta({ description: 'The file as text (UTF-8)' }),
      }),
    )
    .min(1)
    .max(10000)
    .meta({
      description: 'The export files: CSV item and relation files, catalog-info.yaml files, manifests',
    }),
  mapping: z.string().optional().meta({ description: 'The text of a mapping file (CSV and ServiceNow)' }),
  prune: z.boolean().optional().meta({
    description: 'true: delete the documents labelled with this source that the files no longer hold',
  }),
});

const countsSchema = z.object({ created: z.int(), updated: z.int(), unchanged: z.int(), deleted: z.int() });
const sampleItem = z.object({ id: z.string(), kind: z.string(), name: z.string().optional() });

const syncOutcomeSchema = z
  .object({
    format: z.enum(CONVERT_FORMATS),
    summary: z.object({
      documents: z.record(z.string(), z.int()),
      items: z.object({ read: z.int(), skipped: z.int() }),
      relations: z.object({ read: z.int(), used: z.int(), skipped: z.int() }),
      skipped: z.record(z.string(), z.int()),
    }),
    problems: z.array(
      z.object({
        severity: z.enum(['error', 'warning']),
        file: z.string(),
        line: z.int().optional(),
        column: z.int().optional(),
        message: z.string(),
      }),
    ),
    result: countsSchema.extend({
      dryRun: z.boolean(),
      // Always present in these answers; optional in the import service's type.
      byKind: z.record(z.string(), countsSchema).optional(),
      sample: z
        .object({
          created: z.array(sampleItem),
          updated: z.array(
            sampleItem.extend({
              changes: z.array(
                z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }),
              ),
            }),
          ),
          deleted: z.array(sampleItem),
        })
        .optional(),
    }),
  })
  .meta({ id: 'SourceImportOutcome' });

/**
 * `POST /api/v1/imports/preview` and `POST /api/v1/imports/apply`: the import page's conversion and import in one
 * step, as `lifeboat import --from` does. The conversion runs in the heavy-work pool.
 */
export function registerSourceImportRoutes(
  app: FastifyInstance,
  deps: { database: LifeboatDatabase; now: () => Date; work: HeavyWork },
): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  for (const step of ['preview', 'apply'] as const) {
    route.post(
      `/api/v1/imports/${step}`,
      {
        // A whole export in one request: as large as a catalog upload.
        bodyLimit: CATALOG_BODY_LIMIT,
        config: { access: 'catalog:write' },
        schema: {
          tags: ['catalog'],
          summary:
            step === 'preview'
              ? 'Convert files from a CMDB, Backstage or Kubernetes and say what importing them would change'
              : 'Convert files from a CMDB, Backstage or Kubernetes and import them, as `lifeboat import --from`',
          description:
            'Converted documents merge into the stored ones: the source writes names, labels and the fields it ' +
            'produces; objectives, recovery times, redundancy groups and dependencies added by hand stay. ' +
            'With prune, only documents labelled with this source are deleted. ' +
            (step === 'preview'
              ? 'Nothing is written; the answer has counts by kind and a sample of the changes.'
              : 'Refused with 400 when the conversion has any error; one transaction.'),
          body: syncBodySchema,
          response: { 200: syncOutcomeSchema, 400: problemSchema, 409: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const role = request.principal?.role;
        if (role !== 'admin' && role !== 'manager') {
          return sendProblem(reply, 403, {
            type: 'urn:lifeboat:problem:not-permitted',
            detail: `Your role (${role ?? 'none'}) may not import: importing is for admins and managers`,
          });
        }
        const { format, files, mapping, prune } = request.body;
        const context = workContext(request, reply);
        const sync = createSourceSync({
          ...deps,
          convert: (input: SyncRequest) =>
            deps.work.convert(input.format, input.files, input.mapping, context),
        });
        const input: SyncRequest = {
          format,
          files,
          ...(mapping !== undefined && { mapping: { name: REQUEST_MAPPING, text: mapping } }),
          ...(prune !== undefined && { prune }),
        };
        return step === 'preview'
          ? sync.preview(input, actorOf(request))
          : sync.apply(input, actorOf(request));
      },
    );
  }
}
