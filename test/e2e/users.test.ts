// User administration in a real browser against a real server that sends email to a real SMTP server: an admin
// invites a user, the invitation arrives, the invited user opens the emailed link, sets a password, signs in and
// works with the role the admin gave.
import { afterAll, describe, expect, it } from 'vitest';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';
import { startSmtpServer } from '../support/smtp.ts';
import type { TestSmtpServer } from '../support/smtp.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';

const available = browserTestsAvailable('the user administration browser tests');

/** Where the emails say Lifeboat is; the test opens the same path and query on the server it started. */
const PUBLIC_URL = 'https://lifeboat.example.org';

describe.skipIf(!available)('user administration', () => {
  let smtp: TestSmtpServer | undefined;
  const suite = browserSuite(undefined, {
    env: async () => {
      smtp = await startSmtpServer();
      return { LIFEBOAT_SMTP_URL: smtp.url, LIFEBOAT_PUBLIC_URL: PUBLIC_URL };
    },
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('an admin invites a user, who sets a password through the emailed link and signs in with the role given', async () => {
    const admin = await suite.newPage(userOf('admin'), '/admin/users');
    await admin.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'Invite a user' }).click();
    const form = admin.getByRole('form', { name: 'Invite a user' });
    await form.getByRole('textbox', { name: /^Email/ }).fill('Iris.Invited@example.org');
    await form.getByRole('textbox', { name: 'Name' }).fill('Iris');
    await form.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'auditor', exact: true }).click();
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText('An invitation was emailed to iris.invited@example.org').waitFor();
    const row = admin.getByTestId('user-iris.invited@example.org');
    await row.getByText('link sent').waitFor();

    const [mail] = await smtp!.waitFor(1);
    expect(mail?.subject).toBe('Your invitation to Lifeboat');
    expect(JSON.stringify(mail?.to)).toContain('iris.invited@example.org');
    const link = /https:\/\/lifeboat\.example\.org\/set-password\?token=[\w-]+/.exec(mail?.text ?? '')?.[0];
    expect(link, mail?.text).toBeDefined();
    expect(mail?.html).toContain(link);

    // The invited user, in a browser of their own, follows the link.
    const invited = await suite.newPage();
    const { pathname, search } = new URL(link!);
    await invited.goto(suite.app.url + pathname + search);
    await invited.getByRole('heading', { name: 'Set your password' }).waitFor();
    await invited.getByRole('textbox', { name: /^New password/ }).fill('iris sets a long passphrase 4');
    await invited
      .getByRole('textbox', { name: /^Repeat the password/ })
      .fill('iris sets a long passphrase 4');
    await invited.getByRole('button', { name: 'Set password' }).click();

    await invited.getByText('Your password is set. Sign in with it.').waitFor();
    expect(await invited.getByRole('textbox', { name: /^Email/ }).inputValue()).toBe(
      'iris.invited@example.org',
    );
    await invited.getByRole('textbox', { name: /^Password/ }).fill('iris sets a long passphrase 4');
    await invited.getByRole('button', { name: 'Sign in', exact: true }).click();
    await invited.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    expect(await invited.getByTestId('user-role').textContent()).toBe('auditor');
    // An auditor has no user administration in the navigation.
    expect(
      await invited
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Users' })
        .count(),
    ).toBe(0);

    // The link worked once: the admin's list now shows the user active, with a sign-in.
    await admin.reload();
    await admin.getByTestId('user-iris.invited@example.org').getByText('active').waitFor();
  }, 180_000);

  it('each user reaches their account from the user menu and creates an API token shown once', async () => {
    const page = await suite.newPage(userOf('viewer'), '/sites');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await page.getByText('this browser').waitFor();
    await page.getByRole('textbox', { name: /^Token name/ }).fill('reporting script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('new-token');
    await shown.waitFor();
    expect(await shown.locator('code').textContent()).toMatch(/^lbt_/);
    await page.getByTestId('token-reporting script').waitFor();
  }, 120_000);

  it('an admin reads the sent emails in the outbox and adds a webhook, sees its secret once and sends a test', async () => {
    const hook = await startWebhookReceiver();
    try {
      const admin = await suite.newPage(userOf('admin'), '/admin/users');
      await admin.getByRole('button', { name: 'Invite a user' }).click();
      const invite = admin.getByRole('form', { name: 'Invite a user' });
      await invite.getByRole('textbox', { name: /^Email/ }).fill('otto.outbox@example.org');
      await invite.getByRole('button', { name: 'Send invitation' }).click();
      await admin.getByText('An invitation was emailed to otto.outbox@example.org').waitFor();

      await admin
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Notifications' })
        .click();
      await admin.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
      const sent = admin.getByRole('row').filter({ hasText: 'otto.outbox@example.org' });
      await sent.getByText('sent', { exact: true }).waitFor();
      await sent.getByRole('button', { name: 'Your invitation to Lifeboat' }).click();
      await admin.getByRole('dialog').getByText('set-password?token=', { exact: false }).waitFor();
      await admin.keyboard.press('Escape');

      await admin.getByRole('tab', { name: 'Webhooks' }).click();
      await admin.getByRole('button', { name: 'Add webhook' }).click();
      const form = admin.getByRole('dialog', { name: 'Add a webhook' });
      await form.getByRole('textbox', { name: /^URL/ }).fill(hook.url);
      await form.getByRole('checkbox', { name: 'plan.approved' }).check();
      // Loopback is refused until the admin allows it.
      suite.expectFailures({
        method: 'POST',
        url: /\/api\/v1\/admin\/webhooks$/,
        status: 400,
        why: 'a loopback address without allowPrivate',
      });
      await form.getByRole('button', { name: 'Add webhook' }).click();
      await form.getByText('127.0.0.1 is a loopback address', { exact: false }).waitFor();
      await form.getByRole('checkbox', { name: /^Allow a loopback/ }).check();
      await form.getByRole('button', { name: 'Add webhook' }).click();
      const secret = admin.getByTestId('webhook-secret');
      await secret.waitFor();
      expect(await secret.textContent()).toMatch(/^whsec_/);
      await admin.getByRole('button', { name: 'Done' }).click();

      await admin.getByRole('button', { name: `Actions for ${hook.url}` }).click();
      await admin.getByRole('menuitem', { name: 'Send test' }).click();
      const [ping] = await hook.waitFor(1);
      expect(ping?.headers['lifeboat-event']).toBe('ping');
      await admin.getByText('Test delivered: 200').waitFor();
    } finally {
      await hook.close();
    }
  }, 120_000);
});
