import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { effectiveSchedule } from './schedule.ts';
import { findJob, runJob } from './run-job.ts';
import type { JobRunnerOptions } from './run-job.ts';
import type { QueueSettings } from './queue-settings.ts';
import type { JobQueue } from './types.ts';

/** Arbitrary constant naming the job queue's set-up among PostgreSQL advisory locks (the write lock is 71301). */
const SETUP_LOCK_KEY = 71302;

/**
 * The queue of jobs sent with a singleton key. pg-boss's `short` policy keeps one waiting job per key, but it
 * treats "no key" as a key too, so keyed sends get a queue of their own and plain sends stay unlimited.
 */
function keyedQueue(name: string): string {
  return `${name}__keyed`;
}

/**
 * The job queue on PostgreSQL, through pg-boss (its tables in the `pgboss` schema of Lifeboat's database). Each
 * scheduled job is sent once per cron tick whatever the number of server processes (pg-boss elects one to
 * evaluate the schedules and keys the send by the minute); a job is fetched by one worker with `SKIP LOCKED`; a
 * failed attempt is retried with backoff, and a crashed worker's job is retried once it expires.
 */
export function createPgBossQueue(runner: JobRunnerOptions, settings: QueueSettings): JobQueue {
  const { db } = runner.database;
  // pg-boss runs its SQL on Lifeboat's own connection pool: one pool to size and to close.
  const connection = {
    async executeSql(text: string, values: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
  let boss: PgBoss | undefined;
  let opening: Promise<PgBoss> | undefined;
  let started = false;

  function open(full: boolean): Promise<PgBoss> {
    opening ??= (async () => {
      const instance = new PgBoss({
        db: connection,
        // A process that only sends (the CLI) neither evaluates schedules nor supervises.
        schedule: full,
        supervise: full,
        cronWorkerIntervalSeconds: Math.max(1, Math.round(settings.pollIntervalMs / 1000)),
        // One process evaluates the schedules every 5 s (pg-boss takes turns through the database), well inside
        // the minute a tick stays due; the first evaluation, at start, comes before the schedules are set.
        cronMonitorIntervalSeconds: 5,
      });
      instance.on('error', (error) => runner.logger?.error({ err: error }, 'job queue error'));
      // Two processes starting together deadlock in pg-boss's set-up (each queue attaches a partition to one
      // table): an advisory lock, held on a connection of its own, lets one process at a time through it.
      await db.connection().execute(async (lock) => {
        await sql`select pg_advisory_lock(${SETUP_LOCK_KEY})`.execute(lock);
        try {
          await instance.start();
          for (const job of settings.jobs) {
            const options = {
              retryLimit: settings.retryLimit,
              retryDelay: settings.retryDelaySeconds,
              retryBackoff: true,
            };
            await instance.createQueue(job.name, { name: job.name, policy: 'standard', ...options });
            await instance.createQueue(keyedQueue(job.name), {
              name: keyedQueue(job.name),
              policy: 'short',
              ...options,
            });
          }
        } finally {
          await sql`select pg_advisory_unlock(${SETUP_LOCK_KEY})`.execute(lock);
        }
      });
      boss = instance;
      return instance;
    })();
    return opening;
  }

  async function work(instance: PgBoss): Promise<void> {
    for (const job of settings.jobs) {
      const cron = effectiveSchedule(job, settings.scheduleOverrides);
      if (cron) await instance.schedule(job.name, cron, {}, { tz: 'UTC' });
      else await instance.unschedule(job.name);
      for (const queue of [job.name, keyedQueue(job.name)]) {
        await instance.work<object>(
          queue,
          { pollingIntervalSeconds: Math.max(0.5, settings.pollIntervalMs / 1000), batchSize: 1 },
          async ([received]) => {
            if (!received) return;
            const result = await runJob(runner, job, { data: received.data });
            // Thrown, the failure goes back to pg-boss, which retries the job.
            if (!result.ok) throw result.error instanceof Error ? result.error : new Error(result.summary);
          },
        );
      }
    }
  }

  return {
    async start() {
      if (started) return;
      started = true;
      // A queue opened only to send is reopened with the schedules and the supervisor.
      if (opening) {
        const light = await opening;
        await light.stop({ graceful: true, wait: true });
        opening = undefined;
        boss = undefined;
      }
      await work(await open(true));
    },
    async stop() {
      const instance = opening && (await opening.catch(() => undefined));
      opening = undefined;
      boss = undefined;
      started = false;
      await instance?.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
    async send(name, data, options = {}) {
      findJob(settings.jobs, name);
      const instance = boss ?? (await open(started));
      const queue = options.singletonKey ? keyedQueue(name) : name;
      await instance.send(queue, data, {
        ...(options.startAfter && { startAfter: options.startAfter }),
        ...(options.singletonKey && { singletonKey: options.singletonKey }),
      });
    },
    async runNow(name, options = {}) {
      return runJob(runner, findJob(settings.jobs, name), options);
    },
  };
}
