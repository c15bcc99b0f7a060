import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A row of `compliance_snapshots` (migration 0010): one day's score and each check's counts (JSON text). */
export interface ComplianceSnapshotRow {
  date: string;
  score: number | null;
  checks: string;
  created_at: string;
}

/** The table is declared here rather than in the shared schema, so this feature stays in its own files. */
type Tables = { compliance_snapshots: ComplianceSnapshotRow };

/** SQL for the daily compliance snapshots; what goes in them is the compliance service's. */
export function createComplianceSnapshotRepository(db: Kysely<Database>) {
  const tables = db.withTables<Tables>();
  return {
    /** Writes the row of `row.date`, replacing the one a earlier run wrote that day. */
    async upsert(row: ComplianceSnapshotRow): Promise<void> {
      await tables
        .insertInto('compliance_snapshots')
        .values(row)
        .onConflict((conflict) =>
          conflict
            .column('date')
            .doUpdateSet({ score: row.score, checks: row.checks, created_at: row.created_at }),
        )
        .execute();
    },

    /** The rows from `from` to `to` (both included), oldest first. */
    async between(from: string, to: string): Promise<ComplianceSnapshotRow[]> {
      return tables
        .selectFrom('compliance_snapshots')
        .selectAll()
        .where('date', '>=', from)
        .where('date', '<=', to)
        .orderBy('date')
        .execute();
    },
  };
}

/** The compliance snapshot repository's interface. */
export type ComplianceSnapshotRepository = ReturnType<typeof createComplianceSnapshotRepository>;
