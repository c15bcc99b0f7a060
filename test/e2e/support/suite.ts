import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startApp } from './app.ts';
import type { RunningApp } from './app.ts';
import { launchBrowser } from './browser.ts';
import type { Browser } from './browser.ts';
import { open } from './pages.ts';

/** What a describe block of browser tests shares: one server with the example organisation and one browser. */
export interface BrowserSuite {
  readonly app: RunningApp;
  readonly browser: Browser;
  /** A page in a fresh context (its own cookies); signed in as `user` on `path` when both are given. */
  newPage(user?: { email: string; password: string }, path?: string): Promise<Page>;
}

/**
 * Starts the app and Chromium before the describe block's tests (then runs `prepare`) and stops both after.
 * Call it inside `describe`.
 */
export function browserSuite(prepare?: (app: RunningApp) => Promise<void>): BrowserSuite {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    await prepare?.(app);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite has not started (use it inside a test)');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get browser() {
      return started(browser);
    },
    async newPage(user, path) {
      const page = await (await started(browser).newContext()).newPage();
      if (user && path) await open(page, started(app).url, path, user);
      return page;
    },
  };
}
