import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { KIND_NAMES, KINDS } from '../catalog/kinds.ts';
import type { CatalogDocument, Kind } from '../catalog/kinds.ts';
import { catalogYamlChunks } from '../catalog/yaml/write.ts';
import { createImportService } from '../server/services/import.service.ts';
import { exportDoraCommand } from './export-dora.command.ts';
import { openCommandDatabase } from './import.command.ts';
import { fail } from './output.ts';
import { createProgress } from './progress.ts';

/** The files `lifeboat export <dir>` may write, one per kind: only these may already be in the folder. */
export const EXPORT_FILES: readonly string[] = KIND_NAMES.map((kind) => `${KINDS[kind].plural}.yaml`);

/**
 * A stored document as the catalog files hold it: `version`, `createdAt` and `updatedAt` belong to the server
 * (an import ignores them), so exporting them would only make every export differ from the last.
 */
export function withoutServerMetadata(document: CatalogDocument): CatalogDocument {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...metadata } = document.metadata;
  return { ...document, metadata };
}

/** Writes text to a stream, waiting when its buffer is full so 100k documents do not pile up in memory. */
function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(text, (error) => {
      if (error) reject(error);
    });
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

/** The folder's entries export would not write, or undefined when the folder does not exist yet. */
async function foreignEntries(dir: string): Promise<string[] | undefined> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    return undefined;
  }
  if (!info.isDirectory())
    fail('export', `${dir}: not a folder; give a folder to write into, or - for stdout`, 2);
  return (await readdir(dir)).filter((name) => !EXPORT_FILES.includes(name)).sort();
}

/** Groups documents by kind, in catalog order. */
function byKind(documents: readonly CatalogDocument[]): Map<Kind, CatalogDocument[]> {
  const groups = new Map<Kind, CatalogDocument[]>(KIND_NAMES.map((kind) => [kind, []]));
  for (const document of documents) groups.get(document.kind)?.push(document);
  return groups;
}

async function exportToFolder(dir: string, documents: CatalogDocument[], force: boolean): Promise<void> {
  const others = await foreignEntries(dir);
  if (others && others.length > 0 && !force) {
    const shown =
      others.slice(0, 5).join(', ') + (others.length > 5 ? `, and ${others.length - 5} more` : '');
    fail(
      'export',
      `${dir} already holds files export does not write (${shown}); export into a new or empty folder, or pass --force to write beside them`,
      2,
    );
  }
  await mkdir(dir, { recursive: true });
  const progress = createProgress('exporting');
  let done = 0;
  let written = 0;
  try {
    for (const [kind, ofKind] of byKind(documents)) {
      const file = path.join(dir, `${KINDS[kind].plural}.yaml`);
      if (ofKind.length === 0) {
        // A kind the catalog no longer holds: its file from an earlier export would bring it back on import.
        await rm(file, { force: true });
        continue;
      }
      const chunks: string[] = [];
      for (const chunk of catalogYamlChunks(ofKind)) {
        chunks.push(chunk);
        progress.update(++done, documents.length);
      }
      await writeFile(file, chunks.join(''));
      written += 1;
    }
  } finally {
    progress.done();
  }
  process.stdout.write(
    `exported ${documents.length} document${documents.length === 1 ? '' : 's'} into ${written} file${written === 1 ? '' : 's'} in ${dir}\n`,
  );
}

async function exportToStdout(documents: CatalogDocument[]): Promise<void> {
  // A reader that stops early (`lifeboat export - | head`) closes the pipe: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    fail('export', `cannot write to stdout: ${error.message}`, 1);
  });
  const progress = createProgress('exporting');
  let done = 0;
  try {
    for (const chunk of catalogYamlChunks(documents)) {
      await writeChunk(process.stdout, chunk);
      progress.update(++done, documents.length);
    }
  } finally {
    progress.done();
  }
}

/** `lifeboat export <dir|-> [--force]`: the database's catalog as YAML, one file per kind or one stream. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'write the catalog held in the database as YAML: one file per kind (services.yaml, components.yaml, ...) ' +
        'into <dir>, or one stream to stdout with -; kinds in catalog order, documents by id, so the same catalog ' +
        'always gives the same bytes (metadata version, createdAt and updatedAt stay in the database)',
    )
    .argument('<dir>', 'a folder to write into (created if missing), or - for stdout')
    .option('--force', 'write into a folder that holds other files too (they are left as they are)')
    .action(async (target: string, flags: { force?: boolean }) => {
      const database = await openCommandDatabase('export');
      let documents: CatalogDocument[];
      try {
        documents = (await createImportService({ database, now: () => new Date() }).exportDocuments()).map(
          withoutServerMetadata,
        );
      } finally {
        await database.close();
      }
      try {
        if (target === '-') await exportToStdout(documents);
        else await exportToFolder(target, documents, flags.force === true);
      } catch (error) {
        fail(
          'export',
          `cannot write ${target}: ${error instanceof Error ? error.message : String(error)}`,
          1,
        );
      }
    })
    .addCommand(exportDoraCommand());
}
