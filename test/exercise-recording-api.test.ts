// Recording an exercise live through the API: several recorders at once, replayed batches, a bad event in a
// batch, who may record, a cancelled exercise, and the audit trail, on SQLite and PostgreSQL.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ExerciseSpec } from '../src/catalog/kinds/exercise.kind.ts';
import type { RecordEvent } from '../src/exercises/recording.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp, TestClient } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';
import { emailOf } from './support/test-users.ts';

type Spec = Record<string, unknown>;
interface Answer {
  exercise: { metadata: { version: number }; spec: ExerciseSpec };
  applied: string[];
  alreadyRecorded: string[];
}
interface Problem {
  detail: string;
  errors?: { path: string; message: string; event?: string }[];
}
interface AuditEntry {
  actor: string;
  action: string;
  id: string;
}

async function post(app: TestClient, plural: string, kind: string, id: string, spec: Spec) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/${plural}`,
    payload: { apiVersion: 'lifeboat/v1', kind, metadata: { id }, spec },
  });
  expect(response.statusCode, response.body).toBe(201);
}

// Olga signs in as the owner test user; she owns the plan's restore and verify steps. Ana facilitates.
async function seed(app: TestClient) {
  await post(app, 'people', 'Person', 'ana', { email: 'ana@example.org' });
  await post(app, 'people', 'Person', 'olga', { email: emailOf('owner') });
  await post(app, 'sites', 'Site', 'leeds', { recovery: '4h' });
  await post(app, 'services', 'Service', 'pay', {
    type: 'business',
    tier: 1,
    owner: 'ana',
    rto: '5h',
    dependsOn: ['leeds'],
  });
  await post(app, 'plans', 'Plan', 'plan-leeds', {
    services: ['pay'],
    owner: 'ana',
    scenario: { description: 'Leeds is lost', fail: ['leeds'] },
    activation: 'The duty manager decides.',
    phases: {
      activation: [
        { id: 'call', title: 'Call the team', owner: 'ana', duration: '15m' },
        { id: 'notify', title: 'Tell the regulator', owner: 'ana', duration: '30m' },
      ],
      recovery: [
        { id: 'restore', title: 'Restore pay', owner: 'olga', duration: '4h', restores: ['pay'] },
        { id: 'verify', title: 'Check payments flow', owner: 'olga', duration: '30m' },
      ],
    },
  });
  await post(app, 'exercises', 'Exercise', 'ex-1', {
    title: 'Leeds failover',
    type: 'parallel',
    plans: ['plan-leeds'],
    scheduled: '2026-03-14',
    status: 'planned',
    facilitator: 'ana',
  });
}

const T = (time: string) => `2026-03-14T${time}:00Z`;
const started = (id: string, step: string, at: string): RecordEvent => ({
  id,
  type: 'step-started',
  at,
  plan: 'plan-leeds',
  step,
});
const finished = (id: string, step: string, at: string): RecordEvent => ({
  id,
  type: 'step-finished',
  at,
  plan: 'plan-leeds',
  step,
  outcome: 'done',
});

describeEachDatabase('exercise recording API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2026-03-14T16:00:00Z') });
    await seed(t.app);
  });
  afterEach(() => t.close());

  const record = (client: TestClient, events: unknown[], id = 'ex-1') =>
    client.inject({ method: 'POST', url: `/api/v1/exercises/${id}/record`, payload: { events } });

  async function recorded(client: TestClient, events: RecordEvent[]): Promise<Answer> {
    const response = await record(client, events);
    expect(response.statusCode, response.body).toBe(200);
    return body<Answer>(response);
  }

  async function stored(): Promise<Answer['exercise']> {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/documents/ex-1' });
    expect(response.statusCode, response.body).toBe(200);
    return body<Answer['exercise']>(response);
  }

  async function auditOf(id: string): Promise<AuditEntry[]> {
    const response = await t.as('manager').inject({ method: 'GET', url: `/api/v1/audit?id=${id}&limit=500` });
    expect(response.statusCode, response.body).toBe(200);
    return body<{ items: AuditEntry[] }>(response).items;
  }

  it('keeps what a manager and a step owner record at the same moment, round after round', async () => {
    const manager = t.as('manager');
    const owner = t.as('owner');
    const rounds: [RecordEvent[], RecordEvent[]][] = [
      [
        [{ id: 'm-start', type: 'exercise-started', at: T('08:00') }, started('m-call', 'call', T('08:00'))],
        [started('o-restore', 'restore', T('08:05'))],
      ],
      [[finished('m-call-done', 'call', T('08:20'))], [finished('o-restore-done', 'restore', T('12:05'))]],
      [
        [{ id: 'm-finding', type: 'finding', at: T('09:00'), title: 'The regulator line was engaged' }],
        [{ id: 'o-pay', type: 'restored', at: T('12:10'), node: 'pay' }],
      ],
      [[started('m-notify', 'notify', T('08:20'))], [started('o-verify', 'verify', T('12:10'))]],
      [[finished('m-notify-done', 'notify', T('08:50'))], [finished('o-verify-done', 'verify', T('12:40'))]],
    ];
    for (const [fromManager, fromOwner] of rounds) {
      const answers = await Promise.all([recorded(manager, fromManager), recorded(owner, fromOwner)]);
      expect(answers[0].applied).toEqual(fromManager.map((event) => event.id));
      expect(answers[1].applied).toEqual(fromOwner.map((event) => event.id));
    }

    const exercise = await stored();
    expect(exercise.metadata.version).toBe(1 + 2 * rounds.length);
    expect(exercise.spec).toMatchObject({ status: 'running', started: T('08:00') });
    const steps = new Map(exercise.spec.results?.steps?.map((step) => [step.step, step]));
    expect(Object.fromEntries(steps)).toEqual({
      call: { plan: 'plan-leeds', step: 'call', started: T('08:00'), finished: T('08:20'), outcome: 'done' },
      notify: {
        plan: 'plan-leeds',
        step: 'notify',
        started: T('08:20'),
        finished: T('08:50'),
        outcome: 'done',
      },
      restore: {
        plan: 'plan-leeds',
        step: 'restore',
        started: T('08:05'),
        finished: T('12:05'),
        outcome: 'done',
      },
      verify: {
        plan: 'plan-leeds',
        step: 'verify',
        started: T('12:10'),
        finished: T('12:40'),
        outcome: 'done',
      },
    });
    expect(exercise.spec.results?.restored).toEqual([{ id: 'pay', at: T('12:10') }]);
    expect(exercise.spec.findings).toEqual([
      { id: 'f-m-finding', title: 'The regulator line was engaged', severity: 'medium', status: 'open' },
    ]);

    // The audit log names who recorded each change.
    const updates = (await auditOf('ex-1')).filter((entry) => entry.action === 'update');
    expect(updates).toHaveLength(2 * rounds.length);
    const actors = new Set(updates.map((entry) => entry.actor.replace(/ \(token .*\)$/, '')));
    expect(actors).toEqual(new Set([emailOf('manager'), emailOf('owner')]));
  });

  it('records a replayed batch once: sent twice, and again after other events', async () => {
    const batch: RecordEvent[] = [
      { id: 'e-start', type: 'exercise-started', at: T('08:00') },
      started('e-call', 'call', T('08:00')),
      finished('e-call-done', 'call', T('08:20')),
      {
        id: 'e-finding',
        type: 'finding',
        at: T('08:30'),
        title: 'Two people did not answer',
        severity: 'low',
      },
    ];
    const ids = batch.map((event) => event.id);
    expect((await recorded(t.app, batch)).applied).toEqual(ids);
    const version = (await stored()).metadata.version;

    const twice = await recorded(t.app, batch);
    expect(twice).toMatchObject({ applied: [], alreadyRecorded: ids });
    expect(twice.exercise.metadata.version).toBe(version);
    expect((await stored()).metadata.version).toBe(version);

    await recorded(t.as('owner'), [started('o-restore', 'restore', T('08:30'))]);
    const later = await recorded(t.app, batch);
    expect(later).toMatchObject({ applied: [], alreadyRecorded: ids });

    const exercise = await stored();
    expect(exercise.metadata.version).toBe(version + 1);
    expect(exercise.spec.results?.steps?.filter((step) => step.step === 'call')).toHaveLength(1);
    expect(exercise.spec.findings).toHaveLength(1);
    expect((await auditOf('ex-1')).filter((entry) => entry.action === 'update')).toHaveLength(2);
  });

  it('records nothing from a batch with one bad event, and names that event', async () => {
    const response = await record(t.app, [
      { id: 'e-start', type: 'exercise-started', at: T('08:00') },
      started('e-typo', 'restor', T('08:05')),
      { id: 'e-pay', type: 'restored', at: T('12:00'), node: 'pay' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = body<Problem>(response);
    expect(problem.detail).toContain('event "e-typo": the plan "plan-leeds" has no step "restor"');
    expect(problem.errors).toEqual([
      { path: 'events[1]', event: 'e-typo', message: 'the plan "plan-leeds" has no step "restor"' },
    ]);

    const malformed = await record(t.app, [{ id: 'e-when', type: 'exercise-started', at: 'this morning' }]);
    expect(malformed.statusCode).toBe(400);
    expect(body<Problem>(malformed).detail).toContain('event "e-when": at: ');

    const exercise = await stored();
    expect(exercise.metadata.version).toBe(1);
    expect(exercise.spec.status).toBe('planned');
    expect(exercise.spec.results).toBeUndefined();
  });

  it('refuses an owner who takes no part in the exercise with 403, and a viewer', async () => {
    await t.auth.addUser({ email: 'stranger@example.org', role: 'owner' }, 'test setup');
    const { token } = await t.auth.createToken('stranger@example.org', 'test', undefined, 'test setup');
    const stranger: TestClient = {
      inject: (request) =>
        t.server.inject({ ...request, headers: { authorization: `Bearer ${token}`, ...request.headers } }),
    };
    const event = { id: 'e-start', type: 'exercise-started', at: T('08:00') };
    const refused = await record(stranger, [event]);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(body<Problem>(refused).detail).toContain('you do not take part in "ex-1"');
    expect((await record(t.as('viewer'), [event])).statusCode).toBe(403);
    expect((await stored()).metadata.version).toBe(1);
  });

  it('refuses to record a cancelled exercise with 409, and an unknown one with 404', async () => {
    await post(t.app, 'exercises', 'Exercise', 'ex-off', {
      title: 'Called off',
      type: 'tabletop',
      plans: ['plan-leeds'],
      scheduled: '2026-03-20',
      status: 'cancelled',
    });
    const event = { id: 'e-start', type: 'exercise-started', at: T('08:00') };
    const cancelled = await record(t.app, [event], 'ex-off');
    expect(cancelled.statusCode).toBe(409);
    expect(body<Problem>(cancelled).detail).toContain('"ex-off" is cancelled');
    expect((await record(t.app, [event], 'ex-nowhere')).statusCode).toBe(404);
    expect((await record(t.app, [event], 'pay')).statusCode).toBe(404);
  });
});
