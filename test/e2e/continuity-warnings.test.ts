// The edit form shows the catalog checker's continuity warnings before saving, as `lifeboat check` would.
import { describe, expect, it } from 'vitest';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the continuity warning tests');

describe.skipIf(!available)('continuity warnings on the edit form', () => {
  const suite = browserSuite();

  it('warns that an RTO is over the MTPD while editing, before anything is saved', async () => {
    const page = await suite.newPage(userOf('manager'), '/services/online-banking/edit');
    const rto = page.getByLabel('RTO', { exact: true });
    await rto.waitFor();
    const warnings = page.getByTestId('continuity-warnings');
    expect(await warnings.count()).toBe(0);

    // Online banking's MTPD is 1d.
    await rto.fill('2d');
    await warnings.waitFor();
    expect(await warnings.getByRole('listitem').allTextContents()).toEqual([
      'rto 2d is over mtpd 1d: the service would come back after the damage is already unacceptable',
    ]);

    // Back within the MTPD: the warning goes.
    await rto.fill('12h');
    await warnings.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/\/services\/online-banking\/edit$/);
    await page.context().close();
  });
});
