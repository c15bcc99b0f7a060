// GET /api/v1/exports/dora on SQLite and PostgreSQL: the example's register as a ZIP the validator accepts, who
// may fetch it, and the problems (with the document to fix) when the register would be refused.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkCatalog } from '../src/catalog/check/check-catalog.ts';
import type { CatalogDocument } from '../src/catalog/kinds.ts';
import { readCatalogSources } from '../src/catalog/yaml/read.ts';
import { readPackageZip } from '../src/dora/package-reader.ts';
import { validateRegister } from '../src/dora/validate.ts';
import { createImportService } from '../src/server/services/import.service.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const EXAMPLE = fileURLToPath(new URL('../examples/northbank', import.meta.url));
const URL_ = '/api/v1/exports/dora?referenceDate=2025-12-31';
const PROBLEMS = '/api/v1/exports/dora/problems?referenceDate=2025-12-31';

describeEachDatabase('DORA register export', (dialect) => {
  let test: TestApp;
  let example: CatalogDocument[];

  beforeAll(async () => {
    test = await createTestApp(dialect, { now: () => new Date('2026-03-15T12:00:00.000Z') });
    example = checkCatalog(await readCatalogSources(EXAMPLE)).documents.map((located) => located.document);
    await createImportService({ database: test.database, now: () => new Date() }).importDocuments(example, {
      actor: 'test',
      validated: true,
    });
  });
  afterAll(async () => {
    await test.close();
  });

  it('answers the example’s register as a ZIP named as the filing rules say, which the validator accepts', async () => {
    const response = await test.as('auditor').inject({ method: 'GET', url: URL_ });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const name = '984500NORTHBANK00026.CON_GB_DORA010100_DORA_2025-12-31_20260315120000000.zip';
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    expect(validateRegister(readPackageZip(response.rawPayload, name))).toEqual([]);
  });

  it('answers one entity’s register when asked', async () => {
    const response = await test
      .as('manager')
      .inject({ method: 'GET', url: `${URL_}&entity=635400NORTHBANKEU031` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('635400NORTHBANKEU031.IND_IE_');
  });

  it('says the example’s register is ready, without the package', async () => {
    const response = await test.as('auditor').inject({ method: 'GET', url: PROBLEMS });
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual({
      ready: true,
      zipName: '984500NORTHBANK00026.CON_GB_DORA010100_DORA_2025-12-31_20260315120000000.zip',
      problems: [],
    });
  });

  it('is refused to owners and viewers', async () => {
    for (const role of ['owner', 'viewer'] as const) {
      for (const url of [URL_, PROBLEMS]) {
        const response = await test.as(role).inject({ method: 'GET', url });
        expect(response.statusCode).toBe(403);
      }
    }
  });

  it('says what is wrong with a bad reference date or an entity out of scope', async () => {
    const date = await test.app.inject({
      method: 'GET',
      url: '/api/v1/exports/dora?referenceDate=2025-13-01',
    });
    expect(date.statusCode).toBe(400);
    expect(date.headers['content-type']).toContain('application/problem+json');
    const entity = await test.app.inject({ method: 'GET', url: `${URL_}&entity=529900STRATUSCLOUD08` });
    expect(entity.statusCode).toBe(422);
    expect(body(entity).detail).toContain("neither the organisation's LEI");
  });

  it('lists the problems and the document to fix when the register would be refused', async () => {
    const voxa = example.find((document) => document.metadata.id === 'ctr-voxa')!;
    const { annualCost: _cost, ...spec } = voxa.spec as Record<string, unknown>;
    const put = await test.app.inject({
      method: 'PUT',
      url: '/api/v1/contracts/ctr-voxa',
      payload: { ...voxa, metadata: { ...voxa.metadata, version: 1 }, spec },
    });
    expect(put.statusCode).toBe(200);
    const response = await test.as('auditor').inject({ method: 'GET', url: URL_ });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const answer = body<{ detail: string; problems: { table: string; column: string; document: unknown }[] }>(
      response,
    );
    expect(answer.detail).toContain('the register has 2 problems');
    expect(answer.problems).toContainEqual(
      expect.objectContaining({
        table: 'b_02.01.csv',
        column: 'c0050',
        document: { kind: 'Contract', id: 'ctr-voxa' },
      }),
    );
  });

  it('lists the same problems without the package, and an entity out of scope as one', async () => {
    const response = await test.as('manager').inject({ method: 'GET', url: PROBLEMS });
    expect(response.statusCode).toBe(200);
    const answer = body<{ ready: boolean; problems: { table: string; column: string; document: unknown }[] }>(
      response,
    );
    expect(answer.ready).toBe(false);
    expect(answer.problems).toHaveLength(2);
    expect(answer.problems).toContainEqual(
      expect.objectContaining({
        table: 'b_02.01.csv',
        column: 'c0050',
        document: { kind: 'Contract', id: 'ctr-voxa' },
      }),
    );
    const entity = await test.app.inject({ method: 'GET', url: `${PROBLEMS}&entity=529900STRATUSCLOUD08` });
    expect(entity.statusCode).toBe(200);
    const outOfScope = body<{ ready: boolean; zipName: null; problems: { message: string }[] }>(entity);
    expect(outOfScope.ready).toBe(false);
    expect(outOfScope.zipName).toBeNull();
    expect(outOfScope.problems[0]?.message).toContain("neither the organisation's LEI");
  });
});
