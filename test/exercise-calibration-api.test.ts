// Model calibration through the API on the example organisation: the Leeds failover exercise's proposal, applying
// the chosen measured durations as audited updates in one transaction, who may, and what the engine says after.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadExampleIfEmpty } from '../src/cli/import.command.ts';
import type { CatalogDocument } from '../src/catalog/kinds.ts';
import { createCatalogService } from '../src/server/services/catalog.service.ts';
import type { ImpactResult } from '../src/engine/types.ts';
import type { CalibrationProposal } from '../src/exercises/calibration.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';
import { emailOf } from './support/test-users.ts';

const EXERCISE = 'ex-2026-10-leeds-failover';
const PLAN = 'plan-dc-leeds-loss';
const apply = `/api/v1/exercises/${EXERCISE}/calibration/apply`;

interface Document {
  kind: string;
  metadata: { id: string; version: number };
  spec: Record<string, unknown> & { phases?: Record<string, { id: string; duration?: string }[]> };
}
interface AuditEntry {
  seq: number;
  actor: string;
  action: string;
  kind: string;
  id: string;
}

describeEachDatabase('exercise calibration API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await loadExampleIfEmpty(t.database);
  });
  afterEach(() => t.close());

  async function get<T>(url: string): Promise<T> {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return body<T>(response);
  }
  const proposal = () => get<CalibrationProposal>(`/api/v1/exercises/${EXERCISE}/calibration`);
  const stepDurations = async () =>
    new Map(
      Object.values((await get<Document>(`/api/v1/plans/${PLAN}`)).spec.phases ?? {})
        .flat()
        .map((step) => [step.id, step.duration]),
    );
  /** When core banking is back, following the plan's steps. */
  async function coreBankingFollowingPlan(): Promise<number | null> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/impact',
      payload: { plan: PLAN },
    });
    expect(response.statusCode, response.body).toBe(200);
    return body<ImpactResult>(response).services.find((s) => s.id === 'core-banking')!.restoreMinutes;
  }
  async function lastAuditSeq(): Promise<number> {
    let cursor: string | null = null;
    let last = 0;
    do {
      const page: { items: AuditEntry[]; nextCursor: string | null } = await get(
        `/api/v1/audit?limit=500${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      last = page.items.at(-1)?.seq ?? last;
      cursor = page.nextCursor;
    } while (cursor !== null);
    return last;
  }

  it("proposes the Leeds exercise's measured core banking replica promotion, 5h05m against the plan's 3h, to any reader", async () => {
    const response = await t.as('viewer').inject({
      method: 'GET',
      url: `/api/v1/exercises/${EXERCISE}/calibration`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const answer = body<CalibrationProposal>(response);
    expect(answer.exercise).toBe(EXERCISE);
    expect(answer.steps).toContainEqual({
      plan: PLAN,
      step: 'promote-core-db',
      currentMinutes: 180,
      measuredMinutes: 305,
    });
    // Most optimistic first: the stand-in check took 25m against 10m, more than twice its duration.
    expect(answer.steps[0]).toEqual({
      plan: PLAN,
      step: 'confirm-stand-in',
      currentMinutes: 10,
      measuredMinutes: 25,
    });
    const ratios = answer.steps.map((s) => s.measuredMinutes / s.currentMinutes!);
    expect(ratios).toEqual([...ratios].sort((a, b) => b - a));
    // Steps that restore a node measure it; the nodes left are timed from their dependencies back.
    expect(answer.nodes.map((n) => n.id)).not.toContain('core-banking-db-york');
    expect(answer.nodes).toContainEqual({
      id: 'card-payments',
      field: 'restart',
      currentMinutes: null,
      measuredMinutes: 0,
    });
  });

  it('writes only the chosen changes as audited updates by the manager, and following the plan then takes the measured time', async () => {
    expect(await coreBankingFollowingPlan()).toBe(4 * 60 + 45);
    const stepsBefore = await stepDurations();
    const cardBefore = await get<Document>('/api/v1/services/card-payments');
    const coreBefore = await get<Document>('/api/v1/services/core-banking');
    const since = await lastAuditSeq();

    const response = await t.as('manager').inject({
      method: 'POST',
      url: apply,
      payload: { nodes: ['card-payments'], steps: [{ plan: PLAN, step: 'promote-core-db' }] },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(body(response)).toMatchObject({
      exercise: EXERCISE,
      nodes: [{ id: 'card-payments', field: 'restart', measuredMinutes: 0 }],
      steps: [{ plan: PLAN, step: 'promote-core-db', measuredMinutes: 305 }],
    });

    // The plan's step reads in the catalog's duration syntax; its other steps and core banking are unchanged.
    const stepsAfter = await stepDurations();
    expect(stepsAfter.get('promote-core-db')).toBe('5h5m');
    expect(new Map([...stepsAfter].filter(([id]) => id !== 'promote-core-db'))).toEqual(
      new Map([...stepsBefore].filter(([id]) => id !== 'promote-core-db')),
    );
    const card = await get<Document>('/api/v1/services/card-payments');
    expect(card.spec.restart).toBe('0m');
    expect(card.metadata.version).toBe(cardBefore.metadata.version + 1);
    expect(await get<Document>('/api/v1/services/core-banking')).toEqual(coreBefore);

    // One update per changed document, each naming the manager.
    const entries = (await get<{ items: AuditEntry[] }>(`/api/v1/audit?cursor=${since}&limit=500`)).items;
    expect(entries.map((e) => `${e.action} ${e.kind} ${e.id}`).sort()).toEqual([
      `update Plan ${PLAN}`,
      'update Service card-payments',
    ]);
    for (const entry of entries) expect(entry.actor).toContain(emailOf('manager'));

    // The engine follows the plan with the measured 5h05m: core banking back after 6h50m, as in the exercise.
    expect(await coreBankingFollowingPlan()).toBe(6 * 60 + 50);
    // What was applied is no longer proposed.
    const after = await proposal();
    expect(after.steps.map((s) => s.step)).not.toContain('promote-core-db');
    expect(after.nodes.map((n) => n.id)).not.toContain('card-payments');
  });

  it('refuses a viewer, a service owner and an auditor with 403, and writes nothing', async () => {
    const since = await lastAuditSeq();
    for (const role of ['viewer', 'owner', 'auditor'] as const) {
      const response = await t.as(role).inject({
        method: 'POST',
        url: apply,
        payload: { steps: [{ plan: PLAN, step: 'promote-core-db' }] },
      });
      expect(response.statusCode, role).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await lastAuditSeq()).toBe(since);
    expect((await stepDurations()).get('promote-core-db')).toBe('3h');
  });

  it('refuses a choice the proposal does not hold with 400 naming it, and writes none of the others', async () => {
    const since = await lastAuditSeq();
    const unknownNode = await t.app.inject({
      method: 'POST',
      url: apply,
      payload: {
        nodes: ['card-payments', 'core-banking-db-york'],
        steps: [{ plan: PLAN, step: 'promote-core-db' }],
      },
    });
    expect(unknownNode.statusCode, unknownNode.body).toBe(400);
    expect(body<{ detail: string }>(unknownNode).detail).toContain(
      '"core-banking-db-york" is not among the nodes',
    );
    const unknownStep = await t.app.inject({
      method: 'POST',
      url: apply,
      payload: { steps: [{ plan: PLAN, step: 'restore-crm' }] },
    });
    expect(unknownStep.statusCode, unknownStep.body).toBe(400);
    expect(body<{ detail: string }>(unknownStep).detail).toContain(
      '"restore-crm" of plan "plan-dc-leeds-loss"',
    );
    const nothing = await t.app.inject({ method: 'POST', url: apply, payload: {} });
    expect(nothing.statusCode, nothing.body).toBe(400);
    expect(body<{ detail: string }>(nothing).detail).toContain('Choose at least one');
    expect(await lastAuditSeq()).toBe(since);
    expect((await stepDurations()).get('promote-core-db')).toBe('3h');
  });

  it('answers 409 for an exercise that is not done, and 404 for an unknown one', async () => {
    const exercise = await get<Document>(`/api/v1/exercises/${EXERCISE}`);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/exercises/${EXERCISE}`,
      payload: { ...exercise, spec: { ...exercise.spec, status: 'running' } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await proposal()).toEqual({ exercise: EXERCISE, nodes: [], steps: [] });
    const since = await lastAuditSeq();
    const running = await t.app.inject({
      method: 'POST',
      url: apply,
      payload: { steps: [{ plan: PLAN, step: 'promote-core-db' }] },
    });
    expect(running.statusCode, running.body).toBe(409);
    expect(body<{ detail: string }>(running).detail).toContain('is running');
    expect(await lastAuditSeq()).toBe(since);

    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/exercises/ex-nowhere/calibration' });
    expect(unknown.statusCode).toBe(404);
    expect(body<{ detail: string }>(unknown).detail).toBe('No Exercise has the id "ex-nowhere"');
  });
  it('writes nothing at all when one of several changes in the transaction is refused', async () => {
    const since = await lastAuditSeq();
    const catalog = createCatalogService({ database: t.database, now: () => new Date() });
    const withRestart = (document: CatalogDocument, restart: string) =>
      ({ ...document, spec: { ...document.spec, restart } }) as CatalogDocument;
    await expect(
      catalog.updateEach(
        [
          { kind: 'Service', id: 'card-payments', change: (d) => withRestart(d, '5m') },
          // Not a duration: refused by the Service schema after the first change was written.
          { kind: 'Service', id: 'core-banking', change: (d) => withRestart(d, 'soon') },
        ],
        emailOf('manager'),
      ),
    ).rejects.toThrow(/restart/);
    expect((await get<Document>('/api/v1/services/card-payments')).spec.restart).toBeUndefined();
    expect(await lastAuditSeq()).toBe(since);
  });
});
