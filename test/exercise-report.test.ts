// The exercise report, checked as the plan packs are: the PDF's text and bars read back with pdf.js, the HTML
// opened in headless Chromium with every network request refused; through the API (the example organisation
// imported) and through the real `lifeboat exercises report` command.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogSources } from '../src/catalog/yaml/read.ts';
import { EXAMPLE_CATALOG } from '../src/cli/catalog-source.ts';
import { CHART_COLOURS } from '../src/reports/exercise-report-chart.ts';
import { PLOT_OFFSET } from '../src/reports/exercise-report-pdf.ts';
import { MARGIN } from '../src/reports/report-pdf.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/support/browser.ts';
import { runCli } from './support/cli.ts';
import { collapse, pdfPages, pdfText } from './support/pdf.ts';
import { createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const LEEDS = 'ex-2026-10-leeds-failover';
const TABLETOP = 'ex-2027-01-ransomware-tabletop';

/** What a reader of the Leeds report must find in it, whichever file they open. */
const LEEDS_EXPECTED = [
  'Leeds failover test (parallel)',
  'Scope',
  'Participants',
  'Timeline',
  'Achieved against predicted against target',
  'Model calibration',
  'Findings',
  'Summary',
  'Lessons learnt',
  // The scope, the people and the record of the day.
  'Leeds data centre',
  'Priya Raman',
  'Martin Okafor',
  'Incident commander',
  'Promote the York core banking replica and check the ledger totals',
  'The stand-in limits file was a month old; Cardlink resent it.',
  // Each service with its target and achieved times: core banking missed 4h by coming back after 6h50m.
  'Core banking',
  '6h50m',
  'Faster Payments',
  '1h50m',
  'Online banking',
  '7h20m',
  'MISSED',
  // Findings with their owners by name, and the lessons.
  'Core banking was back after 6h50m against a 4h RTO',
  'Sanjay Mehta',
  'The Cardlink stand-in limits file was a month old',
  "The plan's 3h for promoting the core banking replica assumes the archived logs are already in York.",
  'Faster Payments came back well before the model predicted',
];

/** The core banking row of the services table as text: name, tier, target, predicted, graph, achieved, verdict. */
const CORE_ROW = 'Core banking 1 4h 4h45m 3h 6h50m MISSED';

const missing = (text: string, wanted: readonly string[]) =>
  wanted.filter((entry) => !collapse(text).includes(collapse(entry)));

let exampleYaml = '';
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-exercise-report-'));

beforeAll(async () => {
  const files = await readCatalogSources(EXAMPLE_CATALOG);
  exampleYaml = files.map((file) => file.text).join('\n---\n');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens an HTML file offline: every request beyond the file itself is refused and recorded. */
async function openOffline(file: string, width = 1000) {
  const context = await browser.newContext({ offline: true, viewport: { width, height: 900 } });
  const requests: string[] = [];
  await context.route('**', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  return { page, requests, close: () => context.close() };
}

describeEachDatabase('exercise reports over HTTP', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      payload: exampleYaml,
    });
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers the done Leeds exercise's report as a PDF with every section, service time, finding and lesson", async () => {
    const response = await t.as('viewer').inject({ method: 'GET', url: `/api/v1/exercises/${LEEDS}/report` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${LEEDS}-report.pdf"`);
    const text = await pdfText(response.rawPayload);
    expect(missing(text, [...LEEDS_EXPECTED, CORE_ROW])).toEqual([]);

    // The chart as vector bars: three per service from the plot's left edge, the two missed ones red.
    const pages = await pdfPages(response.rawPayload);
    const chartPage = pages.find((page) => page.text.includes('Achieved against predicted against target'))!;
    const bars = chartPage.boxes.filter((box) => Math.abs(box.left - (MARGIN + PLOT_OFFSET)) < 0.01);
    const red = bars.filter((box) => box.colour === CHART_COLOURS.missed);
    expect(red).toHaveLength(2);
    // Seven services: seven targets, seven predictions, four achieved times (card switching, the payments gateway
    // and the corporate network were not restored in the test).
    expect(bars.filter((box) => box.colour === CHART_COLOURS.target)).toHaveLength(7);
    expect(bars.filter((box) => box.colour === CHART_COLOURS.predicted)).toHaveLength(7);
    expect(bars.filter((box) => box.colour === CHART_COLOURS.achieved)).toHaveLength(2);
  });

  it('answers it as one HTML file that shows the same, and the chart, in Chromium with the network refused', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${LEEDS}/report?format=html`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${LEEDS}-report.html"`);
    const file = join(dir, `${dialect}-${LEEDS}.html`);
    writeFileSync(file, response.body);

    const { page, requests, close } = await openOffline(file);
    const text = await page.locator('body').innerText();
    expect(missing(text, LEEDS_EXPECTED)).toEqual([]);
    const coreRow = await page.locator('table.services tr', { hasText: 'Core banking' }).innerText();
    expect(collapse(coreRow.replace(/\t/g, ' '))).toContain(CORE_ROW);
    // The chart: an inline SVG with a group per service; core banking's achieved bar is red and says so.
    const chart = page.locator('svg.chart');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('g.service').count()).toBe(7);
    const core = chart.locator('g.service[data-service="core-banking"]');
    expect(await core.locator('rect.bar.achieved').getAttribute('fill')).toBe(CHART_COLOURS.missed);
    expect(await core.locator('rect.bar.achieved').getAttribute('data-minutes')).toBe('410');
    expect(await core.textContent()).toContain('6h50m missed');
    expect(await chart.locator('rect.bar.missed').count()).toBe(2);
    // Drawn, not just written: core banking's achieved bar is longer than its target's.
    const [target, achieved] = await Promise.all(
      ['target', 'achieved'].map(
        async (series) => (await core.locator(`rect.bar.${series}`).boundingBox())!.width,
      ),
    );
    expect(achieved!).toBeGreaterThan(target! * 1.5);
    expect(requests).toEqual([]);
    await close();
  });

  it('gives a planned exercise a report too: scope, participants and objectives, marked as not yet run', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${TABLETOP}/report?format=html`,
    });
    expect(response.statusCode).toBe(200);
    const file = join(dir, `${dialect}-${TABLETOP}.html`);
    writeFileSync(file, response.body);
    const { page, close } = await openOffline(file);
    const text = await page.locator('body').innerText();
    expect(
      missing(text, [
        'Ransomware on the Leeds estate (tabletop)',
        'Not yet run: scheduled for 2027-01-20.',
        'Fiona MacLeod',
        'Leads the response',
        'Walk the first 72 hours',
        'No steps or restore times recorded.',
        'No findings recorded.',
      ]),
    ).toEqual([]);
    await close();
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/exercises/${TABLETOP}/report` });
    expect(pdf.statusCode).toBe(200);
    expect(collapse(await pdfText(pdf.rawPayload))).toContain('Not yet run: scheduled for 2027-01-20.');
  });

  // The report names the plan's approval as it stands when the report is made (the tests after this one do not
  // depend on it).
  it("names the plan's approved version once the plan is approved", async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${LEEDS}/report?format=html`,
    });
    expect(before.body).toContain('Loss of the Leeds data centre (draft)');
    const plan = await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-leeds-loss' });
    const approved = await t.as('manager').inject({
      method: 'POST',
      url: '/api/v1/plans/plan-dc-leeds-loss/approve',
      headers: { 'if-match': plan.headers.etag as string },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/exercises/${LEEDS}/report?format=html` });
    expect(after.body).toMatch(/Loss of the Leeds data centre \(approved, version 1, approved by [^)]+\)/);
  });

  it('answers 404 problem+json naming the id for an exercise the catalog does not hold, 400 for another format', async () => {
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exercises/ex-2026-10-leeds-failver/report',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json<{ detail: string }>().detail).toBe(
      'No Exercise has the id "ex-2026-10-leeds-failver" (did you mean "ex-2026-10-leeds-failover"?)',
    );
    // A plan is no exercise.
    const plan = await t.app.inject({ method: 'GET', url: '/api/v1/exercises/plan-dc-leeds-loss/report' });
    expect(plan.statusCode).toBe(404);
    const format = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${LEEDS}/report?format=docx`,
    });
    expect(format.statusCode).toBe(400);
    expect(format.json<{ detail: string }>().detail).toContain('format');
    const anonymous = await t.as(null).inject({ method: 'GET', url: `/api/v1/exercises/${LEEDS}/report` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('lifeboat exercises report', () => {
  it('writes the PDF of an exercise of a catalog folder to the file --out names', async () => {
    const out = join(dir, 'cli');
    const run = await runCli(['exercises', 'report', EXAMPLE_CATALOG, LEEDS, '--out', `${out}.pdf`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${LEEDS}: done exercise report -> ${out}.pdf\n`);
    expect(missing(await pdfText(`${out}.pdf`), [...LEEDS_EXPECTED, CORE_ROW])).toEqual([]);
  });

  it('writes the HTML with --format html, the same report Chromium shows offline', async () => {
    const out = join(dir, 'cli.html');
    const run = await runCli([
      'exercises',
      'report',
      EXAMPLE_CATALOG,
      LEEDS,
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
    const { page, requests, close } = await openOffline(out);
    expect(missing(await page.locator('body').innerText(), LEEDS_EXPECTED)).toEqual([]);
    expect(await page.locator('svg.chart rect.bar.missed').count()).toBe(2);
    expect(requests).toEqual([]);
    await close();
  });

  it('refuses an unknown exercise in one line, exit 1, and writes nothing', async () => {
    const out = join(dir, 'none.pdf');
    const run = await runCli(['exercises', 'report', EXAMPLE_CATALOG, 'ex-nope', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `lifeboat exercises report: error: ${EXAMPLE_CATALOG} holds no Exercise with the id "ex-nope"\n`,
    );
    expect(() => readFileSync(out)).toThrow();
  });

  it('refuses a format it does not write with a usage error', async () => {
    const run = await runCli(['exercises', 'report', EXAMPLE_CATALOG, LEEDS, '--format', 'docx']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected pdf or html, got "docx"');
  });
});
