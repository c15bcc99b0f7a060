import type { LifeboatDatabase } from '../db/database.ts';
import type { Notifier } from '../notify/types.ts';
import { createLocalQueue } from './local-queue.ts';
import { createPgBossQueue } from './pg-boss-queue.ts';
import { DEFAULT_QUEUE_SETTINGS } from './queue-settings.ts';
import type { QueueSettings } from './queue-settings.ts';
import { JOBS } from './registry.ts';
import type { JobLogger } from './run-job.ts';
import { parseScheduleOverrides } from './schedule.ts';
import type { JobDefinition, JobQueue } from './types.ts';

export { UnknownJobError } from './run-job.ts';
export type { JobLogger } from './run-job.ts';

/** What a job queue is made from. */
export interface JobQueueOptions {
  database: LifeboatDatabase;
  /** The notifier jobs use, resolved when a job runs (the notifier itself sends through this queue). */
  notifier: () => Notifier;
  publicUrl: string;
  /** Every job by default (`JOBS`); tests pass their own. */
  jobs?: readonly JobDefinition<never>[];
  /** LIFEBOAT_JOB_SCHEDULES by default: `name=cron;name=off`. */
  schedules?: string;
  /** Retry limit and delay, polling interval: tests shorten them. */
  settings?: Partial<Omit<QueueSettings, 'jobs' | 'scheduleOverrides'>>;
  logger?: JobLogger;
}

/**
 * The job queue for a database: pg-boss on PostgreSQL (correct with several server processes), in process on
 * SQLite. Nothing runs until `start()`: building the app does not start schedules; `lifeboat serve` does.
 */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const jobs = options.jobs ?? JOBS;
  const settings: QueueSettings = {
    ...DEFAULT_QUEUE_SETTINGS,
    ...options.settings,
    jobs,
    scheduleOverrides: parseScheduleOverrides(options.schedules ?? process.env.LIFEBOAT_JOB_SCHEDULES, jobs),
  };
  const runner = {
    database: options.database,
    notifier: options.notifier,
    publicUrl: options.publicUrl,
    ...(options.logger && { logger: options.logger }),
  };
  return options.database.dialect === 'sqlite'
    ? createLocalQueue(runner, settings)
    : createPgBossQueue(runner, settings);
}
