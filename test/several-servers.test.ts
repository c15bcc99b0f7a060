import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExampleIfEmpty } from '../src/cli/import.command.ts';
import { createAuthService } from '../src/server/auth/auth.service.ts';
import { openDatabase } from '../src/server/db/database.ts';
import type { LifeboatDatabase } from '../src/server/db/database.ts';
import { createJobRunsRepository } from '../src/server/jobs/job-runs.repository.ts';
import { runCli } from './support/cli.ts';
import { startServer } from './support/server-process.ts';
import type { ServerProcess } from './support/server-process.ts';
import { startSmtpServer } from './support/smtp.ts';
import type { TestSmtpServer } from './support/smtp.ts';
import { createPostgresTestDatabase, PG_URL } from './support/test-databases.ts';
import type { TestDatabase } from './support/test-databases.ts';
import { emailOf, seedUsers, TEST_PASSWORD } from './support/test-users.ts';

const IN_CI = process.env.CI === 'true';

/**
 * Two `lifeboat serve` processes on one PostgreSQL database, as behind a load balancer: what one writes the other
 * sees, sessions and the login limit are shared, and scheduled work (reminders, call-tree escalations) happens once.
 */
function severalServers(): void {
  let testDatabase: TestDatabase;
  let database: LifeboatDatabase;
  let smtp: TestSmtpServer;
  let a: ServerProcess;
  let b: ServerProcess;
  let tokens: Awaited<ReturnType<typeof seedUsers>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    if (testDatabase.config.dialect !== 'postgres') throw new Error('expected PostgreSQL');
    database = await openDatabase(testDatabase.config);
    await loadExampleIfEmpty(database);
    tokens = await seedUsers(createAuthService({ database, now: () => new Date() }), { passwords: true });
    smtp = await startSmtpServer();
    env = {
      DATABASE_URL: testDatabase.config.url,
      LIFEBOAT_SMTP_URL: smtp.url,
      LIFEBOAT_PUBLIC_URL: 'http://lifeboat.test',
      // Every minute, so the test sees the schedule fire in both processes.
      LIFEBOAT_JOB_SCHEDULES: 'reminders=* * * * *',
    };
    // One after the other: the first may rebuild the web application in a development checkout.
    a = await startServer(env);
    b = await startServer(env);
    // Starting two servers (from source in a development checkout) takes longer than the default hook timeout.
  }, 300_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await database?.close();
    await testDatabase?.drop();
  });

  const admin = () => ({ authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' });

  it("shows a write through one server in the other's analysis", async () => {
    const impact = async (server: ServerProcess) => {
      const response = await fetch(`${server.url}/api/v1/analysis/impact`, {
        method: 'POST',
        headers: admin(),
        body: JSON.stringify({ fail: ['dc-leeds'] }),
      });
      expect(response.status).toBe(200);
      return JSON.stringify(await response.json());
    };
    expect(await impact(b)).not.toContain('two-servers-probe');
    const created = await fetch(`${a.url}/api/v1/components`, {
      method: 'POST',
      headers: admin(),
      body: JSON.stringify({
        apiVersion: 'lifeboat/v1',
        kind: 'Component',
        metadata: { id: 'two-servers-probe', name: 'Probe' },
        spec: { type: 'application', site: 'dc-leeds' },
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(await impact(b)).toContain('two-servers-probe');
  });

  it('accepts on one server a session opened on the other', async () => {
    const login = await fetch(`${a.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emailOf('viewer'), password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = /lifeboat_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeDefined();
    const me = await fetch(`${b.url}/api/v1/auth/me`, { headers: { cookie: cookie! } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: emailOf('viewer') } });
  });

  it('holds the login limit across both servers', async () => {
    const attempt = (server: ServerProcess) =>
      fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: emailOf('auditor'), password: 'not the password at all' }),
      });
    // Five failures allowed per account, spread over the two servers.
    const statuses = [];
    for (const server of [a, b, a, b, a]) statuses.push((await attempt(server)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await attempt(b)).status).toBe(429);
    expect((await attempt(a)).status).toBe(429);
  });

  it('sends each reminder once when the job runs twice at once and its schedule fires in both servers', async () => {
    // The schedule fired (every minute) in one of the two processes: one run per tick.
    const runs = createJobRunsRepository(database.db);
    await (async () => {
      while ((await runs.latest('reminders', 1)).length === 0) await new Promise((r) => setTimeout(r, 200));
    })();
    const began = Date.now();
    const before = smtp.messages.length;
    const cli = ['jobs', 'run', 'reminders', '--now', '2026-12-07T07:00:00Z', '--json'];
    const results = await Promise.all([runCli(cli, env), runCli(cli, env)]);
    let expected = 0;
    for (const run of results) {
      expect(run.code, run.stderr).toBe(0);
      const { counts } = JSON.parse(run.stdout) as { counts: { digests: number; summaries: number } };
      expected += counts.digests + counts.summaries;
    }
    expect(expected).toBeGreaterThan(0);
    // The two runs shared the day's work between them: nobody got a digest (or a summary) twice.
    const received = (await smtp.waitFor(before + expected)).slice(before);
    const keys = received.map((mail) => {
      const to = Array.isArray(mail.to)
        ? mail.to.map((address) => address.text).join()
        : (mail.to?.text ?? '');
      return `${to} ${mail.subject?.startsWith('Lifeboat weekly summary') ? 'summary' : 'digest'}`;
    });
    expect(new Set(keys).size).toBe(keys.length);
    const scheduled = (await runs.latest('reminders', 50)).filter(
      (run) => new Date(run.startedAt).getTime() < began,
    );
    const minutes =
      Math.floor(began / 60_000) - Math.floor(new Date(scheduled.at(-1)!.startedAt).getTime() / 60_000) + 1;
    expect(scheduled.length).toBeLessThanOrEqual(minutes);
  });

  it('escalates an unanswered call-tree contact once, with the timer due on two servers at once', async () => {
    const before = smtp.messages.length;
    const invoked = await fetch(`${a.url}/api/v1/plans/plan-dc-leeds-loss/invoke`, {
      method: 'POST',
      headers: admin(),
      body: JSON.stringify({}),
    });
    expect(invoked.status, await invoked.clone().text()).toBe(201);
    const incident = ((await invoked.json()) as { incident: { metadata: { id: string } } }).incident.metadata
      .id;
    await smtp.waitFor(before + 1);
    const late = new Date(Date.now() + 11 * 60_000).toISOString();
    const cli = ['jobs', 'run', 'call-tree-escalation', '--now', late, '--json'];
    const results = await Promise.all([runCli(cli, env), runCli(cli, env)]);
    const escalated = results.map((run) => {
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { counts: { escalated: number } }).counts.escalated;
    });
    expect(escalated.sort()).toEqual([0, 1]);
    const tree = await fetch(`${b.url}/api/v1/incidents/${incident}/call-tree`, { headers: admin() });
    expect(tree.status).toBe(200);
    const body = JSON.stringify(await tree.json());
    expect(body.match(/"escalatedTo"/g)?.length ?? 0).toBe(1);
  });
}

if (PG_URL) {
  describe('several servers on one PostgreSQL database', severalServers);
} else if (IN_CI) {
  it('has a PostgreSQL database for the several-servers test', () => {
    throw new Error('CI=true but LIFEBOAT_TEST_PG_URL is not set: the several-servers test cannot run');
  });
} else {
  describe.skip(
    'several servers on one PostgreSQL database (LIFEBOAT_TEST_PG_URL is not set)',
    severalServers,
  );
}
