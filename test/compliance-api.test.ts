import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadExampleIfEmpty } from '../src/cli/import.command.ts';
import { parseDuration } from '../src/catalog/duration.ts';
import { FRAMEWORKS } from '../src/compliance/frameworks.ts';
import type { CheckResult, ComplianceReport } from '../src/compliance/types.ts';
import { CHECK_IDS } from '../src/compliance/types.ts';
import { jobNamed } from '../src/server/jobs/registry.ts';
import { runJob } from '../src/server/jobs/run-job.ts';
import { AUDIT_VERDICT_MAX_AGE_MS } from '../src/server/services/audit-state.ts';
import { createHeavyWork, heavyWorkOptionsFromEnv } from '../src/server/services/heavy-work.ts';
import type { Notifier } from '../src/server/notify/types.ts';
import type { ComplianceSnapshot } from '../src/server/services/compliance.service.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

/**
 * GET /api/v1/analysis/compliance and its trend on the example organisation (Northbank) as `lifeboat demo` loads
 * it (its assessments approved, so frozen versions exist), on each database. One app per database; the tests run
 * in order, the last one breaking the audit chain.
 */
const TODAY = '2026-12-06';
const NOW = new Date(`${TODAY}T09:30:00Z`);

describeEachDatabase('compliance API', (dialect) => {
  let t: TestApp;
  let clock = NOW;
  // The app's pool, so that a test can count the reports it evaluated.
  const work = createHeavyWork(heavyWorkOptionsFromEnv());

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock, heavyWork: work });
    await loadExampleIfEmpty(t.database);
  });
  afterAll(async () => {
    await t.close();
    await work.close();
  });

  async function report(query = ''): Promise<ComplianceReport> {
    const response = await t
      .as('viewer')
      .inject({ method: 'GET', url: `/api/v1/analysis/compliance${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return body<ComplianceReport>(response);
  }

  const check = (answer: ComplianceReport, id: string): CheckResult =>
    answer.checks.find((c) => c.id === id)!;
  const item = (answer: ComplianceReport, checkId: string, itemId: string) =>
    check(answer, checkId).items.find((i) => i.id === itemId);

  /** Runs the compliance-snapshot job as the queue would, at `now`. */
  async function snapshotJob(now: Date) {
    // The job notifies nobody: a notifier it would call fails the run.
    const notifier = () => ({}) as Notifier;
    // The job starts a pool of its own per run (LIFEBOAT_WORKERS): inline here, as the report requests above
    // already go through the app's pool; a thread per run would cost seconds each.
    const workers = process.env.LIFEBOAT_WORKERS;
    process.env.LIFEBOAT_WORKERS = '0';
    let run;
    try {
      run = await runJob(
        { database: t.database, notifier, publicUrl: 'http://localhost' },
        jobNamed('compliance-snapshot')!,
        { now },
      );
    } finally {
      if (workers === undefined) delete process.env.LIFEBOAT_WORKERS;
      else process.env.LIFEBOAT_WORKERS = workers;
    }
    expect(run.ok, run.summary).toBe(true);
    return run;
  }

  async function trend(query = ''): Promise<ComplianceSnapshot[]> {
    const response = await t.as('viewer').inject({
      method: 'GET',
      url: `/api/v1/analysis/compliance/trend${query}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return body<{ snapshots: ComplianceSnapshot[] }>(response).snapshots;
  }

  it('answers every check, each framework and the score (the share of passing items) for today by default', async () => {
    const answer = await report();
    expect(answer.at).toBe(TODAY);
    expect(answer.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    for (const c of answer.checks) {
      expect(c.passed + c.failed).toBe(c.items.length);
      expect(c.failed).toBe(c.items.filter((i) => i.status === 'fail').length);
      expect(c.status).toBe(c.items.length === 0 ? 'not-applicable' : c.failed > 0 ? 'fail' : 'pass');
      expect(c.title).not.toBe('');
    }
    const items = answer.checks.flatMap((c) => c.items);
    expect(answer.score).toBeCloseTo(items.filter((i) => i.status === 'pass').length / items.length, 10);
    expect(answer.frameworks.map((f) => f.id)).toEqual(FRAMEWORKS.map((f) => f.id));
    // Each plan's review is an item linking to the plan's page, where it is fixed.
    expect(check(answer, 'C07').items.map((i) => i.path)).toEqual(
      check(answer, 'C07').items.map((i) => `/plans/${i.id}`),
    );
    expect(item(answer, 'C07', 'plan-dc-leeds-loss')).toBeDefined();
    // From the database the audit chain is verified: it holds, and its head is the evidence.
    const audit = item(answer, 'C17', 'audit-log');
    expect(audit?.status).toBe('pass');
    const head = audit!.evidence!.find((e) => e.type === 'audit')!;
    const [entry] = body<{ items: { seq: number; hash: string }[] }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/audit?cursor=${Number(head.id) - 1}&limit=1` }),
    ).items;
    expect(entry?.seq).toBe(Number(head.id));
    expect(head.checksum).toBe(entry?.hash);
  });

  it('evaluates at the date asked: a plan review is due on the last day of its interval, not the day before', async () => {
    // The day plan-dc-leeds-loss falls due: its last review plus its review interval.
    const { spec } = body<{ spec: { lastReviewed: string; reviewInterval: string } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-leeds-loss' }),
    );
    const days = parseDuration(spec.reviewInterval)! / (24 * 60);
    const day = (offset: number) =>
      new Date(Date.parse(`${spec.lastReviewed}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const before = await report(`?at=${day(days - 1)}`);
    expect(before.at).toBe(day(days - 1));
    expect(item(before, 'C07', 'plan-dc-leeds-loss')?.status).toBe('pass');
    const due = await report(`?at=${day(days)}`);
    expect(item(due, 'C07', 'plan-dc-leeds-loss')).toMatchObject({ status: 'fail' });
    expect(item(due, 'C07', 'plan-dc-leeds-loss')?.message).toContain(day(days));
  });

  it('keeps to one framework when asked: its requirements, the checks it cites and only its references', async () => {
    const answer = await report(`?at=${TODAY}&framework=dora`);
    expect(answer.frameworks.map((f) => f.id)).toEqual(['dora']);
    const cited = new Set(answer.frameworks[0]!.requirements.flatMap((r) => r.checks));
    expect(answer.checks.map((c) => c.id)).toEqual(CHECK_IDS.filter((id) => cited.has(id)));
    for (const c of answer.checks) expect(c.references.every((r) => r.framework === 'dora')).toBe(true);
    const manual = answer.frameworks[0]!.requirements.filter((r) => r.checks.length === 0);
    expect(manual.every((r) => r.status === 'manual' && Array.isArray(r.statements))).toBe(true);
  });

  it('refuses a date that is not one and a framework it does not know with a 400 that says what is expected', async () => {
    for (const query of ['?at=2026-02-30', '?at=06/12/2026', '?framework=iso', '/trend?from=2026-13-01']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/analysis/compliance${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const { detail } = body<{ detail: string }>(response);
      expect(detail).toMatch(
        query.includes('framework') ? /iso22301.*nist-800-34.*dora.*nis2/ : /YYYY-MM-DD/,
      );
    }
    const backwards = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/compliance/trend?from=2026-12-06&to=2026-12-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(body<{ detail: string }>(backwards).detail).toBe(
      'from 2026-12-06 is after to 2026-12-01: give a period forwards',
    );
  });

  it('keeps a daily snapshot that the trend returns, one row per date whatever the runs', async () => {
    expect(await trend()).toEqual([]);
    const run = await snapshotJob(new Date('2026-12-05T06:00:00Z'));
    expect(run.summary).toMatch(/^2026-12-05: score \d+%; \d+ checks pass, \d+ fail, \d+ not applicable$/);
    await snapshotJob(NOW);
    await snapshotJob(NOW);
    const snapshots = await trend();
    expect(snapshots.map((s) => s.date)).toEqual(['2026-12-05', TODAY]);
    const today = await report(`?at=${TODAY}`);
    expect(snapshots[1]).toEqual({
      date: TODAY,
      score: today.score,
      checks: today.checks.map(({ id, status, passed, failed }) => ({ id, status, passed, failed })),
    });
    expect((await trend('?from=2026-12-06&to=2026-12-31')).map((s) => s.date)).toEqual([TODAY]);
    expect(await trend('?from=2025-01-01&to=2025-12-31')).toEqual([]);
  });

  it('answers from its cache until a write, then anew: the report of the same date changes with the catalog', async () => {
    const before = await report(`?at=${TODAY}`);
    // Asked again with nothing written, the cached answer comes back: no work runs in the pool.
    const evaluated = work.stats().completed;
    expect(await report(`?at=${TODAY}`)).toEqual(before);
    expect(work.stats().completed).toBe(evaluated);
    // A review recorded long ago: the plan is overdue for review from then on.
    const url = '/api/v1/plans/plan-dc-leeds-loss';
    const plan = body<{ metadata: Record<string, unknown>; spec: Record<string, unknown> }>(
      await t.app.inject({ method: 'GET', url }),
    );
    const response = await t.app.inject({
      method: 'PUT',
      url,
      payload: { ...plan, spec: { ...plan.spec, lastReviewed: '2020-01-02' } },
    });
    expect(response.statusCode, response.body).toBe(200);
    const after = await report(`?at=${TODAY}`);
    const review = item(after, 'C07', 'plan-dc-leeds-loss');
    expect(review?.status).toBe('fail');
    expect(review?.message).toContain('2020-01-02');
    expect(review?.message).not.toBe(item(before, 'C07', 'plan-dc-leeds-loss')?.message);
    expect(work.stats().completed).toBeGreaterThan(evaluated);
  });

  it('fails C17 once an audit entry is edited in place, in the report and in the next snapshot', async () => {
    await t.database.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 3).execute();
    // The head is unchanged: the chain is walked again once the kept verdict is five minutes old (same day).
    clock = new Date(NOW.getTime() + AUDIT_VERDICT_MAX_AGE_MS);
    const answer = await report(`?at=${TODAY}`);
    expect(check(answer, 'C17').status).toBe('fail');
    const audit = item(answer, 'C17', 'audit-log');
    expect(audit?.status).toBe('fail');
    expect(audit?.message).toContain('3');
    await snapshotJob(NOW);
    const snapshots = await trend();
    expect(snapshots.find((s) => s.date === TODAY)?.checks.find((c) => c.id === 'C17')?.status).toBe('fail');
  });
});
