/**
 * What the routes of every kind approved through frozen versions share (plans, impact assessments): the hooks
 * that drop approval claims from the generic writes and answer every read with the derived status, and the
 * version a workflow step names.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { KINDS } from '../../catalog/kinds.ts';
import type { CatalogDocument, Kind } from '../../catalog/kinds.ts';
import { storedForm } from '../../catalog/versions.ts';
import { CatalogError } from '../services/errors.ts';
import { parseIfMatch } from './catalog.routes.ts';

/** A workflow step's body: the version reviewed, when it is not sent as If-Match. */
export const reviewedBody = z
  .strictObject({
    version: z.int().min(1).optional().meta({ description: 'The version you reviewed (or send If-Match).' }),
  })
  .nullish();

/** The version a step names: If-Match or `version` in the body, which must agree when both are sent. */
export function reviewedVersion(
  ifMatch: string | undefined,
  body: { version?: number } | null | undefined,
): number | undefined {
  const header = parseIfMatch(ifMatch);
  const field = body?.version;
  if (header !== undefined && field !== undefined && header !== field)
    throw new CatalogError(
      'invalid',
      `If-Match names version ${header} and the body version ${field}: send the one version you reviewed`,
    );
  return header ?? field;
}

/**
 * Approval is derived: on the generic routes of `kind`, a created or replaced document is stored without the
 * approval fields a client sends (an edited document is a draft; a label keeps its approval), and every document
 * of the kind answered (alone, in a page, or as the `current` of a conflict) carries the status `views` gives it.
 */
export function registerApprovalHooks<D extends CatalogDocument>(
  app: FastifyInstance,
  kind: Kind,
  views: (documents: D[]) => Promise<D[]>,
): void {
  const base = `/api/v1/${KINDS[kind].plural}`;
  const documentRoutes = new Set([base, `${base}/:id`]);
  // The read of any document by id answers this kind's documents too.
  const answerRoutes = new Set([...documentRoutes, '/api/v1/documents/:id']);
  const isOfKind = (value: unknown): value is D => (value as { kind?: unknown } | null)?.kind === kind;

  app.addHook('preHandler', (request, _reply, done) => {
    const write = request.method === 'POST' || request.method === 'PUT';
    if (write && documentRoutes.has(request.routeOptions.url ?? '') && isOfKind(request.body))
      request.body = storedForm(request.body);
    done();
  });

  app.addHook('preSerialization', async (request, _reply, payload: unknown) => {
    if (!answerRoutes.has(request.routeOptions.url ?? '')) return payload;
    if (isOfKind(payload)) return (await views([payload]))[0];
    const page = payload as { items?: unknown[]; current?: unknown } | null;
    if (Array.isArray(page?.items) && page.items.length > 0 && page.items.every(isOfKind))
      return { ...page, items: await views(page.items) };
    if (isOfKind(page?.current)) return { ...page, current: (await views([page.current]))[0] };
    return payload;
  });
}
