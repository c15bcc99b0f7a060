// The business impact analysis in a real browser against a real server holding a small catalog imported here, so
// every figure below can be worked out by hand: an owner answers a BIA requested by a campaign and submits it, a
// manager returns it with a comment and approves it once submitted again, the campaign shows it approved, and the
// simulator prices a failure.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, userOf } from './support/app.ts';
import type { RunningApp, Role } from './support/app.ts';
import { browserTestsAvailable, launchBrowser } from './support/browser.ts';
import type { Browser } from './support/browser.ts';
import { describeProblems } from './support/page-problems.ts';
import { open } from './support/pages.ts';

const available = browserTestsAvailable('the BIA page tests');

/** `YYYY-MM-DD`, `days` from today (UTC): the campaign runs around today, whenever the test runs. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The catalog. One application server (back 2h after it fails) carries two services: the web shop (tier 2, back
 * 30m after the server: 2h30m) owned by Olivia, who signs in as owner@example.org, and the ledger (tier 1, back
 * with the server: 2h), whose BIA was approved before the campaign opened. The policy has two categories and
 * three horizons (1h, 4h, 1d), the default levels and tiers, tolerance 4 (Major), in euros.
 */
const CATALOG = `
apiVersion: lifeboat/v1
kind: Policy
metadata: { id: policy, name: Continuity policy }
spec:
  organisation: { name: Test Ltd, currency: EUR }
  impact:
    categories: [{ id: financial, name: Financial }, { id: customers, name: Customers }]
    horizons: [1h, 4h, 1d]
    tolerance: 4
---
apiVersion: lifeboat/v1
kind: Person
metadata: { id: olivia, name: Olivia Owner }
spec: { email: ${userOf('owner').email} }
---
apiVersion: lifeboat/v1
kind: Person
metadata: { id: mark, name: Mark Manager }
spec: { email: ${userOf('manager').email} }
---
apiVersion: lifeboat/v1
kind: Component
metadata: { id: app-server, name: Application server }
spec: { type: server, recovery: 2h }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: shop, name: Web shop }
spec: { type: business, tier: 2, owner: olivia, rto: 8h, mtpd: 1d, restart: 30m, dependsOn: [app-server] }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: ledger, name: Ledger }
spec: { type: business, tier: 1, owner: mark, rto: 1h, mtpd: 4h, dependsOn: [app-server] }
---
apiVersion: lifeboat/v1
kind: ImpactAssessment
metadata: { id: bia-ledger, name: Ledger BIA }
spec:
  service: ledger
  assessedBy: mark
  assessedOn: '${day(-60)}'
  impacts: { financial: { 1h: 4, 4h: 5, 1d: 5 } }
  loss: { 1h: 50000, 4h: 80000, 1d: 200000 }
---
apiVersion: lifeboat/v1
kind: Campaign
metadata: { id: bia-round, name: BIA round }
spec:
  title: This year's business impact analysis
  services: [shop, ledger]
  opens: '${day(-30)}'
  due: '${day(30)}'
  owner: mark
  instructions: Answer for each horizon of the policy.
`;

describe.skipIf(!available)('business impact analysis pages', () => {
  let app: RunningApp;
  let browser: Browser;

  function headersOf(role: Role): Record<string, string> {
    const token = (app.server.tokens as Partial<Record<Role, string>>)[role];
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  async function api(role: Role, method: string, path: string, headers: Record<string, string> = {}) {
    return fetch(`${app.apiUrl}/api/v1${path}`, { method, headers: { ...headersOf(role), ...headers } });
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp({ LIFEBOAT_NO_DEMO: '1' }), launchBrowser()]);
    const imported = await fetch(`${app.apiUrl}/api/v1/catalog/import`, {
      method: 'POST',
      headers: { ...app.adminHeaders, 'content-type': 'application/yaml' },
      body: CATALOG,
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    // The ledger's BIA is approved before the test starts, so the scenario below has two services with a BIA.
    const ledger = (await (await api('admin', 'GET', '/assessments/bia-ledger')).json()) as {
      metadata: { version: number };
    };
    const approved = await api('manager', 'POST', '/assessments/bia-ledger/approve', {
      'if-match': `"${ledger.metadata.version}"`,
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
  }, 180_000);

  // Every test ends clean: nothing in its pages went wrong that it did not expect.
  afterEach(() => {
    const unexpected = browser.problems.take();
    if (unexpected.length > 0)
      throw new Error(`unexpected problems in the pages:\n${describeProblems(unexpected)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function pageAs(role: Role, path: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await open(page, app.url, path, userOf(role));
    return page;
  }

  /** Picks a level in one cell of the questionnaire. */
  async function pick(page: Page, cell: string, level: string): Promise<void> {
    await page.getByRole('combobox', { name: cell, exact: true }).click();
    await page.getByRole('option', { name: level, exact: true }).click();
  }

  let assessmentPath = '';

  it('lets the owner answer the BIA requested of them, see the suggested objectives and submit it', async () => {
    const page = await pageAs('owner', '/');
    const requested = page.getByRole('table', { name: 'BIAs requested of you' });
    // Only the shop: the ledger is Mark's.
    await requested.locator('[data-service="shop"]').waitFor();
    expect(await requested.locator('[data-service]').count()).toBe(1);
    expect(await requested.locator('[data-service="shop"]').textContent()).toContain('not started');
    await requested.getByRole('link', { name: 'Web shop' }).click();
    await page.getByRole('heading', { name: 'New business impact assessment' }).waitFor();
    const form = page.getByRole('form', { name: 'Impact assessment' });
    // Filled in from the service: who answers (its owner) and today's date.
    const assessedBy = form.getByLabel(/^Assessed by/);
    await expect.poll(() => assessedBy.inputValue()).toBe('Olivia Owner (olivia)');

    // A higher answer raises the later cells of its row: 1d follows 4h up to 3 and offers nothing below it.
    await pick(page, 'Financial after 1h', '2 Minor');
    await pick(page, 'Financial after 1d', '2 Minor');
    await pick(page, 'Financial after 4h', '3 Moderate');
    expect(await page.getByRole('combobox', { name: 'Financial after 1d', exact: true }).inputValue()).toBe(
      '3 Moderate',
    );
    await page.getByRole('combobox', { name: 'Financial after 1d', exact: true }).click();
    expect(
      await page.getByRole('option', { name: '2 Minor', exact: true }).getAttribute('data-combobox-disabled'),
    ).toBe('true');
    await page.getByRole('option', { name: '4 Major', exact: true }).click();
    await pick(page, 'Customers after 1h', '1 Minimal');
    await pick(page, 'Customers after 4h', '4 Major');

    // Customers reach the tolerance (4 Major) after 4h: the derived MTPD, the suggested RTO (no work recovery
    // time) and tier 1 (MTPD up to 4h). The shop declares an MTPD of 1d and tier 2: both flagged.
    const mtpd = page.getByTestId('objective-mtpd');
    expect(await mtpd.locator('[data-column="suggested"]').textContent()).toBe('4h');
    expect(await mtpd.textContent()).toContain('later than derived');
    expect(await page.getByTestId('objective-rto').locator('[data-column="suggested"]').textContent()).toBe(
      'at most 4h',
    );
    expect(await page.getByTestId('objective-tier').textContent()).toContain('less critical than suggested');
    await page.getByTestId('impact-chart').getByText('reaches the tolerance (Major) after 4h').waitFor();

    // A loss below an earlier one is flagged on its cell, and the server's own message lands there on saving.
    await page.getByLabel('Loss after 1h', { exact: true }).fill('6000');
    await page.getByLabel('Loss after 4h', { exact: true }).fill('5000');
    await form.getByText('below the loss after 1h').waitFor();
    browser.problems.expect({
      method: 'POST',
      url: /\/api\/v1\/assessments$/,
      why: 'a loss that decreases over time is refused',
    });
    await form.getByRole('button', { name: 'Create assessment' }).click();
    await form.getByText(/must not decrease over time: 5000 at 4h is below 6000 at 1h/).waitFor();
    await page.getByLabel('Loss after 4h', { exact: true }).fill('30000');
    await page.getByLabel('Loss after 1d', { exact: true }).fill('120000');
    await page
      .getByTestId('impact-chart')
      .getByText(/Loss after 1d: €120,000/)
      .waitFor();

    await form.getByRole('button', { name: 'Create assessment' }).click();
    await page.waitForURL(/\/assessments\/bia-shop-\d{4}$/);
    assessmentPath = new URL(page.url()).pathname;
    expect(await page.getByTestId('assessment-status').textContent()).toBe('draft');
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByTestId('assessment-status').getByText('submitted', { exact: true }).waitFor();
    // An owner neither approves nor returns.
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);

    const stored = (await (await api('admin', 'GET', assessmentPath)).json()) as {
      spec: { impacts: unknown; loss: unknown; assessedBy: string };
    };
    expect(stored.spec).toMatchObject({
      assessedBy: 'olivia',
      impacts: { financial: { '1h': 2, '4h': 3, '1d': 4 }, customers: { '1h': 1, '4h': 4 } },
      loss: { '1h': 6000, '4h': 30000, '1d': 120000 },
    });
    await page.context().close();
  }, 120_000);

  it("returns it with a comment the owner reads, approves it once submitted again, and the campaign's progress shows the shop approved", async () => {
    expect(assessmentPath).not.toBe('');
    const page = await pageAs('manager', assessmentPath);
    await page.getByTestId('assessment-status').getByText('submitted', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Return', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Comment/).fill('Customers after 4h: is Major right for a web shop?');
    await dialog.getByRole('button', { name: 'Return with this comment' }).click();
    await page.getByTestId('assessment-status').getByText('draft', { exact: true }).waitFor();

    const owner = await pageAs('owner', assessmentPath);
    const returned = owner.getByTestId('returned-comment');
    await returned.waitFor();
    expect(await returned.textContent()).toContain(userOf('manager').email);
    expect(await returned.textContent()).toContain('Customers after 4h: is Major right for a web shop?');
    await owner.getByRole('button', { name: 'Submit for approval' }).click();
    await owner.getByTestId('assessment-status').getByText('submitted', { exact: true }).waitFor();
    // Once submitted again, the returned comment is no longer shown as pending.
    await owner.getByTestId('returned-comment').waitFor({ state: 'detached' });
    await owner.context().close();

    await page.reload();
    await page.getByTestId('assessment-status').getByText('submitted', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve this assessment' }).click();
    await page.getByTestId('assessment-status').getByText('approved', { exact: true }).waitFor();
    await page.getByRole('tab', { name: /^Versions/ }).click();
    expect(await page.getByRole('table', { name: 'Versions' }).textContent()).toContain(
      userOf('manager').email,
    );

    await open(page, app.url, '/campaigns/bia-round', userOf('manager'));
    await page.getByRole('heading', { name: "This year's business impact analysis" }).waitFor();
    const progress = page.getByRole('table', { name: 'Progress by service' });
    await progress.locator('[data-service="shop"] [data-column="state"]').getByText('approved').waitFor();
    // The ledger's BIA is older than the campaign: not started in this round.
    expect(await progress.locator('[data-service="ledger"] [data-column="state"]').textContent()).toBe(
      'not started',
    );
    expect(await page.getByTestId('campaign-approved').textContent()).toBe('1 of 2 approved');
    await page.context().close();
  }, 120_000);

  it('prices the failure of the application server on the simulator, as worked out by hand', async () => {
    // The server fails and is back after 2h (120 min); the ledger with it, the shop 30 min later (150 min).
    // Ledger: loss linear from 50,000 at 1h to 80,000 at 4h: 50,000 + 30,000 x (120 - 60) / 180 = 60,000;
    //   level at 2h: financial 4 (Major), the tolerance, reached at the 1h horizon.
    // Shop: 6,000 at 1h to 30,000 at 4h: 6,000 + 24,000 x (150 - 60) / 180 = 18,000; level at 2h30: 2 (Minor).
    // Total 78,000, exact (every restore time is known); peak level 4 Major; tolerance reached after 1h.
    const page = await pageAs('manager', '/simulator?fail=app-server');
    const cost = page.getByTestId('scenario-cost');
    await cost.getByTestId('cost-total').waitFor();
    expect(await cost.getByTestId('cost-total').textContent()).toBe('€78,000');
    expect(await cost.getByTestId('cost-peak').textContent()).toBe('4 Major');
    expect(await cost.getByTestId('cost-tolerance').textContent()).toBe('1h');
    const rows = cost.getByRole('table', { name: 'Cost by service' });
    expect(await rows.locator('[data-service="ledger"] [data-column="loss"]').textContent()).toBe('€60,000');
    expect(await rows.locator('[data-service="shop"] [data-column="loss"]').textContent()).toBe('€18,000');
    await cost.getByTestId('cost-chart').locator('.recharts-area').first().waitFor();

    // The dashboard counts both tier 1-2 services as covered now.
    await open(page, app.url, '/', userOf('manager'));
    expect(await page.getByTestId('bia-coverage-value').textContent()).toMatch(
      /^2\s*\/ 2 with a current BIA$/,
    );
    await page.context().close();
  }, 120_000);
});
