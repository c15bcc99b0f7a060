// The BIA workflow on a real database: a service owner fills in and submits the assessment of their service, a
// manager returns it with a comment or approves it (a frozen version), and the campaign's progress follows.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { approvedAssessments } from '../src/server/services/assessment-versions.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp, TestClient } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

type Doc = {
  apiVersion: string;
  kind: string;
  metadata: { id: string; version: number; labels?: Record<string, string> };
  spec: Record<string, unknown>;
};
type Progress = {
  campaign: string;
  services: {
    id: string;
    name: string;
    tier: number;
    owner: string | null;
    state: string;
    assessment: string | null;
  }[];
  counts: Record<string, number>;
};
type History = { items: { action: string; actor: string; at: string; comment?: string; version?: number }[] };

function doc(kind: string, id: string, spec: Record<string, unknown>, labels?: Record<string, string>) {
  return { apiVersion: 'lifeboat/v1', kind, metadata: { id, ...(labels && { labels }) }, spec };
}

/** The example organisation of these tests: owner@example.org is Person "olive", a member of team "ops". */
const SETUP = [
  doc('Team', 'ops', {}),
  doc('Team', 'finance', {}),
  doc('Person', 'olive', { email: 'owner@example.org', team: 'ops' }),
  doc('Person', 'fred', { email: 'fred@example.org', team: 'finance' }),
  doc('Service', 'payments', { type: 'business', tier: 1, owner: 'ops' }),
  doc('Service', 'ledger', { type: 'business', tier: 1, owner: 'finance' }),
  doc('Service', 'hr-portal', { type: 'it', tier: 3, owner: 'olive' }),
  doc('Campaign', 'bia-2026', {
    title: '2026 business impact analysis',
    services: { tiers: [1] },
    opens: '2026-01-12',
    due: '2026-03-31',
  }),
];

const IMPACTS = { financial: { '1h': 1, '4h': 2, '1d': 4 }, customers: { '1h': 2, '4h': 3, '1d': 4 } };

function assessment(id: string, service: string, extra: Record<string, unknown> = {}) {
  return doc('ImpactAssessment', id, {
    service,
    assessedBy: 'olive',
    assessedOn: '2026-02-02',
    impacts: IMPACTS,
    loss: { '1h': 1000, '4h': 8000, '1d': 50_000 },
    ...extra,
  });
}

const BIA = '/api/v1/assessments/bia-payments';

describeEachDatabase('assessment workflow', (dialect) => {
  let t: TestApp;
  let owner: TestClient;
  let manager: TestClient;
  // A clock that moves on a second at each reading, so each step has its own time.
  let tick = 0;
  beforeEach(async () => {
    tick = 0;
    t = await createTestApp(dialect, {
      now: () => new Date(Date.parse('2026-02-02T09:00:00Z') + 1000 * tick++),
    });
    owner = t.as('owner');
    manager = t.as('manager');
    for (const document of SETUP) {
      const plural = { Team: 'teams', Person: 'people', Service: 'services', Campaign: 'campaigns' }[
        document.kind
      ]!;
      const created = await t.app.inject({ method: 'POST', url: `/api/v1/${plural}`, payload: document });
      expect(created.statusCode, created.body).toBe(201);
    }
  });
  afterEach(async () => {
    await t.close();
  });

  async function read(client: TestClient = owner): Promise<Doc> {
    const response = await client.inject({ method: 'GET', url: BIA });
    expect(response.statusCode, response.body).toBe(200);
    return body<Doc>(response);
  }

  async function step(client: TestClient, action: string, version: number, payload?: object) {
    return client.inject({
      method: 'POST',
      url: `${BIA}/${action}`,
      headers: { 'if-match': `"${version}"` },
      ...(payload && { payload }),
    });
  }

  async function edit(client: TestClient, change: (spec: Record<string, unknown>) => void) {
    const current = await read(client);
    change(current.spec);
    const put = await client.inject({ method: 'PUT', url: BIA, payload: current });
    expect(put.statusCode, put.body).toBe(200);
    return body<Doc>(put);
  }

  async function progress(): Promise<Progress> {
    const response = await t
      .as('viewer')
      .inject({ method: 'GET', url: '/api/v1/campaigns/bia-2026/progress' });
    expect(response.statusCode, response.body).toBe(200);
    return body<Progress>(response);
  }

  const stateOf = async (service: string) => (await progress()).services.find((s) => s.id === service)?.state;

  it('takes an assessment from an owner through a return, a resubmission and approvals, keeping each version', async () => {
    // The campaign asks for both tier 1 services; nothing is assessed yet.
    expect(await progress()).toEqual({
      campaign: 'bia-2026',
      services: [
        { id: 'ledger', name: 'ledger', tier: 1, owner: 'finance', state: 'not-started', assessment: null },
        { id: 'payments', name: 'payments', tier: 1, owner: 'ops', state: 'not-started', assessment: null },
      ],
      counts: { 'not-started': 2, draft: 0, submitted: 0, approved: 0 },
    });
    const requested = await owner.inject({ method: 'GET', url: '/api/v1/assessments/requested' });
    expect(body(requested)).toEqual({
      items: [
        {
          campaign: 'bia-2026',
          service: 'payments',
          state: 'not-started',
          due: '2026-03-31',
          assessment: null,
        },
      ],
    });

    // The owner fills in the assessment of their team's service: a draft.
    const created = await owner.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      payload: assessment('bia-payments', 'payments', { notes: 'first answers' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(body<Doc>(created).spec.status).toBe('draft');
    expect(await stateOf('payments')).toBe('draft');

    // Viewers and auditors cannot submit it, and the owner must name the version reviewed.
    for (const role of ['viewer', 'auditor'] as const)
      expect((await step(t.as(role), 'submit', 1)).statusCode).toBe(403);
    const unversioned = await owner.inject({ method: 'POST', url: `${BIA}/submit` });
    expect(unversioned.statusCode).toBe(428);
    expect(unversioned.headers['content-type']).toContain('application/problem+json');
    expect((await step(owner, 'submit', 7)).statusCode).toBe(409);

    const submitted = await step(owner, 'submit', 1);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(body<Doc>(submitted).spec.status).toBe('submitted');
    expect((await read()).spec.status).toBe('submitted');
    expect(await stateOf('payments')).toBe('submitted');

    // The owner cannot approve or return it.
    expect((await step(owner, 'approve', 2)).statusCode).toBe(403);
    expect((await step(owner, 'return', 2, { comment: 'fine' })).statusCode).toBe(403);

    // The manager returns it, and must say why.
    const silent = await step(manager, 'return', 2, {});
    expect(silent.statusCode).toBe(400);
    const returned = await step(manager, 'return', 2, { comment: 'The loss after a day looks low.' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(body<Doc>(returned).spec.status).toBe('draft');
    expect(await stateOf('payments')).toBe('draft');

    // The owner reads the comment.
    const history = body<History>(await owner.inject({ method: 'GET', url: `${BIA}/history` }));
    expect(history.items.map(({ action, actor, comment }) => ({ action, actor, comment }))).toEqual([
      { action: 'submitted', actor: 'owner@example.org (token test)', comment: undefined },
      {
        action: 'returned',
        actor: 'manager@example.org (token test)',
        comment: 'The loss after a day looks low.',
      },
    ]);

    // The owner edits and submits again; the manager approves version 1.
    const fixed = await edit(owner, (spec) => {
      spec.loss = { '1h': 1000, '4h': 8000, '1d': 120_000 };
    });
    expect(fixed.spec.status).toBe('draft');
    expect((await step(owner, 'submit', fixed.metadata.version)).statusCode).toBe(200);
    const approved = await step(manager, 'approve', fixed.metadata.version + 1);
    expect(approved.statusCode, approved.body).toBe(200);
    const approval = body<{ document: Doc; version: { number: number; approvedBy: string } }>(approved);
    expect(approval.version).toMatchObject({ number: 1, approvedBy: 'manager@example.org (token test)' });
    expect((await read()).spec).toMatchObject({
      status: 'approved',
      approvedBy: 'manager@example.org (token test)',
    });
    expect(await stateOf('payments')).toBe('approved');
    const afterApproval = body<{ items: unknown[] }>(
      await owner.inject({ method: 'GET', url: '/api/v1/assessments/requested' }),
    );
    expect(afterApproval.items).toEqual([]);

    // A later edit makes it a draft; the analyses still count the approved version, not the draft.
    await edit(owner, (spec) => {
      spec.notes = 'second thoughts';
    });
    expect((await read()).spec.status).toBe('draft');
    expect(await stateOf('payments')).toBe('draft');
    const counted = await approvedAssessments(t.database);
    expect(
      counted.map((document) => [document.metadata.id, document.spec.notes, document.spec.loss]),
    ).toEqual([['bia-payments', 'first answers', { '1h': 1000, '4h': 8000, '1d': 120_000 }]]);

    // Approved again straight away by the manager: version 2. Both versions are kept and readable.
    const again = await step(manager, 'approve', (await read()).metadata.version);
    expect(body<{ version: { number: number } }>(again).version.number).toBe(2);
    const versions = body<{ items: { number: number }[] }>(
      await owner.inject({ method: 'GET', url: `${BIA}/versions` }),
    );
    expect(versions.items.map((version) => version.number)).toEqual([1, 2]);
    const first = body<{ document: Doc }>(await owner.inject({ method: 'GET', url: `${BIA}/versions/1` }));
    expect(first.document.spec.notes).toBe('first answers');
    const second = body<{ document: Doc }>(await owner.inject({ method: 'GET', url: `${BIA}/versions/2` }));
    expect(second.document.spec.notes).toBe('second thoughts');
    expect((await approvedAssessments(t.database))[0]?.spec.notes).toBe('second thoughts');
    const full = body<History>(await owner.inject({ method: 'GET', url: `${BIA}/history` }));
    expect(full.items.map((item) => [item.action, item.version])).toEqual([
      ['submitted', undefined],
      ['returned', undefined],
      ['submitted', undefined],
      ['approved', 1],
      ['approved', 2],
    ]);
  });

  it("refuses an owner's assessment of another team's service with 403, and stores nothing", async () => {
    const refused = await owner.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      payload: assessment('bia-ledger', 'ledger'),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(body<{ detail: string }>(refused).detail).toContain('"finance"');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/assessments/bia-ledger' })).statusCode).toBe(
      404,
    );

    // Nor may the owner move their own assessment to that service, edit or delete one a manager wrote of it.
    expect(
      (
        await owner.inject({
          method: 'POST',
          url: '/api/v1/assessments',
          payload: assessment('bia-payments', 'payments'),
        })
      ).statusCode,
    ).toBe(201);
    const moved = await owner.inject({
      method: 'PUT',
      url: BIA,
      payload: { ...assessment('bia-payments', 'ledger'), metadata: { id: 'bia-payments', version: 1 } },
    });
    expect(moved.statusCode).toBe(403);
    expect((await read()).spec.service).toBe('payments');
    const written = await manager.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      payload: assessment('bia-ledger', 'ledger'),
    });
    expect(written.statusCode).toBe(201);
    expect((await owner.inject({ method: 'DELETE', url: '/api/v1/assessments/bia-ledger' })).statusCode).toBe(
      403,
    );
    expect(
      (
        await owner.inject({
          method: 'POST',
          url: '/api/v1/assessments/bia-ledger/submit',
          headers: { 'if-match': '"1"' },
        })
      ).statusCode,
    ).toBe(403);
    // The owner's own service (owned by their Person, not a team) is theirs to assess.
    const own = await owner.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      payload: assessment('bia-hr', 'hr-portal'),
    });
    expect(own.statusCode, own.body).toBe(201);
  });

  it('ignores an approval claimed by a PUT or an import: only the approve route freezes a version', async () => {
    const forged = {
      status: 'approved',
      approvedBy: 'mallory@example.org',
      approvedAt: '2026-01-01T00:00:00Z',
    };
    const created = await owner.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      payload: assessment('bia-payments', 'payments', forged),
    });
    expect(body<Doc>(created).spec).toMatchObject({ status: 'draft' });
    expect(body<Doc>(created).spec.approvedBy).toBeUndefined();
    const claimed = await edit(owner, (spec) => Object.assign(spec, forged, { status: 'submitted' }));
    expect(claimed.spec.status).toBe('draft');

    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      payload: [...SETUP, assessment('bia-payments', 'payments', { ...forged, notes: 'imported' })]
        .map((document) => JSON.stringify(document))
        .join('\n---\n'),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const read1 = await read();
    expect(read1.spec).toMatchObject({ status: 'draft', notes: 'imported' });
    expect(read1.spec.approvedBy).toBeUndefined();
    const byId = body<Doc>(await t.app.inject({ method: 'GET', url: '/api/v1/documents/bia-payments' }));
    expect(byId.spec.status).toBe('draft');
    const listed = body<{ items: Doc[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/assessments' }));
    expect(listed.items.map((item) => item.spec.status)).toEqual(['draft']);
    expect(
      body<{ items: unknown[] }>(await t.app.inject({ method: 'GET', url: `${BIA}/versions` })).items,
    ).toEqual([]);
    expect(await approvedAssessments(t.database)).toEqual([]);
  });

  it('keeps an approval through a label change, and answers a stale approval with 409 and the current status', async () => {
    await owner.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      payload: assessment('bia-payments', 'payments'),
    });
    const stale = await step(manager, 'approve', 5);
    expect(stale.statusCode).toBe(409);
    expect(body<{ current: Doc }>(stale).current.spec.status).toBe('draft');
    expect((await step(manager, 'approve', 1)).statusCode).toBe(200);
    const labelled = await read();
    labelled.metadata.labels = { reviewed: 'yes' };
    const put = await owner.inject({ method: 'PUT', url: BIA, payload: labelled });
    expect(body<Doc>(put).spec.status).toBe('approved');
    // Submitting an approved assessment, or returning one not submitted, is refused with a reason.
    const resubmit = await step(owner, 'submit', body<Doc>(put).metadata.version);
    expect(resubmit.statusCode).toBe(400);
    expect(body<{ detail: string }>(resubmit).detail).toContain('approved');
    const back = await step(manager, 'return', body<Doc>(put).metadata.version, { comment: 'no' });
    expect(back.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/assessments/nope/history' })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/nope/progress' })).statusCode).toBe(
      404,
    );
  });
});
