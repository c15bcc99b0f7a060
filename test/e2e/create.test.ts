// Creating plans and incidents in a real browser: "New plan" and "New incident" open forms that save; the import
// page brings documents in from a CMDB export.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the create page tests');

describe.skipIf(!available)('creating plans and incidents', () => {
  const suite = browserSuite();

  /** Types into a reference picker and picks the option of `id`. */
  async function pick(page: Page, label: RegExp, text: string, id: string): Promise<void> {
    await page.getByRole('combobox', { name: label }).fill(text);
    await page.getByRole('option', { name: new RegExp(`\\(${id}\\)`) }).click();
  }

  async function readDocument(plural: string, id: string): Promise<{ spec: Record<string, unknown> }> {
    const answer = await fetch(`${suite.app.apiUrl}/api/v1/${plural}/${id}`, {
      headers: suite.app.adminHeaders,
    });
    expect(answer.status).toBe(200);
    return (await answer.json()) as { spec: Record<string, unknown> };
  }

  it('creates a plan from "New plan" with its scenario and call tree, and opens its page', async () => {
    const page = await suite.newPage(userOf('manager'), '/plans');
    await page.getByRole('link', { name: 'New plan' }).click();
    await page.waitForURL(/\/plans\/new$/);
    await page.getByRole('heading', { name: 'New plan' }).waitFor();

    await page.getByRole('textbox', { name: /^Id/ }).fill('plan-hsm-loss');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Loss of the Leeds HSM');
    await pick(page, /^Services protected/, 'core banking', 'core-banking');
    await pick(page, /^Owner/, 'martin', 'martin-okafor');
    await page.getByRole('textbox', { name: /^Activation criteria/ }).fill('The HSM stops signing');
    await page.getByRole('textbox', { name: /^What happens/ }).fill('The hardware security module fails');
    await pick(page, /^Fails/, 'hsm', 'hsm-leeds');
    await page.getByRole('button', { name: 'Add a contact' }).click();
    await pick(page, /^Contact 1/, 'yusuf', 'yusuf-ali');
    await page.getByRole('button', { name: 'Create' }).click();

    await page.waitForURL(/\/plans\/plan-hsm-loss$/);
    await page.getByRole('heading', { name: 'Loss of the Leeds HSM' }).waitFor();
    const saved = await readDocument('plans', 'plan-hsm-loss');
    expect(saved.spec).toMatchObject({
      services: ['core-banking'],
      owner: 'martin-okafor',
      activation: 'The HSM stops signing',
      scenario: { description: 'The hardware security module fails', fail: ['hsm-leeds'] },
      contacts: [{ id: 'yusuf-ali' }],
    });
    await page.context().close();
  });

  it('places the server refusal of a plan field on that field and stays on the form', async () => {
    const page = await suite.newPage(userOf('manager'), '/plans/new');
    await page.getByRole('textbox', { name: /^Id/ }).fill('plan-blank-scenario');
    await pick(page, /^Services protected/, 'core banking', 'core-banking');
    await pick(page, /^Owner/, 'martin', 'martin-okafor');
    await page.getByRole('textbox', { name: /^Activation criteria/ }).fill('When the HSM stops');
    // Blank to the server (it trims), not to the browser's own check of a required field.
    await page.getByRole('textbox', { name: /^What happens/ }).fill('   ');
    await pick(page, /^Fails/, 'hsm', 'hsm-leeds');
    suite.expectFailures({ method: 'POST', url: /\/api\/v1\/plans$/, status: 400, why: 'a blank scenario' });
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator('textarea[aria-invalid="true"]').waitFor();
    expect(await page.getByRole('textbox', { name: /^What happens/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(page.url()).toMatch(/\/plans\/new$/);
    await page.context().close();
  });

  it('creates an incident from "New incident" with what failed, and opens its page', async () => {
    const page = await suite.newPage(userOf('manager'), '/incidents');
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.waitForURL(/\/incidents\/new$/);
    await page.getByRole('heading', { name: 'New incident' }).waitFor();

    await page.getByRole('textbox', { name: /^Id/ }).fill('inc-hsm-2026');
    await page.getByRole('textbox', { name: /^Title/ }).fill('HSM firmware fault');
    await page.getByRole('textbox', { name: /^Started/ }).fill('2026-03-02T09:15:00Z');
    await pick(page, /^What failed/, 'hsm', 'hsm-leeds');
    await page.getByRole('button', { name: 'Create' }).click();

    await page.waitForURL(/\/incidents\/inc-hsm-2026$/);
    await page.getByRole('heading', { name: 'HSM firmware fault' }).waitFor();
    const saved = await readDocument('incidents', 'inc-hsm-2026');
    expect(saved.spec).toMatchObject({
      title: 'HSM firmware fault',
      started: '2026-03-02T09:15:00Z',
      failed: ['hsm-leeds'],
    });
    await page.context().close();
  });

  it('imports a CSV export from the import page: preview, apply, then the new component opens', async () => {
    const page = await suite.newPage(userOf('manager'), '/import');
    await page.getByRole('heading', { name: 'Import' }).waitFor();
    const items = [
      'id,name,class,tier',
      'CI-901,Branch kiosk,business_service,3',
      'CI-902,Kiosk gateway,server,',
    ];
    const relations = ['from,to,type', 'CI-901,CI-902,depends on'];
    await page
      .locator('input[type="file"]')
      .first()
      .setInputFiles([
        { name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(`${items.join('\n')}\n`) },
        { name: 'relations.csv', mimeType: 'text/csv', buffer: Buffer.from(`${relations.join('\n')}\n`) },
      ]);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toContain('2 items read (0 skipped)');
    expect(await preview.getByRole('row', { name: /^Component/ }).textContent()).toBe('Component1000');
    expect(
      (
        await fetch(`${suite.app.apiUrl}/api/v1/components/kiosk-gateway`, {
          headers: suite.app.adminHeaders,
        })
      ).status,
    ).toBe(404);

    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('created 2, updated 0');
    await page.getByRole('link', { name: 'Kiosk gateway (kiosk-gateway)' }).click();
    await page.waitForURL(/\/components\/kiosk-gateway$/);
    await page.getByRole('heading', { name: 'Kiosk gateway' }).waitFor();
    const service = await readDocument('services', 'branch-kiosk');
    expect(service.spec).toMatchObject({ tier: 3, dependsOn: ['kiosk-gateway'] });
    await page.context().close();
  });
});
