// GET /api/v1/actions over incidents, risks and exercises, on SQLite and PostgreSQL: one list of the actions of
// every source, soonest due first, the filters, and the incident-only answer the earlier clients read.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { FIXTURES, collection, fixture } from './support/fixtures.ts';
import { describeEachDatabase } from './support/test-databases.ts';

interface Action {
  source: string;
  document: string;
  title: string;
  status: string;
  overdue: boolean;
}

const incidentAction = {
  incident: 'inc-2024-001',
  index: 0,
  title: 'Test the generator monthly',
  owner: 'ana',
  due: '2024-07-01',
  status: 'open',
  overdue: true,
  document: 'inc-2024-001',
  documentTitle: 'North data centre power loss',
  source: 'incident',
};

const exerciseFinding = {
  index: 0,
  title: 'The database restore took 4h30m, not 4h',
  owner: 'ops',
  due: '2026-06-30',
  status: 'open',
  overdue: true,
  document: 'ex-2026-dc-north',
  documentTitle: 'North data centre failover test',
  source: 'exercise',
  finding: 'slow-restore',
  severity: 'high',
};

const riskAction = {
  index: 0,
  title: 'Move the UPS to the first floor',
  owner: 'ops',
  due: '2026-09-30',
  status: 'open',
  overdue: false,
  document: 'risk-dc-north-flood',
  documentTitle: 'Flood at the North data centre',
  source: 'risk',
};

describeEachDatabase('actions API', (dialect) => {
  let t: TestApp;
  const actions = async (query = '') =>
    body<{ items: Action[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/actions${query}` })).items;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2026-07-01T09:00:00Z') });
    await seedFixtures(t.app);
    for (const kind of ['Plan', 'Incident', 'Risk', 'Exercise'] as const) {
      const created = await t.app.inject({ method: 'POST', url: collection(kind), payload: FIXTURES[kind] });
      expect(created.statusCode, created.body).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists an incident's action, an exercise finding and a risk action in one list, soonest due first", async () => {
    expect(await actions()).toEqual([incidentAction, exerciseFinding, riskAction]);
    // The viewer reads it too: it is part of reading the catalog.
    const viewer = await t.as('viewer').inject({ method: 'GET', url: '/api/v1/actions' });
    expect(viewer.statusCode).toBe(200);
  });

  it('answers the incident-only list with ?source=incident, and each other source alone', async () => {
    expect(await actions('?source=incident')).toEqual([incidentAction]);
    expect(await actions('?source=risk&status=open')).toEqual([riskAction]);
    expect(await actions('?source=exercise')).toEqual([exerciseFinding]);
    expect(await actions('?status=done')).toEqual([]);
  });

  it('leaves out a finding with no due date, and lists a done finding as done, never overdue', async () => {
    const exercise = fixture('Exercise');
    exercise.spec.findings = [
      {
        id: 'slow-restore',
        title: exerciseFinding.title,
        severity: 'high',
        owner: 'ops',
        due: '2026-06-30',
        status: 'done',
      },
      { id: 'undated', title: 'Nobody set a date for this', severity: 'low', owner: 'ops', status: 'open' },
    ];
    exercise.metadata.version = 1;
    const updated = await t.app.inject({
      method: 'PUT',
      url: `${collection('Exercise')}/ex-2026-dc-north`,
      payload: exercise,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(await actions('?source=exercise')).toEqual([
      { ...exerciseFinding, status: 'done', overdue: false },
    ]);
    expect((await actions('?status=open')).map((action) => action.source)).toEqual(['incident', 'risk']);
  });

  it('refuses an unknown source with a problem naming the field, and changes nothing', async () => {
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/actions?source=audit' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(body<{ detail: string }>(refused).detail).toMatch(/source/);
    expect((await actions()).length).toBe(3);
  });
});
