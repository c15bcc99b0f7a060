import type { JobDefinition } from './types.ts';

/** How a queue runs its jobs, the same on both databases. */
export interface QueueSettings {
  jobs: readonly JobDefinition<never>[];
  /** Schedules replaced (a cron) or turned off (null), from LIFEBOAT_JOB_SCHEDULES. */
  scheduleOverrides: Record<string, string | null>;
  /** Attempts after the first failed one. */
  retryLimit: number;
  /** The wait before the first retry; each further retry waits twice as long. */
  retryDelaySeconds: number;
  /** How often waiting jobs are looked for. */
  pollIntervalMs: number;
}

/** Three retries, 30 s, 1 min and 2 min after the failures; waiting jobs looked for every 2 s. */
export const DEFAULT_QUEUE_SETTINGS: Omit<QueueSettings, 'jobs' | 'scheduleOverrides'> = {
  retryLimit: 3,
  retryDelaySeconds: 30,
  pollIntervalMs: 2000,
};

/** The wait before retry number `attempt` (1 for the first retry): doubling from the retry delay. */
export function retryDelayMs(settings: QueueSettings, attempt: number): number {
  return settings.retryDelaySeconds * 1000 * 2 ** (attempt - 1);
}
