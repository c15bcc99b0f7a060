import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { JobRun } from './types.ts';

/** The record of job runs: SQL only. */
export function createJobRunsRepository(db: Kysely<Database>) {
  return {
    async record(run: JobRun): Promise<void> {
      await db
        .insertInto('job_runs')
        .values({
          id: crypto.randomUUID(),
          name: run.name,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          ok: run.ok ? 1 : 0,
          summary: run.summary,
        })
        .execute();
    },
    /** The newest `limit` runs of `name`, newest first. */
    async latest(name: string, limit: number): Promise<JobRun[]> {
      const rows = await db
        .selectFrom('job_runs')
        .selectAll()
        .where('name', '=', name)
        .orderBy('started_at', 'desc')
        .orderBy('finished_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        name: row.name,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        ok: row.ok === 1,
        summary: row.summary,
      }));
    },
  };
}
