import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';
import { PageProblems } from './page-problems.ts';

/** Debian's Chromium: .ci/run installs the `chromium` package when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here; under CI=true a missing browser is an error, never a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (CI must run the browser tests)`,
    );
  }
  return false;
}

/** Whether a file's browser tests run here; when they cannot (only outside CI) it says so once. */
export function browserTestsAvailable(what: string): boolean {
  const available = chromiumAvailable();
  if (!available) console.warn(`skipping ${what}: ${CHROMIUM} is missing (CI=true makes this an error)`);
  return available;
}

/** A headless Chromium with its own throw-away profile. */
export interface Browser {
  /**
   * A fresh context: its own cookies, as a second user or a second tab of another session; `options` sets the
   * reader's locale and time zone (`{ locale: 'en-US', timezoneId: 'America/New_York' }`).
   */
  newContext(options?: Pick<BrowserContextOptions, 'locale' | 'timezoneId'>): Promise<BrowserContext>;
  /** The console errors, exceptions and failed requests of every context's pages (see page-problems.ts). */
  readonly problems: PageProblems;
  close(): Promise<void>;
}

/** Headless, no sandbox (root in a container), and none of Chromium's own network traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Launches Chromium headless with the flags that keep it quiet and deterministic in a container. Playwright gives
 * each launch a fresh --user-data-dir in os.tmpdir() and removes it on close (it refuses the flag from us, as
 * several isolated contexts need the non-persistent launch).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const problems = new PageProblems();
  return {
    problems,
    async newContext(options) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
      problems.watch(context);
      return context;
    },
    close: () => browser.close(),
  };
}
