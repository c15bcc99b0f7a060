import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createAuthService } from '../src/server/auth/auth.service.ts';
import { openDatabase } from '../src/server/db/database.ts';
import type { LifeboatDatabase } from '../src/server/db/database.ts';
import { createJobQueue } from '../src/server/jobs/queue.ts';
import type { JobQueue } from '../src/server/jobs/types.ts';
import { renderEmail } from '../src/server/notify/email-layout.ts';
import { createNotifier } from '../src/server/notify/notifier.ts';
import { createNotifyRepository } from '../src/server/notify/notify.repository.ts';
import type { DeliveringNotifier } from '../src/server/notify/notifier.ts';
import { verifyWebhookSignature } from '../src/server/notify/webhook-signature.ts';
import type { Resolver } from '../src/server/notify/webhook-target.ts';
import { FIXTURES, collection, fixture } from './support/fixtures.ts';
import { startSmtpServer } from './support/smtp.ts';
import type { TestSmtpServer } from './support/smtp.ts';
import { createTestDatabase, describeEachDatabase } from './support/test-databases.ts';
import type { Dialect } from './support/test-databases.ts';
import { seedFixtures } from './support/test-app.ts';
import { seedUsers } from './support/test-users.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';
import type { WebhookReceiver } from './support/webhook-receiver.ts';

const PUBLIC_URL = 'https://lifeboat.example.test';

interface Page<T> {
  items: T[];
}
interface Problem {
  detail: string;
}
interface OutboxItem {
  id: string;
  status: string;
  error: string | null;
}
interface Endpoint {
  id: string;
  secret: string;
}
interface Delivery {
  status: string;
  attemptLog: { statusCode: number | null; at: string }[];
}
interface Ping {
  delivered: boolean;
  error: string | null;
}

/** The app with a real notifier and the real job queue (short delays), as the admin. */
interface NotifyApp {
  server: FastifyInstance;
  database: LifeboatDatabase;
  notifier: DeliveringNotifier;
  jobs: JobQueue;
  admin(request: { method: string; url: string; payload?: unknown }): Promise<LightMyRequestResponse>;
  viewer(request: { method: string; url: string; payload?: unknown }): Promise<LightMyRequestResponse>;
  /** The admin's Authorization header. */
  adminAuthorization: string;
  close(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function notifyApp(
  dialect: Dialect,
  options: { smtpUrl?: string; startJobs?: boolean; resolve?: Resolver } = {},
): Promise<NotifyApp> {
  const testDatabase = await createTestDatabase(dialect);
  const database = await openDatabase(testDatabase.config);
  const holder: { notifier?: DeliveringNotifier } = {};
  const jobs = createJobQueue({
    database,
    notifier: () => holder.notifier!,
    publicUrl: PUBLIC_URL,
    schedules: 'reminders=off;call-tree-escalation=off',
    settings: { pollIntervalMs: 20 },
  });
  const notifier = createNotifier({
    database,
    jobs,
    smtpUrl: options.smtpUrl,
    mailFrom: 'Lifeboat <lifeboat@example.test>',
    publicUrl: PUBLIC_URL,
    // Milliseconds instead of minutes: the same doubling, quick enough for a test.
    retryDelay: (_kind, attempt) => 30 * 2 ** (attempt - 1),
    webhookTimeoutMs: 5000,
    ...(options.resolve && { resolve: options.resolve }),
  });
  holder.notifier = notifier;
  const server = await buildApp({ database, notifier, jobs, publicUrl: PUBLIC_URL });
  if (options.startJobs) await jobs.start();
  const tokens = await seedUsers(createAuthService({ database, now: () => new Date() }));
  const as = (token: string) => (request: { method: string; url: string; payload?: unknown }) =>
    server.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { authorization: `Bearer ${token}` },
      ...(request.payload !== undefined && { payload: request.payload as object }),
    });
  const app: NotifyApp = {
    server,
    database,
    notifier,
    jobs,
    admin: as(tokens.admin),
    viewer: as(tokens.viewer),
    adminAuthorization: `Bearer ${tokens.admin}`,
    async close() {
      await jobs.stop();
      await server.close();
      await database.close();
      await testDatabase.drop();
    },
  };
  cleanups.push(() => app.close());
  return app;
}

async function smtp(port?: number): Promise<TestSmtpServer> {
  const server = await startSmtpServer(port);
  cleanups.push(() => server.close());
  return server;
}

async function receiver(): Promise<WebhookReceiver> {
  const server = await startWebhookReceiver();
  cleanups.push(() => server.close());
  return server;
}

/** Polls the database until `check` holds (no time limit: the test runner's own timeout applies). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const digest = renderEmail(
  {
    heading: 'Your Lifeboat reminders <this week>',
    paragraphs: ['Two things are due.'],
    sections: [
      {
        title: 'Plan reviews',
        items: [{ text: 'Payments & cards plan', url: '/plans/payments', note: 'due 3 March' }],
      },
    ],
    action: { label: 'Open Lifeboat', url: '/' },
    footer: 'You get this weekly; change it in your account.',
  },
  PUBLIC_URL,
);

describe('email', () => {
  it('delivers the text and HTML bodies to a real SMTP server, every link absolute and every value escaped', async () => {
    const mail = await smtp();
    const t = await notifyApp('sqlite', { smtpUrl: mail.url });
    const sent = await t.notifier.email({
      to: 'ana@example.org',
      subject: 'Due this week',
      category: 'digest',
      ...digest,
    });
    expect(sent.sent).toBe(true);
    const [message] = await mail.waitFor(1);
    expect(message!.subject).toBe('Due this week');
    expect(message!.from?.value).toEqual([{ name: 'Lifeboat', address: 'lifeboat@example.test' }]);
    expect(message!.text).toContain(
      '- Payments & cards plan (due 3 March)\n  https://lifeboat.example.test/plans/payments',
    );
    expect(message!.html).toContain(
      '<a href="https://lifeboat.example.test/plans/payments">Payments &amp; cards plan</a>',
    );
    expect(message!.html).toContain('Your Lifeboat reminders &lt;this week&gt;');
    const hrefs = [...String(message!.html).matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    expect(hrefs.length).toBeGreaterThan(1);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/lifeboat\.example\.test\//);

    const outbox = await t.admin({ method: 'GET', url: '/api/v1/admin/outbox' });
    expect(outbox.json<Page<OutboxItem>>().items).toEqual([
      expect.objectContaining({
        id: sent.id,
        to: 'ana@example.org',
        status: 'sent',
        attempts: 1,
        category: 'digest',
      }),
    ]);
  });

  it('keeps an email in the outbox as not sent when no SMTP server is configured, with its bodies for the admin', async () => {
    const t = await notifyApp('sqlite');
    const kept = await t.notifier.email({
      to: 'ana@example.org',
      subject: 'Due this week',
      category: 'digest',
      ...digest,
    });
    expect(kept.sent).toBe(false);
    const message = await t.admin({ method: 'GET', url: `/api/v1/admin/outbox/${kept.id}` });
    expect(message.statusCode).toBe(200);
    const stored = message.json<OutboxItem>();
    expect(stored.error).toContain('LIFEBOAT_SMTP_URL');
    expect(stored).toMatchObject({
      status: 'not-sent',
      sentAt: null,
      text: digest.text,
      html: digest.html,
    });
    const viewer = await t.viewer({ method: 'GET', url: `/api/v1/admin/outbox/${kept.id}` });
    expect(viewer.statusCode).toBe(403);
  });

  it('records a send that failed because the SMTP server is down, and retries it through the job queue', async () => {
    const first = await smtp();
    const port = Number(new URL(first.url).port);
    await first.close();
    const t = await notifyApp('sqlite', { smtpUrl: `smtp://127.0.0.1:${port}` });
    const attempt = await t.notifier.email({
      to: 'ana@example.org',
      subject: 'Retry me',
      category: 'digest',
      ...digest,
    });
    expect(attempt.sent).toBe(false);
    const failed = (
      await t.admin({ method: 'GET', url: `/api/v1/admin/outbox/${attempt.id}` })
    ).json<OutboxItem>();
    expect(failed).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(failed.error).toMatch(/ECONNREFUSED|connect/);

    const mail = await smtp(port);
    await t.jobs.start();
    await mail.waitFor(1);
    const sent = await until(
      async () =>
        (await t.admin({ method: 'GET', url: `/api/v1/admin/outbox/${attempt.id}` })).json<OutboxItem>(),
      (row) => row.status === 'sent',
    );
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, error: null });
    expect(mail.messages[0]!.subject).toBe('Retry me');
  });
});

describeEachDatabase('webhook endpoints', (dialect) => {
  it('registers an endpoint with its secret shown once, lists, changes, rotates and deletes it', async () => {
    const t = await notifyApp(dialect);
    const created = await t.admin({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      payload: {
        url: 'http://127.0.0.1:9/hook',
        events: ['plan.approved'],
        allowPrivate: true,
        description: 'chat',
      },
    });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json<Endpoint>();
    expect(endpoint).toMatchObject({
      events: ['plan.approved'],
      enabled: true,
      allowPrivate: true,
      description: 'chat',
    });
    expect(endpoint.secret).toMatch(/^whsec_/);

    const listed = (await t.admin({ method: 'GET', url: '/api/v1/admin/webhooks' })).json<Page<Endpoint>>();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).not.toHaveProperty('secret');

    const changed = await t.admin({
      method: 'PUT',
      url: `/api/v1/admin/webhooks/${endpoint.id}`,
      payload: {
        url: 'http://127.0.0.1:9/other',
        events: ['incident.declared', 'exercise.finished'],
        enabled: false,
        allowPrivate: true,
      },
    });
    expect(changed.json<Endpoint>()).toMatchObject({
      url: 'http://127.0.0.1:9/other',
      enabled: false,
      description: null,
    });

    const rotated = (
      await t.admin({ method: 'POST', url: `/api/v1/admin/webhooks/${endpoint.id}/rotate-secret` })
    ).json<Endpoint>();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);

    const audit = (await t.admin({ method: 'GET', url: '/api/v1/audit?limit=500' })).json<
      Page<{ kind: string; action: string }>
    >();
    const actions = audit.items.filter((entry: { kind: string }) => entry.kind === 'Webhook');
    expect(actions.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update', 'update']);
    expect(JSON.stringify(actions)).not.toContain('whsec_');

    expect(
      (await t.admin({ method: 'DELETE', url: `/api/v1/admin/webhooks/${endpoint.id}` })).statusCode,
    ).toBe(204);
    const gone = await t.admin({ method: 'GET', url: `/api/v1/admin/webhooks/${endpoint.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses loopback, link-local and cloud-metadata addresses with problem+json, storing nothing', async () => {
    const t = await notifyApp(dialect);
    const cases: [string, RegExp][] = [
      ['http://127.0.0.1:8080/hook', /127\.0\.0\.1 is a loopback address/],
      ['http://[::1]/hook', /::1 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a cloud metadata address/],
      ['http://169.254.10.1/hook', /169\.254\.10\.1 is a link-local address/],
      ['http://[fe80::1]/hook', /fe80::1 is a link-local address/],
      ['http://[::ffff:127.0.0.1]/hook', /127\.0\.0\.1 is a loopback address/],
      ['http://localhost:8080/hook', /localhost resolves to (127\.0\.0\.1|::1)/],
      ['http://metadata.google.internal/computeMetadata/v1/', /metadata service/],
      ['file:///etc/passwd', /must start with https:\/\/ or http:\/\//],
    ];
    for (const [url, detail] of cases) {
      const response = await t.admin({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        payload: { url, events: ['plan.approved'] },
      });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<Problem>().detail).toMatch(detail);
    }
    expect(
      (await t.admin({ method: 'GET', url: '/api/v1/admin/webhooks' })).json<Page<Endpoint>>().items,
    ).toEqual([]);
  });

  it('delivers a published event through this database’s job queue, logged as delivered', async () => {
    const hook = await receiver();
    const t = await notifyApp(dialect, { startJobs: true });
    const created = await t.admin({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      payload: { url: hook.url, events: ['plan.approved'], allowPrivate: true },
    });
    const endpoint = created.json<Endpoint>();
    await t.notifier.publish({ event: 'plan.approved', text: 'Plan approved', data: { plan: 'p1' } });
    const [request] = await hook.waitFor(1);
    expect(
      verifyWebhookSignature(
        endpoint.secret,
        request!.body,
        String(request!.headers['lifeboat-signature']),
        new Date(),
      ),
    ).toBe(true);
    const deliveries = await until(
      async () =>
        (await t.admin({ method: 'GET', url: `/api/v1/admin/webhooks/${endpoint.id}/deliveries` })).json<
          Page<Delivery>
        >(),
      (page) => page.items[0]?.status === 'delivered',
    );
    expect(deliveries.items).toHaveLength(1);
  });

  it('sends what a stopped server left behind: a queued email and an unattempted delivery, once each', async () => {
    const mail = await smtp();
    const hook = await receiver();
    const t = await notifyApp(dialect, { smtpUrl: mail.url, startJobs: true });
    const endpoint = (
      await t.admin({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        payload: { url: hook.url, events: ['plan.approved'], allowPrivate: true },
      })
    ).json<Endpoint>();
    // As a server that stopped right after writing them: in the tables, never sent, never queued.
    const repo = createNotifyRepository(t.database.db);
    const then = '2026-12-06T08:00:00.000Z';
    await repo.insertEmail({
      id: 'left-behind',
      category: 'digest',
      to_address: 'ana@example.org',
      subject: 'Left behind',
      text: 'text',
      html: '<p>html</p>',
      status: 'queued',
      attempts: 0,
      error: null,
      created_at: then,
      updated_at: then,
      sent_at: null,
    });
    await repo.insertDelivery({
      id: 'left-behind-delivery',
      endpoint_id: endpoint.id,
      event: 'plan.approved',
      payload: JSON.stringify({ id: 'left-behind-delivery', event: 'plan.approved', text: 'Plan approved' }),
      status: 'pending',
      attempts: 0,
      created_at: then,
      updated_at: then,
    });

    // Five minutes on, it may still be on its way: left alone.
    const early = await t.jobs.runNow('outbox-sweep', { now: new Date('2026-12-06T08:05:00Z') });
    expect(early.outcome?.counts).toEqual({ emails: 0, deliveries: 0 });
    const swept = await t.jobs.runNow('outbox-sweep', { now: new Date('2026-12-06T08:30:00Z') });
    expect(swept.outcome?.counts).toEqual({ emails: 1, deliveries: 1 });
    await mail.waitFor(1);
    const [request] = await hook.waitFor(1);
    expect(mail.messages.map((message) => message.subject)).toEqual(['Left behind']);
    expect(request!.headers['lifeboat-delivery']).toBe('left-behind-delivery');
    await until(
      async () => (await repo.delivery('left-behind-delivery'))?.status,
      (status) => status === 'delivered',
    );
    expect((await repo.email('left-behind'))?.status).toBe('sent');

    const again = await t.jobs.runNow('outbox-sweep', { now: new Date('2026-12-06T09:00:00Z') });
    expect(again.outcome?.counts).toEqual({ emails: 0, deliveries: 0 });
    expect(mail.messages).toHaveLength(1);
  });

  it('lists the outbox newest first, a page at a time, each email once', async () => {
    const t = await notifyApp(dialect);
    for (const to of ['a@example.org', 'b@example.org', 'c@example.org'])
      await t.notifier.email({ to, subject: `For ${to}`, category: 'digest', ...digest });
    const first = (await t.admin({ method: 'GET', url: '/api/v1/admin/outbox?limit=2' })).json<
      Page<OutboxItem & { to: string; createdAt: string }> & { nextCursor: string | null }
    >();
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.createdAt >= first.items[1]!.createdAt).toBe(true);
    const second = (
      await t.admin({ method: 'GET', url: `/api/v1/admin/outbox?limit=2&cursor=${first.nextCursor ?? ''}` })
    ).json<Page<OutboxItem & { to: string }> & { nextCursor: string | null }>();
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.to).sort()).toEqual([
      'a@example.org',
      'b@example.org',
      'c@example.org',
    ]);
    const notSent = (await t.admin({ method: 'GET', url: '/api/v1/admin/outbox?status=not-sent' })).json<
      Page<OutboxItem>
    >();
    expect(notSent.items).toHaveLength(3);
    const bad = await t.admin({ method: 'GET', url: '/api/v1/admin/outbox?cursor=nonsense' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().detail).toMatch(/cursor/);
  });

  it('refuses an unknown event and an empty list of events', async () => {
    const t = await notifyApp(dialect);
    for (const events of [['plan.exploded'], []]) {
      const response = await t.admin({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        payload: { url: 'https://hooks.example.com/x', events },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().detail).toMatch(/events/);
    }
  });
});

describe('webhook deliveries', () => {
  async function register(t: NotifyApp, url: string, events: string[], allowPrivate = true) {
    const response = await t.admin({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      payload: { url, events, allowPrivate },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; secret: string }>();
  }

  it('signs each delivery so the receiver verifies it with the secret, and carries a text for chat tools', async () => {
    const hook = await receiver();
    const t = await notifyApp('sqlite', { startJobs: true });
    const endpoint = await register(t, hook.url, ['plan.approved']);
    await t.notifier.publish({
      event: 'plan.approved',
      text: 'Plan "Payments" was approved (version 3)',
      url: `${PUBLIC_URL}/plans/payments`,
      data: { planId: 'payments', version: 3 },
    });
    const [request] = await hook.waitFor(1);
    expect(request!.headers['lifeboat-event']).toBe('plan.approved');
    const signature = String(request!.headers['lifeboat-signature']);
    const timestamp = Number(request!.headers['lifeboat-timestamp']);
    expect(signature).toMatch(new RegExp(`^t=${timestamp},v1=[0-9a-f]{64}$`));
    expect(verifyWebhookSignature(endpoint.secret, request!.body, signature, new Date())).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', request!.body, signature, new Date())).toBe(false);
    // A replay an hour later is refused by a receiver that checks the timestamp.
    expect(
      verifyWebhookSignature(endpoint.secret, request!.body, signature, new Date(Date.now() + 3_600_000)),
    ).toBe(false);
    expect(request!.json).toMatchObject({
      id: request!.headers['lifeboat-delivery'],
      event: 'plan.approved',
      text: 'Plan "Payments" was approved (version 3)',
      url: `${PUBLIC_URL}/plans/payments`,
      data: { planId: 'payments', version: 3 },
    });
  });

  it('retries a delivery answered 500 with growing delays until the receiver answers 200, each attempt logged', async () => {
    const hook = await receiver();
    hook.respondWith([500, 503]);
    const t = await notifyApp('sqlite', { startJobs: true });
    const endpoint = await register(t, hook.url, ['exercise.finished', 'plan.approved']);
    await t.notifier.publish({
      event: 'exercise.finished',
      text: 'Exercise finished',
      data: { exerciseId: 'x1' },
    });
    const requests = await hook.waitFor(3);
    expect(new Set(requests.map((request) => request.headers['lifeboat-delivery'])).size).toBe(1);
    // The same bytes each time; each attempt signed again with its own timestamp.
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    const deliveries = await until(
      async () =>
        (await t.admin({ method: 'GET', url: `/api/v1/admin/webhooks/${endpoint.id}/deliveries` })).json<
          Page<Delivery>
        >(),
      (page) => page.items[0]?.status === 'delivered',
    );
    const delivery = deliveries.items[0]!;
    expect(delivery).toMatchObject({ event: 'exercise.finished', status: 'delivered', attempts: 3 });
    expect(delivery.attemptLog.map((attempt) => attempt.statusCode)).toEqual([500, 503, 200]);
    expect(delivery.attemptLog[0]).toMatchObject({
      error: 'answered 500',
      responseExcerpt: 'failing with 500',
    });
    expect(delivery.attemptLog[2]).toMatchObject({ error: null, responseExcerpt: 'ok' });
    const [first, second, third] = delivery.attemptLog.map((attempt) => Date.parse(attempt.at)) as [
      number,
      number,
      number,
    ];
    // Backoff: at least 30 ms before the second attempt, at least 60 ms before the third.
    expect(second - first).toBeGreaterThanOrEqual(30);
    expect(third - second).toBeGreaterThanOrEqual(60);
  });

  it('fans an event out to every enabled endpoint subscribed to it, and to no other', async () => {
    const [a, b, c] = [await receiver(), await receiver(), await receiver()];
    const t = await notifyApp('sqlite', { startJobs: true });
    await register(t, a.url, ['incident.declared']);
    await register(t, b.url, ['plan.approved']);
    const disabled = await register(t, c.url, ['incident.declared']);
    await t.admin({
      method: 'PUT',
      url: `/api/v1/admin/webhooks/${disabled.id}`,
      payload: { url: c.url, events: ['incident.declared'], enabled: false, allowPrivate: true },
    });
    await t.notifier.publish({ event: 'incident.declared', text: 'Incident declared', data: {} });
    await t.notifier.publish({ event: 'plan.approved', text: 'Plan approved', data: {} });
    await a.waitFor(1);
    await b.waitFor(1);
    expect(a.requests.map((request) => request.headers['lifeboat-event'])).toEqual(['incident.declared']);
    expect(b.requests.map((request) => request.headers['lifeboat-event'])).toEqual(['plan.approved']);
    expect(c.requests).toEqual([]);
  });

  it('sends a test ping at once and answers what the endpoint said', async () => {
    const hook = await receiver();
    hook.respondWith([418]);
    const t = await notifyApp('sqlite');
    const endpoint = await register(t, hook.url, ['plan.approved']);
    const refused = (
      await t.admin({ method: 'POST', url: `/api/v1/admin/webhooks/${endpoint.id}/test` })
    ).json<Ping>();
    expect(refused).toMatchObject({ delivered: false, statusCode: 418, responseExcerpt: 'failing with 418' });
    const ok = (
      await t.admin({ method: 'POST', url: `/api/v1/admin/webhooks/${endpoint.id}/test` })
    ).json<Ping>();
    expect(ok).toMatchObject({ delivered: true, statusCode: 200 });
    expect(hook.requests.map((request) => request.headers['lifeboat-event'])).toEqual(['ping', 'ping']);
  });

  it('checks the address again at delivery: a name that now resolves to loopback is refused, nothing is sent', async () => {
    const hook = await receiver();
    const port = new URL(hook.url).port;
    let answer = '203.0.113.10';
    const t = await notifyApp('sqlite', { resolve: () => Promise.resolve([answer]) });
    const endpoint = await register(t, `http://hooks.example.test:${port}/hook`, ['plan.approved'], false);
    answer = '127.0.0.1';
    const ping = (
      await t.admin({ method: 'POST', url: `/api/v1/admin/webhooks/${endpoint.id}/test` })
    ).json<Ping>();
    expect(ping).toMatchObject({ delivered: false, statusCode: null });
    expect(ping.error).toMatch(
      /refused: hooks\.example\.test resolves to 127\.0\.0\.1: 127\.0\.0\.1 is a loopback address/,
    );
    expect(hook.requests).toEqual([]);
  });

  it('connects to the address it checked, with the endpoint’s host name in the Host header', async () => {
    const hook = await receiver();
    const port = new URL(hook.url).port;
    const t = await notifyApp('sqlite', { resolve: () => Promise.resolve(['127.0.0.1']) });
    const endpoint = await register(t, `http://hooks.example.test:${port}/hook`, ['plan.approved'], true);
    const ping = (
      await t.admin({ method: 'POST', url: `/api/v1/admin/webhooks/${endpoint.id}/test` })
    ).json<Ping>();
    expect(ping).toMatchObject({ delivered: true, statusCode: 200 });
    expect(hook.requests[0]!.headers.host).toBe(`hooks.example.test:${port}`);
  });
});

describe('events', () => {
  it('publishes plan.approved, incident.declared and exercise.finished where they happen, with links to the pages', async () => {
    const hook = await receiver();
    const t = await notifyApp('sqlite', { startJobs: true });
    const created = await t.admin({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      payload: {
        url: hook.url,
        events: ['plan.approved', 'incident.declared', 'exercise.finished'],
        allowPrivate: true,
      },
    });
    expect(created.statusCode).toBe(201);
    await seedFixtures({
      inject: (request) => t.server.inject({ ...request, headers: { authorization: t.adminAuthorization } }),
    });
    const plan = FIXTURES.Plan.metadata.id;
    expect(
      (await t.admin({ method: 'POST', url: collection('Plan'), payload: FIXTURES.Plan })).statusCode,
    ).toBe(201);
    const approved = await t.server.inject({
      method: 'POST',
      url: `/api/v1/plans/${plan}/approve`,
      headers: { authorization: t.adminAuthorization, 'if-match': '"1"' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    await hook.waitFor(1);

    const incident = await t.admin({
      method: 'POST',
      url: collection('Incident'),
      payload: FIXTURES.Incident,
    });
    expect(incident.statusCode, incident.body).toBe(201);
    await hook.waitFor(2);

    const exercise = fixture('Exercise');
    const { started: _started, finished: _finished, results: _results, ...spec } = exercise.spec;
    exercise.spec = { ...spec, status: 'planned' };
    const stored = await t.admin({ method: 'POST', url: collection('Exercise'), payload: exercise });
    expect(stored.statusCode, stored.body).toBe(201);
    const recorded = await t.admin({
      method: 'POST',
      url: `/api/v1/exercises/${String(exercise.metadata.id)}/record`,
      payload: { events: [{ id: 'end-1', type: 'exercise-finished', at: '2026-03-14T13:30:00Z' }] },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const requests = await hook.waitFor(3);

    const bodies = requests.map((request) => request.json as { event: string; url: string; text: string });
    expect(bodies.map((body) => body.event)).toEqual([
      'plan.approved',
      'incident.declared',
      'exercise.finished',
    ]);
    expect(bodies[0]!.url).toBe(`${PUBLIC_URL}/plans/${plan}`);
    expect(bodies[0]!.text).toMatch(/approved by admin@example\.org/);
    expect(bodies[1]!.url).toBe(`${PUBLIC_URL}/incidents/${FIXTURES.Incident.metadata.id}`);
    expect(bodies[2]!.url).toBe(`${PUBLIC_URL}/exercises/${String(exercise.metadata.id)}`);
  });

  it('still answers the user when a webhook event cannot be published', async () => {
    const t = await notifyApp('sqlite');
    t.notifier.publish = () => Promise.reject(new Error('the queue is down'));
    await seedFixtures({
      inject: (request) => t.server.inject({ ...request, headers: { authorization: t.adminAuthorization } }),
    });
    await t.admin({ method: 'POST', url: collection('Plan'), payload: FIXTURES.Plan });
    const incident = await t.admin({
      method: 'POST',
      url: collection('Incident'),
      payload: FIXTURES.Incident,
    });
    expect(incident.statusCode, incident.body).toBe(201);
  });
});
