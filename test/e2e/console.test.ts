// Pages load without console errors or failed requests: references resolve by id in one request, not by probing
// each kind for a 404; the application has a favicon.
import { describe, expect, it } from 'vitest';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { open } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the console and network tests');

describe.skipIf(!available)('a quiet console', () => {
  const suite = browserSuite();

  // The suite fails each test on any console error or failed request it did not declare (support/suite.ts).
  it.each([
    ['a service with a person as owner', '/services/online-banking', 'Ellie Whitaker'],
    ['a service with a team as owner', '/services/fraud-monitoring', 'Information security'],
    ['an incident naming components and services', '/incidents/inc-2024-11-leeds-san', 'What failed'],
    ['a plan', '/plans/plan-dc-leeds-loss', 'Call tree'],
    ['the dashboard', '/', 'Continuity at a glance'],
    [
      'the simulator with a failure',
      '/simulator?fail=hsm-leeds',
      'Hardware security module, Leeds (hsm-leeds)',
    ],
  ])('opens %s without a console error or a failed request', async (_what, path, text) => {
    const page = await suite.newPage(userOf('viewer'), path);
    await page.getByText(text).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.context().close();
  });

  it('opens an owner link by one lookup of its id, whatever its kind', async () => {
    const page = await suite.newPage(userOf('viewer'), '/services/online-banking');
    const lookups: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/')) lookups.push(new URL(request.url()).pathname);
    });
    await page.goto(`${suite.app.url}/ref/ellie-whitaker?kinds=Team,Person`);
    await page.waitForURL(/\/people\/ellie-whitaker$/);
    expect(lookups.filter((path) => path.includes('ellie-whitaker'))).not.toContain(
      '/api/v1/teams/ellie-whitaker',
    );
    await page.context().close();
  });

  it('reports an undeclared failed request, and accepts one the test declares', async () => {
    const page = await suite.newPage(userOf('viewer'), '/');
    await page.getByText('Continuity at a glance').waitFor();
    await page.goto(`${suite.app.url}/ref/no-such-document`);
    await page.getByText('No document has the id "no-such-document".').waitFor();
    const reported = suite.browser.problems.take();
    expect(
      reported.some(
        (problem) =>
          problem.status === 404 && /\/api\/v1\/documents\/no-such-document$/.test(problem.url ?? ''),
      ),
    ).toBe(true);

    suite.expectFailures({
      url: /\/api\/v1\/documents\/no-such-document$/,
      status: 404,
      why: 'an unknown id',
    });
    await page.reload();
    await page.getByText('No document has the id "no-such-document".').waitFor();
    await page.context().close();
  });

  it('has an SVG favicon the server serves', async () => {
    const page = await suite.newPage();
    await open(page, suite.app.url, '/');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBe('/favicon.svg');
    const icon = await page.request.get(suite.app.url + href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    await page.context().close();
  });
});
