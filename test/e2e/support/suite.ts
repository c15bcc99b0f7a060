import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startApp } from './app.ts';
import type { RunningApp } from './app.ts';
import { launchBrowser } from './browser.ts';
import type { Browser } from './browser.ts';
import { open } from './pages.ts';
import { describeProblems } from './page-problems.ts';
import type { ExpectedFailure } from './page-problems.ts';

/** What a describe block of browser tests shares: one server with the example organisation and one browser. */
export interface BrowserSuite {
  readonly app: RunningApp;
  readonly browser: Browser;
  /** A page in a fresh context (its own cookies); signed in as `user` on `path` when both are given. */
  newPage(user?: { email: string; password: string }, path?: string): Promise<Page>;
  /**
   * Declares the failed requests the running test causes on purpose; any other console error, uncaught
   * exception, failed request or 4xx/5xx answer in its pages fails the test.
   */
  expectFailures(...failures: ExpectedFailure[]): void;
}

/**
 * Starts the app (with `options.env` added to its environment) and Chromium before the describe block's tests
 * (then runs `prepare`) and stops both after. Call it inside `describe`.
 */
export function browserSuite(
  prepare?: (app: RunningApp) => Promise<void>,
  options: {
    /** Extra environment for the server, read just before it starts (an SMTP server's URL made by the test). */
    env?: () => NodeJS.ProcessEnv | Promise<NodeJS.ProcessEnv>;
  } = {},
): BrowserSuite {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const env = (await options.env?.()) ?? {};
    [app, browser] = await Promise.all([startApp(env), launchBrowser()]);
    await prepare?.(app);
  }, 180_000);
  // Every test ends clean: nothing in its pages went wrong that it did not expect.
  afterEach(() => {
    const unexpected = browser?.problems.take() ?? [];
    if (unexpected.length > 0) {
      throw new Error(
        `the pages had ${unexpected.length} unexpected problem(s); fix them, or declare an expected failure ` +
          `with suite.expectFailures:\n${describeProblems(unexpected)}`,
      );
    }
  });
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
    expectFailures(...failures) {
      started(browser).problems.expect(...failures);
    },
    async newPage(user, path) {
      const page = await (await started(browser).newContext()).newPage();
      if (user && path) await open(page, started(app).url, path, user);
      return page;
    },
  };
}
