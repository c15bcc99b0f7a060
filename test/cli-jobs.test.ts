import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { LIFEBOAT_DB: join(dir, 'jobs.db'), LIFEBOAT_JOB_SCHEDULES: '' };

it('runs a job at a given instant, prints its summary, and lists it with its schedule and last run', async () => {
  const run = await runCli(['jobs', 'run', 'reminders', '--now', '2026-03-02T07:00:00Z', '--json'], env);
  expect(run.code, run.stderr).toBe(0);
  const printed = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(printed).toMatchObject({ name: 'reminders', ok: true, counts: { digests: 0 } });
  expect(printed.summary).toMatch(/^sent 0 digests/);

  const list = await runCli(['jobs', 'list', '--json'], env);
  expect(list.code, list.stderr).toBe(0);
  const jobs = JSON.parse(list.stdout) as {
    name: string;
    schedule: string | null;
    nextRun: string | null;
    lastRuns: { ok: boolean; summary: string }[];
  }[];
  const reminders = jobs.find((job) => job.name === 'reminders')!;
  expect(reminders.schedule).toBe('0 7 * * *');
  expect(reminders.nextRun).toMatch(/T07:00:00Z$/);
  expect(reminders.lastRuns).toEqual([expect.objectContaining({ ok: true, summary: printed.summary })]);
  expect(jobs.find((job) => job.name === 'webhook-delivery')).toMatchObject({
    schedule: null,
    nextRun: null,
  });

  const table = await runCli(['jobs', 'list'], env);
  expect(table.stdout).toMatch(/^JOB +SCHEDULE \(UTC\) +NEXT RUN +LAST RUN$/m);
  expect(table.stdout).toMatch(/^reminders +0 7 \* \* \* +\S+T07:00:00Z +\S+ ok: sent 0 digests/m);
});

it('shows a schedule changed through LIFEBOAT_JOB_SCHEDULES, and refuses a malformed one naming the job', async () => {
  const moved = await runCli(['jobs', 'list', '--json'], {
    ...env,
    LIFEBOAT_JOB_SCHEDULES: 'reminders=30 6 * * 1-5',
  });
  const jobs = JSON.parse(moved.stdout) as { name: string; schedule: string | null }[];
  expect(jobs.find((job) => job.name === 'reminders')?.schedule).toBe('30 6 * * 1-5');

  const bad = await runCli(['jobs', 'list'], { ...env, LIFEBOAT_JOB_SCHEDULES: 'reminders=every day' });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe(
    'lifeboat jobs list: error: LIFEBOAT_JOB_SCHEDULES reminders: a schedule has five cron fields (minute hour day month weekday), got "every day"\n',
  );
  const unknown = await runCli(['jobs', 'list'], { ...env, LIFEBOAT_JOB_SCHEDULES: 'digest=off' });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown job "digest" \(known jobs: .*reminders/);
});

it('exits 2 for an unknown job, listing the known ones, and for an instant it cannot read', async () => {
  const unknown = await runCli(['jobs', 'run', 'remind'], env);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(
    /^lifeboat jobs run: error: unknown job "remind" \(known jobs: .*reminders.*\)\n$/,
  );

  const badNow = await runCli(['jobs', 'run', 'reminders', '--now', '2026-02-30T07:00'], env);
  expect(badNow.code).toBe(2);
  expect(badNow.stderr).toBe(
    'lifeboat jobs run: error: --now must be an instant such as 2026-03-02T07:00:00Z or a date such as 2026-03-02 (UTC), got "2026-02-30T07:00"\n',
  );
});
