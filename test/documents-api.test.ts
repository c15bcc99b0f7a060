import { afterEach, beforeEach, expect, it } from 'vitest';
import { FIXTURE_ORDER, FIXTURES, collection } from './support/fixtures.ts';
import { body, createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

describeEachDatabase('GET /api/v1/documents/{id}', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seedFixtures(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  it.each(FIXTURE_ORDER)('answers a %s by its id alone, as its own collection does', async (kind) => {
    const id = FIXTURES[kind].metadata.id;
    const byId = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}` });
    expect(byId.statusCode).toBe(200);
    expect(body<{ kind: string }>(byId).kind).toBe(kind);
    const own = await t.app.inject({ method: 'GET', url: `${collection(kind)}/${id}` });
    expect(byId.json()).toEqual(own.json());
    expect(byId.headers.etag).toBe(own.headers.etag);
  });

  it('answers an unknown id with 404 problem+json naming the id', async () => {
    const answer = await t.app.inject({ method: 'GET', url: '/api/v1/documents/no-such-thing' });
    expect(answer.statusCode).toBe(404);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(body<{ detail: string }>(answer).detail).toContain('"no-such-thing"');
  });
});
