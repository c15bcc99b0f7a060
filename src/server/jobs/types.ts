import type { LifeboatDatabase } from '../db/database.ts';
import type { Notifier } from '../notify/types.ts';

/** What a job's handler is given. `now` is the instant the run counts as (`lifeboat jobs run x --now <instant>`). */
export interface JobContext<Data = unknown> {
  database: LifeboatDatabase;
  now: Date;
  /** The job's own data, for a job sent with `JobQueue.send` (an escalation, a webhook retry); `{}` on a schedule. */
  data: Data;
  /** Email and webhooks. */
  notifier: Notifier;
  /** Where users reach the server: every link in an email or a webhook is absolute, from LIFEBOAT_PUBLIC_URL. */
  publicUrl: string;
}

/** What a run did, shown by `lifeboat jobs list` and in the job's log line: `sent 4 digests`. */
export interface JobOutcome {
  summary: string;
  /** Counts for the metrics and tests: `{ digests: 4 }`. */
  counts?: Record<string, number>;
}

/**
 * A kind of job. A scheduled job (a `schedule` in cron form, in UTC) runs once per tick across every server
 * process; any job can also be sent with data to run once, possibly later (`JobQueue.send`). A handler must be
 * idempotent: a crashed worker's job is retried.
 */
export interface JobDefinition<Data = unknown> {
  name: string;
  description: string;
  schedule?: string;
  run(context: JobContext<Data>): Promise<JobOutcome>;
}

/** A finished or failed run, as `lifeboat jobs list` shows the last ones. */
export interface JobRun {
  name: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  summary: string;
}

/**
 * The queue every background job goes through: pg-boss on PostgreSQL (correct with several server processes),
 * the same interface in process on SQLite (one server process).
 */
export interface JobQueue {
  /** Starts the schedules and the workers (`lifeboat serve`); a CLI that only sends or runs one job need not. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Runs `name` once, later when `startAfter` is given. With a `singletonKey`, a second send with the same key
   * while the first is waiting is dropped (an escalation timer sent twice fires once).
   */
  send(name: string, data: object, options?: { startAfter?: Date; singletonKey?: string }): Promise<void>;
  /** Runs `name` now in this process and records the run, as `lifeboat jobs run <name> --now <instant>`. */
  runNow(name: string, options?: { now?: Date; data?: object }): Promise<JobRun & { outcome?: JobOutcome }>;
}
