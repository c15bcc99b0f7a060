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
import { SPEC_FIELDS } from '../repositories/document.repository.ts';
import type { SpecField } from '../repositories/document.repository.ts';
import { problemSchema } from '../http/problem.ts';

/** Spec fields that `GET /api/v1/{kind}?field=value` filters on. */
const FILTER_FIELDS = [
  'tier',
  'type',
  'site',
  'owner',
  'vendor',
  'team',
] as const satisfies readonly SpecField[];

interface ListQuery {
  limit?: number;
  cursor?: string;
  q?: string;
  label?: string | string[];
  missing?: SpecField | SpecField[];
  tier?: string;
  type?: string;
  site?: string;
  owner?: string;
  vendor?: string;
  team?: string;
}

const listQuerySchema = z.object({
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
    FILTER_FIELDS.map((field) => [
      field,
      z
        .string()
        .max(200)
        .optional()
        .meta({ description: `Only documents whose spec.${field} equals this.` }),
    ]),
  ),
  missing: z
    .union([z.enum(SPEC_FIELDS), z.array(z.enum(SPEC_FIELDS))])
    .optional()
    .meta({ description: 'Only documents without this spec field (e.g. missing=rto); repeat for several.' }),
}) as z.ZodType<ListQuery>;

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
        querystring: listQuerySchema,
        response: { 200: pageSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const { limit, cursor, q, label, missing } = request.query;
      const labels = parseLabels(label);
      const fields = FILTER_FIELDS.flatMap((field) => {
        const value = request.query[field];
        return value === undefined ? [] : [{ field, value }];
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

/** `GET/POST /api/v1/{kind}` and `GET/PUT/DELETE /api/v1/{kind}/{id}` for every kind. */
export function registerCatalogRoutes(
  app: FastifyInstance,
  catalog: CatalogService,
  auth: AuthService,
): void {
  // A service owner writes within a scope: their Person document and their teams, looked up per request.
  const writer: Writer = async (request) => {
    const name = actorOf(request);
    const principal = request.principal;
    if (principal?.role !== 'owner') return name;
    return { name, ownerScope: await auth.ownerScope(principal.email) };
  };
  for (const kind of KIND_NAMES) registerKind(app, catalog, writer, kind);
}
