import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { readCatalogSources } from '../src/catalog/yaml/read.ts';
import { EXAMPLE_CATALOG } from '../src/cli/catalog-source.ts';
import { runCli } from './support/cli.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp, TestClient } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const YAML = { 'content-type': 'application/yaml' };

const site = (id: string, type = 'office') =>
  `apiVersion: lifeboat/v1\nkind: Site\nmetadata:\n  id: ${id}\nspec:\n  type: ${type}\n`;

/** The example organisation as one YAML stream, and what `lifeboat export -` prints for it. */
let exampleYaml = '';
let cliExport = '';
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-catalog-io-'));

beforeAll(async () => {
  const files = await readCatalogSources(EXAMPLE_CATALOG);
  exampleYaml = files.map((file) => file.text).join('\n---\n');
  const env = { LIFEBOAT_DB: join(dir, 'cli.db') };
  const imported = await runCli(['import', EXAMPLE_CATALOG], env);
  if (imported.code !== 0) throw new Error(`lifeboat import failed: ${imported.stderr}`);
  cliExport = (await runCli(['export', '-'], env)).stdout;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function importYaml(client: TestClient, yaml: string, query = '') {
  return client.inject({
    method: 'POST',
    url: `/api/v1/catalog/import${query}`,
    headers: YAML,
    payload: yaml,
  });
}

async function storedIds(t: TestApp): Promise<string[]> {
  const listed = await t.app.inject({ method: 'GET', url: '/api/v1/sites?limit=500' });
  return body<{ items: { metadata: { id: string } }[] }>(listed).items.map((item) => item.metadata.id);
}

describeEachDatabase('catalog import and export over HTTP', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('imports a YAML body and answers the counts lifeboat import prints; a second import changes nothing', async () => {
    const yaml = [site('a'), site('b')].join('---\n');
    const first = await importYaml(t.app, yaml);
    expect(first.statusCode).toBe(200);
    expect(body(first)).toEqual({ created: 2, updated: 0, unchanged: 0, deleted: 0, dryRun: false });
    expect(await storedIds(t)).toEqual(['a', 'b']);

    const again = await importYaml(t.app, yaml);
    expect(body(again)).toEqual({ created: 0, updated: 0, unchanged: 2, deleted: 0, dryRun: false });
  });

  it('counts without writing on dryRun=true, and deletes what the body no longer holds on prune=true', async () => {
    await importYaml(t.app, [site('a'), site('b')].join('---\n'));
    const dry = await importYaml(t.app, site('a', 'data-centre'), '?prune=true&dryRun=true');
    expect(body(dry)).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 1, dryRun: true });
    expect(await storedIds(t)).toEqual(['a', 'b']);

    const pruned = await importYaml(t.app, site('a', 'data-centre'), '?prune=true');
    expect(body(pruned)).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 1, dryRun: false });
    expect(await storedIds(t)).toEqual(['a']);
  });

  it('records the signed-in user as the actor of every imported document', async () => {
    await importYaml(t.app, site('a'));
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?kind=Site&id=a' });
    const entries = body<{ items: { actor: string; action: string }[] }>(audit).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]?.action).toBe('create');
    expect(entries[0]?.actor).toMatch(/^admin@.* \(token .*\)$/);
  });

  it('refuses a broken catalog with 422, each error at its request.yaml line and column, and writes nothing', async () => {
    const broken = [
      site('good'),
      'apiVersion: lifeboat/v1\nkind: Site\nmetadata:\n  id: dc-1\nspec:\n  recovery: 2 days\n',
      'apiVersion: lifeboat/v1\nkind: Site\nkind: Team\n',
    ].join('---\n');
    const response = await importYaml(t.app, broken);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = body<{ type: string; detail: string; errors: { message: string }[] }>(response);
    expect(problem.type).toBe('urn:lifeboat:problem:invalid-catalog');
    expect(problem.detail).toMatch(
      /^The catalog has 2 error\(s\); nothing was written: request\.yaml:13:13: /,
    );
    expect(problem.errors[0]?.message).toMatch(/^invalid duration "2 days" in spec\.recovery/);
    expect(problem.errors).toEqual([
      { file: 'request.yaml', line: 13, column: 13, message: problem.errors[0]?.message },
      {
        file: 'request.yaml',
        line: 17,
        column: 1,
        message: 'YAML syntax: map keys must be unique',
      },
    ]);
    expect(await storedIds(t)).toEqual([]);
  });

  it('refuses a JSON or plain-text body with 415 and an empty body with 400: the route reads YAML only', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'text/plain' },
      payload: site('a'),
    });
    expect(text.statusCode).toBe(415);
    const empty = await importYaml(t.app, '# nothing here\n', '?prune=true');
    expect(empty.statusCode).toBe(400);
    expect(body(empty).detail).toMatch(/holds no catalog document/);
  });

  it('refuses an import to a viewer and to an owner with 403: importing the whole catalog is for admins and managers', async () => {
    for (const role of ['viewer', 'owner'] as const) {
      const response = await importYaml(t.as(role), site('a'));
      expect(response.statusCode, role).toBe(403);
    }
    expect((await importYaml(t.as('manager'), site('m'))).statusCode).toBe(200);
    expect((await importYaml(t.as(null), site('x'))).statusCode).toBe(401);
    expect(await storedIds(t)).toEqual(['m']);
  });

  it('exports byte for byte what lifeboat export - prints for the same catalog, to any reader', async () => {
    const imported = await importYaml(t.app, exampleYaml);
    expect(imported.statusCode).toBe(200);
    expect(body<{ created: number }>(imported).created).toBeGreaterThan(100);

    const exported = await t.as('viewer').inject({ method: 'GET', url: '/api/v1/catalog/export' });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(exported.body).toBe(cliExport);

    // And the export imports back with nothing to change.
    expect(body(await importYaml(t.app, exported.body, '?prune=true'))).toMatchObject({
      created: 0,
      updated: 0,
      deleted: 0,
    });
  });

  it('refuses an export to a caller who is not signed in with 401', async () => {
    const response = await t.as(null).inject({ method: 'GET', url: '/api/v1/catalog/export' });
    expect(response.statusCode).toBe(401);
  });
});
