// The web application in a real browser against a real server holding the Northbank example organisation.
import { describe, expect, it } from 'vitest';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { fillLogin, open } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the browser tests');

describe.skipIf(!available)('web application', () => {
  const suite = browserSuite();

  async function readService(
    id: string,
  ): Promise<{ metadata: { name?: string }; spec: Record<string, unknown> }> {
    const answer = await fetch(`${suite.app.apiUrl}/api/v1/services/${id}`, {
      headers: suite.app.adminHeaders,
    });
    return (await answer.json()) as { metadata: { name?: string }; spec: Record<string, unknown> };
  }

  it('shows the dashboard with readiness figures and the SPOFs under tier-1 and tier-2 services', async () => {
    const page = await suite.newPage();
    await open(page, suite.app.url, '/');
    await page.getByRole('heading', { name: 'Continuity at a glance' }).waitFor();
    await page.getByRole('region', { name: 'Services with an owner' }).waitFor();
    const spofs = page.getByTestId('spof-summary');
    await spofs.waitFor();
    // The worst single point of failure comes first, by name, as the server ranks it.
    const answer = await fetch(`${suite.app.apiUrl}/api/v1/analysis/single-points?limit=20`, {
      headers: suite.app.adminHeaders,
    });
    const ranked = (await answer.json()) as {
      total: number;
      points: { name: string; serviceCount: number }[];
    };
    expect(await spofs.textContent()).toContain(`${ranked.total} nodes take services down alone`);
    const first = page.getByRole('table', { name: 'Single points of failure' }).getByRole('row').nth(1);
    expect(await first.getByRole('cell').first().textContent()).toContain(ranked.points[0]?.name);
    expect(await first.getByRole('cell').nth(1).textContent()).toMatch(
      new RegExp(`^${ranked.points[0]?.serviceCount}`),
    );
    await page
      .getByRole('region', { name: 'Tier 1 services' })
      .getByRole('link', { name: 'Core banking' })
      .waitFor();
    await page.context().close();
  });

  it('finds a service by searching its name and opens its page with owner and contacts', async () => {
    const page = await suite.newPage();
    await open(page, suite.app.url, '/services');
    await page.getByLabel('Search').fill('online bank');
    await page.waitForURL(/q=online\+bank|q=online%20bank/);
    const table = page.getByRole('table', { name: 'Services' });
    await table.getByRole('link', { name: 'Online banking' }).click();
    await page.getByRole('heading', { name: 'Online banking' }).waitFor();
    const owner = page.getByLabel('Owner and contacts');
    await owner.getByRole('link', { name: 'Ellie Whitaker' }).waitFor();
    expect(page.url()).toMatch(/\/services\/online-banking$/);
    await page.context().close();
  });

  it('edits a service and shows the change in its audit history', async () => {
    const page = await suite.newPage();
    await open(page, suite.app.url, '/services/intranet');
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('RTO', { exact: true }).fill('2d');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/services\/intranet$/);
    await page.locator('[data-field="rto"]', { hasText: '2d' }).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByTestId('audit-history');
    await history.getByText('spec.rto').waitFor();
    expect(await history.textContent()).toContain('update');
    expect((await readService('intranet')).spec.rto).toBe('2d');
    await page.context().close();
  });

  it('shows what changed meanwhile on a 409 and saves after "reload and re-apply"', async () => {
    const first = await suite.newPage();
    const second = await suite.newPage();
    await open(first, suite.app.url, '/services/telephone-banking/edit');
    await open(second, suite.app.url, '/services/telephone-banking/edit');
    await first.getByLabel('Name').waitFor();
    await second.getByLabel('Name').waitFor();

    await first.getByLabel('Name').fill('Telephone banking (IVR)');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.waitForURL(/\/services\/telephone-banking$/);

    await second.getByLabel('RTO', { exact: true }).fill('3h');
    suite.expectFailures({
      method: 'PUT',
      url: /\/api\/v1\/services\/telephone-banking$/,
      status: 409,
      why: 'the first tab saved meanwhile',
    });
    await second.getByRole('button', { name: 'Save' }).click();
    const conflict = second.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('metadata.name');
    expect(await conflict.textContent()).toContain('Telephone banking (IVR)');
    await second.getByRole('button', { name: 'Reload and re-apply my changes' }).click();
    await second.getByRole('button', { name: 'Save' }).click();
    await second.waitForURL(/\/services\/telephone-banking$/);

    const saved = await readService('telephone-banking');
    expect(saved.metadata.name).toBe('Telephone banking (IVR)');
    expect(saved.spec.rto).toBe('3h');
    await first.context().close();
    await second.context().close();
  });

  it('draws the dependency map around a service with its single points of failure', async () => {
    const page = await suite.newPage();
    await open(page, suite.app.url, '/map?around=online-banking&depth=3');
    await page.getByTestId('map-canvas').waitFor();
    const count = page.getByTestId('map-count');
    await count.waitFor();
    expect(Number((await count.textContent())?.match(/\d+/)?.[0])).toBeGreaterThan(5);
    const spofs = page.getByTestId('spof-count');
    await spofs.getByText(/\d+ single points of failure/).waitFor();
    await page.getByRole('combobox', { name: 'Find on the map' }).fill('Digital platform');
    await page.getByRole('option', { name: /Digital platform/ }).click();
    await page.getByTestId('selected-node').getByText('Single point of failure').waitFor();
    // Labels are drawn from a zoom of 0.7: the map opens there around its service rather than fitted unreadably.
    const canvas = page.getByTestId('map-canvas');
    expect(Number(await canvas.getAttribute('data-map-zoom'))).toBeGreaterThanOrEqual(0.7);
    await page.getByRole('button', { name: 'Whole map' }).click();
    await expect.poll(async () => Number(await canvas.getAttribute('data-map-zoom'))).toBeLessThan(0.7);
    await page.context().close();
  });

  it('fails the Leeds data centre in the simulator and flags the services down and their breaches', async () => {
    const page = await suite.newPage();
    await open(page, suite.app.url, '/simulator');
    await page.getByRole('combobox', { name: 'Fail these' }).fill('Leeds data');
    await page.getByRole('option', { name: /Leeds data centre/ }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/fail=dc-leeds/);
    await page.getByTestId('impact-summary').waitFor();
    await page.getByTestId('map-canvas').waitFor();

    await page.getByRole('tab', { name: /Services down/ }).click();
    const table = page.getByTestId('services-down');
    for (const id of ['core-banking', 'online-banking', 'card-payments']) {
      await table.locator(`[data-service="${id}"]`).waitFor();
    }
    expect(await table.getByTestId('breach').count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Restore timeline' }).click();
    await page.getByTestId('gantt').locator('[data-service="core-banking"]').waitFor();

    await page.getByRole('tab', { name: /Why each node is down/ }).click();
    await page
      .getByTestId('down-nodes')
      .getByText(/Leeds data centre.*→/)
      .first()
      .waitFor();
    await page.context().close();
  });
});

describe.skipIf(!available)('web application: who may do what', () => {
  const suite = browserSuite();

  it('sends a signed-out visitor to the login page, refuses a wrong password and shows the role once in', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await page.goto(`${suite.app.url}/services/online-banking`);
    await page.waitForURL(/\/login\?next=/);
    suite.expectFailures({
      method: 'POST',
      url: /\/api\/v1\/auth\/login$/,
      status: 401,
      why: 'a wrong password',
    });
    await fillLogin(page, { email: userOf('manager').email, password: 'not the password at all' });
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await fillLogin(page, userOf('manager'));
    await page.getByRole('heading', { name: 'Online banking' }).waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('manager');
    await page.context().close();
  });

  it('gives a viewer no way to edit and no audit log, as the server would refuse both', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await open(page, suite.app.url, '/services/online-banking', userOf('viewer'));
    await page.getByRole('heading', { name: 'Online banking' }).waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('viewer');
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByText('Your role cannot read the audit log.').waitFor();
    await page.goto(`${suite.app.url}/services/online-banking/edit`);
    await page.getByRole('alert').getByText('Your role (viewer) cannot change services.').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await page.context().close();
  });
});
