// `npm run screenshots [-- name...] [-- --out=dir]`: the pictures under docs/screenshots/ that the README and
// docs/web.md show (all, or the ones named; --out writes them elsewhere, to compare). It starts the
// app on a temporary database with the example organisation and headless Chromium the way the browser tests do
// (test/e2e/support), opens each page as a person would and saves what the window shows. Tests never write
// them: a test run leaves the work tree as it found it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startApp, userOf } from '../test/e2e/support/app.ts';
import type { RunningApp } from '../test/e2e/support/app.ts';
import { chromiumAvailable, CHROMIUM, launchBrowser } from '../test/e2e/support/browser.ts';
import { open } from '../test/e2e/support/pages.ts';

const args = process.argv.slice(2);
/** Where the pictures go. */
const SCREENSHOTS =
  args.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ??
  fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** The example's Leeds plan, reviewed and approved first so that the dashboard's plan figures are not all zero. */
const REVIEWED_PLAN = 'plan-dc-leeds-loss';
const INCIDENT = 'inc-2024-11-leeds-san';

interface Named {
  metadata: { id: string; version?: number };
  spec: Record<string, unknown>;
}

/** A call to the API as the admin; throws with the status and body when it is refused. */
async function api<T>(app: RunningApp, path: string, init: RequestInit = {}): Promise<T> {
  const answer = await fetch(`${app.apiUrl}/api/v1${path}`, {
    ...init,
    headers: { ...app.adminHeaders, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  if (!answer.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as T;
}

/** A continuity manager reviews the Leeds plan today and approves the version reviewed. */
async function approveLeedsPlan(app: RunningApp): Promise<void> {
  const plan = await api<Named>(app, `/plans/${REVIEWED_PLAN}`);
  const today = new Date().toISOString().slice(0, 10);
  const reviewed = await api<Named>(app, `/plans/${REVIEWED_PLAN}`, {
    method: 'PUT',
    body: JSON.stringify({ ...plan, spec: { ...plan.spec, lastReviewed: today } }),
  });
  await api(app, `/plans/${REVIEWED_PLAN}/approve`, {
    method: 'POST',
    body: JSON.stringify({ version: reviewed.metadata.version }),
  });
}

/** Each picture: its file name and how to bring the page to the state it shows. */
const SHOTS: { name: string; take(page: Page, url: string): Promise<void> }[] = [
  {
    name: 'dashboard',
    async take(page, url) {
      await open(page, url, '/');
      await page.getByRole('heading', { name: 'Continuity at a glance' }).waitFor();
      await page.getByTestId('spof-summary').waitFor();
      await page
        .getByRole('region', { name: 'Tier 1 services' })
        .getByRole('link', { name: 'Core banking' })
        .waitFor();
    },
  },
  {
    name: 'dashboard-plans',
    async take(page, url) {
      await open(page, url, '/');
      await page
        .getByRole('region', { name: 'Services with an approved plan' })
        .getByRole('link', { name: /without/ })
        .click();
      await page.waitForURL(/coverage=approved#plan-coverage/);
      await page
        .getByRole('region', { name: 'Plan coverage' })
        .getByRole('heading', { name: 'Services without an approved plan' })
        .waitFor();
    },
  },
  {
    name: 'map',
    async take(page, url) {
      await open(page, url, '/map?around=online-banking&depth=3');
      await page.getByTestId('map-canvas').waitFor();
      await page
        .getByTestId('spof-count')
        .getByText(/\d+ single points of failure/)
        .waitFor();
      await page.getByRole('combobox', { name: 'Find on the map' }).fill('Digital platform');
      await page.getByRole('option', { name: /Digital platform/ }).click();
      await page.getByTestId('selected-node').getByText('Single point of failure').waitFor();
    },
  },
  {
    name: 'simulator',
    async take(page, url) {
      await failLeeds(page, url);
    },
  },
  {
    name: 'simulator-timeline',
    async take(page, url) {
      await failLeeds(page, url);
      await page.getByRole('tab', { name: 'Restore timeline' }).click();
      await page.getByTestId('gantt').locator('[data-service="core-banking"]').waitFor();
    },
  },
  {
    name: 'plan',
    async take(page, url) {
      await open(page, url, `/plans/${REVIEWED_PLAN}`, userOf('viewer'));
      await page.getByRole('heading', { name: 'Loss of the Leeds data centre' }).waitFor();
      await page
        .getByRole('table', { name: 'Recovery order' })
        .locator('[data-node="core-banking"]')
        .waitFor();
      // The steps and the generated order side by side, just under the fixed header.
      const steps = await page.getByRole('region', { name: 'Steps' }).boundingBox();
      if (steps) await page.evaluate(`window.scrollBy(0, ${steps.y - 130})`);
    },
  },
  {
    name: 'incident',
    async take(page, url) {
      await open(page, url, `/incidents/${INCIDENT}`);
      await page.getByRole('list', { name: 'Timeline' }).getByTestId('timeline-entry').first().waitFor();
      await page
        .getByRole('table', { name: 'Affected services' })
        .locator('[data-service="core-banking"] [data-objective="rto"]')
        .getByTestId('breach')
        .waitFor();
      await page.getByRole('region', { name: 'History' }).getByTestId('audit-history').waitFor();
    },
  },
];

/** The simulator with the Leeds data centre failed: what is down and the breaches. */
async function failLeeds(page: Page, url: string): Promise<void> {
  await open(page, url, '/simulator');
  await page.getByRole('combobox', { name: 'Fail these' }).fill('Leeds data');
  await page.getByRole('option', { name: /Leeds data centre/ }).click();
  await page.keyboard.press('Escape');
  await page.waitForURL(/fail=dc-leeds/);
  await page.getByTestId('impact-summary').waitFor();
  await page.getByTestId('map-canvas').waitFor();
}

if (!chromiumAvailable()) {
  process.stderr.write(
    `screenshots: error: ${CHROMIUM} is missing: install it with \`apt-get install -y chromium\`\n`,
  );
  process.exit(1);
}
const only = args.filter((arg) => !arg.startsWith('--'));
const [app, browser] = await Promise.all([startApp(), launchBrowser()]);
try {
  await approveLeedsPlan(app);
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const shot of SHOTS) {
    if (only.length > 0 && !only.includes(shot.name)) continue;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await shot.take(page, app.url);
      await page.screenshot({ path: join(SCREENSHOTS, `${shot.name}.png`) });
      process.stdout.write(`${join(SCREENSHOTS, `${shot.name}.png`)}\n`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await app.stop();
}
