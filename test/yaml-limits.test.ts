import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../src/catalog/kinds.ts';
import { aliasAmplifiedCatalog, manyAliases } from '../src/catalog/yaml/testing/hostile-yaml.ts';
import { runCli } from './support/cli.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const YAML = { 'content-type': 'application/yaml' };
const site = `apiVersion: lifeboat/v1\nkind: Site\nmetadata:\n  id: dc-existing\nspec:\n  type: office\n`;
const REFUSAL = /YAML alias \*s: the file's aliases would add more than 1,000,000 values and characters/;

/** The ids of every document of the catalog, by kind, to show an import changed nothing. */
async function catalogIds(t: TestApp): Promise<Record<string, string[]>> {
  const ids: Record<string, string[]> = {};
  for (const plural of ['sites', 'components', 'services']) {
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/${plural}?limit=500` });
    ids[plural] = body<{ items: { metadata: { id: string } }[] }>(listed).items.map(
      (item) => item.metadata.id,
    );
  }
  return ids;
}

describeEachDatabase('a small YAML body that would expand enormously', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    const seeded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: YAML,
      payload: site,
    });
    expect(seeded.statusCode).toBe(200);
  });
  afterEach(async () => {
    await t.close();
  });

  for (const jsonKeys of [false, true]) {
    const style = jsonKeys ? '{"anyOf":*s}' : 'anyOf: *s';
    it(`refuses a catalog whose aliases (${style}) expand to a million references with 422, and writes nothing`, async () => {
      const before = await catalogIds(t);
      for (const query of ['?dryRun=true', '']) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/catalog/import${query}`,
          headers: YAML,
          payload: aliasAmplifiedCatalog({ jsonKeys }),
        });
        expect(response.statusCode).toBe(422);
        expect(response.headers['content-type']).toContain('application/problem+json');
        const problem = body<{ detail: string; errors: { line: number; message: string }[] }>(response);
        expect(problem.detail).toMatch(
          /^The catalog has 1 error\(s\); nothing was written: request\.yaml:\d+:\d+: /,
        );
        expect(problem.detail).toMatch(REFUSAL);
        expect(problem.errors).toHaveLength(1);
        expect(problem.errors[0]?.line).toBeGreaterThan(2000);
      }
      expect(await catalogIds(t)).toEqual(before);
    });
  }

  it('answers a body of many small aliases with its findings instead of working for minutes', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: YAML,
      payload: manyAliases(140_000),
    });
    expect(response.statusCode).toBe(422);
    expect(body<{ detail: string }>(response).detail).toMatch(
      /request\.yaml:1:1: error: missing required field kind/,
    );
    expect(await catalogIds(t)).toEqual({ sites: ['dc-existing'], components: [], services: [] });
  });
});

describeEachDatabase('a small YAML body nested thousands of levels deep', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers 422 each time and keeps serving (a second deep body once aborted the process)', async () => {
    for (const depth of [1_000, 5_000, 5_000]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/catalog/import',
        headers: YAML,
        payload: `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      });
      expect(response.statusCode).toBe(422);
      expect(body<{ detail: string }>(response).detail).toContain(
        'request.yaml:1:103: error: YAML: lists and maps nest deeper than 100 levels here',
      );
    }
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('lifeboat check on a file whose aliases would expand enormously', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-yaml-limits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with file:line:column: error: naming the alias, for either way of writing it', async () => {
    for (const jsonKeys of [false, true]) {
      const text = aliasAmplifiedCatalog({ jsonKeys });
      const file = join(dir, jsonKeys ? 'json-keys.yaml' : 'amplified.yaml');
      writeFileSync(file, text);
      const run = await runCli(['check', file]);
      expect(run.code).toBe(1);
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const [, line, column] = /^.+?:(\d+):(\d+): error: /.exec(lines[0] ?? '') ?? [];
      expect(lines[0]).toMatch(REFUSAL);
      expect(lines[0]?.startsWith(`${file}:${line}:${column}: error: YAML alias *s`)).toBe(true);
      // The position is the alias itself.
      expect(text.split('\n')[Number(line) - 1]?.slice(Number(column) - 1)).toMatch(/^\*s/);
      expect(run.stderr).toContain('1 error');
    }
  });

  it('checks a file of many small aliases and reports its findings', async () => {
    const file = join(dir, 'many.yaml');
    writeFileSync(file, manyAliases(140_000));
    const run = await runCli(['check', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `${file}:1:1: error: missing required field kind (expected one of: ${KIND_NAMES.join(', ')})\n`,
    );
  });
});
