// Plan approval is derived state: a plan is approved when its content is that of its latest frozen version, and
// only the approve route freezes a version. Every write path is tried with a forged approval here.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { body, createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { FIXTURE_ORDER, FIXTURES, collection, fixture } from './support/fixtures.ts';
import { describeEachDatabase } from './support/test-databases.ts';

type Doc = {
  metadata: { id: string; version: number; labels?: Record<string, string> };
  spec: Record<string, unknown>;
};

const PLAN = '/api/v1/plans/plan-dc-north';
const FORGED = { status: 'approved', approvedBy: 'mallory@example.org', approvedAt: '2025-01-01T00:00:00Z' };

describeEachDatabase('plan approval', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2025-06-01T12:00:00Z') });
    await seedFixtures(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  async function read(): Promise<Doc> {
    return body<Doc>(await t.app.inject({ method: 'GET', url: PLAN }));
  }

  async function createDraft(): Promise<Doc> {
    const created = await t.app.inject({ method: 'POST', url: collection('Plan'), payload: FIXTURES.Plan });
    expect(created.statusCode).toBe(201);
    return body<Doc>(created);
  }

  async function approve(version: number): Promise<Doc> {
    const approved = await t.app.inject({
      method: 'POST',
      url: `${PLAN}/approve`,
      headers: { 'if-match': `"${version}"` },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    return body<{ document: Doc }>(approved).document;
  }

  async function put(document: Doc) {
    return t.app.inject({ method: 'PUT', url: PLAN, payload: document });
  }

  /** Imports the fixtures and `plan` as one YAML catalog, as an export edited in a repository would come back. */
  async function importYaml(plan: unknown) {
    const documents = [...FIXTURE_ORDER.map((kind) => FIXTURES[kind]), plan];
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      // JSON is YAML: one document per `---`.
      payload: documents.map((document) => JSON.stringify(document)).join('\n---\n'),
    });
  }

  it('answers a plan created with forged approval fields as a draft, since no version was frozen', async () => {
    const forged = fixture('Plan');
    forged.spec = { ...forged.spec, ...FORGED };
    const created = await t.app.inject({ method: 'POST', url: collection('Plan'), payload: forged });
    expect(created.statusCode).toBe(201);
    expect(body<Doc>(created).spec).toMatchObject({ status: 'draft' });
    expect(body<Doc>(created).spec.approvedBy).toBeUndefined();
    expect((await read()).spec.status).toBe('draft');
    const listed = body<{ items: Doc[] }>(await t.app.inject({ method: 'GET', url: collection('Plan') }));
    expect(listed.items.map((plan) => plan.spec.status)).toEqual(['draft']);
    const versions = body<{ items: unknown[] }>(
      await t.app.inject({ method: 'GET', url: `${PLAN}/versions` }),
    );
    expect(versions.items).toEqual([]);
  });

  it('does not let an update approve a draft or name another approver of an approved plan', async () => {
    const draft = await createDraft();
    const claimed = await put({ ...draft, spec: { ...draft.spec, ...FORGED } });
    expect(claimed.statusCode).toBe(200);
    expect(body<Doc>(claimed).spec).toMatchObject({ status: 'draft' });

    const approved = await approve(body<Doc>(claimed).metadata.version);
    const approver = approved.spec.approvedBy as string;
    expect(approver).toContain('admin@example.org');
    const renamed = await put({ ...approved, spec: { ...approved.spec, approvedBy: 'mallory@example.org' } });
    expect(renamed.statusCode).toBe(200);
    // The content is what was approved, so the plan is still approved, by whoever really approved it.
    expect(body<Doc>(renamed).spec).toMatchObject({
      status: 'approved',
      approvedBy: approver,
      approvedAt: '2025-06-01T12:00:00.000Z',
    });
    expect((await read()).spec.approvedBy).toBe(approver);
  });

  it('makes an approved plan a draft when its content changes, even when the edit still says approved', async () => {
    const approved = await approve((await createDraft()).metadata.version);
    const edited = await put({ ...approved, spec: { ...approved.spec, activation: 'Any outage at all.' } });
    expect(body<Doc>(edited).spec).toMatchObject({ status: 'draft', activation: 'Any outage at all.' });
    expect(body<Doc>(edited).spec.approvedBy).toBeUndefined();
    // Putting back what was approved makes it approved again: approval is "this content was frozen".
    const restored = await put({ ...body<Doc>(edited), spec: { ...approved.spec } });
    expect(body<Doc>(restored).spec.status).toBe('approved');
  });

  it('keeps the approval when a review is recorded or a label changes, since neither edits what was approved', async () => {
    const approved = await approve((await createDraft()).metadata.version);
    const reviewed = await put({ ...approved, spec: { ...approved.spec, lastReviewed: '2025-06-01' } });
    expect(reviewed.statusCode).toBe(200);
    expect(body<Doc>(reviewed).spec).toMatchObject({ status: 'approved', lastReviewed: '2025-06-01' });
    const relabelled = body<Doc>(reviewed);
    relabelled.metadata.labels = { area: 'it' };
    expect(body<Doc>(await put(relabelled)).spec.status).toBe('approved');
    const due = body<{ items: { id: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/plans/due' }),
    );
    expect(due.items.map((plan) => plan.id)).toEqual([]);
  });

  it('shows the derived status wherever a plan is read, and the pack of a reviewed approved plan names its version', async () => {
    const approved = await approve((await createDraft()).metadata.version);
    await put({ ...approved, spec: { ...approved.spec, lastReviewed: '2025-06-01' } });
    const byId = body<Doc>(await t.app.inject({ method: 'GET', url: '/api/v1/documents/plan-dc-north' }));
    expect(byId.spec).toMatchObject({ status: 'approved', approvedBy: approved.spec.approvedBy });
    const listed = body<{ items: Doc[] }>(await t.app.inject({ method: 'GET', url: collection('Plan') }));
    expect(listed.items.map((plan) => plan.spec.status)).toEqual(['approved']);
    const pack = await t.app.inject({ method: 'GET', url: `${PLAN}/pack?format=html` });
    expect(pack.body).toContain('version 1');
    expect(pack.body).not.toContain('draft (not approved)');
  });

  it('keeps retiring a plan working, and approval comes back when it is made a draft unchanged', async () => {
    const approved = await approve((await createDraft()).metadata.version);
    const retired = await put({ ...approved, spec: { ...approved.spec, status: 'retired' } });
    expect(body<Doc>(retired).spec.status).toBe('retired');
    expect(body<Doc>(retired).spec.approvedBy).toBeUndefined();
    expect((await read()).spec.status).toBe('retired');
    const refused = await t.app.inject({
      method: 'POST',
      url: `${PLAN}/approve`,
      headers: { 'if-match': String(body<Doc>(retired).metadata.version) },
    });
    expect(refused.statusCode).toBe(400);
    const revived = await put({
      ...body<Doc>(retired),
      spec: { ...body<Doc>(retired).spec, status: 'draft' },
    });
    expect(body<Doc>(revived).spec.status).toBe('approved');
  });

  it('stores no approval an API import claims, and makes an edited approved plan a draft', async () => {
    const forged = fixture('Plan');
    forged.spec = { ...forged.spec, ...FORGED };
    const first = await importYaml(forged);
    expect(first.statusCode, first.body).toBe(200);
    expect((await read()).spec.status).toBe('draft');

    // The plan approved as it stands, then an edited copy imported that still says approved.
    const approved = await approve((await read()).metadata.version);
    const edited = { ...approved, spec: { ...approved.spec, activation: 'Any outage at all.' } };
    expect((await importYaml(edited)).statusCode).toBe(200);
    expect((await read()).spec).toMatchObject({ status: 'draft', activation: 'Any outage at all.' });
    expect((await read()).spec.approvedBy).toBeUndefined();
  });

  it('keeps the approval when an import of the plan file only records a review', async () => {
    await approve((await createDraft()).metadata.version);
    // The file in the repository says what the plan says; approval is not written in it.
    const file = fixture('Plan');
    file.spec = { ...file.spec, lastReviewed: '2025-06-01' };
    expect((await importYaml(file)).statusCode).toBe(200);
    expect((await read()).spec).toMatchObject({ status: 'approved', lastReviewed: '2025-06-01' });
  });

  it('refuses an approval that does not name the version reviewed with 428', async () => {
    await createDraft();
    const missing = await t.app.inject({ method: 'POST', url: `${PLAN}/approve` });
    expect(missing.statusCode).toBe(428);
    expect(body(missing).detail).toContain('If-Match');
    expect((await read()).spec.status).toBe('draft');
  });

  it('refuses with 409 an approval of a version the plan has moved on from, and approves the current one', async () => {
    const reviewed = await createDraft();
    // The owner changes the plan while the manager is reviewing version 1.
    const changed = await put({ ...reviewed, spec: { ...reviewed.spec, activation: 'Any outage at all.' } });
    const stale = await t.app.inject({
      method: 'POST',
      url: `${PLAN}/approve`,
      payload: { version: reviewed.metadata.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(body(stale).detail).toContain(`version ${reviewed.metadata.version}`);
    expect(body<{ current: Doc }>(stale).current.metadata.version).toBe(body<Doc>(changed).metadata.version);
    expect((await read()).spec.status).toBe('draft');
    const versions = body<{ items: unknown[] }>(
      await t.app.inject({ method: 'GET', url: `${PLAN}/versions` }),
    );
    expect(versions.items).toEqual([]);

    const current = await t.app.inject({
      method: 'POST',
      url: `${PLAN}/approve`,
      payload: { version: body<Doc>(changed).metadata.version },
    });
    expect(current.statusCode).toBe(200);
    expect(body<{ document: Doc }>(current).document.spec).toMatchObject({
      status: 'approved',
      activation: 'Any outage at all.',
    });
  });

  it('refuses an approval whose If-Match and body name different versions', async () => {
    const draft = await createDraft();
    const mixed = await t.app.inject({
      method: 'POST',
      url: `${PLAN}/approve`,
      headers: { 'if-match': `"${draft.metadata.version}"` },
      payload: { version: draft.metadata.version + 1 },
    });
    expect(mixed.statusCode).toBe(400);
  });
});
