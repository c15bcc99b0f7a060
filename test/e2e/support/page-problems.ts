import type { BrowserContext, ConsoleMessage, Request, Response } from 'playwright-core';

/** A failure a test expects: an answer of `status` (any 4xx/5xx when absent) to a request whose URL matches. */
export interface ExpectedFailure {
  url: RegExp;
  status?: number;
  method?: string;
  /** Why it is expected, for whoever reads the test. */
  why: string;
}

/** Something that went wrong in a page: a console error, an uncaught exception, a failed or refused request. */
export interface PageProblem {
  what: 'console error' | 'uncaught exception' | 'request failed' | 'error response';
  detail: string;
  method?: string;
  url?: string;
  status?: number;
}

/**
 * Failures every test expects: the application asks who is signed in before it knows, and the answer to a visitor
 * who is not is 401 (then the login page).
 */
const ALWAYS_EXPECTED: readonly ExpectedFailure[] = [
  {
    method: 'GET',
    url: /\/api\/v1\/auth\/me$/,
    status: 401,
    why: 'who is signed in, asked before signing in',
  },
];

function matches(expected: ExpectedFailure, problem: PageProblem): boolean {
  return (
    problem.url !== undefined &&
    expected.url.test(problem.url) &&
    (expected.status === undefined || expected.status === problem.status) &&
    (expected.method === undefined || expected.method === problem.method)
  );
}

/**
 * Collects the console errors, uncaught exceptions, failed requests and 4xx/5xx answers of every page of the
 * contexts it watches, so a test fails on any it did not declare with `expect`.
 */
export class PageProblems {
  private problems: PageProblem[] = [];
  private expected: ExpectedFailure[] = [];

  /** Listens to every page of `context`, those open now and those to come. */
  watch(context: BrowserContext): void {
    context.on('console', (message: ConsoleMessage) => {
      // Chromium logs each 4xx/5xx answer as a console error too: the response listener judges those.
      if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
      this.problems.push({ what: 'console error', detail: message.text(), url: message.location().url });
    });
    context.on('weberror', (error) => {
      this.problems.push({ what: 'uncaught exception', detail: String(error.error()) });
    });
    context.on('requestfailed', (request: Request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      // A request the page itself gave up (a query cancelled by a newer one, a navigation away) is no failure.
      if (failure.includes('ERR_ABORTED')) return;
      this.problems.push({
        what: 'request failed',
        detail: failure,
        method: request.method(),
        url: request.url(),
      });
    });
    context.on('response', (response: Response) => {
      if (response.status() < 400) return;
      this.problems.push({
        what: 'error response',
        detail: `${response.status()} ${response.statusText()}`,
        method: response.request().method(),
        url: response.url(),
        status: response.status(),
      });
    });
  }

  /** Declares failures the running test causes on purpose (a refused save, a wrong password). */
  expect(...failures: ExpectedFailure[]): void {
    this.expected.push(...failures);
  }

  /** The problems nobody expected since the last call; forgets them and the test's expectations. */
  take(): PageProblem[] {
    const expected = [...ALWAYS_EXPECTED, ...this.expected];
    const unexpected = this.problems.filter(
      (problem) => !expected.some((failure) => matches(failure, problem)),
    );
    this.problems = [];
    this.expected = [];
    return unexpected;
  }
}

/** The problems as lines a person can act on. */
export function describeProblems(problems: readonly PageProblem[]): string {
  return problems
    .map((problem) =>
      [problem.what + ':', problem.method, problem.url, `(${problem.detail})`].filter(Boolean).join(' '),
    )
    .join('\n');
}
