// The Objectives and Compliance pages in a real browser against a real server holding the Northbank example organisation.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../src/compliance/types.ts';
import type { ImpactResult } from '../../src/engine/types.ts';
import type { ObjectivesAnswer } from '../../src/server/routes/analysis.schema.ts';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the Objectives page tests');

type Service = ObjectivesAnswer['services'][number];

/** Red: the server says an RTO or RPO is breached in this scenario. */
const breached = (result: Service['results'][number]) =>
  result.rtoBreach === true || result.rpoBreach === true;

/** Minutes past the RTO or RPO in the worst scenario (never back or unbounded loss: Infinity), as docs/web.md says. */
function worstGap(service: Service): number {
  let worst = -Infinity;
  for (const r of service.results) {
    if (service.rtoMinutes !== null && r.down)
      worst = Math.max(worst, r.restoreMinutes === null ? Infinity : r.restoreMinutes - service.rtoMinutes);
    if (service.rpoMinutes !== null && (r.down || r.dataLossMinutes !== 0))
      worst = Math.max(worst, r.dataLossMinutes === null ? Infinity : r.dataLossMinutes - service.rpoMinutes);
  }
  return worst;
}

/** One attribute of every element a locator finds, in document order. */
async function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((element) => element.getAttribute(name)));
}

describe.skipIf(!available)('objectives page', () => {
  const suite = browserSuite();

  async function answer(): Promise<ObjectivesAnswer> {
    const response = await fetch(`${suite.app.apiUrl}/api/v1/analysis/objectives`, {
      headers: suite.app.adminHeaders,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as ObjectivesAnswer;
  }

  it('shows every service against every scenario, coloured as the server judges it, and sorts by worst gap', async () => {
    const gap = await answer();
    const page = await suite.newPage(userOf('viewer'), '/');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Objectives' })
      .click();
    await page.getByRole('heading', { name: 'Objectives', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/objectives$/);
    const matrix = page.getByRole('table', { name: 'Objectives gap' });
    await matrix.waitFor();

    // Scenarios across: each site, each vendor, each plan, in the server's order; the plan links to its page.
    const headers = await attributes(matrix.locator('thead th[data-scenario]'), 'data-scenario');
    expect(headers).toEqual(gap.scenarios.map((scenario) => scenario.id));
    expect(headers).toEqual(expect.arrayContaining(['dc-leeds', 'plan-dc-leeds-loss']));
    expect(await matrix.getByRole('link', { name: 'plan-dc-leeds-loss' }).getAttribute('href')).toBe(
      '/plans/plan-dc-leeds-loss',
    );

    // Services down the side, by tier; each cell takes the status the server's breaches give it.
    const rows = matrix.locator('tbody tr');
    expect(await rows.count()).toBe(gap.services.length);
    const coreBanking = gap.services.find((service) => service.id === 'core-banking')!;
    const leeds = coreBanking.results.find((result) => result.scenario === 'dc-leeds')!;
    const cell = matrix.locator('tr[data-service="core-banking"] td[data-scenario="dc-leeds"]');
    if (breached(leeds)) expect(await cell.getAttribute('data-status')).toBe('breach');
    else expect(await cell.getAttribute('data-status')).not.toBe('breach');
    expect(await cell.textContent()).toContain('lost:');
    expect(
      await matrix.locator('tr[data-service="core-banking"]').getByRole('link').first().textContent(),
    ).toBe('Core banking');
    const breaches = gap.services.flatMap((service) => service.results.filter(breached)).length;
    expect(await matrix.locator('td[data-status="breach"]').count()).toBe(breaches);
    expect(await page.getByTestId('objectives-summary').textContent()).toBe(
      `${breaches} breaches across ${gap.scenarios.length} scenarios and ${gap.services.length} services`,
    );

    // Worst gap first: the rows follow the page's own rule over the server's answer.
    await page.getByText('Worst gap').click();
    const order = () => attributes(rows, 'data-service');
    const gaps = new Map(gap.services.map((service) => [service.id, worstGap(service)]));
    const byGap = (await order()).map((id) => gaps.get(id ?? '')!);
    expect(byGap).toEqual([...byGap].sort((a, b) => (a === b ? 0 : b > a ? 1 : -1)));
    expect(byGap).toHaveLength(gap.services.length);
    await page.getByText('Tier', { exact: true }).click();
    expect(await order()).toEqual(gap.services.map((service) => service.id));
  });

  it('keeps a phone-wide page in place: the matrix scrolls in its own container', async () => {
    const page = await suite.newPage(userOf('viewer'), '/objectives');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('table', { name: 'Objectives gap' }).waitFor();
    const widths = await page.evaluate<{ page: number; screen: number; table: number }>(`({
      page: document.documentElement.scrollWidth,
      screen: document.documentElement.clientWidth,
      table: document.querySelector('[data-testid="objectives-matrix"]').scrollWidth,
    })`);
    expect(widths.table).toBeGreaterThan(widths.screen);
    expect(widths.page).toBe(widths.screen);
  });

  /** An answer of the server's API as the admin reads it. */
  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${suite.app.apiUrl}/api/v1${path}`, { headers: suite.app.adminHeaders });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('shows the compliance score and checks, failing first, and follows a failing item to the document to fix', async () => {
    const report = await api<ComplianceReport>('/analysis/compliance');
    const page = await suite.newPage(userOf('viewer'), '/');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Compliance' })
      .click();
    await page.getByRole('heading', { name: 'Compliance', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/compliance$/);

    // The score is the server's share of passing items, as a whole percentage.
    const score = page.getByTestId('compliance-score');
    await expect.poll(() => score.textContent()).toMatch(/^\d+%$/);
    expect(report.score).not.toBeNull();
    expect(
      Math.abs(Number.parseInt((await score.textContent()) ?? '', 10) - report.score! * 100),
    ).toBeLessThan(1);

    // Every check the server ran, failing ones before the rest; the example organisation has some.
    const checks = page.locator('[data-check]');
    expect(await checks.count()).toBe(report.checks.length);
    const statuses = await attributes(checks, 'data-status');
    const failing = report.checks.filter((check) => check.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(statuses.slice(0, failing.length)).toEqual(failing.map(() => 'fail'));
    expect(statuses.filter((status) => status === 'pass')).toHaveLength(
      report.checks.filter((check) => check.status === 'pass').length,
    );

    // Open the first failing check: its items list the failing ones first, with the server's messages.
    const first = (await attributes(checks, 'data-check'))[0]!;
    const check = report.checks.find((c) => c.id === first)!;
    const panel = page.locator(`[data-check="${first}"]`);
    expect(await panel.textContent()).toContain(check.title);
    expect(await panel.textContent()).toContain(`${check.passed} passed, ${check.failed} failed`);
    await panel.getByRole('button').first().click();
    const items = panel.getByRole('list', { name: `Items of ${first}` }).getByRole('listitem');
    await items.first().waitFor();
    const itemStatuses = await attributes(items, 'data-status');
    expect(itemStatuses.slice(0, check.failed)).toEqual(Array.from({ length: check.failed }, () => 'fail'));
    const target = check.items.find((item) => item.status === 'fail' && item.path !== undefined)!;
    const row = panel.locator(`li[data-item="${target.id}"]`);
    expect(await row.textContent()).toContain(target.message);

    // The item's link opens the document to fix.
    await row.getByRole('link', { name: `${target.kind} ${target.id}` }).click();
    await page.waitForURL((url) => url.pathname === target.path);
    const document = await api<{ metadata: { id: string; name?: string } }>(
      `/documents/${encodeURIComponent(target.id)}`,
    );
    await page
      .getByRole('heading', { name: document.metadata.name ?? document.metadata.id, level: 1 })
      .waitFor();
  });

  it("narrows the compliance page to one framework and lists its requirements, each check's linked", async () => {
    const dora = await api<ComplianceReport>('/analysis/compliance?framework=dora');
    const page = await suite.newPage(userOf('viewer'), '/compliance?framework=dora&tab=frameworks');
    const framework = dora.frameworks[0]!;
    const table = page.getByRole('table', { name: `${framework.title} requirements` });
    await table.waitFor();
    expect(dora.frameworks).toHaveLength(1);
    expect(await table.locator('tbody tr').count()).toBe(framework.requirements.length);
    expect(await page.getByTestId('compliance-score').textContent()).toMatch(/^(\d+%|n\/a)$/);
    expect(await page.locator('[data-check]').count()).toBe(0);

    // A requirement's check links to it on the checks tab, opened.
    const covered = framework.requirements.find((requirement) => requirement.checks.length > 0)!;
    const row = table.locator(`tr[data-clause="${covered.clause}"]`);
    const checkId = covered.checks[0]!;
    await row.getByRole('link', { name: new RegExp(`^${checkId} `) }).click();
    await page.locator(`[data-check="${checkId}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('framework')).toBe('dora');
    expect(await page.locator('[data-check]').count()).toBe(dora.checks.length);
    const opened = page.locator(`[data-check="${checkId}"]`);
    await expect
      .poll(() => opened.getByText(dora.checks.find((c) => c.id === checkId)!.rule).count())
      .toBe(1);

    // The reports of the framework shown: the evidence pack in either format, the management review.
    const reports = page.getByRole('group', { name: 'Reports' });
    const pdfLink = reports.getByRole('link', { name: 'Evidence pack, DORA (PDF)' });
    expect(await pdfLink.getAttribute('href')).toContain('framework=dora');
    const pdf = await page.request.get(suite.app.url + (await pdfLink.getAttribute('href')));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const review = await page.request.get(
      suite.app.url +
        (await reports.getByRole('link', { name: 'Management review (HTML)' }).getAttribute('href')),
    );
    expect(review.status()).toBe(200);
    expect(await review.text()).toContain('Management review');

    // The trend: the daily snapshots, or what makes them when there is none yet.
    const trend = await api<{ snapshots: unknown[] }>('/analysis/compliance/trend');
    await page.getByRole('tab', { name: 'Trend' }).click();
    if (trend.snapshots.length === 0)
      expect(await page.getByTestId('trend-empty').textContent()).toContain('every day');
    else await page.getByTestId('trend-score').waitFor();
  });

  /** The impact answer of the server for a body (`fail`, `plan`). */
  async function impact(payload: object): Promise<ImpactResult> {
    const response = await fetch(`${suite.app.apiUrl}/api/v1/analysis/impact`, {
      method: 'POST',
      headers: { ...suite.app.adminHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as ImpactResult;
  }

  /** A restore time as the pages write it (formatExact on the plan page). */
  function exact(minutes: number): string {
    const parts: string[] = [];
    let rest = minutes;
    for (const [unit, size] of [
      ['w', 10_080],
      ['d', 1_440],
      ['h', 60],
      ['m', 1],
    ] as const) {
      if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    return parts.join(' ') || '0m';
  }

  it('shows on the plan page each service restored when the plan is followed, beside the graph alone', async () => {
    const followed = await impact({ plan: 'plan-dc-leeds-loss' });
    const page = await suite.newPage(userOf('viewer'), '/plans/plan-dc-leeds-loss');
    const table = page.getByRole('table', { name: 'Restore times following the plan' });
    await table.waitFor();
    const core = followed.services.find((service) => service.id === 'core-banking')!;
    expect(core.down).toBe(true);
    const row = table.locator('tr[data-service="core-banking"]');
    const time = exact(core.restoreMinutes!);
    expect(await row.locator('[data-column="following"]').textContent()).toContain(
      core.restoreKnown ? time : `at least ${time}`,
    );
    expect(await row.locator('[data-column="graph"]').textContent()).toMatch(/\d|never/);
    expect(await row.textContent()).toContain('protected by this plan');
    // Each written step says when it runs if the plan is followed: the first starts at once.
    expect(await page.getByTestId('step-timing').first().textContent()).toMatch(
      /^Runs (at least )?0m to (at least )?\d/,
    );
  });

  it('lists in the simulator the standbys a failure activates and the unknowns behind "at least"', async () => {
    const result = await impact({ fail: ['dc-leeds', 'calder-telecom'] });
    const page = await suite.newPage(userOf('viewer'), '/simulator?fail=dc-leeds,calder-telecom');
    await page.getByTestId('impact-summary').waitFor();
    if (result.activations.length > 0) {
      const activations = page.getByTestId('activations');
      expect(await activations.getByRole('listitem').count()).toBe(result.activations.length);
    } else expect(await page.getByTestId('activations').count()).toBe(0);
    if (result.unknown.length > 0) {
      expect(await page.getByTestId('unknowns').textContent()).toContain('at least');
      if (result.services.some((service) => service.down && !service.restoreKnown))
        expect(await page.getByTestId('impact-summary').textContent()).toContain('at least');
    }
    expect(await page.getByTestId('impact-summary').textContent()).toContain('RPO breaches');
  });
});
