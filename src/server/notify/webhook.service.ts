import { randomBytes, randomUUID } from 'node:crypto';
import type { LifeboatDatabase } from '../db/database.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { appendAudit } from '../services/audit.service.ts';
import type { AuditAction } from '../services/audit.service.ts';
import { CatalogError } from '../services/errors.ts';
import type { DeliveryOutcome } from './notifier.ts';
import { isDeliveringNotifier, parseEvents } from './notifier.ts';
import { createNotifyRepository } from './notify.repository.ts';
import type { AttemptRow, DeliveryRow, EndpointRow } from './notify.repository.ts';
import { checkWebhookTarget, WebhookTargetError } from './webhook-target.ts';
import type { Notifier, WebhookEvent } from './types.ts';

/** A webhook endpoint as the API shows it: never its secret, except once at creation and rotation. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  allowPrivate: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What an admin sets on an endpoint. */
export interface WebhookInput {
  url: string;
  description?: string | undefined;
  events: WebhookEvent[];
  enabled: boolean;
  allowPrivate: boolean;
}

/** A delivery with every attempt, newest delivery first. */
export interface WebhookDelivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  payload: unknown;
  attemptLog: {
    number: number;
    at: string;
    statusCode: number | null;
    error: string | null;
    responseExcerpt: string | null;
    durationMs: number;
  }[];
}

/** A new secret: 32 random bytes, prefixed so a leaked one is recognisable. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: parseEvents(row.events),
    enabled: row.enabled === 1,
    allowPrivate: row.allow_private === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDelivery(row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    payload: JSON.parse(row.payload),
    attemptLog: attempts.map((attempt) => ({
      number: attempt.number,
      at: attempt.at,
      statusCode: attempt.status_code,
      error: attempt.error,
      responseExcerpt: attempt.response_excerpt,
      durationMs: attempt.duration_ms,
    })),
  };
}

/** The admin's webhook endpoints: register (checking the address), change, delete, rotate the secret, ping. */
export function createWebhookService(deps: {
  database: LifeboatDatabase;
  notifier: Notifier;
  now: () => Date;
}) {
  const { database, now } = deps;
  const repo = createNotifyRepository(database.db);

  async function requireEndpoint(id: string): Promise<EndpointRow> {
    const row = await repo.endpoint(id);
    if (!row) throw new CatalogError('not-found', `no webhook endpoint with id "${id}"`);
    return row;
  }

  /** Refuses a loopback, link-local or metadata address unless allowed, as a 400 naming the address. */
  async function checkTarget(input: WebhookInput): Promise<void> {
    try {
      // The notifier's own check, with the resolver its deliveries use.
      if (isDeliveringNotifier(deps.notifier)) await deps.notifier.checkTarget(input.url, input.allowPrivate);
      else await checkWebhookTarget(input.url, { allowPrivate: input.allowPrivate });
    } catch (error) {
      if (error instanceof WebhookTargetError)
        throw new CatalogError('invalid', `url: ${error.message}`, {
          errors: [{ path: 'url', message: error.message }],
        });
      throw error;
    }
  }

  async function audited<T>(
    action: AuditAction,
    id: string,
    actor: string,
    details: { before: unknown; after: unknown },
    work: (trxRepo: ReturnType<typeof createNotifyRepository>) => Promise<T>,
  ): Promise<T> {
    return database.writeTransaction(async (trx) => {
      const result = await work(createNotifyRepository(trx));
      await appendAudit(createAuditRepository(trx), {
        at: now().toISOString(),
        actor,
        action,
        kind: 'Webhook',
        documentId: id,
        before: details.before,
        after: details.after,
      });
      return result;
    });
  }

  return {
    async list(): Promise<WebhookEndpoint[]> {
      return (await repo.endpoints()).map(toEndpoint);
    },

    async get(id: string): Promise<WebhookEndpoint> {
      return toEndpoint(await requireEndpoint(id));
    },

    /** Registers an endpoint; the answer holds its secret, which is never shown again. */
    async create(input: WebhookInput, actor: string): Promise<WebhookEndpoint & { secret: string }> {
      await checkTarget(input);
      const at = now().toISOString();
      const row: EndpointRow = {
        id: randomUUID(),
        url: input.url,
        description: input.description ?? null,
        events: JSON.stringify([...new Set(input.events)]),
        enabled: input.enabled ? 1 : 0,
        allow_private: input.allowPrivate ? 1 : 0,
        secret: newSecret(),
        created_at: at,
        updated_at: at,
      };
      await audited('create', row.id, actor, { before: null, after: toEndpoint(row) }, (trxRepo) =>
        trxRepo.insertEndpoint(row),
      );
      return { ...toEndpoint(row), secret: row.secret };
    },

    async update(id: string, input: WebhookInput, actor: string): Promise<WebhookEndpoint> {
      const before = await requireEndpoint(id);
      await checkTarget(input);
      const changes = {
        url: input.url,
        description: input.description ?? null,
        events: JSON.stringify([...new Set(input.events)]),
        enabled: input.enabled ? 1 : 0,
        allow_private: input.allowPrivate ? 1 : 0,
        updated_at: now().toISOString(),
      };
      const after = { ...before, ...changes };
      await audited(
        'update',
        id,
        actor,
        { before: toEndpoint(before), after: toEndpoint(after) },
        (trxRepo) => trxRepo.updateEndpoint(id, changes),
      );
      return toEndpoint(after);
    },

    async remove(id: string, actor: string): Promise<void> {
      const before = await requireEndpoint(id);
      await audited('delete', id, actor, { before: toEndpoint(before), after: null }, (trxRepo) =>
        trxRepo.deleteEndpoint(id),
      );
    },

    /** Replaces the secret; the old one stops working at once. */
    async rotateSecret(id: string, actor: string): Promise<{ secret: string }> {
      const before = await requireEndpoint(id);
      const secret = newSecret();
      const at = now().toISOString();
      await audited(
        'update',
        id,
        actor,
        { before: toEndpoint(before), after: { ...toEndpoint(before), updatedAt: at, secretRotatedAt: at } },
        (trxRepo) => trxRepo.updateEndpoint(id, { secret, updated_at: at }),
      );
      return { secret };
    },

    /** Sends a signed `ping` now and answers what the endpoint said. */
    async ping(id: string): Promise<DeliveryOutcome> {
      const endpoint = await requireEndpoint(id);
      if (!isDeliveringNotifier(deps.notifier))
        throw new CatalogError(
          'conflict',
          'this server only records notifications: it cannot send a test delivery',
        );
      return deps.notifier.ping(endpoint);
    },

    /** The latest deliveries to an endpoint with their attempts. */
    async deliveries(id: string, limit: number): Promise<WebhookDelivery[]> {
      await requireEndpoint(id);
      const rows = await repo.deliveries(id, limit);
      const attempts = await repo.attempts(rows.map((row) => row.id));
      return rows.map((row) =>
        toDelivery(
          row,
          attempts.filter((attempt) => attempt.delivery_id === row.id),
        ),
      );
    },
  };
}

/** The service's type. */
export type WebhookService = ReturnType<typeof createWebhookService>;
