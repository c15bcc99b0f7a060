import type { LifeboatDatabase } from '../db/database.ts';
import { jobRuns } from '../metrics.ts';
import type { Notifier } from '../notify/types.ts';
import { createJobRunsRepository } from './job-runs.repository.ts';
import type { JobDefinition, JobOutcome, JobRun } from './types.ts';

/** Where a job run's log lines go: the server's logger (pino), or nothing. */
export interface JobLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A job name nobody defined: `lifeboat jobs run` lists the known ones and exits 2. */
export class UnknownJobError extends Error {
  constructor(
    readonly jobName: string,
    readonly known: readonly string[],
  ) {
    super(`unknown job "${jobName}" (known jobs: ${known.join(', ') || 'none'})`);
  }
}

/** What running a job needs besides the job. */
export interface JobRunnerOptions {
  database: LifeboatDatabase;
  /** Resolved at each run: the notifier and the queue are made from each other. */
  notifier: () => Notifier;
  publicUrl: string;
  logger?: JobLogger;
}

/** A run as recorded, with the job's outcome when it succeeded and its error when it failed. */
export type RunResult = JobRun & { outcome?: JobOutcome; error?: unknown };

/**
 * Runs one job with its context, records the run in job_runs, counts it in the metrics and logs it. Never throws
 * for the job's own failure: the result says `ok: false` and carries the error, for a worker to retry.
 */
export async function runJob(
  options: JobRunnerOptions,
  job: JobDefinition<never>,
  run: { now?: Date; data?: object },
): Promise<RunResult> {
  const started = new Date();
  let result: RunResult;
  try {
    const outcome = await (job as JobDefinition<object>).run({
      database: options.database,
      now: run.now ?? started,
      data: run.data ?? {},
      notifier: options.notifier(),
      publicUrl: options.publicUrl,
    });
    result = { ...runRecord(job.name, started, true, outcome.summary), outcome };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    result = { ...runRecord(job.name, started, false, reason || 'failed'), error };
  }
  jobRuns.inc({ job: job.name, result: result.ok ? 'ok' : 'failed' });
  if (result.ok) options.logger?.info({ job: job.name, summary: result.summary }, 'job finished');
  else options.logger?.error({ job: job.name, err: result.error }, 'job failed');
  // The run happened whatever the record says: a failure to record is logged, not the job's failure.
  await createJobRunsRepository(options.database.db)
    .record(result)
    .catch((error: unknown) => options.logger?.error({ job: job.name, err: error }, 'cannot record job run'));
  return result;
}

function runRecord(name: string, started: Date, ok: boolean, summary: string): JobRun {
  return { name, startedAt: started.toISOString(), finishedAt: new Date().toISOString(), ok, summary };
}

/** The definition named `name` among `jobs`, or an UnknownJobError listing them. */
export function findJob(jobs: readonly JobDefinition<never>[], name: string): JobDefinition<never> {
  const job = jobs.find((candidate) => candidate.name === name);
  if (!job)
    throw new UnknownJobError(
      name,
      jobs.map((candidate) => candidate.name),
    );
  return job;
}
