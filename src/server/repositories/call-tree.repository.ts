import type { Kysely, Selectable } from 'kysely';
import type { CallTreeNotificationsTable, CallTreesTable, Database } from '../db/schema.ts';

/** A stored call tree. */
export type CallTreeRow = Selectable<CallTreesTable>;
/** A stored call-tree notification. */
export type NotificationRow = Selectable<CallTreeNotificationsTable>;

/** SQL for call trees and their notifications; no rules. */
export function createCallTreeRepository(db: Kysely<Database>) {
  return {
    async insertTree(row: CallTreeRow): Promise<void> {
      await db.insertInto('call_trees').values(row).execute();
    },
    async tree(incidentId: string): Promise<CallTreeRow | undefined> {
      return db.selectFrom('call_trees').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
    },
    async insertNotification(row: NotificationRow): Promise<void> {
      await db.insertInto('call_tree_notifications').values(row).execute();
    },
    async notifications(incidentId: string): Promise<NotificationRow[]> {
      return db
        .selectFrom('call_tree_notifications')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('position')
        .orderBy('stage')
        .orderBy('sent_at')
        .orderBy('id')
        .execute();
    },
    async byTokenHash(tokenHash: string): Promise<NotificationRow | undefined> {
      return db
        .selectFrom('call_tree_notifications')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
    /** Marks a notification acknowledged unless it already is; whether this call did it. */
    async acknowledge(id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('call_tree_notifications')
        .set({ acknowledged_at: at })
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    /** Marks notifications escalated unless they already are; how many this call marked. */
    async markEscalated(ids: readonly string[], at: string, to: string | null): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('call_tree_notifications')
        .set({ escalated_at: at, escalated_to: to })
        .where('id', 'in', ids)
        .where('escalated_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /** The (incident, position, stage) of every unacknowledged, unescalated notification due by `now`. */
    async due(now: string): Promise<{ incident_id: string; position: number; stage: number }[]> {
      return db
        .selectFrom('call_tree_notifications')
        .select(['incident_id', 'position', 'stage'])
        .distinct()
        .where('escalate_at', '<=', now)
        .where('escalated_at', 'is', null)
        .where('acknowledged_at', 'is', null)
        .orderBy('incident_id')
        .orderBy('position')
        .orderBy('stage')
        .execute();
    },
  };
}

/** The call-tree repository's interface. */
export type CallTreeRepository = ReturnType<typeof createCallTreeRepository>;
