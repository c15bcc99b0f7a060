// Dates read one way everywhere, in the reader's locale and time zone; instants name the zone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { open } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the date format tests');

describe.skipIf(!available)('dates and times', () => {
  const suite = browserSuite();

  /** A page of a reader in New York with a US locale: nothing the server sends is in that zone. */
  async function pageInNewYork(path: string): Promise<Page> {
    const context = await suite.browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await open(page, suite.app.url, path, userOf('manager'));
    return page;
  }

  it("shows an incident's times in the reader's zone with the zone named, and action due dates as dates", async () => {
    const page = await pageInNewYork('/incidents/inc-2024-11-leeds-san');
    // Started 2024-11-12T06:40:00Z: 01:40 in New York (EST).
    const when = page.getByRole('table', { name: 'When' });
    await when.locator('[data-field="started"]').getByText('Nov 12, 2024, 01:40 AM EST').waitFor();
    expect(await when.locator('[data-field="resolved"]').textContent()).toContain(
      'Nov 12, 2024, 02:10 PM EST',
    );
    const actions = page.getByTestId('actions');
    await actions.getByText('Mar 31, 2025', { exact: true }).waitFor();
    expect(await actions.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.context().close();
  });

  it('shows dates and instants in lists as on the pages, never raw ISO text', async () => {
    const page = await pageInNewYork('/incidents');
    const incidents = page.getByRole('table', { name: 'Incidents' });
    await incidents.getByText('Nov 12, 2024, 01:40 AM EST').waitFor();
    expect(await incidents.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    await open(page, suite.app.url, '/plans');
    const plans = page.getByRole('table', { name: 'Plans' });
    await plans.getByText('Oct 30, 2026', { exact: true }).waitFor();
    expect(await plans.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.context().close();
  });

  it('names the zone of each audit entry', async () => {
    const page = await pageInNewYork('/services/online-banking?tab=history');
    const history = page.getByTestId('audit-history');
    await history
      .getByText(/\d{2}:\d{2} (AM|PM) E[SD]T/)
      .first()
      .waitFor();
    expect(await history.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await page.context().close();
  });
});
