import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import type { PlanDocument } from '../src/plans/versions.ts';
import { createImportService } from '../src/server/services/import.service.ts';
import { createPlanService } from '../src/server/services/plan.service.ts';
import { EXAMPLE_CATALOG } from '../src/cli/catalog-source.ts';
import { runCli } from './support/cli.ts';
import { FIXTURE_ORDER, FIXTURES } from './support/fixtures.ts';
import { LIFEBOAT_BIN } from './support/server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function storedIds(file: string): Promise<string[]> {
  const database = await openDatabase({ dialect: 'sqlite', file });
  try {
    const documents = await createImportService({ database, now: () => new Date() }).exportDocuments();
    return documents.map((document) => document.metadata.id);
  } finally {
    await database.close();
  }
}

it('imports the example catalog, then reports everything unchanged on a second import', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'example.db') };
  const first = await runCli(['import', EXAMPLE_CATALOG], env);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  const created = Number(/^created (\d+), updated 0, unchanged 0, deleted 0\n$/.exec(first.stdout)?.[1]);
  expect(created).toBeGreaterThan(100);
  expect(await storedIds(env.LIFEBOAT_DB)).toHaveLength(created);

  const second = await runCli(['import', EXAMPLE_CATALOG], env);
  expect(second.stdout).toBe(`created 0, updated 0, unchanged ${created}, deleted 0\n`);
});

it('refuses a broken catalog with file:line:column errors and writes nothing', async () => {
  const catalog = join(dir, 'broken');
  mkdirSync(catalog);
  writeFileSync(
    join(catalog, 'sites.yaml'),
    [
      'apiVersion: lifeboat/v1',
      'kind: Site',
      'metadata:',
      '  id: dc-1',
      'spec:',
      '  recovery: 2 days',
      '',
    ].join('\n'),
  );
  const env = { LIFEBOAT_DB: join(dir, 'broken.db') };
  const result = await runCli(['import', catalog], env);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/sites\.yaml:6:13: error: .*duration/);
  expect(result.stderr).toContain('lifeboat import: error: the catalog has 1 error(s); nothing was written');
  expect(await storedIds(env.LIFEBOAT_DB)).toEqual([]);
});

it('counts without writing in a dry run, and prunes what a smaller catalog no longer holds', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'prune.db') };
  const catalog = join(dir, 'small.yaml');
  const site = (id: string) =>
    `apiVersion: lifeboat/v1\nkind: Site\nmetadata:\n  id: ${id}\nspec:\n  type: office\n`;
  writeFileSync(catalog, [site('a'), site('b'), site('c')].join('---\n'));
  expect((await runCli(['import', catalog, '--dry-run'], env)).stdout).toBe(
    'created 3, updated 0, unchanged 0, deleted 0 (dry run: nothing was written)\n',
  );
  expect(await storedIds(env.LIFEBOAT_DB)).toEqual([]);
  await runCli(['import', catalog], env);
  writeFileSync(catalog, site('a'));
  expect((await runCli(['import', catalog, '--prune'], env)).stdout).toBe(
    'created 0, updated 0, unchanged 1, deleted 2\n',
  );
  expect(await storedIds(env.LIFEBOAT_DB)).toEqual(['a']);
});

it('says which path is missing with exit 2', async () => {
  const result = await runCli(['import', join(dir, 'nowhere')], { LIFEBOAT_DB: join(dir, 'nowhere.db') });
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(`lifeboat import: error: ${join(dir, 'nowhere')}: no such file or directory\n`);
});

/** Runs the real command on a pseudo-terminal (util-linux `script`), as a user at a terminal would see it. */
function runOnTerminal(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, LIFEBOAT_BIN, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    execFile(
      'script',
      ['--quiet', '--return', '--command', command, '/dev/null'],
      { env: { ...process.env, ...env } },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout }),
    );
  });
}

it('shows progress bars for reading and importing on a terminal, and clears them before the result', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'terminal.db') };
  const run = await runOnTerminal(['import', EXAMPLE_CATALOG], env);
  expect(run.code).toBe(0);
  expect(run.output).toMatch(/reading \[#{30}\] 100% [\d.]+\/[\d.]+ MiB/);
  expect(run.output).toMatch(/importing \[#{30}\] 100% (\d+)\/\1/);
  // Each bar is wiped before the next line, so the result stands alone on the screen.
  // eslint-disable-next-line no-control-regex -- the terminal code that clears a line
  expect(run.output).toMatch(/\r\x1b\[2Kcreated \d+, updated 0, unchanged 0, deleted 0\r?\n/);
});

it('stores no approval a plan file claims, and an imported edit makes an approved plan a draft', async () => {
  const catalog = join(dir, 'plans');
  mkdirSync(catalog);
  const env = { LIFEBOAT_DB: join(dir, 'plans.db') };
  const forged = {
    status: 'approved',
    approvedBy: 'mallory@example.org',
    approvedAt: '2025-01-01T00:00:00Z',
  };
  const write = (spec: Record<string, unknown>) =>
    writeFileSync(
      join(catalog, 'catalog.yaml'),
      [...FIXTURE_ORDER.map((kind) => FIXTURES[kind]), { ...FIXTURES.Plan, spec }]
        .map((document) => JSON.stringify(document))
        .join('\n---\n'),
    );
  const plan = async () => {
    const database = await openDatabase({ dialect: 'sqlite', file: env.LIFEBOAT_DB });
    try {
      const service = createPlanService({ database, now: () => new Date() });
      const stored = (await createImportService({ database, now: () => new Date() }).exportDocuments()).find(
        (document) => document.kind === 'Plan',
      ) as PlanDocument;
      return { stored, view: (await service.views([stored]))[0]!, service };
    } finally {
      await database.close();
    }
  };

  write({ ...FIXTURES.Plan.spec, ...forged });
  expect((await runCli(['import', catalog], env)).code).toBe(0);
  const imported = await plan();
  expect(imported.stored.spec.approvedBy).toBeUndefined();
  expect(imported.view.spec.status).toBe('draft');

  // A manager approves it; the file, still claiming mallory's approval, then changes what the plan says.
  const database = await openDatabase({ dialect: 'sqlite', file: env.LIFEBOAT_DB });
  await createPlanService({ database, now: () => new Date() })
    .approve('plan-dc-north', 'manager@example.org', imported.stored.metadata.version)
    .finally(() => database.close());
  write({ ...FIXTURES.Plan.spec, ...forged, lastReviewed: '2025-06-01' });
  expect((await runCli(['import', catalog], env)).stdout).toMatch(/updated 1/);
  // Recording a review is not an edit: still approved, by the manager.
  expect((await plan()).view.spec).toMatchObject({ status: 'approved', approvedBy: 'manager@example.org' });
  write({ ...FIXTURES.Plan.spec, ...forged, activation: 'Any outage at all.' });
  expect((await runCli(['import', catalog], env)).code).toBe(0);
  expect((await plan()).view.spec).toMatchObject({ status: 'draft', activation: 'Any outage at all.' });
});
