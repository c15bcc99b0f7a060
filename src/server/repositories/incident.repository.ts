import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** One recorded write of a service: when, and the document after it (JSON; null for a delete). */
export interface ServiceHistoryRow {
  document_id: string;
  at: string;
  after: string | null;
}

/** SQL for what incidents read beyond the documents: the recorded history of services. */
export function createIncidentRepository(db: Kysely<Database>) {
  return {
    /** Every recorded write of the given services, oldest first (the audit log keeps them all). */
    async serviceHistory(serviceIds: readonly string[]): Promise<ServiceHistoryRow[]> {
      const rows: ServiceHistoryRow[] = [];
      // Batches keep the bound parameters far below SQLite's limit.
      for (let i = 0; i < serviceIds.length; i += 500)
        rows.push(
          ...(await db
            .selectFrom('audit_log')
            .select(['document_id', 'at', 'after'])
            .where('kind', '=', 'Service')
            .where('document_id', 'in', serviceIds.slice(i, i + 500))
            .orderBy('seq')
            .execute()),
        );
      return rows;
    },
  };
}
