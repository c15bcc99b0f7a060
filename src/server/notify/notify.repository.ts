import type { Kysely, Selectable } from 'kysely';
import type {
  Database,
  OutboxTable,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from '../db/schema.ts';

export type OutboxRow = Selectable<OutboxTable>;
export type EndpointRow = Selectable<WebhookEndpointsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookAttemptsTable>;

/** The SQL of the outbox, webhook endpoints, deliveries and attempts. */
export function createNotifyRepository(db: Kysely<Database>) {
  return {
    insertEmail: (row: OutboxRow) => db.insertInto('outbox').values(row).execute(),
    email: (id: string) => db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst(),
    updateEmail: (id: string, changes: Partial<OutboxRow>) =>
      db.updateTable('outbox').set(changes).where('id', '=', id).execute(),
    /** A page of the outbox, newest first; `before` is the last row of the page before (created_at, id). */
    emails: (options: { limit: number; before?: { createdAt: string; id: string }; status?: string }) => {
      let query = db
        .selectFrom('outbox')
        .select([
          'id',
          'category',
          'to_address',
          'subject',
          'status',
          'attempts',
          'error',
          'created_at',
          'sent_at',
        ]);
      if (options.status) query = query.where('status', '=', options.status);
      const before = options.before;
      if (before)
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', before.createdAt),
            eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
          ]),
        );
      return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    },

    /** Emails still waiting for their first attempt since before `before`: their sender stopped in between. */
    stalledEmails: (before: string) =>
      db
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'queued')
        .where('updated_at', '<', before)
        .orderBy('created_at')
        .execute(),

    insertEndpoint: (row: EndpointRow) => db.insertInto('webhook_endpoints').values(row).execute(),
    endpoint: (id: string) =>
      db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst(),
    endpoints: () =>
      db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').orderBy('id').execute(),
    updateEndpoint: (id: string, changes: Partial<EndpointRow>) =>
      db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).executeTakeFirst(),
    deleteEndpoint: async (id: string) => {
      // Deliveries and attempts go with the endpoint (foreign keys cascade; SQLite needs them on, as they are).
      const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    insertDelivery: (row: DeliveryRow) => db.insertInto('webhook_deliveries').values(row).execute(),
    delivery: (id: string) =>
      db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst(),
    updateDelivery: (id: string, changes: Partial<DeliveryRow>) =>
      db.updateTable('webhook_deliveries').set(changes).where('id', '=', id).execute(),
    /** The latest deliveries to an endpoint, newest first. */
    deliveries: (endpointId: string, limit: number) =>
      db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    /** Deliveries never attempted since before `before`: the process that made them stopped before queuing them. */
    stalledDeliveries: (before: string) =>
      db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('attempts', '=', 0)
        .where('updated_at', '<', before)
        .orderBy('created_at')
        .execute(),
    insertAttempt: (row: AttemptRow) => db.insertInto('webhook_attempts').values(row).execute(),
    /** Every attempt of these deliveries, in order. */
    attempts: (deliveryIds: string[]) =>
      deliveryIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('webhook_attempts')
            .selectAll()
            .where('delivery_id', 'in', deliveryIds)
            .orderBy('delivery_id')
            .orderBy('number')
            .execute(),
  };
}

/** The repository's type. */
export type NotifyRepository = ReturnType<typeof createNotifyRepository>;
