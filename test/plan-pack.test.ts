import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../src/catalog/check/check-catalog.ts';
import type { DocumentOf } from '../src/catalog/kinds.ts';
import { PLAN_PHASES } from '../src/catalog/kinds.schema.ts';
import { readCatalogSources } from '../src/catalog/yaml/read.ts';
import { renderPackHtml } from '../src/reports/pack-html.ts';
import { BAR_COLOUR, INSTANT_COLOUR, renderPackPdf, TRACK_COLOUR } from '../src/reports/pack-pdf.ts';
import { MIN_BAR_PERCENT } from '../src/reports/pack-timeline.ts';
import { packModelOf, snapshotOf } from '../src/server/services/plan.service.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/support/browser.ts';
import { collapse, pdfPages, pdfText } from './support/pdf.ts';

describe('offline plan packs of the example catalog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-packs-'));
  let expectations: { id: string; title: string; phones: string[]; steps: string[]; checksum: string }[] = [];
  /** The recovery order of every plan: what each pack's timeline must draw. */
  const orders: { id: string; names: string[] }[] = [];
  let browser: Browser;

  beforeAll(async () => {
    const checked = checkCatalog(await readCatalogSources('examples/northbank'));
    const documents = checked.documents.map((located) => located.document);
    const snapshot = snapshotOf(documents);
    const plans = documents.filter((d): d is DocumentOf<'Plan'> => d.kind === 'Plan');
    expect(plans.length).toBeGreaterThanOrEqual(2);
    expect(plans.map((plan) => plan.metadata.id)).toContain('plan-dc-leeds-loss');
    for (const plan of plans) {
      const model = packModelOf(snapshot, plan, undefined, new Date('2025-06-01T08:00:00Z'));
      writeFileSync(join(dir, `${plan.metadata.id}.pdf`), await renderPackPdf(model));
      writeFileSync(join(dir, `${plan.metadata.id}.html`), renderPackHtml(model));
      orders.push({ id: plan.metadata.id, names: model.recovery.items.map((item) => item.name) });
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

  // The Leeds plan mixes a four-week rebuild with minutes-long steps: on a linear scale all but one bar was a
  // sliver, and the last one started at the right edge of the chart.
  it('draws every item of the recovery order as a visible bar inside the chart in each HTML file', async () => {
    for (const order of orders) {
      const html = readFileSync(join(dir, `${order.id}.html`), 'utf8');
      const bars = [...html.matchAll(/class="bar(?: instant)?" style="left:([\d.]+)%;width:([\d.]+)%"/g)].map(
        (match) => ({ left: Number(match[1]), width: Number(match[2]) }),
      );
      expect(bars.length, order.id).toBe(order.names.length);
      for (const bar of bars) {
        expect(bar.width, order.id).toBeGreaterThanOrEqual(MIN_BAR_PERCENT);
        expect(bar.left, order.id).toBeGreaterThanOrEqual(0);
        expect(bar.left + bar.width, order.id).toBeLessThanOrEqual(100.001);
      }
      // As drawn: every bar at least 3 px wide inside its track, on a phone's width too; the axis has labels.
      for (const width of [1000, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(pathToFileURL(join(dir, `${order.id}.html`)).href);
        const drawn = await page.evaluate<{ left: number; right: number; width: number }[]>(`
          [...document.querySelectorAll('.gantt')].map((track) => {
            const outer = track.getBoundingClientRect();
            const inner = track.querySelector('.bar').getBoundingClientRect();
            return { left: inner.left - outer.left, right: outer.right - inner.right, width: inner.width };
          })`);
        expect(drawn.length).toBe(order.names.length);
        for (const bar of drawn) {
          expect(bar.width, `${order.id} at ${width}px`).toBeGreaterThanOrEqual(3);
          expect(bar.left, `${order.id} at ${width}px`).toBeGreaterThanOrEqual(-0.5);
          expect(bar.right, `${order.id} at ${width}px`).toBeGreaterThanOrEqual(-0.5);
        }
        expect(await page.locator('.axis .tick').allTextContents()).toEqual(expect.arrayContaining(['0m']));
        await page.close();
      }
    }
  });

  it('draws the timeline in each PDF: every item named, every bar at least 3 pt wide and inside its track', async () => {
    for (const order of orders) {
      const pages = await pdfPages(join(dir, `${order.id}.pdf`));
      const first = pages.findIndex((page) => /^Timeline\b/.test(page.text.trim()));
      expect(first, `${order.id}: a page that starts with the timeline`).toBeGreaterThan(0);
      const timeline = pages
        .slice(first)
        .filter((page) => page.boxes.some((box) => box.colour === TRACK_COLOUR));
      const text = collapse(timeline.map((page) => page.text).join(' '));
      expect(
        order.names.filter((name) => !text.includes(collapse(name))),
        order.id,
      ).toEqual([]);
      const tracks = timeline.flatMap((page) => page.boxes.filter((box) => box.colour === TRACK_COLOUR));
      const bars = timeline.flatMap((page) =>
        page.boxes.filter((box) => box.colour === BAR_COLOUR || box.colour === INSTANT_COLOUR),
      );
      expect(tracks.length, order.id).toBe(order.names.length);
      expect(bars.length, order.id).toBe(order.names.length);
      bars.forEach((bar, i) => {
        const track = tracks[i]!;
        expect(bar.right - bar.left, `${order.id} bar ${i + 1}`).toBeGreaterThanOrEqual(3);
        expect(bar.left, `${order.id} bar ${i + 1}`).toBeGreaterThanOrEqual(track.left - 0.01);
        expect(bar.right, `${order.id} bar ${i + 1}`).toBeLessThanOrEqual(track.right + 0.01);
        expect(bar.top, `${order.id} bar ${i + 1}`).toBeCloseTo(track.top, 1);
      });
    }
  });
});
