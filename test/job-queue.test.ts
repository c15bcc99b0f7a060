import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import type { LifeboatDatabase } from '../src/server/db/database.ts';
import { createJobRunsRepository } from '../src/server/jobs/job-runs.repository.ts';
import { createJobQueue } from '../src/server/jobs/queue.ts';
import type { JobDefinition, JobQueue } from '../src/server/jobs/types.ts';
import type { Notifier } from '../src/server/notify/types.ts';
import { createTestDatabase, describeEachDatabase } from './support/test-databases.ts';
import type { TestDatabase } from './support/test-databases.ts';

const NO_NOTIFIER: Notifier = {
  email: () => Promise.reject(new Error('no email in these tests')),
  publish: () => Promise.resolve(),
};

/** Polls `check` until it holds (the queue works in the background); the test runner's timeout bounds it. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(100);
}

/** What the test jobs did, in order: the job, its data and when it ran. */
interface Call {
  job: string;
  data: unknown;
  at: Date;
}

describeEachDatabase('job queue', (dialect) => {
  let testDatabase: TestDatabase;
  let calls: Call[];
  let failuresLeft: number;
  const opened: LifeboatDatabase[] = [];
  const queues: JobQueue[] = [];

  const jobs: JobDefinition<never>[] = [
    {
      name: 'tick',
      description: 'counts its runs',
      schedule: '0 3 * * *',
      run: ({ data }) => {
        calls.push({ job: 'tick', data, at: new Date() });
        return Promise.resolve({ summary: 'ticked' });
      },
    },
    {
      name: 'flaky',
      description: 'fails until failuresLeft is spent',
      run: ({ data }) => {
        calls.push({ job: 'flaky', data, at: new Date() });
        if (failuresLeft-- > 0) return Promise.reject(new Error('the receiver did not answer'));
        return Promise.resolve({ summary: 'delivered' });
      },
    },
    {
      name: 'later',
      description: 'runs when sent',
      run: ({ data, now }) => {
        calls.push({ job: 'later', data, at: now });
        return Promise.resolve({ summary: `done ${JSON.stringify(data)}` });
      },
    },
  ];

  /** A queue on the test database, as one server process has: its own connection pool. */
  async function queue(schedules = ''): Promise<{ queue: JobQueue; database: LifeboatDatabase }> {
    const database = await openDatabase(testDatabase.config);
    opened.push(database);
    const created = createJobQueue({
      database,
      notifier: () => NO_NOTIFIER,
      publicUrl: 'http://lifeboat.test',
      jobs,
      schedules,
      settings: { retryLimit: 2, retryDelaySeconds: 0, pollIntervalMs: 500 },
    });
    queues.push(created);
    return { queue: created, database };
  }

  beforeEach(async () => {
    calls = [];
    failuresLeft = 0;
    testDatabase = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    for (const created of queues.splice(0)) await created.stop();
    for (const database of opened.splice(0)) await database.close();
    await testDatabase.drop();
  });

  it('retries a failed job until it succeeds, and records each attempt', async () => {
    failuresLeft = 2;
    const { queue: q, database } = await queue();
    await q.start();
    await q.send('flaky', { deliveryId: 'd1' });
    await eventually(() => calls.length === 3);
    const runs = createJobRunsRepository(database.db);
    await eventually(async () => (await runs.latest('flaky', 10)).length === 3);
    const recorded = (await runs.latest('flaky', 10)).reverse();
    expect(recorded.map((run) => [run.ok, run.summary])).toEqual([
      [false, 'the receiver did not answer'],
      [false, 'the receiver did not answer'],
      [true, 'delivered'],
    ]);
    expect(calls.map((call) => call.data)).toEqual([
      { deliveryId: 'd1' },
      { deliveryId: 'd1' },
      { deliveryId: 'd1' },
    ]);
  });

  it('runs a job sent for later no earlier than asked, even when the queue was stopped and started again', async () => {
    const first = await queue();
    await first.queue.start();
    const startAfter = new Date(Date.now() + 1500);
    await first.queue.send('later', { incident: 'inc-1' }, { startAfter });
    await first.queue.stop();
    expect(calls).toEqual([]);

    // Another process (a restart) finds the waiting job.
    const second = await queue();
    await second.queue.start();
    await eventually(() => calls.length === 1);
    expect(calls[0]!.data).toEqual({ incident: 'inc-1' });
    expect(calls[0]!.at.getTime()).toBeGreaterThanOrEqual(startAfter.getTime());
  });

  it('drops a second send with the same singleton key while the first waits, but not a different key', async () => {
    const { queue: q } = await queue();
    const startAfter = new Date(Date.now() + 1000);
    await q.send('later', { step: 1 }, { startAfter, singletonKey: 'escalate:inc-1:ana' });
    await q.send('later', { step: 2 }, { startAfter, singletonKey: 'escalate:inc-1:ana' });
    await q.send('later', { step: 3 }, { startAfter, singletonKey: 'escalate:inc-1:bo' });
    await q.start();
    await eventually(() => calls.length === 2);
    // Let the workers poll a few more times: a duplicate would show up now.
    await sleep(2000);
    expect(
      calls.map((call) => call.data).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([{ step: 1 }, { step: 3 }]);
  });

  it('runs a scheduled job once per tick, whatever the number of queues on the database', async () => {
    const began = Date.now();
    const count = dialect === 'postgres' ? 2 : 1;
    for (let i = 0; i < count; i++) await (await queue('tick=* * * * *')).queue.start();
    await eventually(() => calls.length >= 1);
    // A second run in the same minute would come within a few polls.
    await sleep(3000);
    const minutes = Math.floor(Date.now() / 60_000) - Math.floor(began / 60_000) + 1;
    const ticks = calls.filter((call) => call.job === 'tick');
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks.length).toBeLessThanOrEqual(minutes);
  });

  it('runs a job at once with runNow, recording the run, and names the known jobs for an unknown one', async () => {
    const { queue: q, database } = await queue();
    const run = await q.runNow('later', { now: new Date('2026-03-02T07:00:00Z'), data: { id: 'x' } });
    expect(run).toMatchObject({ name: 'later', ok: true, summary: 'done {"id":"x"}' });
    expect(calls).toEqual([{ job: 'later', data: { id: 'x' }, at: new Date('2026-03-02T07:00:00Z') }]);
    expect(await createJobRunsRepository(database.db).latest('later', 5)).toHaveLength(1);
    await expect(q.runNow('nope')).rejects.toThrow('unknown job "nope" (known jobs: tick, flaky, later)');
  });
});
