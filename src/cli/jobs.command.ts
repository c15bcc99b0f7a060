import type { Command } from 'commander';
import { ConfigError, mailConfigFromEnv, serverConfigFromEnv } from '../server/config.ts';
import type { LifeboatDatabase } from '../server/db/database.ts';
import { createJobRunsRepository } from '../server/jobs/job-runs.repository.ts';
import { createJobQueue, UnknownJobError } from '../server/jobs/queue.ts';
import { JOBS } from '../server/jobs/registry.ts';
import {
  effectiveSchedule,
  nextTick,
  parseScheduleOverrides,
  ScheduleError,
} from '../server/jobs/schedule.ts';
import type { JobQueue, JobRun } from '../server/jobs/types.ts';
import { createNotifier } from '../server/notify/notifier.ts';
import type { Notifier } from '../server/notify/types.ts';
import { openCommandDatabase } from './import.command.ts';
import { fail, formatTable } from './output.ts';

/** An instant: a date (midnight UTC) or a date and time with its offset, `2026-03-02T07:00:00Z`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `--now` as a Date, or a usage error naming the expected form. */
function parseNow(text: string): Date {
  const date = new Date(text);
  if (!INSTANT.test(text) || Number.isNaN(date.getTime())) {
    fail(
      'jobs run',
      `--now must be an instant such as 2026-03-02T07:00:00Z or a date such as 2026-03-02 (UTC), got "${text}"`,
      2,
    );
  }
  return date;
}

/** The queue and notifier a job runs with, as `lifeboat serve` builds them, on the database the environment names. */
async function openJobs(command: string): Promise<{ database: LifeboatDatabase; jobs: JobQueue }> {
  let mail;
  let publicUrl: string;
  try {
    mail = mailConfigFromEnv();
    const config = serverConfigFromEnv();
    publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ScheduleError) fail(command, error.message, 2);
    throw error;
  }
  const database = await openCommandDatabase(command);
  try {
    const jobs: JobQueue = createJobQueue({ database, notifier: () => notifier, publicUrl });
    const notifier: Notifier = createNotifier({ database, jobs, ...mail, publicUrl });
    return { database, jobs };
  } catch (error) {
    await database.close();
    if (error instanceof ScheduleError) fail(command, error.message, 2);
    throw error;
  }
}

/** `lifeboat jobs run <name>` and `lifeboat jobs list`. */
export function registerJobs(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('run a background job now, or list the jobs with their schedules and last runs');

  jobs
    .command('run')
    .description('run one job now in this process (for cron and for tests); exit 1 when it fails')
    .argument('<name>', `the job: ${JOBS.map((job) => job.name).join(', ')}`)
    .option('--now <instant>', 'the instant the run counts as (2026-03-02T07:00:00Z); default: now')
    .option('--json', 'print the run as JSON')
    .action(async (name: string, flags: { now?: string; json?: boolean }) => {
      const now = flags.now === undefined ? undefined : parseNow(flags.now);
      if (!JOBS.some((job) => job.name === name))
        fail(
          'jobs run',
          new UnknownJobError(
            name,
            JOBS.map((job) => job.name),
          ).message,
          2,
        );
      const { database, jobs: queue } = await openJobs('jobs run');
      let run;
      try {
        run = await queue.runNow(name, now ? { now } : {});
      } finally {
        // Email retries and webhook deliveries the run queued stay in the queue for the servers.
        await queue.stop();
        await database.close();
      }
      if (flags.json) {
        const { name: job, startedAt, finishedAt, ok, summary } = run;
        const counts = run.outcome?.counts ?? {};
        process.stdout.write(
          `${JSON.stringify({ name: job, startedAt, finishedAt, ok, summary, counts }, null, 2)}\n`,
        );
      } else if (run.ok) process.stdout.write(`${name}: ${run.summary}\n`);
      if (!run.ok) fail('jobs run', `${name} failed: ${run.summary}`, 1);
    });

  jobs
    .command('list')
    .description('list the jobs: schedule (cron, UTC), next run and the last runs')
    .option('--runs <count>', 'how many of the last runs to show for each job', '3')
    .option('--json', 'print JSON')
    .action(async (flags: { runs: string; json?: boolean }) => {
      const count = Number(flags.runs);
      if (!Number.isInteger(count) || count < 0 || count > 100)
        fail('jobs list', `--runs must be a whole number from 0 to 100, got "${flags.runs}"`, 2);
      let overrides;
      try {
        overrides = parseScheduleOverrides(process.env.LIFEBOAT_JOB_SCHEDULES, JOBS);
      } catch (error) {
        if (error instanceof ScheduleError) fail('jobs list', error.message, 2);
        throw error;
      }
      const database = await openCommandDatabase('jobs list');
      const now = new Date();
      const runs = createJobRunsRepository(database.db);
      const listed = [];
      try {
        for (const job of JOBS) {
          const schedule = effectiveSchedule(job, overrides);
          listed.push({
            name: job.name,
            description: job.description,
            schedule: schedule ?? null,
            nextRun: schedule ? nextTick(schedule, now).toISOString().replace('.000Z', 'Z') : null,
            lastRuns: count > 0 ? await runs.latest(job.name, count) : [],
          });
        }
      } finally {
        await database.close();
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
        return;
      }
      const rows = [['JOB', 'SCHEDULE (UTC)', 'NEXT RUN', 'LAST RUN']];
      for (const job of listed) {
        const [last, ...older] = job.lastRuns;
        rows.push([
          job.name,
          job.schedule ?? 'when sent',
          job.nextRun ?? '-',
          last ? runText(last) : 'never',
        ]);
        for (const run of older) rows.push(['', '', '', runText(run)]);
      }
      process.stdout.write(`${formatTable(rows)}\n`);
    });
}

/** `2026-03-02T07:00:01Z ok: sent 4 digests`. */
function runText(run: JobRun): string {
  return `${run.startedAt.replace(/\.\d+Z$/, 'Z')} ${run.ok ? 'ok' : 'FAILED'}: ${run.summary}`;
}
