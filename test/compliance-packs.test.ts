// The auditor's evidence pack and the management review, checked as the plan packs are: the PDF's text read back
// with pdf.js, the HTML opened in headless Chromium with every network request refused; built from the example
// organisation's files, and through the API with the example imported, two plans and an assessment approved and two
// daily snapshots kept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../src/catalog/check/check-catalog.ts';
import type { CatalogDocument, DocumentOf } from '../src/catalog/kinds.ts';
import { contentChecksum } from '../src/catalog/versions.ts';
import { readCatalogSources } from '../src/catalog/yaml/read.ts';
import { EXAMPLE_CATALOG } from '../src/cli/catalog-source.ts';
import { evaluateCompliance } from '../src/compliance/evaluate.ts';
import { exerciseDate } from '../src/exercises/analysis.ts';
import type { ComplianceReport } from '../src/compliance/types.ts';
import { renderEvidencePackHtml } from '../src/reports/evidence-pack-html.ts';
import { evidencePackModel } from '../src/reports/evidence-pack-model.ts';
import { renderEvidencePackPdf } from '../src/reports/evidence-pack-pdf.ts';
import { renderManagementReviewHtml } from '../src/reports/management-review-html.ts';
import { managementReviewModel } from '../src/reports/management-review-model.ts';
import { renderManagementReviewPdf } from '../src/reports/management-review-pdf.ts';
import { createComplianceService } from '../src/server/services/compliance.service.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/support/browser.ts';
import { collapse, pdfPages, pdfText } from './support/pdf.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const FROM = '2025-12-07';
const TO = '2026-12-06';
const RUNNING = `Northbank · Evidence pack · ISO 22301:2019 · ${FROM} to ${TO}`;

const missing = (text: string, wanted: readonly string[]) =>
  wanted.filter((entry) => !collapse(text).includes(collapse(entry)));

/** Each requirement as its table row reads: clause, title, the checks evidencing it, status. */
const requirementRows = (report: ComplianceReport): string[] =>
  report.frameworks[0]!.requirements.map(
    (r) => `${r.clause} ${r.title} ${r.checks.length === 0 ? 'manual' : r.checks.join(', ')} ${r.status}`,
  );

let browser: Browser;
let exampleYaml = '';
let files: CatalogDocument[] = [];
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-compliance-packs-'));

beforeAll(async () => {
  const sources = await readCatalogSources(EXAMPLE_CATALOG);
  exampleYaml = sources.map((file) => file.text).join('\n---\n');
  files = checkCatalog(sources).documents.map((located) => located.document);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens an HTML file offline: every request beyond the file itself is refused and recorded. */
async function openOffline(file: string) {
  const context = await browser.newContext({ offline: true, viewport: { width: 1000, height: 900 } });
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

/** The text of each row of a table in the page, cells separated by one space. */
async function rowsOf(
  file: string,
  selector: string,
): Promise<{ rows: string[]; text: string; requests: string[] }> {
  const { page, requests, close } = await openOffline(file);
  const rows = (await page.locator(`${selector} tbody tr`).allInnerTexts()).map((row) =>
    collapse(row.replace(/\t/g, ' ')),
  );
  const text = await page.locator('body').innerText();
  await close();
  return { rows, text, requests };
}

describe('packs of the example organisation read from files', () => {
  const report = () =>
    evaluateCompliance({ at: TO, documents: files, source: 'files' }, { framework: 'iso22301' });
  const plans = () => files.filter((document) => document.kind === 'Plan');
  const exercisesInPeriod = () =>
    files
      .filter((document): document is DocumentOf<'Exercise'> => document.kind === 'Exercise')
      .filter((exercise) => FROM <= exerciseDate(exercise.spec) && exerciseDate(exercise.spec) <= TO)
      .sort((a, b) => (exerciseDate(a.spec) < exerciseDate(b.spec) ? -1 : 1));

  it('prints each ISO 22301 requirement with its status, every plan with its checksum and the exercises of the period, in the PDF and in the HTML offline', async () => {
    const iso = report();
    expect(iso.frameworks[0]!.requirements.length).toBeGreaterThan(10);
    const model = evidencePackModel({
      report: iso,
      documents: files,
      source: 'files',
      from: FROM,
      to: TO,
      generatedAt: new Date('2026-12-06T10:00:00Z'),
    });
    const pdf = await renderEvidencePackPdf(model);
    const text = await pdfText(pdf);
    expect(plans().length).toBeGreaterThanOrEqual(2);
    expect(
      missing(text, [
        ...requirementRows(iso),
        ...plans().flatMap((plan) => [plan.metadata.id, `SHA-256 ${contentChecksum(plan)}`]),
        // The exercises run or scheduled within the period, with their results.
        ...exercisesInPeriod().map((exercise) => exercise.spec.title),
        ...model.exercises.map((exercise) => exercise.results),
        'Made from catalog files: there is no audit log.',
      ]),
    ).toEqual([]);
    expect(model.exercises.map((exercise) => exercise.id)).toEqual(
      exercisesInPeriod().map((exercise) => exercise.metadata.id),
    );
    // The HTML file shows the same rows and checksums, offline.
    const file = join(dir, 'files-evidence.html');
    writeFileSync(file, renderEvidencePackHtml(model));
    const html = await rowsOf(file, 'table.requirements');
    expect(missing(html.rows.join('\n'), requirementRows(iso))).toEqual([]);
    expect(missing(html.text, plans().map(contentChecksum))).toEqual([]);
    expect(html.requests).toEqual([]);
    // Every page says whose pack it is, on what, over which period and when it was made.
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(3);
    for (const [index, page] of pages.entries()) {
      expect(collapse(page.text)).toContain(`${RUNNING} · generated 2026-12-06T10:00:00.000Z`);
      expect(page.text).toContain(`Page ${index + 1} of ${pages.length}`);
    }
  });

  it('builds a management review with the overdue actions, the plans due for review and the failing high-severity checks as decisions', async () => {
    const all = evaluateCompliance({ at: TO, documents: files, source: 'files' });
    const model = managementReviewModel({
      report: all,
      trend: [],
      documents: files,
      from: FROM,
      to: TO,
      generatedAt: new Date('2026-12-06T10:00:00Z'),
    });
    const highFailing = all.checks.filter((c) => c.status === 'fail' && c.severity === 'high');
    expect(model.decisions.filter((d) => d.startsWith('Fix C'))).toHaveLength(highFailing.length);
    // The plans the plan-review check (C07) fails are those management is asked to review.
    const unreviewed = all.checks
      .find((c) => c.id === 'C07')!
      .items.filter((item) => item.status === 'fail')
      .map((item) => files.find((d) => d.metadata.id === item.id)!.metadata.name ?? item.id);
    expect(model.decisions.filter((d) => d.startsWith('Review the plan'))).toHaveLength(unreviewed.length);
    const overdue = model.actions.rows.filter((action) => action.overdue);
    expect(model.actions.overdue).toBe(overdue.length);
    expect(model.decisions.filter((d) => d.startsWith('See to the overdue action'))).toHaveLength(
      overdue.length,
    );
    const text = await pdfText(await renderManagementReviewPdf(model));
    expect(
      missing(text, [
        'Decisions needed',
        ...highFailing.map((c) => `Fix ${c.id} ${c.title} (high severity)`),
        ...unreviewed.map((name) => `Review the plan "${name}"`),
        ...overdue.map((action) => `See to the overdue action "${action.title}"`),
        `${model.actions.open} open, ${overdue.length} overdue on ${TO}.`,
        'No daily snapshot with a score',
        'The documents carry no creation or update dates (catalog files)',
        'By score (no quantified analysis was available).',
      ]),
    ).toEqual([]);
    const file = join(dir, 'files-review.html');
    writeFileSync(file, renderManagementReviewHtml(model));
    const html = await rowsOf(file, 'ol.decisions');
    expect(missing(html.text, model.decisions)).toEqual([]);
    expect(html.requests).toEqual([]);
  });
});

describeEachDatabase('evidence pack and management review over HTTP', (dialect) => {
  let t: TestApp;
  let iso: ComplianceReport;
  let all: ComplianceReport;
  const now = new Date('2026-12-06T09:00:00Z');
  const query = `from=${FROM}&to=${TO}`;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => now });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      payload: exampleYaml,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const id of ['plan-dc-leeds-loss', 'plan-ransomware']) {
      const plan = await t.app.inject({ method: 'GET', url: `/api/v1/plans/${id}` });
      const approved = await t.as('manager').inject({
        method: 'POST',
        url: `/api/v1/plans/${id}/approve`,
        headers: { 'if-match': plan.headers.etag as string },
      });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    const assessment = await t.app.inject({
      method: 'GET',
      url: '/api/v1/assessments/bia-2026-online-banking',
    });
    const approved = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments/bia-2026-online-banking/approve',
      headers: { 'if-match': assessment.headers.etag as string },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    // Two daily snapshots in the period, as the compliance-snapshot job keeps them.
    const compliance = createComplianceService({ database: t.database, now: () => now });
    await compliance.snapshot(new Date('2026-06-01T06:00:00Z'));
    await compliance.snapshot(new Date('2026-12-06T06:00:00Z'));
    const read = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      return body<ComplianceReport>(response);
    };
    iso = await read(`/api/v1/analysis/compliance?at=${TO}&framework=iso22301`);
    all = await read(`/api/v1/analysis/compliance?at=${TO}`);
  });
  afterAll(async () => {
    await t.close();
  });

  /** What the pack must show: each requirement and status, the approved versions' checksums, the audit head. */
  async function expected(): Promise<{ wanted: string[]; head: { sequence: number; hash: string } }> {
    const versions = await Promise.all(
      ['plan-dc-leeds-loss', 'plan-ransomware'].map(async (id) => {
        const response = await t.app.inject({ method: 'GET', url: `/api/v1/plans/${id}/versions` });
        expect(response.statusCode, response.body).toBe(200);
        const answer = body<
          { items?: { number: number; checksum: string }[] } | { number: number; checksum: string }[]
        >(response);
        const list = Array.isArray(answer) ? answer : (answer.items ?? []);
        expect(list).toHaveLength(1);
        return [id, list[0]!.checksum];
      }),
    );
    const verify = body<{ ok: boolean; entries: number }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify' }),
    );
    expect(verify.ok).toBe(true);
    const entry = body<{ items: { seq: number; hash: string }[] }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/audit?cursor=${verify.entries - 1}&limit=1` }),
    ).items[0]!;
    expect(entry.seq).toBe(verify.entries);
    return {
      wanted: [...requirementRows(iso), ...versions.flatMap(([id, checksum]) => [id!, checksum!])],
      head: { sequence: entry.seq, hash: entry.hash },
    };
  }

  it('answers the evidence pack as a PDF with the requirements and statuses, the approved versions and the audit head', async () => {
    const response = await t.as('auditor').inject({
      method: 'GET',
      url: `/api/v1/reports/compliance-evidence?framework=iso22301&${query}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="northbank-evidence-pack-iso22301-${FROM}-to-${TO}.pdf"`,
    );
    const { wanted, head } = await expected();
    const text = await pdfText(response.rawPayload);
    expect(
      missing(text, [
        ...wanted,
        `Sequence: ${head.sequence}`,
        `Head hash: ${head.hash}`,
        `the entry at sequence ${head.sequence}`,
        'GET /api/v1/audit/verify',
        'Online banking',
        RUNNING,
      ]),
    ).toEqual([]);
  });

  it('answers it as one HTML file that shows the same in Chromium with the network refused', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/compliance-evidence?framework=iso22301&${query}&format=html`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="northbank-evidence-pack-iso22301-${FROM}-to-${TO}.html"`,
    );
    const file = join(dir, `${dialect}-evidence.html`);
    writeFileSync(file, response.body);
    const { wanted, head } = await expected();
    const { rows, text, requests } = await rowsOf(file, 'table.requirements');
    expect(missing(rows.join('\n'), requirementRows(iso))).toEqual([]);
    expect(missing(text, [...wanted, head.hash, `sequence ${head.sequence}`, RUNNING])).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('answers the management review as a PDF and as HTML with the readiness, its change over the period and the decisions', async () => {
    const score = `${Math.round(all.score! * 100)} %`;
    // The open actions as the actions route lists them on the same day.
    const actions = body<{ items: { title: string; overdue: boolean }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/actions?status=open' }),
    ).items;
    const wanted = [
      `Readiness now: ${score}.`,
      `on 2026-06-01 to ${score} on 2026-12-06`,
      'Decisions needed',
      ...actions
        .filter((action) => action.overdue)
        .map((action) => `See to the overdue action "${action.title}"`),
      `${actions.length} open, ${actions.filter((action) => action.overdue).length} overdue on ${TO}.`,
      ...all.checks
        .filter((c) => c.status === 'fail' && c.severity === 'high')
        .map((c) => `Fix ${c.id} ${c.title} (high severity)`),
      'Top risks by annual loss expectancy',
      'By annual loss expectancy (Monte Carlo',
      'Supplier concentration',
      'Northbank · Management review · ISO 22301:2019 clause 9.3',
    ];
    const pdf = await t
      .as('viewer')
      .inject({ method: 'GET', url: `/api/v1/reports/management-review?${query}` });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="northbank-management-review-${FROM}-to-${TO}.pdf"`,
    );
    expect(missing(await pdfText(pdf.rawPayload), wanted)).toEqual([]);

    const html = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/management-review?${query}&format=html`,
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    const file = join(dir, `${dialect}-review.html`);
    writeFileSync(file, html.body);
    const { text, requests } = await rowsOf(file, 'table.risks');
    expect(missing(text, wanted)).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('answers 400 problem+json naming the parameter for an unknown framework, a date that is not one, or a backwards period', async () => {
    for (const [url, detail] of [
      ['/api/v1/reports/compliance-evidence?framework=iso9001', /framework/],
      ['/api/v1/reports/compliance-evidence?to=2026-13-01', /to/],
      ['/api/v1/reports/management-review?from=yesterday', /from/],
      [
        '/api/v1/reports/management-review?from=2026-12-06&to=2026-01-01',
        /from 2026-12-06 is after to 2026-01-01/,
      ],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(body<{ detail: string }>(response).detail).toMatch(detail);
    }
  });
});
