import { createJobRunsRepository } from './job-runs.repository.ts';
import { effectiveSchedule, nextTick } from './schedule.ts';
import { findJob, runJob } from './run-job.ts';
import type { JobRunnerOptions } from './run-job.ts';
import type { QueueSettings } from './queue-settings.ts';
import { retryDelayMs } from './queue-settings.ts';
import type { JobQueue } from './types.ts';

/**
 * The job queue in process, for SQLite (one server process): a timer evaluates each job's cron schedule and runs
 * the jobs whose `start_after` has come from the `job_queue` table, so a job sent to run later survives a restart.
 * A failed attempt is retried with backoff up to the retry limit, like pg-boss does on PostgreSQL.
 */
export function createLocalQueue(runner: JobRunnerOptions, settings: QueueSettings): JobQueue {
  const { database } = runner;
  const db = database.db;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let again = false;
  /**
   * Per scheduled job, the instant up to which its schedule has been evaluated: a tick at or before it has run (or
   * was missed while the process was down).
   */
  const checkedUntil = new Map<string, Date>();

  /**
   * As pg-boss does, a tick of the last minute that has not run yet runs at start: a restart right after a tick
   * does not lose it, and a job that already ran for it (on record in job_runs) does not run twice.
   */
  async function initSchedules(now: Date): Promise<void> {
    const runs = createJobRunsRepository(db);
    for (const job of settings.jobs) {
      const [last] = await runs.latest(job.name, 1);
      const minuteAgo = new Date(now.getTime() - 60_000);
      const lastStart = last ? new Date(last.startedAt) : minuteAgo;
      checkedUntil.set(job.name, lastStart > minuteAgo ? lastStart : minuteAgo);
    }
  }

  async function runScheduled(now: Date): Promise<void> {
    for (const job of settings.jobs) {
      const cron = effectiveSchedule(job, settings.scheduleOverrides);
      const from = checkedUntil.get(job.name) ?? now;
      checkedUntil.set(job.name, now);
      if (!cron || nextTick(cron, from) > now) continue;
      // Ticks missed while the process was down or busy are not caught up: one run stands for them.
      const result = await runJob(runner, job, {});
      if (!result.ok && settings.retryLimit > 0) await enqueue(job.name, {}, now, undefined, 1);
    }
  }

  async function enqueue(
    name: string,
    data: object,
    startAfter: Date,
    singletonKey: string | undefined,
    retryCount = 0,
  ): Promise<void> {
    await db
      .insertInto('job_queue')
      .values({
        id: crypto.randomUUID(),
        name,
        data: JSON.stringify(data),
        start_after: new Date(
          startAfter.getTime() + (retryCount ? retryDelayMs(settings, retryCount) : 0),
        ).toISOString(),
        singleton_key: singletonKey ?? null,
        retry_count: retryCount,
        created_at: new Date().toISOString(),
      })
      .onConflict((conflict) => conflict.columns(['name', 'singleton_key']).doNothing())
      .execute();
  }

  async function runWaiting(now: Date): Promise<void> {
    const due = await db
      .selectFrom('job_queue')
      .selectAll()
      .where('start_after', '<=', now.toISOString())
      .orderBy('start_after')
      .limit(50)
      .execute();
    for (const row of due) {
      const job = settings.jobs.find((candidate) => candidate.name === row.name);
      const result = job ? await runJob(runner, job, { data: JSON.parse(row.data) as object }) : undefined;
      const retry = result && !result.ok && row.retry_count < settings.retryLimit;
      if (retry) {
        const attempt = row.retry_count + 1;
        await db
          .updateTable('job_queue')
          .set({
            retry_count: attempt,
            start_after: new Date(Date.now() + retryDelayMs(settings, attempt)).toISOString(),
          })
          .where('id', '=', row.id)
          .execute();
      } else {
        // Done, failed for the last time (the run is on record), or a job this version no longer defines.
        await db.deleteFrom('job_queue').where('id', '=', row.id).execute();
      }
    }
  }

  async function tick(): Promise<void> {
    do {
      again = false;
      const now = new Date();
      try {
        await runScheduled(now);
        await runWaiting(now);
      } catch (error) {
        runner.logger?.error({ err: error }, 'job queue tick failed');
      }
    } while (again && timer);
  }

  /** Runs a tick now, or right after the one in progress. */
  function wake(): void {
    if (!timer) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = tick().finally(() => {
      ticking = undefined;
    });
  }

  return {
    async start() {
      if (timer) return;
      await initSchedules(new Date());
      timer = setInterval(wake, settings.pollIntervalMs);
      wake();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await ticking;
    },
    async send(name, data, options = {}) {
      findJob(settings.jobs, name);
      await enqueue(name, data, options.startAfter ?? new Date(), options.singletonKey);
      if (!options.startAfter || options.startAfter.getTime() <= Date.now()) wake();
    },
    async runNow(name, options = {}) {
      const result = await runJob(runner, findJob(settings.jobs, name), options);
      return result;
    },
  };
}
