import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KIND_NAMES, KINDS, documentSchemas } from '../../catalog/kinds.ts';
import type { Kind } from '../../catalog/kinds.ts';
import { idSchema } from '../../catalog/metadata.schema.ts';
import { CatalogError } from '../services/errors.ts';
import type { Actor, CatalogService } from '../services/catalog.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { actorOf } from '../http/authorization.ts';
import { MAX_PAGE_SIZE } from '../services/catalog.service.ts';
import type { SpecField } from '../repositories/document.repository.ts';
import { problemSchema } from '../http/problem.ts';
import { catalogDocumentSchema } from '../../catalog/kinds.ts';

interface ListQuery {
  limit?: number;
  cursor?: string;
  q?: string;
  label?: string | string[];
  missing?: SpecField | SpecField[];
  /** The kind's own filters (`tier`, `owner`...), as the registry declares them. */
  [field: string]: string | string[] | number | undefined;
}

/** The query of `GET /api/v1/{kind}`: paging, search, labels, and the filters the kind's registry entry declares. */
function listQuerySchemaOf(kind: Kind): z.ZodType<ListQuery> {
  const { filters = [], missing = [] } = KINDS[kind];
  return z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE)
      .optional()
      .meta({ description: 'Page size, default 50.' }),
    cursor: z.string().max(1000).optional().meta({ description: 'The nextCursor of the previous page.' }),
    q: z
      .string()
      .max(200)
      .optional()
      .meta({ description: 'Case-insensitive text in the id, name or description.' }),
    label: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .meta({ description: 'key=value; repeat to require several labels.' }),
    ...Object.fromEntries(
      filters.map((field) => [
        field,
        z
          .string()
          .max(200)
          .optional()
          .meta({ description: `Only documents whose spec.${field} equals this.` }),
      ]),
    ),
    ...(missing.length > 0 && {
      missing: z
        .union([z.enum(missing as [string, ...string[]]), z.array(z.enum(missing as [string, ...string[]]))])
        .optional()
        .meta({
          description: 'Only documents without this spec field (e.g. missing=rto); repeat for several.',
        }),
    }),
  }) as unknown as z.ZodType<ListQuery>;
}

const ifMatchHeaders = z.object({
  'if-match': z.string().optional().meta({ description: 'The version you read, e.g. "3" (the ETag).' }),
});

/** `3`, `"3"` or `W/"3"` -> 3; `*` or absent -> undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new CatalogError(
      'invalid',
      `If-Match must be a document version such as "3", got ${JSON.stringify(header)}`,
    );
  }
  return Number(match[1]);
}

function parseLabels(label: string | string[] | undefined): { key: string; value: string }[] | undefined {
  if (label === undefined) return undefined;
  return (Array.isArray(label) ? label : [label]).map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CatalogError('invalid', `label must be key=value, got ${JSON.stringify(pair)}`);
    return { key: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}

/** The actor of a write request. */
type Writer = (request: FastifyRequest) => Promise<Actor>;

function withEtag(reply: FastifyReply, version: number | undefined): FastifyReply {
  return version === undefined ? reply : reply.header('etag', `"${version}"`);
}

function registerKind(app: FastifyInstance, catalog: CatalogService, writer: Writer, kind: Kind): void {
  const { plural } = KINDS[kind];
  const base = `/api/v1/${plural}`;
  const documentSchema = documentSchemas[kind];
  const pageSchema = z.object({ items: z.array(documentSchema), nextCursor: z.string().nullable() });
  const idParams = z.object({ id: idSchema });
  const errors = { 400: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
  const tags = [plural];
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    base,
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: `List ${plural}`,
        querystring: listQuerySchemaOf(kind),
        response: { 200: pageSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const { limit, cursor, q, label, missing } = request.query;
      const labels = parseLabels(label);
      const fields = (KINDS[kind].filters ?? []).flatMap((field) => {
        const value = request.query[field];
        return typeof value === 'string' ? [{ field, value }] : [];
      });
      return catalog.list(kind, {
        ...(limit !== undefined && { limit }),
        ...(cursor !== undefined && { cursor }),
        ...(q !== undefined && q !== '' && { q }),
        ...(labels !== undefined && { labels }),
        ...(fields.length > 0 && { fields }),
        ...(missing !== undefined && { missing: [missing].flat() }),
      });
    },
  );

  route.post(
    base,
    {
      config: { access: 'catalog:write', kind },
      schema: {
        tags,
        summary: `Create a ${kind}`,
        body: documentSchema,
        response: { 201: documentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await catalog.create(kind, request.body, await writer(request));
      return withEtag(reply, created.metadata.version)
        .code(201)
        .header('location', `${base}/${created.metadata.id}`)
        .send(created);
    },
  );

  route.get(
    `${base}/:id`,
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: `Read a ${kind}`,
        params: idParams,
        response: { 200: documentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const document = await catalog.get(kind, request.params.id);
      return withEtag(reply, document.metadata.version).send(document);
    },
  );

  route.put(
    `${base}/:id`,
    {
      config: { access: 'catalog:write', kind },
      schema: {
        tags,
        summary: `Replace a ${kind}`,
        description: 'Carry the version you read in metadata.version or If-Match; a stale version gets 409.',
        params: idParams,
        headers: ifMatchHeaders,
        body: documentSchema,
        response: { 200: documentSchema, 428: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const version = parseIfMatch(request.headers['if-match']);
      const updated = await catalog.update(
        kind,
        request.params.id,
        request.body,
        version,
        await writer(request),
      );
      return withEtag(reply, updated.metadata.version).send(updated);
    },
  );

  route.delete(
    `${base}/:id`,
    {
      config: { access: 'catalog:write', kind },
      schema: {
        tags,
        summary: `Delete a ${kind}`,
        description: 'Refused with 409 while other documents refer to it.',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const version = parseIfMatch(request.headers['if-match']);
      await catalog.delete(kind, request.params.id, version, await writer(request));
      return reply.code(204).send(null);
    },
  );
}

/**
 * `GET /api/v1/documents/{id}`: the document an id names, whatever its kind (ids are unique across the catalog),
 * so a client that holds a reference to "a Team or a Person" finds it with one request instead of one per kind.
 */
function registerDocumentById(app: FastifyInstance, catalog: CatalogService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/documents/:id',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['documents'],
        summary: 'Read a document of any kind by its id',
        params: z.object({ id: idSchema }),
        response: { 200: catalogDocumentSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const document = await catalog.getById(request.params.id);
      return withEtag(reply, document.metadata.version).send(document);
    },
  );
}

/** `/api/v1/{kind}...` for every kind, and `/api/v1/documents/{id}` for a reference whose kind is unknown. */
export function registerCatalogRoutes(
  app: FastifyInstance,
  catalog: CatalogService,
  auth: Pick<AuthService, 'ownerScope'>,
): void {
  // A service owner writes within a scope: their Person document and their teams, looked up per request.
  const writer: Writer = async (request) => {
    const name = actorOf(request);
    const principal = request.principal;
    if (principal?.role !== 'owner') return name;
    return { name, ownerScope: await auth.ownerScope(principal.email) };
  };
  for (const kind of KIND_NAMES) registerKind(app, catalog, writer, kind);
  registerDocumentById(app, catalog);
}
