import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { CatalogDocument } from '../src/catalog/kinds.ts';
import { EXAMPLE_CATALOG } from '../src/cli/catalog-source.ts';
import { EXPORT_FILES, withoutServerMetadata } from '../src/cli/export.command.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { createImportService } from '../src/server/services/import.service.ts';
import { runCli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The documents a database holds, without what the server keeps (version and times). */
async function storedDocuments(file: string): Promise<CatalogDocument[]> {
  const database = await openDatabase({ dialect: 'sqlite', file });
  try {
    const documents = await createImportService({ database, now: () => new Date() }).exportDocuments();
    return documents.map(withoutServerMetadata);
  } finally {
    await database.close();
  }
}

/** Every file of a folder by name, with its bytes. */
function folderBytes(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(join(folder, name))]),
  );
}

it('round-trips the example: export, import --prune with zero changes, export again gives the same bytes', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'round-trip.db') };
  const imported = await runCli(['import', EXAMPLE_CATALOG], env);
  expect(imported.code).toBe(0);
  const created = Number(/^created (\d+),/.exec(imported.stdout)?.[1]);

  const first = join(dir, 'export-a');
  const exported = await runCli(['export', first], env);
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  expect(exported.stdout).toBe(
    `exported ${created} documents into ${EXPORT_FILES.length} files in ${first}\n`,
  );
  expect([...folderBytes(first).keys()]).toEqual([...EXPORT_FILES].sort());

  const again = await runCli(['import', first, '--prune'], env);
  expect(again.stdout).toBe(`created 0, updated 0, unchanged ${created}, deleted 0\n`);

  const second = join(dir, 'export-b');
  expect((await runCli(['export', second], env)).code).toBe(0);
  expect(folderBytes(second)).toEqual(folderBytes(first));
});

it('reproduces every document exactly when an export is imported into an empty database', async () => {
  const original = { LIFEBOAT_DB: join(dir, 'original.db') };
  await runCli(['import', EXAMPLE_CATALOG], original);
  const folder = join(dir, 'export-copy');
  await runCli(['export', folder], original);

  const copy = { LIFEBOAT_DB: join(dir, 'copy.db') };
  const imported = await runCli(['import', folder], copy);
  expect(imported.code).toBe(0);
  const before = await storedDocuments(original.LIFEBOAT_DB);
  expect(before.length).toBeGreaterThan(100);
  expect(await storedDocuments(copy.LIFEBOAT_DB)).toEqual(before);
});

it('prints the files concatenated in catalog order with export -, without server metadata', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'stdout.db') };
  await runCli(['import', EXAMPLE_CATALOG], env);
  const folder = join(dir, 'export-stdout');
  await runCli(['export', folder], env);

  const streamed = await runCli(['export', '-'], env);
  expect(streamed.code).toBe(0);
  expect(streamed.stderr).toBe('');
  // Kinds in catalog order (the order of EXPORT_FILES), one `---` between documents.
  const files = EXPORT_FILES.map((name) => readFileSync(join(folder, name), 'utf8'));
  expect(streamed.stdout).toBe(files.join('---\n'));
  expect(streamed.stdout).not.toMatch(/^\s+(version|createdAt|updatedAt):/m);
});

it('refuses with exit 2 a folder holding files export does not write, and writes beside them with --force', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'force.db') };
  await runCli(['import', EXAMPLE_CATALOG], env);
  const folder = join(dir, 'hand-written');
  mkdirSync(folder);
  writeFileSync(join(folder, 'notes.md'), 'keep me\n');

  const refused = await runCli(['export', folder], env);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toBe(
    `lifeboat export: error: ${folder} already holds files export does not write (notes.md); export into a new or empty folder, or pass --force to write beside them\n`,
  );
  expect(readdirSync(folder)).toEqual(['notes.md']);

  const forced = await runCli(['export', folder, '--force'], env);
  expect(forced.code).toBe(0);
  expect(readdirSync(folder).sort()).toEqual([...EXPORT_FILES, 'notes.md'].sort());
  expect(readFileSync(join(folder, 'notes.md'), 'utf8')).toBe('keep me\n');
});

it('removes the file of a kind the catalog no longer holds, so the folder imports back to the same catalog', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'shrink.db') };
  await runCli(['import', EXAMPLE_CATALOG], env);
  const folder = join(dir, 'export-shrink');
  await runCli(['export', folder], env);
  expect(existsSync(join(folder, 'services.yaml'))).toBe(true);

  // Prune the catalog down to one site: five kinds are left with no document.
  const lone = join(dir, 'lone-site.yaml');
  writeFileSync(lone, 'apiVersion: lifeboat/v1\nkind: Site\nmetadata:\n  id: lone\nspec:\n  type: office\n');
  expect((await runCli(['import', lone, '--prune'], env)).code).toBe(0);

  expect((await runCli(['export', folder], env)).code).toBe(0);
  expect(readdirSync(folder)).toEqual(['sites.yaml']);
  expect(readFileSync(join(folder, 'sites.yaml'), 'utf8')).toBe(readFileSync(lone, 'utf8'));
});

it('says what is wrong with exit 2 when the target is a file, not a folder', async () => {
  const env = { LIFEBOAT_DB: join(dir, 'file-target.db') };
  const target = join(dir, 'a-file.yaml');
  writeFileSync(target, '');
  const result = await runCli(['export', target], env);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(
    `lifeboat export: error: ${target}: not a folder; give a folder to write into, or - for stdout\n`,
  );
});
