import { CronExpressionParser } from 'cron-parser';
import type { JobDefinition } from './types.ts';

/** A schedule that cannot be used, with the job's name and what is expected. */
export class ScheduleError extends Error {}

/**
 * Checks a cron schedule: five fields (minute hour day month weekday), read in UTC. Minutes are the finest step, as
 * pg-boss evaluates schedules once a minute.
 */
export function checkSchedule(cron: string, where: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new ScheduleError(
      `${where}: a schedule has five cron fields (minute hour day month weekday), got "${cron}"`,
    );
  }
  try {
    CronExpressionParser.parse(fields.join(' '), { tz: 'UTC' });
  } catch (error) {
    throw new ScheduleError(`${where}: "${cron}" is not a cron schedule: ${(error as Error).message}`);
  }
  return fields.join(' ');
}

/** The first tick of `cron` strictly after `after` (UTC). */
export function nextTick(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: 'UTC' }).next().toDate();
}

/**
 * Schedules overridden by LIFEBOAT_JOB_SCHEDULES: `name=cron` pairs separated by `;` (`reminders=0 7 * * *;
 * webhook-delivery=off`), `off` turning a schedule off. For a deployment that wants another hour, and for tests
 * that need a schedule to fire now.
 */
export function parseScheduleOverrides(
  text: string | undefined,
  jobs: readonly JobDefinition<never>[],
): Record<string, string | null> {
  const overrides: Record<string, string | null> = {};
  for (const entry of (text ?? '').split(';')) {
    if (!entry.trim()) continue;
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const cron = entry.slice(at + 1).trim();
    if (at < 0 || !name) {
      throw new ScheduleError(
        `LIFEBOAT_JOB_SCHEDULES: expected name=cron pairs separated by ";", got "${entry.trim()}"`,
      );
    }
    if (!jobs.some((job) => job.name === name)) {
      const known = jobs.map((job) => job.name).join(', ') || 'none';
      throw new ScheduleError(`LIFEBOAT_JOB_SCHEDULES: unknown job "${name}" (known jobs: ${known})`);
    }
    overrides[name] = cron === 'off' ? null : checkSchedule(cron, `LIFEBOAT_JOB_SCHEDULES ${name}`);
  }
  return overrides;
}

/** Each job's schedule once the overrides apply; undefined for a job that only runs when sent. */
export function effectiveSchedule(
  job: JobDefinition<never>,
  overrides: Record<string, string | null>,
): string | undefined {
  const override = overrides[job.name];
  if (override === null) return undefined;
  return override ?? job.schedule;
}
