import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.ts';

/** A stored audit entry. */
export type AuditRow = Selectable<AuditLogTable>;

/** SQL for the audit log; the hash chain's rules live in the audit service. */
export function createAuditRepository(db: Kysely<Database>) {
  return {
    async last(): Promise<Pick<AuditRow, 'seq' | 'hash'> | undefined> {
      return db
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async insert(row: AuditRow): Promise<void> {
      await db.insertInto('audit_log').values(row).execute();
    },

    /** Inserts rows in batches (10 columns a row: far below SQLite's limit on bound parameters). */
    async insertMany(rows: readonly AuditRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 500)
        await db
          .insertInto('audit_log')
          .values(rows.slice(i, i + 500))
          .execute();
    },

    /** Entries after `afterSeq`, oldest first, optionally for one kind and/or one document. */
    async list(query: {
      kind?: string;
      documentId?: string;
      afterSeq?: number;
      limit: number;
    }): Promise<AuditRow[]> {
      let select = db.selectFrom('audit_log').selectAll();
      if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
      if (query.documentId !== undefined) select = select.where('document_id', '=', query.documentId);
      if (query.afterSeq !== undefined) select = select.where('seq', '>', query.afterSeq);
      return select.orderBy('seq').limit(query.limit).execute();
    },
  };
}

/** The audit repository's interface. */
export type AuditRepository = ReturnType<typeof createAuditRepository>;
