// The suppliers page in a real browser against a real server holding the Northbank example organisation: the
// ranking by concentration, Voxa's exit plan flagged as overdue, and the one-click simulation of a supplier's
// failure. Every expected figure comes from the API, never from a copy of the example.
import { describe, expect, it } from 'vitest';
import type { SupplierAnalysisAnswer } from '../../src/server/routes/supplier.schema.ts';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the suppliers browser tests');

describe.skipIf(!available)('the suppliers page', () => {
  const suite = browserSuite();

  async function analysis(): Promise<SupplierAnalysisAnswer> {
    const answer = await fetch(`${suite.app.apiUrl}/api/v1/analysis/suppliers`, {
      headers: suite.app.adminHeaders,
    });
    if (!answer.ok) throw new Error(`GET /analysis/suppliers: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as SupplierAnalysisAnswer;
  }

  it('ranks the suppliers by concentration, as the analysis does, with their scores', async () => {
    const expected = await analysis();
    const page = await suite.newPage(userOf('viewer'), '/vendors');
    const table = page.getByRole('table', { name: 'Suppliers by concentration' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    const ids = await Promise.all(
      (await rows.all()).map(async (row) => (await row.getAttribute('data-supplier')) ?? ''),
    );
    expect(ids).toEqual(expected.suppliers.map((supplier) => supplier.id));
    expect(ids[0]).toBe('calder-telecom');
    const first = expected.suppliers[0]!;
    expect(await rows.first().getByTestId('score').textContent()).toBe(first.score.toFixed(2));
    // The navigation names the page for what it shows.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Suppliers' })
      .waitFor();
    await page.getByRole('region', { name: 'Fourth parties' }).waitFor();
    await page.context().close();
  }, 120_000);

  it("flags Voxa's exit plan, not tested within 12 months, as overdue, and Nimbus's as tested", async () => {
    const page = await suite.newPage(userOf('viewer'), '/vendors');
    const voxa = page.locator('[data-supplier="voxa"] [data-testid="exit-plan"]');
    await voxa.waitFor();
    expect(await voxa.textContent()).toContain('plan-exit-voxa');
    expect(await voxa.textContent()).toContain('tested 2025-08-20');
    await voxa.getByText('overdue').waitFor();
    const nimbus = page.locator('[data-supplier="nimbus-cloud"]');
    expect(await nimbus.getByTestId('exit-plan').textContent()).toContain('tested 2026-11-12');
    expect(await nimbus.textContent()).toContain('NB-CLD-2023-001-A');
    expect(await nimbus.textContent()).toContain('subcontracts liffey-data-centres');
    await page.context().close();
  }, 120_000);

  it('opens the simulator with the supplier failed from its Simulate link', async () => {
    const nimbus = (await analysis()).suppliers.find((supplier) => supplier.id === 'nimbus-cloud')!;
    const page = await suite.newPage(userOf('viewer'), '/vendors');
    await page.getByRole('link', { name: 'Simulate the failure of Nimbus Cloud Services' }).click();
    await page.waitForURL(/\/simulator\?fail=nimbus-cloud$/);
    await page.getByRole('tab', { name: /^Services down/ }).click();
    const down = page.getByRole('table', { name: 'Services down' });
    await down.waitFor();
    // The simulator fails the vendor alone: what it takes down is among what the page listed for it.
    const shown = await Promise.all(
      (await down.locator('tbody tr').all()).map(
        async (row) => (await row.getAttribute('data-service')) ?? '',
      ),
    );
    expect(shown).toContain('online-banking');
    const listed = new Set(nimbus.servicesDown.map((service) => service.id));
    for (const id of shown) expect(listed.has(id), id).toBe(true);
    await page.context().close();
  }, 120_000);

  it('shows a manager the register as ready, then the problem a change makes, with a link to the document to fix', async () => {
    const page = await suite.newPage(userOf('manager'), '/vendors');
    const card = page.getByRole('region', { name: 'Register of information' });
    await card.getByTestId('register-ready').waitFor();
    await card.getByRole('link', { name: 'Download the register (ZIP)' }).waitFor();

    // A contract loses its annual cost, which the register requires.
    const url = `${suite.app.apiUrl}/api/v1/contracts/ctr-voxa`;
    const current = (await (await fetch(url, { headers: suite.app.adminHeaders })).json()) as {
      spec: Record<string, unknown>;
    };
    const { annualCost: _cost, ...spec } = current.spec;
    const put = await fetch(url, {
      method: 'PUT',
      headers: { ...suite.app.adminHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ ...current, spec }),
    });
    expect(put.status).toBe(200);

    await page.reload();
    await card.getByTestId('register-problems').waitFor();
    expect(await card.getByTestId('register-problems').textContent()).toContain('2 problems');
    await card.getByRole('link', { name: 'Contract ctr-voxa' }).first().click();
    await page.waitForURL(/\/contracts\/ctr-voxa$/);
    await page.context().close();
  }, 120_000);
});
