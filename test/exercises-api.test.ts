// Exercises and training through the API: their CRUD, and the analysis of the stored catalog (achieved against
// predicted against target, the programme, proven RTOs, training), recomputed when an exercise is recorded.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ExerciseAnalysis } from '../src/exercises/analysis.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp, TestClient } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

type Spec = Record<string, unknown>;
const doc = (kind: string, id: string, spec: Spec) => ({
  apiVersion: 'lifeboat/v1',
  kind,
  metadata: { id },
  spec,
});

async function post(app: TestClient, plural: string, kind: string, id: string, spec: Spec) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/${plural}`,
    payload: doc(kind, id, spec),
  });
  expect(response.statusCode, response.body).toBe(201);
}

// Leeds (4h) runs pay (tier 1, RTO 5h): the plan restores it in 15m + 4h30m = 4h45m.
async function seed(app: TestClient) {
  await post(app, 'people', 'Person', 'ana', { email: 'ana@example.org' });
  await post(app, 'people', 'Person', 'bob', { email: 'bob@example.org' });
  await post(app, 'sites', 'Site', 'leeds', { recovery: '4h' });
  await post(app, 'services', 'Service', 'pay', {
    type: 'business',
    tier: 1,
    owner: 'ana',
    rto: '5h',
    rpo: '15m',
    dependsOn: ['leeds'],
  });
  await post(app, 'plans', 'Plan', 'plan-leeds', {
    services: ['pay'],
    owner: 'ana',
    scenario: { description: 'Leeds is lost', fail: ['leeds'] },
    activation: 'The duty manager decides.',
    contacts: [{ id: 'ana' }, { id: 'bob' }],
    phases: {
      activation: [{ id: 'call', title: 'Call the team', owner: 'ana', duration: '15m' }],
      recovery: [{ id: 'restore', title: 'Restore pay', owner: 'bob', duration: '4h30m', restores: ['pay'] }],
    },
  });
}

const failover = (spec: Spec = {}): Spec => ({
  title: 'Leeds failover',
  type: 'parallel',
  plans: ['plan-leeds'],
  scheduled: '2026-03-14',
  status: 'done',
  facilitator: 'ana',
  started: '2026-03-14T08:00:00Z',
  results: { restored: [{ id: 'pay', at: '2026-03-14T14:00:00Z' }] },
  findings: [{ id: 'late', title: 'Pay came back an hour late', severity: 'high', status: 'open' }],
  ...spec,
});

describeEachDatabase('exercises API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2026-06-01T12:00:00Z') });
    await seed(t.app);
  });
  afterEach(() => t.close());

  async function analysis(): Promise<ExerciseAnalysis> {
    const response = await t.as('viewer').inject({ method: 'GET', url: '/api/v1/analysis/exercises' });
    expect(response.statusCode, response.body).toBe(200);
    return body<ExerciseAnalysis>(response);
  }

  it('creates, reads, updates with If-Match and deletes an exercise and a training session', async () => {
    await post(t.app, 'exercises', 'Exercise', 'ex-1', failover({ status: 'planned', started: undefined }));
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/exercises/ex-1',
      headers: { 'if-match': '"1"' },
      payload: doc('Exercise', 'ex-1', failover()),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(body<{ spec: Spec; metadata: { version: number } }>(put)).toMatchObject({
      spec: { status: 'done' },
      metadata: { version: 2 },
    });
    await post(t.app, 'trainings', 'Training', 'tr-1', {
      title: 'Briefing',
      plans: ['plan-leeds'],
      date: '2026-02-01',
      attendees: ['bob'],
    });
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/trainings/tr-1' });
    expect(body<{ spec: Spec }>(read).spec).toMatchObject({ attendees: ['bob'] });
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/exercises/ex-1',
      headers: { 'if-match': '"2"' },
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/exercises/ex-1' })).statusCode).toBe(404);
  });

  it('refuses an exercise that finished before it started, and one naming an unknown plan, with a readable detail', async () => {
    const backwards = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exercises',
      payload: doc('Exercise', 'ex-1', failover({ finished: '2026-03-14T07:00:00Z' })),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.headers['content-type']).toContain('application/problem+json');
    expect(body<{ detail: string }>(backwards).detail).toContain(
      'finished (2026-03-14T07:00:00Z) before it started',
    );
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exercises',
      payload: doc('Exercise', 'ex-1', failover({ plans: ['plan-nowhere'] })),
    });
    expect(unknown.statusCode).toBeGreaterThanOrEqual(400);
    expect(body<{ detail: string }>(unknown).detail).toContain('plan-nowhere');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/exercises/ex-1' })).statusCode).toBe(404);
  });

  it('analyses the stored exercises, and answers anew once an exercise is recorded', async () => {
    const before = await analysis();
    expect(before.exercises).toEqual([]);
    expect(before.programme).toEqual([
      expect.objectContaining({ plan: 'plan-leeds', lastExercised: null, due: null, overdue: true }),
    ]);
    expect(before.proven).toEqual([{ service: 'pay', rtoMinutes: 300, provenMinutes: null, exercise: null }]);

    await post(t.app, 'exercises', 'Exercise', 'ex-1', failover());
    const after = await analysis();
    expect(after.exercises).toHaveLength(1);
    expect(after.exercises[0]).toMatchObject({ id: 'ex-1', status: 'done', openFindings: 1 });
    expect(after.exercises[0]?.services).toEqual([
      {
        id: 'pay',
        targetMinutes: 300,
        predictedMinutes: 285,
        graphMinutes: 240,
        achievedMinutes: 360,
        met: false,
        rpoMinutes: 15,
        dataLossMinutes: null,
        dataLossMet: null,
      },
    ]);
    expect(after.programme[0]).toMatchObject({
      lastExercised: '2026-03-14',
      due: '2026-09-12',
      overdue: false,
    });
    expect(after.proven).toEqual([{ service: 'pay', rtoMinutes: 300, provenMinutes: 360, exercise: 'ex-1' }]);
    // Ana facilitated the exercise; Bob was neither there nor trained.
    expect(after.training).toEqual([
      {
        plan: 'plan-leeds',
        people: [
          { id: 'ana', trained: true, until: '2027-03-13' },
          { id: 'bob', trained: false, until: null },
        ],
      },
    ]);
  });
});
