import { describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_FROM, mailConfigFromEnv } from '../config.ts';
import { absoluteUrl, renderEmail } from './email-layout.ts';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';
import { blockedAddressReason, checkWebhookTarget } from './webhook-target.ts';

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.8.9.10', /loopback/],
    ['::1', /loopback/],
    ['::ffff:127.0.0.1', /127\.0\.0\.1 is a loopback/],
    ['::ffff:7f00:1', /127\.0\.0\.1 is a loopback/],
    ['169.254.169.254', /cloud metadata/],
    ['fd00:ec2::254', /cloud metadata/],
    ['169.254.3.4', /link-local/],
    ['fe80::1', /link-local/],
    ['0.0.0.0', /not a routable/],
  ])('refuses %s', (address, reason) => {
    expect(blockedAddressReason(address)).toMatch(reason);
  });

  it.each(['203.0.113.10', '10.1.2.3', '192.168.1.20', '2001:db8::1'])(
    'allows %s (private ranges hold on-premises chat servers)',
    (address) => {
      expect(blockedAddressReason(address)).toBeUndefined();
    },
  );
});

describe('checkWebhookTarget', () => {
  it('refuses a name when any of its addresses is blocked, and allows it with allowPrivate', async () => {
    const resolve = () => Promise.resolve(['203.0.113.10', '127.0.0.1']);
    await expect(
      checkWebhookTarget('https://hooks.example.test/x', { allowPrivate: false, resolve }),
    ).rejects.toThrow(/hooks\.example\.test resolves to 127\.0\.0\.1/);
    await expect(
      checkWebhookTarget('https://hooks.example.test/x', { allowPrivate: true, resolve }),
    ).resolves.toEqual(['203.0.113.10', '127.0.0.1']);
  });

  it('refuses credentials in the URL and a name that does not resolve', async () => {
    await expect(
      checkWebhookTarget('https://user:pw@hooks.example.test/', { allowPrivate: true }),
    ).rejects.toThrow(/user name or password/);
    const resolve = () => Promise.reject(new Error('ENOTFOUND'));
    await expect(
      checkWebhookTarget('https://nowhere.example.test/', { allowPrivate: false, resolve }),
    ).rejects.toThrow(/does not resolve/);
  });
});

describe('webhook signature', () => {
  it('verifies a fresh signature with the right secret only, and refuses an old timestamp', () => {
    const now = new Date('2026-03-14T09:30:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const header = signWebhook('whsec_a', '{"x":1}', t);
    expect(verifyWebhookSignature('whsec_a', '{"x":1}', header, now)).toBe(true);
    expect(verifyWebhookSignature('whsec_a', '{"x":2}', header, now)).toBe(false);
    expect(verifyWebhookSignature('whsec_b', '{"x":1}', header, now)).toBe(false);
    expect(verifyWebhookSignature('whsec_a', '{"x":1}', header, new Date(now.getTime() + 301_000))).toBe(
      false,
    );
  });
});

describe('renderEmail', () => {
  it('escapes every value in the HTML and makes every link absolute; only http and https links are kept', () => {
    const email = renderEmail(
      {
        heading: '<b>Due</b>',
        sections: [{ title: 'A & B', items: [{ text: '"quoted"', url: 'javascript:alert(1)' }] }],
        action: { label: 'Open', url: '/plans/p1' },
      },
      'https://lifeboat.example.test/base',
    );
    expect(email.html).toContain('&lt;b&gt;Due&lt;/b&gt;');
    expect(email.html).toContain('A &amp; B');
    expect(email.html).toContain('&quot;quoted&quot;');
    expect(email.html).not.toContain('javascript:');
    expect(email.html).toContain('href="https://lifeboat.example.test/base/plans/p1"');
    expect(email.text).toContain('Open: https://lifeboat.example.test/base/plans/p1');
    expect(absoluteUrl('https://lifeboat.example.test/base', 'plans/p1')).toBe(
      'https://lifeboat.example.test/base/plans/p1',
    );
  });
});

describe('mailConfigFromEnv', () => {
  it('reads the SMTP URL and sender, and names the variable of a value it cannot use without echoing a password', () => {
    expect(mailConfigFromEnv({})).toEqual({ smtpUrl: undefined, mailFrom: DEFAULT_MAIL_FROM });
    expect(
      mailConfigFromEnv({
        LIFEBOAT_SMTP_URL: 'smtps://mail.example.com:465',
        LIFEBOAT_MAIL_FROM: 'ops@example.com',
      }),
    ).toEqual({ smtpUrl: 'smtps://mail.example.com:465', mailFrom: 'ops@example.com' });
    expect(() => mailConfigFromEnv({ LIFEBOAT_SMTP_URL: 'https://user:secret@mail.example.com' })).toThrow(
      /^LIFEBOAT_SMTP_URL must be smtp:\/\/.*got "https:\.\.\."$/,
    );
    expect(() =>
      mailConfigFromEnv({ LIFEBOAT_SMTP_URL: 'https://user:secret@mail.example.com' }),
    ).not.toThrow(/secret/);
    expect(() => mailConfigFromEnv({ LIFEBOAT_MAIL_FROM: 'Lifeboat' })).toThrow(
      /LIFEBOAT_MAIL_FROM must be an address/,
    );
  });
});
