import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatFinding } from '../../catalog/check/finding.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { catalogYamlChunks } from '../../catalog/yaml/write.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema, sendProblem } from '../http/problem.ts';
import { workContext } from '../http/work-context.ts';
import type { HeavyWork } from '../services/heavy-work.ts';
import { createImportService } from '../services/import.service.ts';

/** A whole catalog in one request: 100k components are about 25 MiB of YAML. */
export const CATALOG_BODY_LIMIT = 64 * 1024 * 1024;

/** The media types a YAML body may be sent as. */
const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

/** The file name findings in a request body point into: `request.yaml:6:13: ...`. */
export const REQUEST_FILE = 'request.yaml';

/** How many findings a 422 answer lists at most, so a wholly broken upload does not answer with megabytes. */
const MAX_LISTED_ERRORS = 1000;

const flag = z.enum(['true', 'false']).optional();

const importResultSchema = z
  .object({
    created: z.int(),
    updated: z.int(),
    unchanged: z.int(),
    deleted: z.int(),
    dryRun: z.boolean(),
  })
  .meta({ id: 'ImportResult' });

const catalogProblemSchema = problemSchema.extend({
  errors: z.array(z.object({ file: z.string(), line: z.int(), column: z.int(), message: z.string() })),
});

/** Metadata `version`, `createdAt` and `updatedAt` are the server's: an export leaves them out, as the CLI does. */
function withoutServerMetadata(document: CatalogDocument): CatalogDocument {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...metadata } = document.metadata;
  return { ...document, metadata };
}

/** `POST /api/v1/catalog/import` (a YAML catalog in, counts out) and `GET /api/v1/catalog/export` (YAML out). */
export function registerCatalogIoRoutes(
  app: FastifyInstance,
  deps: { database: LifeboatDatabase; now: () => Date; work: HeavyWork },
): void {
  const importer = createImportService(deps);
  // A plugin of its own, so only these routes accept YAML bodies; the rest of the API keeps answering 415.
  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, parsed) => {
      parsed(null, body);
    });
    const route = scope.withTypeProvider<ZodTypeProvider>();

    route.post(
      '/api/v1/catalog/import',
      {
        // Owners write only their own services and components; a whole-catalog import is for admins and managers.
        config: { access: 'catalog:write' },
        bodyLimit: CATALOG_BODY_LIMIT,
        schema: {
          tags: ['catalog'],
          summary: 'Import a YAML catalog: the same check and the same counts as `lifeboat import`',
          description:
            'The body is the catalog as YAML (content-type application/yaml or text/yaml), every kind in one ' +
            'stream separated by `---`. Any check error refuses the whole import with 422 and writes nothing; ' +
            'otherwise it runs in one transaction.',
          querystring: z.object({
            prune: flag.meta({ description: 'true: delete the documents the body no longer holds' }),
            dryRun: flag.meta({ description: 'true: check and count the changes, write nothing' }),
          }),
          response: {
            200: importResultSchema,
            400: problemSchema,
            415: problemSchema,
            422: catalogProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const role = request.principal?.role;
        if (role !== 'admin' && role !== 'manager') {
          return sendProblem(reply, 403, {
            type: 'urn:lifeboat:problem:not-permitted',
            detail: `Your role (${role ?? 'none'}) may not import a catalog: importing is for admins and managers`,
          });
        }
        // Only a YAML media type: text/plain (which Fastify also reads as a string) is not a catalog upload.
        const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
        if (!YAML_TYPES.includes(mediaType) || typeof request.body !== 'string') {
          return sendProblem(reply, 415, {
            detail: `Send the catalog as YAML with content-type ${YAML_TYPES.slice(0, 2).join(' or ')}`,
          });
        }
        // Parsing and checking a large catalog takes seconds: a worker thread does it.
        const checked = await deps.work.checkCatalog(REQUEST_FILE, request.body, workContext(request, reply));
        if (checked.errorCount > 0) {
          const count = checked.errorCount;
          const first = checked.errors.slice(0, 3).map((finding) => formatFinding(finding, 'error'));
          return sendProblem(reply, 422, {
            type: 'urn:lifeboat:problem:invalid-catalog',
            title: 'Invalid catalog',
            detail: `The catalog has ${count} error(s); nothing was written: ${first.join('; ')}${count > 3 ? '; ...' : ''}`,
            errors: checked.errors.slice(0, MAX_LISTED_ERRORS),
          });
        }
        if (checked.documentCount === 0) {
          // An empty body is a mistake far more often than a wish to empty the catalog (with prune=true).
          return sendProblem(reply, 400, {
            type: 'urn:lifeboat:problem:invalid',
            detail:
              'The body holds no catalog document: send apiVersion/kind/metadata/spec documents as YAML',
          });
        }
        // The worker's check validated every document against its kind's schema: no second validation here.
        return importer.importDocuments(checked.documents, {
          validated: true,
          actor: actorOf(request),
          prune: request.query.prune === 'true',
          dryRun: request.query.dryRun === 'true',
        });
      },
    );

    route.get(
      '/api/v1/catalog/export',
      {
        config: { access: 'catalog:read' },
        schema: {
          tags: ['catalog'],
          summary:
            'Export the whole catalog as one YAML stream, byte for byte what `lifeboat export -` prints',
        },
      },
      async (_request, reply) => {
        const documents = (await importer.exportDocuments()).map(withoutServerMetadata);
        // Streamed document by document, so a large catalog is never one string in memory.
        return reply
          .type('application/yaml; charset=utf-8')
          .send(Readable.from(catalogYamlChunks(documents)));
      },
    );
    done();
  });
}
