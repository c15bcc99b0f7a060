// References read as names, not ids, even for documents past the first page a picker's search loads (20 per kind).
import { describe, expect, it } from 'vitest';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the reference name tests');

describe.skipIf(!available)('references by name', () => {
  const suite = browserSuite();

  it('names a failing component past the 20th in the simulator picker (?fail=hsm-leeds)', async () => {
    const page = await suite.newPage(userOf('viewer'), '/simulator?fail=hsm-leeds');
    // hsm-leeds is the 30th-odd component in id order: the picker's search does not hold it.
    // The chosen value's pill in the picker (its options list the same label while open).
    await page
      .locator('.mantine-Pill-label', { hasText: 'Hardware security module, Leeds (hsm-leeds)' })
      .waitFor();
    await page.context().close();
  });

  it("names a service's owner past the 20th person in the edit form", async () => {
    const page = await suite.newPage(userOf('manager'), '/services/card-payments/edit');
    const owner = page.getByRole('combobox', { name: /^Owner/ });
    await expect.poll(() => owner.inputValue()).toBe('Rachel Thornton (rachel-thornton)');
    await page.context().close();
  });

  it("names a plan's contacts past the 20th person, on the plan and in its editor", async () => {
    const page = await suite.newPage(userOf('manager'), '/plans/plan-dc-leeds-loss');
    const callTree = page.getByRole('table', { name: 'Call tree' });
    await callTree.getByRole('link', { name: 'Rachel Thornton' }).waitFor();
    expect(await callTree.getByRole('link', { name: 'Rachel Thornton' }).getAttribute('href')).toBe(
      '/people/rachel-thornton',
    );
    await page
      .getByRole('button', { name: 'Edit plan' })
      .or(page.getByRole('link', { name: 'Edit plan' }))
      .click();
    const contact = page
      .getByRole('group', { name: 'Contact 8' })
      .getByRole('combobox', { name: /^Contact 8/ });
    await expect.poll(() => contact.inputValue()).toBe('Rachel Thornton (rachel-thornton)');
    await page.context().close();
  });
});
