import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, seedFixtures, body } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { FIXTURES, collection } from './support/fixtures.ts';
import { describeEachDatabase } from './support/test-databases.ts';

type Doc = { metadata: { version: number }; spec: Record<string, unknown> };

describeEachDatabase('plans API', (dialect) => {
  // Every test gets its own database with the fixtures and one draft plan, so none depends on another's writes.
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2025-06-01T12:00:00Z') });
    await seedFixtures(t.app);
    const created = await t.app.inject({ method: 'POST', url: collection('Plan'), payload: FIXTURES.Plan });
    expect(created.statusCode).toBe(201);
  });
  afterEach(async () => {
    await t.close();
  });

  it('approves a plan, freezing version 1 with the approver, and makes an edited plan a draft again', async () => {
    const approved = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans/plan-dc-north/approve',
      headers: { 'if-match': '"1"' },
    });
    expect(approved.statusCode).toBe(200);
    const { document, version } = body<{ document: Doc; version: { number: number; approvedBy: string } }>(
      approved,
    );
    expect(document.spec).toMatchObject({ status: 'approved', approvedAt: '2025-06-01T12:00:00.000Z' });
    expect(version).toMatchObject({ number: 1 });
    expect(version.approvedBy).toContain('@');

    const edited = structuredClone(document);
    edited.spec.activation = 'Any outage of dc-north over 15 minutes.';
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/plans/plan-dc-north', payload: edited });
    expect(put.statusCode).toBe(200);
    expect(body<Doc>(put).spec).toMatchObject({
      status: 'draft',
      activation: 'Any outage of dc-north over 15 minutes.',
    });
    expect(body<Doc>(put).spec.approvedBy).toBeUndefined();

    await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans/plan-dc-north/approve',
      payload: { version: body<Doc>(put).metadata.version },
    });
    const versions = body<{ items: { number: number; checksum: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north/versions' }),
    );
    expect(versions.items.map((v) => v.number)).toEqual([1, 2]);
    const first = body<{ document: Doc }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north/versions/1' }),
    );
    // Version 1 still says what was approved then.
    expect(first.document.spec.activation).toBe(FIXTURES.Plan.spec.activation);
  });

  it('answers a PUT that writes status approved with the plan as a draft, since only approval freezes a version', async () => {
    const current = body<Doc>(await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north' }));
    const claimed = structuredClone(current);
    claimed.spec.status = 'approved';
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/plans/plan-dc-north', payload: claimed });
    expect(put.statusCode).toBe(200);
    expect(body<Doc>(put).spec.status).toBe('draft');
    const stored = body<Doc>(await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north' }));
    expect(stored.spec.status).toBe('draft');
    const versions = body<{ items: unknown[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north/versions' }),
    );
    expect(versions.items).toEqual([]);
  });

  it('answers 404 for the versions of an unknown plan and for a version that does not exist', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/plans/nope/versions' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north/versions/99' })).statusCode,
    ).toBe(404);
  });

  it("gives the scenario's recovery order with start, end and what each waits for, and the RTO breach", async () => {
    const order = body<{
      items: { id: string; startMinutes: number; endMinutes: number; waitsFor: string[] }[];
      services: { id: string; rtoBreach: boolean }[];
      stepProblems: unknown[];
    }>(await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north/recovery-order' }));
    expect(order.items.slice(0, 2)).toEqual([
      { id: 'dc-north', kind: 'Site', startMinutes: 0, endMinutes: 1440, waitsFor: [] },
      { id: 'db-primary', kind: 'Component', startMinutes: 1440, endMinutes: 1470, waitsFor: ['dc-north'] },
    ]);
    expect(order.services.find((s) => s.id === 'payments')?.rtoBreach).toBe(true);
    expect(order.stepProblems).toEqual([]);
  });

  it('lists every plan neither reviewed nor approved as due, with the reason', async () => {
    const other = structuredClone(FIXTURES.Plan) as unknown as { metadata: { id: string } };
    other.metadata.id = 'plan-unreviewed';
    expect((await t.app.inject({ method: 'POST', url: collection('Plan'), payload: other })).statusCode).toBe(
      201,
    );
    const due = body<{ items: { id: string; reasons: string[] }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/plans/due' }),
    );
    // plan-dc-north is a draft that names no review date, like the plan just added.
    expect(due.items.map((plan) => [plan.id, plan.reasons])).toEqual([
      ['plan-dc-north', ['the plan has never been reviewed']],
      ['plan-unreviewed', ['the plan has never been reviewed']],
    ]);
    // The same list through the listing's filter, as the API reference names it.
    const filtered = body(await t.app.inject({ method: 'GET', url: '/api/v1/plans?due=true' }));
    expect(filtered).toEqual(due);
  });

  it('serves the pack as a PDF and as HTML naming the plan version checksum', async () => {
    const pdf = await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north/pack?format=pdf' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const html = await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north/pack?format=html' });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Loss of the North data centre');
    expect(html.body).toMatch(/SHA-256[^<]*<\/th><td><code>[0-9a-f]{64}/);
  });

  it('lets a viewer read versions but not approve', async () => {
    expect(
      (await t.as('viewer').inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north/versions' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.as('viewer').inject({ method: 'POST', url: '/api/v1/plans/plan-dc-north/approve' }))
        .statusCode,
    ).toBe(403);
  });
});
