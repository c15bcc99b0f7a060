import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { createJobQueue } from '../src/server/jobs/queue.ts';
import type { JobQueue } from '../src/server/jobs/types.ts';
import { createNotifier } from '../src/server/notify/notifier.ts';
import type { Notifier } from '../src/server/notify/types.ts';
import { collection } from './support/fixtures.ts';
import { startSmtpServer } from './support/smtp.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';
import type { TestSmtpServer } from './support/smtp.ts';
import { body, createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp, TestClient } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const PUBLIC_URL = 'https://lifeboat.example.org';
const INVOKED = new Date('2026-03-02T09:00:00.000Z');
const minutes = (n: number) => new Date(INVOKED.getTime() + n * 60_000);

interface CallTree {
  plan: string | null;
  contacts: {
    contact: string;
    state: string;
    escalationDueAt?: string;
    acknowledgedAt?: string;
    notifications: { name: string; stage: number; address?: string; escalatedTo?: string }[];
  }[];
}
interface Incident {
  metadata: { id: string };
  spec: { plan?: string; failed: string[]; timeline?: { at: string; entry: string; by?: string }[] };
}

/** Dora (deputy Eli) first, escalating after 15m; then the crisis team through its lead Fay, after 30m. */
async function seedCallTree(app: TestClient): Promise<void> {
  const documents = [
    { kind: 'Person', metadata: { id: 'eli', name: 'Eli Park' }, spec: { email: 'eli@example.org' } },
    {
      kind: 'Person',
      metadata: { id: 'dora', name: 'Dora Diaz' },
      spec: { email: 'dora@example.org', deputy: 'eli' },
    },
    { kind: 'Person', metadata: { id: 'fay', name: 'Fay Ng' }, spec: { email: 'fay@example.org' } },
    {
      kind: 'Team',
      metadata: { id: 'crisis', name: 'Crisis team' },
      spec: { lead: 'fay', members: ['fay'] },
    },
    {
      kind: 'Plan',
      metadata: { id: 'plan-north', name: 'Loss of the North data centre' },
      spec: {
        services: ['payments'],
        owner: 'ops',
        scenario: { description: 'The North data centre is lost', fail: ['dc-north'] },
        activation: 'Any outage of dc-north over 30 minutes.',
        contacts: [
          { id: 'dora', role: 'Incident manager', escalateAfter: '15m' },
          { id: 'crisis', escalateAfter: '30m' },
        ],
      },
    },
  ];
  for (const document of documents) {
    const response = await app.inject({
      method: 'POST',
      url: collection(document.kind as 'Person'),
      payload: { apiVersion: 'lifeboat/v1', ...document },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
}

/** The acknowledgement link in an email's text. */
function ackLink(mail: ParsedMail): string {
  const match = /https:\/\/lifeboat\.example\.org\/ack\/[A-Za-z0-9_-]+/.exec(mail.text ?? '');
  if (!match) throw new Error(`no acknowledgement link in: ${mail.text ?? ''}`);
  return match[0];
}

const recipients = (mails: ParsedMail[]) =>
  mails.map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address);

describeEachDatabase('call tree', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let jobs: JobQueue;
  let clock = INVOKED;
  beforeEach(async () => {
    smtp = await startSmtpServer();
    clock = INVOKED;
    // The notifier and the queue need the database the test app makes: the app gets them through these.
    const late: { notifier?: Notifier; queue?: JobQueue } = {};
    const forward: Notifier = {
      email: (message) => late.notifier!.email(message),
      publish: (message) => late.notifier!.publish(message),
    };
    t = await createTestApp(dialect, {
      now: () => clock,
      publicUrl: PUBLIC_URL,
      notifier: forward,
      jobs: {
        start: () => late.queue!.start(),
        stop: () => late.queue!.stop(),
        send: (name, data, options) => late.queue!.send(name, data, options),
        runNow: (name, options) => late.queue!.runNow(name, options),
      },
    });
    jobs = createJobQueue({
      database: t.database,
      notifier: () => late.notifier!,
      publicUrl: PUBLIC_URL,
      ...(t.databaseConfig.dialect === 'postgres' && { postgresUrl: t.databaseConfig.url }),
    });
    late.queue = jobs;
    late.notifier = createNotifier({
      database: t.database,
      jobs,
      smtpUrl: smtp.url,
      mailFrom: 'Lifeboat <lifeboat@example.org>',
      publicUrl: PUBLIC_URL,
    });
    await seedFixtures(t.app);
    await seedCallTree(t.app);
  });
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });

  async function invoke(): Promise<Incident> {
    const response = await t.as('manager').inject({ method: 'POST', url: '/api/v1/plans/plan-north/invoke' });
    expect(response.statusCode, response.body).toBe(201);
    return body<{ incident: Incident }>(response).incident;
  }
  const callTree = async (id: string) =>
    body<CallTree>(await t.app.inject({ method: 'GET', url: `/api/v1/incidents/${id}/call-tree` }));
  const timeline = async (id: string) =>
    body<Incident>(await t.app.inject({ method: 'GET', url: `/api/v1/incidents/${id}` })).spec.timeline ?? [];
  const escalate = (at: Date) => jobs.runNow('call-tree-escalation', { now: at });

  it('opens an incident for the plan scenario and emails the first contact a one-time link', async () => {
    const incident = await invoke();
    expect(incident.metadata.id).toBe('plan-north-20260302');
    expect(incident.spec).toMatchObject({ plan: 'plan-north', failed: ['dc-north'] });
    const [mail] = await smtp.waitFor(1);
    expect(recipients(smtp.messages)).toEqual(['dora@example.org']);
    expect(mail?.subject).toContain('Loss of the North data centre');
    expect(mail?.text).toContain('Incident manager');
    expect(mail?.html).toContain(ackLink(mail!).replace(PUBLIC_URL, ''));

    const tree = await callTree(incident.metadata.id);
    expect(tree.plan).toBe('plan-north');
    expect(tree.contacts.map((c) => [c.contact, c.state, c.escalationDueAt])).toEqual([
      ['dora', 'pending', minutes(15).toISOString()],
      ['crisis', 'waiting', undefined],
    ]);
    const entries = (await timeline(incident.metadata.id)).map((e) => e.entry);
    expect(entries[0]).toMatch(/^Plan "Loss of the North data centre" invoked by manager@example\.org/);
    expect(entries[1]).toMatch(/^Emailed Dora Diaz \(dora@example\.org\), contact 1 of 2/);

    // A second invocation the same day gets its own incident.
    expect((await invoke()).metadata.id).toBe('plan-north-20260302-2');
  });

  it('acknowledges through the emailed link once, stops the escalation and moves on to the next contact', async () => {
    const incident = await invoke();
    const link = ackLink((await smtp.waitFor(1))[0]!);
    const path = link.replace(PUBLIC_URL, '');

    // Opening the link only shows the page (mail scanners follow links); the button posts.
    const page = await t.server.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(`action="/api/v1/ack/${path.split('/').at(-1)}"`);
    expect((await callTree(incident.metadata.id)).contacts[0]?.state).toBe('pending');

    clock = minutes(5);
    const ack = await t.server.inject({ method: 'POST', url: `/api/v1${path}` });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(body(ack)).toMatchObject({
      name: 'Dora Diaz',
      already: false,
      acknowledgedAt: minutes(5).toISOString(),
    });
    await smtp.waitFor(2);
    expect(recipients(smtp.messages)).toEqual(['dora@example.org', 'fay@example.org']);

    clock = minutes(6);
    const again = await t.server.inject({
      method: 'POST',
      url: `/api/v1${path}`,
      // As the page's form posts it from a browser.
      headers: { 'content-type': 'text/plain', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      payload: '',
    });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(`already acknowledged at ${minutes(5).toISOString()}`);

    // Past Dora's 15 minutes nothing escalates: she answered.
    await escalate(minutes(20));
    const tree = await callTree(incident.metadata.id);
    expect(tree.contacts.map((c) => [c.contact, c.state, c.acknowledgedAt ?? c.escalationDueAt])).toEqual([
      ['dora', 'acknowledged', minutes(5).toISOString()],
      // The last contact, with no deputy: nobody is left to escalate to, so nothing is due.
      ['crisis', 'pending', undefined],
    ]);
    expect(smtp.messages).toHaveLength(2);
    const entries = await timeline(incident.metadata.id);
    expect(entries).toContainEqual({
      at: minutes(5).toISOString(),
      entry: 'Dora Diaz acknowledged',
      by: 'dora',
    });
  });

  it('escalates to the deputy after escalateAfter, then to the next contact, each once', async () => {
    const incident = await invoke();
    await smtp.waitFor(1);

    expect((await escalate(minutes(14))).summary).toBe('escalated 0 contacts');
    expect((await escalate(minutes(16))).summary).toBe('escalated 1 contact');
    const [, deputy] = await smtp.waitFor(2);
    expect(recipients(smtp.messages)).toEqual(['dora@example.org', 'eli@example.org']);
    expect(deputy?.subject).toMatch(/^Escalated: /);
    expect(deputy?.text).toContain('escalated to you from Dora Diaz');
    // The timer firing twice (or on a second server) escalates once.
    expect((await escalate(minutes(16))).summary).toBe('escalated 0 contacts');

    // Neither Dora nor Eli answers within Eli's 15 minutes: the crisis team's lead is reached.
    await escalate(minutes(32));
    await smtp.waitFor(3);
    expect(recipients(smtp.messages)).toEqual(['dora@example.org', 'eli@example.org', 'fay@example.org']);
    const tree = await callTree(incident.metadata.id);
    expect(tree.contacts.map((c) => c.state)).toEqual(['unanswered', 'pending']);
    expect(tree.contacts[0]?.notifications.map((n) => [n.name, n.stage, n.escalatedTo])).toEqual([
      ['Dora Diaz', 0, 'eli'],
      ['Eli Park', 1, 'crisis'],
    ]);
    const entries = (await timeline(incident.metadata.id)).map((e) => e.entry);
    expect(entries).toContain(
      'No acknowledgement from Dora Diaz within 15m: escalated to the deputy Eli Park',
    );
    expect(entries).toContain(
      'No acknowledgement from Eli Park within 15m: the call tree moves on to Crisis team',
    );
    expect(entries.filter((e) => e.startsWith('Emailed'))).toHaveLength(3);
  });

  it('publishes plan.invoked and call-tree.acknowledged to a subscribed webhook, with a line a chat tool shows', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const endpoint = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        payload: {
          url: receiver.url,
          events: ['plan.invoked', 'call-tree.acknowledged', 'call-tree.escalated'],
          allowPrivate: true,
        },
      });
      expect(endpoint.statusCode, endpoint.body).toBe(201);
      const id = body<{ id: string }>(endpoint).id;
      const incident = await invoke();
      const link = ackLink((await smtp.waitFor(1))[0]!);
      clock = minutes(3);
      expect(
        (await t.server.inject({ method: 'POST', url: `/api/v1${link.replace(PUBLIC_URL, '')}` })).statusCode,
      ).toBe(200);

      // The queue is not running in this test: each waiting delivery is run as its job would be.
      const deliveries = body<{ items: { id: string; event: string }[] }>(
        await t.app.inject({ method: 'GET', url: `/api/v1/admin/webhooks/${id}/deliveries` }),
      ).items;
      expect(deliveries.map((delivery) => delivery.event).sort()).toEqual([
        'call-tree.acknowledged',
        'plan.invoked',
      ]);
      for (const delivery of deliveries)
        await jobs.runNow('webhook-delivery', { data: { deliveryId: delivery.id } });
      const received = await receiver.waitFor(2);
      const invoked = received
        .map((request) => request.json as { event: string; text: string; data: Record<string, unknown> })
        .find((json) => json.event === 'plan.invoked');
      expect(invoked?.text).toContain('Loss of the North data centre invoked by manager@example.org');
      expect(invoked?.data).toMatchObject({ plan: 'plan-north', incident: incident.metadata.id });
    } finally {
      await receiver.close();
    }
  });

  it('refuses a viewer and a service owner of another plan, and answers an unknown link with a readable page', async () => {
    const viewer = await t.as('viewer').inject({ method: 'POST', url: '/api/v1/plans/plan-north/invoke' });
    expect(viewer.statusCode).toBe(403);
    const owner = await t.as('owner').inject({ method: 'POST', url: '/api/v1/plans/plan-north/invoke' });
    expect(owner.statusCode).toBe(403);
    expect(body<{ detail: string }>(owner).detail).toContain('plans owned by you or your teams');
    const missing = await t.as('manager').inject({ method: 'POST', url: '/api/v1/plans/nope/invoke' });
    expect(missing.statusCode).toBe(404);
    const incidents = body<{ items: unknown[] }>(
      await t.app.inject({ method: 'GET', url: collection('Incident') }),
    );
    expect(incidents.items).toHaveLength(0);

    const page = await t.server.inject({ method: 'GET', url: '/ack/not-a-real-token' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This link does not work');
    const api = await t.server.inject({ method: 'POST', url: '/api/v1/ack/not-a-real-token' });
    expect(api.statusCode).toBe(404);
    expect(body<{ detail: string }>(api).detail).toContain('acknowledgement link is not known');
  });
});
