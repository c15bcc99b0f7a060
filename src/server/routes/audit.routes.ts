import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KIND_NAMES } from '../../catalog/kinds.ts';
import { idSchema } from '../../catalog/metadata.schema.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { problemSchema } from '../http/problem.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { toAuditEntry, verifyAuditChain } from '../services/audit.service.ts';

const entrySchema = z
  .object({
    seq: z.int(),
    at: z.string(),
    actor: z.string(),
    action: z.string().meta({
      description:
        'create, update, delete; login, login-failed, logout, user-create, user-update, user-invite, password-reset, password-set, password-change, session-revoke, token-create, token-revoke',
    }),
    kind: z.string(),
    id: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

/** `GET /api/v1/audit` (the log, oldest first) and `GET /api/v1/audit/verify` (the hash chain's check). */
export function registerAuditRoutes(app: FastifyInstance, database: LifeboatDatabase): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  route.get(
    '/api/v1/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log',
        querystring: z.object({
          kind: z
            .enum([...KIND_NAMES, 'User'])
            .optional()
            .meta({ description: 'A document kind, or User for account events.' }),
          id: idSchema.optional(),
          cursor: z.coerce
            .number()
            .int()
            .min(0)
            .optional()
            .meta({ description: 'The nextCursor of the page before.' }),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
        response: {
          200: z.object({ items: z.array(entrySchema), nextCursor: z.string().nullable() }),
          400: problemSchema,
        },
      },
    },
    async (request) => {
      const { kind, id, cursor, limit = 100 } = request.query;
      const rows = await createAuditRepository(database.db).list({
        ...(kind !== undefined && { kind }),
        ...(id !== undefined && { documentId: id }),
        ...(cursor !== undefined && { afterSeq: cursor }),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toAuditEntry),
        nextCursor: rows.length > limit && last ? String(last.seq) : null,
      };
    },
  );

  route.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Check that no audit entry was changed or removed',
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.int(),
            brokenAt: z.int().optional(),
            reason: z.string().optional(),
          }),
        },
      },
    },
    async () => verifyAuditChain(createAuditRepository(database.db)),
  );
}
