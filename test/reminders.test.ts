import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJobQueue } from '../src/server/jobs/queue.ts';
import type { JobQueue } from '../src/server/jobs/types.ts';
import { createNotifier } from '../src/server/notify/notifier.ts';
import type { DeliveringNotifier } from '../src/server/notify/notifier.ts';
import { doc } from './support/reminder-catalog.ts';
import { startSmtpServer } from './support/smtp.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';
import type { WebhookReceiver } from './support/webhook-receiver.ts';
import type { TestSmtpServer } from './support/smtp.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const PUBLIC_URL = 'https://lifeboat.example.org';

/** The people of the catalog are the test users: Ana is the viewer, Bob the owner, by their email. */
const CATALOG = [
  doc('Person', 'ana', { email: 'Viewer@Example.org' }, { name: 'Ana Silva' }),
  doc('Person', 'bob', { email: 'owner@example.org' }, { name: 'Bob Marsh' }),
  doc('Team', 'ops', { lead: 'bob', members: ['bob'] }, { name: 'Operations' }),
  doc('Component', 'db', { type: 'database', owner: 'ops' }),
  doc('Service', 'payments', { type: 'business', tier: 1, owner: 'ops', dependsOn: ['db'] }),
  doc(
    'Plan',
    'plan-db',
    {
      services: ['payments'],
      owner: 'ana',
      scenario: { description: 'The database is lost', fail: ['db'] },
      activation: 'The on-call manager decides.',
      lastReviewed: '2025-06-02',
    },
    { name: 'Loss of the database' },
  ),
  doc(
    'Incident',
    'inc-db',
    {
      title: 'Database outage',
      started: '2026-10-01T08:00:00Z',
      failed: ['db'],
      actions: [{ title: 'Rehearse the restore', owner: 'ops', due: '2026-11-30', status: 'open' }],
    },
    { name: 'Database outage' },
  ),
];

const PLURAL: Record<string, string> = {
  Person: 'people',
  Team: 'teams',
  Component: 'components',
  Service: 'services',
  Plan: 'plans',
  Incident: 'incidents',
};

/** An email's recipient, subject and item lines (`- ...` in the plain text), as a person reads them. */
function reading(mail: ParsedMail) {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return {
    to: to?.value[0]?.address,
    subject: mail.subject,
    lines: (mail.text ?? '').split('\n').filter((line) => line.startsWith('- ') || line.startsWith('  http')),
  };
}

describeEachDatabase('reminder digests and preferences', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let notifier: DeliveringNotifier;
  let jobs: JobQueue;
  let receiver: WebhookReceiver;
  let endpoint: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const document of CATALOG) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/${PLURAL[document.kind]}`,
        payload: document,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver();
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      payload: { url: receiver.url, events: ['review.due', 'action.overdue'], allowPrivate: true },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    endpoint = body<{ id: string }>(registered).id;
    jobs = createJobQueue({ database: t.database, notifier: () => notifier, publicUrl: PUBLIC_URL });
    notifier = createNotifier({
      database: t.database,
      jobs,
      smtpUrl: smtp.url,
      mailFrom: 'lifeboat@example.org',
      publicUrl: PUBLIC_URL,
    });
  });
  afterAll(async () => {
    notifier.close();
    await jobs.stop();
    await smtp.close();
    await receiver.close();
    await t.close();
  });

  /** Runs the reminders job at `instant` and answers the emails it sent, by recipient. */
  async function run(instant: string) {
    const before = smtp.messages.length;
    const result = await jobs.runNow('reminders', { now: new Date(instant) });
    expect(result.ok, result.summary).toBe(true);
    return smtp.messages
      .slice(before)
      .map(reading)
      .sort((a, b) => String(a.to).localeCompare(String(b.to)));
  }

  it('sends each person one digest of what is theirs, overdue first with absolute links, and managers a summary', async () => {
    const sent = await run('2026-12-07T07:00:00Z');
    expect(sent).toEqual([
      {
        to: 'manager@example.org',
        subject: 'Lifeboat weekly summary 2026-W50: 3 open, 3 overdue',
        lines: [
          '- Plan review due: 1 (1 overdue)',
          '- Corrective action overdue: 1 (1 overdue)',
          '- Exercise due: 1 (1 overdue)',
          '- Plan review due: Loss of the database (was due 2026-06-01)',
          `  ${PUBLIC_URL}/plans/plan-db`,
          '- Corrective action overdue: Rehearse the restore (was due 2026-11-30)',
          `  ${PUBLIC_URL}/incidents/inc-db`,
          '- Exercise overdue: Loss of the database',
          `  ${PUBLIC_URL}/plans/plan-db`,
        ],
      },
      {
        to: 'owner@example.org',
        subject: 'Lifeboat reminders: 1 overdue',
        lines: [
          '- Corrective action overdue: Rehearse the restore (was due 2026-11-30)',
          `  ${PUBLIC_URL}/incidents/inc-db`,
        ],
      },
      {
        to: 'viewer@example.org',
        subject: 'Lifeboat reminders: 2 overdue',
        lines: [
          '- Plan review due: Loss of the database (was due 2026-06-01)',
          `  ${PUBLIC_URL}/plans/plan-db`,
          '- Exercise overdue: Loss of the database',
          `  ${PUBLIC_URL}/plans/plan-db`,
        ],
      },
    ]);
    const html = smtp.messages.find((mail) => reading(mail).to === 'viewer@example.org')?.html;
    expect(html).toContain(`<a href="${PUBLIC_URL}/plans/plan-db">Plan review due: Loss of the database</a>`);
  });

  it('sends nothing more when the job runs again in the same period', async () => {
    expect(await run('2026-12-07T07:00:00Z')).toEqual([]);
    expect(await run('2026-12-07T18:30:00Z')).toEqual([]);
  });

  it('sends one digest per person the next day even when two runs race, and no second summary that week', async () => {
    const before = smtp.messages.length;
    const [first, second] = await Promise.all([
      jobs.runNow('reminders', { now: new Date('2026-12-08T07:00:00Z') }),
      jobs.runNow('reminders', { now: new Date('2026-12-08T07:00:00Z') }),
    ]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(
      smtp.messages
        .slice(before)
        .map((mail) => reading(mail).to)
        .sort(),
    ).toEqual(['owner@example.org', 'viewer@example.org']);
  });

  it('publishes each review due and each overdue action to webhooks once, however often the job ran', async () => {
    const deliveries = body<{
      items: { id: string; event: string; payload: { text: string; url: string } }[];
    }>(await t.app.inject({ method: 'GET', url: `/api/v1/admin/webhooks/${endpoint}/deliveries` })).items;
    expect(deliveries.map((delivery) => [delivery.event, delivery.payload.text]).sort()).toEqual([
      ['action.overdue', 'Corrective action overdue: Rehearse the restore (was due 2026-11-30)'],
      ['review.due', 'Plan review due: Loss of the database (was due 2026-06-01)'],
    ]);
    const review = deliveries.find((delivery) => delivery.event === 'review.due')!;
    expect(review.payload.url).toBe(`${PUBLIC_URL}/plans/plan-db`);
    await jobs.runNow('webhook-delivery', { data: { deliveryId: review.id } });
    const [received] = await receiver.waitFor(1);
    expect(received?.json).toMatchObject({
      event: 'review.due',
      text: 'Plan review due: Loss of the database (was due 2026-06-01)',
      data: { key: 'plan-review:plan-db', due: '2026-06-01', overdue: true, people: ['ana'] },
    });
  });

  it('reads and sets the signed-in user’s digest preference, daily until they choose, audited', async () => {
    expect(body(await t.as('owner').inject({ method: 'GET', url: '/api/v1/me/notifications' }))).toEqual({
      digest: 'daily',
    });
    const put = await t
      .as('owner')
      .inject({ method: 'PUT', url: '/api/v1/me/notifications', payload: { digest: 'weekly' } });
    expect(put.statusCode).toBe(200);
    expect(body(put)).toEqual({ digest: 'weekly' });
    expect(body(await t.as('owner').inject({ method: 'GET', url: '/api/v1/me/notifications' }))).toEqual({
      digest: 'weekly',
    });
    expect(body(await t.as('viewer').inject({ method: 'GET', url: '/api/v1/me/notifications' }))).toEqual({
      digest: 'daily',
    });
    const audit = body<{ items: { action: string; id: string; before: unknown; after: unknown }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?kind=User&limit=500' }),
    );
    expect(
      audit.items.filter((entry) => entry.id === 'owner@example.org' && entry.action === 'user-update'),
    ).toEqual([expect.objectContaining({ before: { digest: 'daily' }, after: { digest: 'weekly' } })]);
  });

  it('refuses an unknown frequency with a readable problem and keeps the preference', async () => {
    const response = await t
      .as('owner')
      .inject({ method: 'PUT', url: '/api/v1/me/notifications', payload: { digest: 'hourly' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(body<{ detail: string }>(response).detail).toMatch(/digest/);
    expect(body(await t.as('owner').inject({ method: 'GET', url: '/api/v1/me/notifications' }))).toEqual({
      digest: 'weekly',
    });
    expect(
      (
        await t
          .as(null)
          .inject({ method: 'PUT', url: '/api/v1/me/notifications', payload: { digest: 'off' } })
      ).statusCode,
    ).toBe(401);
  });

  it('sends a weekly digest once a week from its first run, and nothing to someone who turned it off', async () => {
    const off = await t
      .as('viewer')
      .inject({ method: 'PUT', url: '/api/v1/me/notifications', payload: { digest: 'off' } });
    expect(off.statusCode).toBe(200);
    expect((await run('2026-12-14T07:00:00Z')).map((mail) => [mail.to, mail.subject])).toEqual([
      ['manager@example.org', 'Lifeboat weekly summary 2026-W51: 3 open, 3 overdue'],
      ['owner@example.org', 'Lifeboat reminders: 1 overdue'],
    ]);
    expect(await run('2026-12-15T07:00:00Z')).toEqual([]);
  });
  it('holds a weekly digest that had nothing at the week’s first run until the next week', async () => {
    const cy = doc('Person', 'cy', { email: 'auditor@example.org' }, { name: 'Cy Auditor' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/people', payload: cy })).statusCode).toBe(201);
    const weekly = await t
      .as('auditor')
      .inject({ method: 'PUT', url: '/api/v1/me/notifications', payload: { digest: 'weekly' } });
    expect(weekly.statusCode).toBe(200);
    expect((await run('2026-12-21T07:00:00Z')).map((mail) => mail.to)).toEqual([
      'manager@example.org',
      'owner@example.org',
    ]);
    const incident = body<{ spec: { actions: unknown[] } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/incidents/inc-db' }),
    );
    incident.spec.actions.push({
      title: 'Check the audit trail',
      owner: 'cy',
      due: '2026-12-22',
      status: 'open',
    });
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/incidents/inc-db', payload: incident });
    expect(put.statusCode, put.body).toBe(200);
    expect(await run('2026-12-23T07:00:00Z')).toEqual([]);
    expect(await run('2026-12-28T07:00:00Z')).toContainEqual({
      to: 'auditor@example.org',
      subject: 'Lifeboat reminders: 1 overdue',
      lines: [
        '- Corrective action overdue: Check the audit trail (was due 2026-12-22)',
        `  ${PUBLIC_URL}/incidents/inc-db`,
      ],
    });
  });
});
