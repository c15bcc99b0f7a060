// The plan page in a real browser against a real server holding the Northbank example organisation.
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { userOf } from './support/app.ts';
import type { Role } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';
import { startSmtpServer } from '../support/smtp.ts';
import type { TestSmtpServer } from '../support/smtp.ts';

const available = browserTestsAvailable('the plan page tests');

describe.skipIf(!available)('plan page', () => {
  // Invoking a plan emails its call tree: the server sends through an SMTP server the test reads.
  let smtp: TestSmtpServer | undefined;
  const suite = browserSuite(undefined, {
    env: async () => {
      smtp = await startSmtpServer();
      return { LIFEBOAT_SMTP_URL: smtp.url, LIFEBOAT_PUBLIC_URL: 'https://lifeboat.example.org' };
    },
  });
  afterAll(async () => {
    await smtp?.close();
  });

  const pageAs = (role: Role, path: string): Promise<Page> => suite.newPage(userOf(role), path);

  /** The bearer token header of the test user of a role, for asking the API what it allows. */
  function headersOf(role: Role): Record<string, string> {
    const token = (suite.app.server.tokens as Partial<Record<Role, string>>)[role];
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  it('opens a plan from the plans list and shows the generated recovery order beside the steps', async () => {
    const page = await pageAs('viewer', '/plans');
    await page
      .getByRole('table', { name: 'Plans' })
      .getByRole('link', { name: 'Loss of the Leeds data centre' })
      .click();
    await page.getByRole('heading', { name: 'Loss of the Leeds data centre' }).waitFor();
    expect(page.url()).toMatch(/\/plans\/plan-dc-leeds-loss$/);
    expect(await page.getByTestId('plan-status').textContent()).toBe('draft');

    // Scope links to the services' pages; the call tree keeps its order and escalation times.
    const scope = page.getByTestId('plan-services');
    expect(await scope.getByRole('link', { name: 'Core banking' }).getAttribute('href')).toBe(
      '/services/core-banking',
    );
    const firstContact = page.getByRole('table', { name: 'Call tree' }).getByRole('row').nth(1);
    expect(await firstContact.textContent()).toMatch(/^1Martin Okafor.*10m$/);

    // The engine's order: the VM cluster waits for the SAN and is back 4 weeks 1 h 30 min in, by step
    // rebuild-vm-cluster (dc-leeds itself takes 4 weeks). Core banking fails over to its York standby
    // in 3h, within its RTO and MTPD; card switching, whose only HSM is in Leeds, misses both.
    const order = page.getByRole('table', { name: 'Recovery order' });
    const cluster = order.locator('[data-node="leeds-vm-cluster"]');
    expect(await cluster.locator('[data-column="end"]').textContent()).toBe('4w 1h 30m');
    expect(await cluster.textContent()).toContain('leeds-san');
    expect(await cluster.textContent()).toContain('rebuild-vm-cluster');
    const coreBanking = order.locator('[data-node="core-banking"]');
    expect(await coreBanking.locator('[data-column="end"]').textContent()).toBe('3h');
    expect(await coreBanking.getByTestId('breach').allTextContents()).toEqual([]);
    const cardSwitching = order.locator('[data-node="card-switching"]');
    expect(await cardSwitching.getByTestId('breach').allTextContents()).toEqual([
      expect.stringMatching(/^misses RTO \d/),
      expect.stringMatching(/^misses MTPD \d/),
    ]);

    // Beside, not below: on a wide screen the order's panel starts level with the steps' panel, to its right.
    const steps = await page.getByRole('region', { name: 'Steps' }).boundingBox();
    const beside = await page.getByRole('region', { name: 'Generated recovery order' }).boundingBox();
    expect(steps && beside).toBeTruthy();
    expect(beside!.x).toBeGreaterThanOrEqual(steps!.x + steps!.width);
    expect(Math.abs(beside!.y - steps!.y)).toBeLessThan(2);
    const step = page.getByRole('listitem', { name: 'Step Rebuild the VM cluster on three hosts' });
    expect(await step.textContent()).toContain('4h');

    // Reviewed after its October 2026 test, within its 26-week interval.
    const review = page.getByTestId('review-ok');
    await review.waitFor();
    expect(await review.textContent()).toMatch(
      /^Not due for review: last reviewed .+, reviewed every 26w\.$/,
    );
    expect(await page.getByTestId('review-due').count()).toBe(0);
    await page.context().close();

    // The ransomware plan, last reviewed in September 2024, is due, with its reason.
    const ransomware = await pageAs('viewer', '/plans/plan-ransomware');
    await ransomware
      .getByTestId('review-due')
      .getByText(/review interval \(52w\)/)
      .waitFor();
    await ransomware.context().close();
  });

  it('approves a plan as a manager, shows it approved and lists the frozen version', async () => {
    const page = await pageAs('manager', '/plans/plan-ransomware');
    await page.getByRole('heading', { name: 'Ransomware on the Leeds estate' }).waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('draft');

    // By keyboard: the button opens the dialog, the dialog's button approves.
    await page.getByRole('button', { name: 'Approve', exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Approve Ransomware/ });
    await dialog.getByRole('button', { name: 'Approve version 1' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Approved plan-ransomware: version 1').waitFor();
    await page.getByTestId('plan-status').getByText('approved', { exact: true }).waitFor();
    expect(await page.getByTestId('plan-approval').textContent()).toContain(
      `Approved by ${userOf('manager').email}`,
    );

    await page.getByRole('tab', { name: 'Plan', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'Versions (1)', selected: true }).waitFor();
    const row = page.getByRole('table', { name: 'Versions' }).locator('[data-version="1"]');
    expect(await row.textContent()).toContain(userOf('manager').email);
    const versions = (await (
      await fetch(`${suite.app.apiUrl}/api/v1/plans/plan-ransomware/versions`, {
        headers: suite.app.adminHeaders,
      })
    ).json()) as { items: { number: number; checksum: string }[] };
    expect(versions.items.map((version) => version.number)).toEqual([1]);

    // The frozen content opens from the list, with the checksum the plan pack will quote.
    await row.getByRole('button', { name: 'Open version 1' }).click();
    const frozen = page.getByRole('dialog', { name: 'Version 1 as approved' });
    await frozen.getByTestId('version-content').waitFor();
    expect(await frozen.textContent()).toContain(versions.items[0]!.checksum);
    await frozen.getByText('Rebuild the VM cluster from known-good images').waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('audit-history').getByText('spec.status').waitFor();
    await page.context().close();
  });

  it('edits the steps of an approved plan: the error lands on its field, the plan turns draft, an early step is flagged', async () => {
    // Approval names the version reviewed.
    const current = await fetch(`${suite.app.apiUrl}/api/v1/plans/plan-ransomware`, {
      headers: suite.app.adminHeaders,
    });
    const { metadata } = (await current.json()) as { metadata: { version: number } };
    const approved = await fetch(`${suite.app.apiUrl}/api/v1/plans/plan-ransomware/approve`, {
      method: 'POST',
      headers: { ...suite.app.adminHeaders, 'if-match': `"${metadata.version}"` },
    });
    expect(approved.status).toBe(200);
    const page = await pageAs('manager', '/plans/plan-ransomware');
    await page.getByRole('button', { name: 'Edit plan' }).click();
    const form = page.getByRole('form', { name: 'Edit plan' });
    await form.getByText('Saving a change makes it a draft again').waitFor();

    // A new first-phase step that restores the CRM database before the cluster it runs on is rebuilt.
    const activation = form.getByRole('region', { name: 'Activation phase' });
    await activation.getByRole('button', { name: 'Add a step to activation' }).click();
    const added = activation.getByRole('group').last();
    await added.getByLabel('Title').fill('Restore the CRM database early');
    await added.getByLabel('Step id').fill('early-crm');
    await added.getByLabel('Duration').fill('soon');
    suite.expectFailures({
      method: 'PUT',
      url: /\/api\/v1\/plans\/plan-ransomware$/,
      status: 400,
      why: 'the duration "soon" is refused',
    });
    await added.getByLabel('Restores').fill('crm-db');
    await page.getByRole('option', { name: /\(crm-db\)/ }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Save plan' }).click();
    await added.getByText(/a duration is a number with a unit/).waitFor();

    await added.getByLabel('Duration').fill('1h');
    await form.getByRole('button', { name: 'Save plan' }).click();
    await page.getByText(/Saved plan-ransomware \(version \d+\): it is a draft again/).waitFor();
    await form.waitFor({ state: 'detached' });
    expect(await page.getByTestId('plan-status').textContent()).toBe('draft');
    const early = page.getByRole('listitem', { name: 'Step Restore the CRM database early' });
    expect(await early.getByTestId('step-problem').textContent()).toContain('leeds-vm-cluster');
    const stored = (await (
      await fetch(`${suite.app.apiUrl}/api/v1/plans/plan-ransomware`, { headers: suite.app.adminHeaders })
    ).json()) as {
      spec: { phases: { activation: { id: string; duration?: string; restores?: string[] }[] } };
    };
    expect(stored.spec.phases.activation.at(-1)).toEqual({
      id: 'early-crm',
      title: 'Restore the CRM database early',
      duration: '1h',
      restores: ['crm-db'],
    });
    await page.context().close();
  });

  it('offers the plan pack as PDF and HTML downloads that the server answers', async () => {
    const page = await pageAs('viewer', '/plans/plan-dc-leeds-loss');
    const pdfLink = page.getByRole('link', { name: 'Download plan pack (PDF)' });
    const htmlLink = page.getByRole('link', { name: 'Download plan pack (HTML)' });

    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    expect(download.suggestedFilename()).toBe('plan-dc-leeds-loss.pdf');

    // The same links fetched with the viewer's session cookie.
    const pdf = await page.request.get(suite.app.url + (await pdfLink.getAttribute('href')));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const html = await page.request.get(suite.app.url + (await htmlLink.getAttribute('href')));
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toMatch(/^text\/html/);
    expect(await html.text()).toContain('Loss of the Leeds data centre');
    await page.context().close();
  });

  it('gives a viewer and a service owner no Approve button, as the server refuses them both', async () => {
    for (const role of ['viewer', 'owner'] as const) {
      const page = await pageAs(role, '/plans/plan-dc-leeds-loss');
      await page.getByRole('heading', { name: 'Loss of the Leeds data centre' }).waitFor();
      await page.getByRole('table', { name: 'Recovery order' }).waitFor();
      expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
      // An owner may edit plans (the server checks they own this one), a viewer may not.
      expect(await page.getByRole('button', { name: 'Edit plan' }).count()).toBe(role === 'owner' ? 1 : 0);
      expect(await page.getByRole('link', { name: 'Edit details' }).count()).toBe(role === 'owner' ? 1 : 0);
      const refused = await fetch(`${suite.app.apiUrl}/api/v1/plans/plan-dc-leeds-loss/approve`, {
        method: 'POST',
        headers: headersOf(role),
      });
      expect(refused.status).toBe(403);
      await page.context().close();
    }
  });

  it('invokes a plan, and the first contact acknowledges through the emailed link without signing in', async () => {
    const page = await pageAs('manager', '/plans/plan-dc-leeds-loss');
    await page.getByRole('button', { name: 'Invoke plan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What is happening').fill('Power lost in the Leeds data centre');
    await dialog.getByRole('button', { name: 'Invoke and notify' }).click();
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    await page.waitForURL(new RegExp(`/incidents/plan-dc-leeds-loss-${day}$`));
    const martin = page.getByRole('table', { name: 'Call tree' }).locator('[data-contact="martin-okafor"]');
    expect(await martin.locator('[data-state]').textContent()).toBe('waiting for an answer');

    const [mail] = await smtp!.waitFor(1);
    const link = /https:\/\/lifeboat\.example\.org\/ack\/[\w-]+/.exec(mail?.text ?? '')?.[0];
    expect(link, mail?.text).toBeDefined();
    expect(mail?.to).toMatchObject({ value: [{ address: 'martin.okafor@northbank.example' }] });
    // Martin, in a browser of his own and not signed in, follows the link (the server's port is its own: the
    // link's path is opened there) and presses the button: opening the link alone acknowledges nothing.
    const inbox = await suite.newPage();
    await inbox.goto(suite.app.url + new URL(link!).pathname);
    await inbox.getByRole('heading', { name: 'Plan invoked: Loss of the Leeds data centre' }).waitFor();
    await inbox.getByRole('button', { name: 'Acknowledge' }).click();
    await inbox.getByRole('heading', { name: 'Acknowledged' }).waitFor();
    await inbox.context().close();

    await page.reload();
    await martin.locator('[data-state="acknowledged"]').waitFor();
    expect(await page.getByRole('region', { name: 'Timeline' }).textContent()).toContain(
      'Martin Okafor acknowledged',
    );
    // The call tree moved on to the next contact.
    await smtp!.waitFor(2);
    expect(smtp!.messages[1]?.to).toMatchObject({ value: [{ address: 'helen.ashworth@northbank.example' }] });
    await page.context().close();
  });
});
