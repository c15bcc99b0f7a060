// Every page of the web application, checked with axe-core and at a phone's width, against a real server holding
// the Northbank example organisation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { fillLogin, open } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the accessibility and phone layout tests');

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A phone: an iPhone 12 to 15's CSS viewport. */
const PHONE = { width: 390, height: 844 };

/** One axe finding, as much as a person needs to find it. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

// The code below runs in the page: strings, as the tests' TypeScript has no DOM types (as in bench/web-map.ts).

/** What axe does not wait for: the page is ready when nothing loads and a map on it is laid out. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Polled through page.evaluate: page.waitForFunction evaluates a string with eval once it has to poll, which
  // the app's Content-Security-Policy refuses (an EvalError whenever the page is still loading at first look).
  const ready = `
    document.querySelector('[aria-label="Loading"], [aria-label="Loading page"]') === null &&
    (document.querySelector('canvas') === null || document.querySelector('[data-map-ready]') !== null ||
      !location.pathname.startsWith('/map'))`;
  while (!(await page.evaluate<boolean>(ready))) await page.waitForTimeout(50);
  // Mantine's transitions (tabs, collapses, notifications) end within 200 ms; axe reads colours mid-fade otherwise.
  await page.waitForTimeout(300);
}

/** axe-core's serious and critical findings on the page as it stands. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.evaluate(AXE_SOURCE); // Not a script tag: the app's CSP refuses inline scripts.
  return page.evaluate<Violation[]>(`(async () => {
    const result = await window.axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
      }));
  })()`);
}

/** What does not fit a screen: see `overflow`. */
interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  elements: string[];
  clipped: string[];
}

/**
 * What sticks out past the right edge of the screen: the page's own scroll width, and every visible element
 * reaching past it that is not inside a container that scrolls or clips it (a table in its ScrollArea); and
 * every value cut off by a box too narrow for it (overflow hidden, its own text wider than the box).
 */
async function overflow(page: Page): Promise<Overflow> {
  return page.evaluate<Overflow>(`(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const contained = (element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const describe = (element) => {
      const rect = element.getBoundingClientRect();
      const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
        [...element.classList].slice(0, 2).map((c) => '.' + c).join('');
      const text = (element.textContent || '').trim().slice(0, 40);
      return name + ' [' + Math.round(rect.left) + '..' + Math.round(rect.right) + '] "' + text + '"';
    };
    const elements = [];
    const clipped = [];
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      const clips = ['hidden', 'clip'].includes(getComputedStyle(element).overflowX);
      // A chosen option of a multi-select (a pill in the input) is cut short by design: the list shows it whole.
      // Text for screen readers only (a 1 px clipped box) is not a value on the screen.
      if (clips && rect.width > 1 && rect.height > 1 && element.scrollWidth > element.clientWidth + 1 &&
          !element.closest('.mantine-Pill-root') &&
          [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim() !== '')) {
        clipped.push(describe(element));
      }
      if (rect.width === 0 || rect.height === 0 || rect.right <= width + 1) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      if (!contained(element)) elements.push(describe(element));
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, elements, clipped };
  })()`);
}

/**
 * Runs `check` on the page as it stands, then once more on each other tab of the page's content (the
 * simulator's lists and timeline, a document's history), named `path` and `path · tab name`.
 */
async function eachView(page: Page, path: string, check: (view: string) => Promise<void>): Promise<void> {
  await check(path);
  // By position, not by name: a tab's name may change as its page loads (a count beside it).
  const tabs = page.locator('main').getByRole('tab');
  const selected = await Promise.all(
    (await tabs.all()).map(async (tab) => (await tab.getAttribute('aria-selected')) === 'true'),
  );
  for (const [index, isSelected] of selected.entries()) {
    if (isSelected) continue;
    const tab = tabs.nth(index);
    const name = (await tab.textContent()) ?? `tab ${index + 1}`;
    await tab.click();
    await settle(page);
    await check(`${path} · ${name}`);
  }
}

/** The element the keyboard is on: a link's text and the fragment it goes to. */
const FOCUSED = `(() => {
  const active = document.activeElement;
  return active instanceof HTMLAnchorElement ? active.textContent + ' -> ' + active.hash : String(active && active.tagName);
})()`;

describe.skipIf(!available)('every page: accessibility and the phone layout', () => {
  const suite = browserSuite();
  let listed: Promise<string[]> | undefined;
  /** The pages, collected once for the file's tests (each test may run alone). */
  const allPages = (): Promise<string[]> =>
    (listed ??= (async () => {
      const page = await suite.newPage();
      try {
        return await everyPage(page);
      } finally {
        await page.context().close();
      }
    })());

  /** The id of the first document of a kind, from the API. */
  async function firstId(plural: string): Promise<string | undefined> {
    const answer = await fetch(`${suite.app.apiUrl}/api/v1/${plural}?limit=1`, {
      headers: suite.app.adminHeaders,
    });
    if (!answer.ok) return undefined;
    // A navigation link that is not a kind (`/actions`) may answer items that are not documents.
    const page = (await answer.json()) as { items?: { metadata?: { id: string } }[] };
    return page.items?.[0]?.metadata?.id;
  }

  /**
   * Every page of web/src/app/routes.tsx that needs a session: the dashboard, then for each kind in the main
   * navigation its list, a document, its history, its edit form and the new form; the map, the simulator, a
   * plan's own page and tabs, an incident's page, the compliance page with a check opened, and the not-found
   * page.
   */
  async function everyPage(page: Page): Promise<string[]> {
    await open(page, suite.app.url, '/');
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    const links: string[] = [];
    for (const link of await navigation.getByRole('link').all())
      links.push((await link.getAttribute('href')) ?? '');
    const plurals = links
      .map((path) => path.slice(1))
      .filter((p) => p !== '' && p !== 'map' && p !== 'simulator');
    expect(plurals).toContain('services');
    const paths = ['/'];
    for (const plural of plurals) {
      paths.push(`/${plural}`);
      const id = await firstId(plural);
      if (id === undefined) continue;
      paths.push(`/${plural}/${id}`, `/${plural}/${id}/edit`);
    }
    paths.push(
      '/services/new',
      '/assessments/new?service=core-banking',
      '/map?around=core-banking',
      '/simulator',
      '/simulator?fail=dc-leeds',
      // The compliance page with a check opened onto its items (failing first, evidence links).
      '/compliance?check=C01',
      '/no-such-page/at-all',
    );
    return [...new Set(paths)];
  }

  it('visits every page of the router', async () => {
    const pages = await allPages();
    expect(pages).toEqual(
      expect.arrayContaining([
        '/',
        '/services',
        '/plans/plan-dc-leeds-loss',
        '/simulator?fail=dc-leeds',
        '/compliance',
        '/compliance?check=C01',
      ]),
    );
    expect(pages.some((path) => path.startsWith('/incidents/'))).toBe(true);
  }, 120_000);

  it('has no serious or critical axe violation, one h1 and a skip link to the content on every page', async () => {
    const page = await suite.newPage();
    const found: Record<string, Violation[] | string> = {};
    for (const path of await allPages()) {
      await open(page, suite.app.url, path);
      await settle(page);
      const h1 = await page.locator('h1').count();
      if (h1 !== 1) found[`${path} h1`] = `${h1} h1 elements`;
      // The first thing a keyboard reaches skips the navigation.
      await page.keyboard.press('Tab');
      const first = await page.evaluate<string>(FOCUSED);
      if (!/^Skip to content -> #main$/i.test(first)) found[`${path} skip link`] = first;
      await eachView(page, path, async (view) => {
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[view] = violations;
      });
    }
    expect(found).toEqual({});
    await page.context().close();
  }, 600_000);

  it('has no serious or critical axe violation and an h1 on the login page', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/login`);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.locator('h1').count()).toBe(1);
    // A refused sign-in shows its message: still no violation.
    suite.expectFailures({
      method: 'POST',
      url: /\/api\/v1\/auth\/login$/,
      status: 401,
      why: 'a wrong password, to show the error message',
    });
    await fillLogin(page, { ...userOf('viewer'), password: 'not the password' });
    await page.getByRole('alert').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits a 390 px phone screen on every page, tables scrolling inside their own container', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    const found: Record<string, unknown> = {};
    for (const path of [...(await allPages()), '/login']) {
      if (path === '/login') await page.context().clearCookies();
      await (path === '/login' ? page.goto(`${suite.app.url}/login`) : open(page, suite.app.url, path));
      await settle(page);
      await eachView(page, path, async (view) => {
        const result = await overflow(page);
        const fits = result.scrollWidth <= result.clientWidth && result.elements.length === 0;
        if (!fits || result.clipped.length > 0) found[view] = result;
      });
    }
    expect(found).toEqual({});
    // The restore timeline keeps legible labels on a phone (it scrolls sideways in its own box instead).
    await open(page, suite.app.url, '/simulator?fail=dc-leeds');
    await page.getByRole('tab', { name: 'Restore timeline' }).click();
    await page.getByTestId('gantt').waitFor();
    const labelPixels = await page.evaluate<number>(`(() => {
      const svg = document.querySelector('[data-testid="gantt"]');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return parseFloat(getComputedStyle(svg.querySelector('text')).fontSize) * scale;
    })()`);
    expect(labelPixels).toBeGreaterThanOrEqual(9);
    // On a phone the navigation opens from the menu button and closes once a page is chosen.
    await open(page, suite.app.url, '/');
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Simulator' })
      .click();
    await page.waitForURL(/\/simulator$/);
    const result = await overflow(page);
    expect(result.elements).toEqual([]);
    await context.close();
  }, 600_000);
});
