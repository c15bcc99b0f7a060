import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../src/catalog/check/check-catalog.ts';
import type { DocumentOf } from '../src/catalog/kinds.ts';
import { PLAN_PHASES } from '../src/catalog/kinds.schema.ts';
import { readCatalogSources } from '../src/catalog/yaml/read.ts';
import { renderPackHtml } from '../src/reports/pack-html.ts';
import { renderPackPdf } from '../src/reports/pack-pdf.ts';
import { packModelOf, snapshotOf } from '../src/server/services/plan.service.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/support/browser.ts';

/** Every text item of a PDF, page by page, joined; whitespace collapsed so wrapped cells still read whole. */
async function pdfText(file: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)) }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join(' ').replace(/\s+/g, ' ');
}

// pdfkit breaks lines after a hyphen (known-good -> known- / good): compare with those joins undone.
const collapse = (text: string): string => text.replace(/\s+/g, ' ').replace(/- /g, '-');

describe('offline plan packs of the example catalog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-packs-'));
  let expectations: { id: string; title: string; phones: string[]; steps: string[]; checksum: string }[] = [];
  let browser: Browser;

  beforeAll(async () => {
    const checked = checkCatalog(await readCatalogSources('examples/northbank'));
    const documents = checked.documents.map((located) => located.document);
    const snapshot = snapshotOf(documents);
    const plans = documents.filter((d): d is DocumentOf<'Plan'> => d.kind === 'Plan');
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const plan of plans) {
      const model = packModelOf(snapshot, plan, undefined, new Date('2025-06-01T08:00:00Z'));
      writeFileSync(join(dir, `${plan.metadata.id}.pdf`), await renderPackPdf(model));
      writeFileSync(join(dir, `${plan.metadata.id}.html`), renderPackHtml(model));
      expectations.push({
        id: plan.metadata.id,
        title: plan.metadata.name ?? plan.metadata.id,
        // Every contact's number, and every deputy's: what someone calls when the first does not answer.
        phones: model.contacts.flatMap((c) => [c.phone, ...(c.deputy ? [c.deputy.phone] : [])]),
        steps: PLAN_PHASES.flatMap((phase) => (plan.spec.phases?.[phase] ?? []).map((step) => step.title)),
        checksum: model.version.checksum,
      });
    }
    expectations = expectations.filter((e) => e.phones.length > 0);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the title, every contact and deputy phone number, every step title and the checksum in each PDF', async () => {
    for (const plan of expectations) {
      const text = collapse(await pdfText(join(dir, `${plan.id}.pdf`)));
      const missing = [plan.title, ...plan.phones, ...plan.steps, plan.checksum].filter(
        (wanted) => !text.includes(collapse(wanted)),
      );
      expect(missing, plan.id).toEqual([]);
    }
  });

  it('shows the same in each HTML file in headless Chromium with every network request refused', async () => {
    for (const plan of expectations) {
      const context = await browser.newContext({ offline: true });
      const requests: string[] = [];
      await context.route('**', async (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(dir, `${plan.id}.html`)).href);
      const text = collapse(await page.locator('body').innerText());
      const missing = [plan.title, ...plan.phones, ...plan.steps, plan.checksum].filter(
        (wanted) => !text.includes(collapse(wanted)),
      );
      expect(missing, plan.id).toEqual([]);
      // Self-contained: the page asked for nothing beyond its own file.
      expect(requests).toEqual([]);
      await context.close();
    }
  });
});
