import type { Command } from 'commander';
import type { CatalogDocument, DocumentOf } from '../catalog/kinds.ts';
import { databaseConfigFromEnv } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import type { LifeboatDatabase } from '../server/db/database.ts';
import { createDocumentRepository } from '../server/repositories/document.repository.ts';
import { createAssessmentService } from '../server/services/assessment.service.ts';
import { rowToDocument } from '../server/services/document-mapping.ts';
import { CatalogError } from '../server/services/errors.ts';
import { createImportService } from '../server/services/import.service.ts';
import type { ImportResult } from '../server/services/import.service.ts';
import { EXAMPLE_CATALOG, loadCheckedCatalog } from './catalog-source.ts';
import { fail } from './output.ts';
import { createProgress } from './progress.ts';

/** `created 3, updated 1, unchanged 40, deleted 0` */
export function formatImportResult(result: ImportResult): string {
  const counts = `created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, deleted ${result.deleted}`;
  return result.dryRun ? `${counts} (dry run: nothing was written)` : counts;
}

/**
 * Imports documents `loadCheckedCatalog` accepted into the database the environment names, with a progress bar
 * on a terminal; they are not validated a second time.
 */
async function importInto(
  command: string,
  database: LifeboatDatabase,
  documents: CatalogDocument[],
  options: { prune?: boolean; dryRun?: boolean; actor: string },
): Promise<ImportResult> {
  const progress = createProgress('importing');
  try {
    return await createImportService({ database, now: () => new Date() }).importDocuments(documents, {
      ...options,
      validated: true,
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (error) {
    if (error instanceof CatalogError) fail(command, error.detail, 1);
    throw error;
  } finally {
    progress.done();
  }
}

/** Opens the database the environment names, or exits 1 saying why. */
export async function openCommandDatabase(command: string): Promise<LifeboatDatabase> {
  try {
    return await openDatabase(databaseConfigFromEnv());
  } catch (error) {
    fail(command, `cannot open the database: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
}

/**
 * Approves the example organisation's impact assessments, as `lifeboat demo`, through the ordinary approval: they
 * are the outcome of its 2026 BIA round, so the analyses cost its scenarios from the start. Its plans stay drafts.
 */
async function approveExampleAssessments(
  database: LifeboatDatabase,
  documents: CatalogDocument[],
): Promise<void> {
  const assessments = createAssessmentService({ database, now: () => new Date() });
  const ids = documents.filter((document) => document.kind === 'ImpactAssessment').map((d) => d.metadata.id);
  const rows = await createDocumentRepository(database.db).getMany(ids);
  const views = await assessments.views(
    rows.map((row) => rowToDocument(row) as DocumentOf<'ImpactAssessment'>),
  );
  for (const view of views) {
    if (view.spec.status !== 'approved')
      await assessments.approve(view.metadata.id, 'lifeboat demo', view.metadata.version);
  }
}

/** Loads the example organisation into an empty database; undefined when the catalog already holds documents. */
export async function loadExampleIfEmpty(database: LifeboatDatabase): Promise<ImportResult | undefined> {
  const importer = createImportService({ database, now: () => new Date() });
  if (!(await importer.isEmpty())) return undefined;
  const documents = await loadCheckedCatalog('demo', EXAMPLE_CATALOG);
  const result = await importer.importDocuments(documents, { actor: 'lifeboat demo', validated: true });
  await approveExampleAssessments(database, documents);
  return result;
}

/** `lifeboat import <catalog> [--prune] [--dry-run]` and `lifeboat demo`. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'load a catalog file or folder into the database, in one transaction (refused on any check error)',
    )
    .argument('<catalog>', 'a catalog file or folder')
    .option('--prune', 'delete documents the catalog no longer holds')
    .option('--dry-run', 'check and count the changes, write nothing')
    .action(async (catalogPath: string, flags: { prune?: boolean; dryRun?: boolean }) => {
      const documents = await loadCheckedCatalog('import', catalogPath);
      const database = await openCommandDatabase('import');
      try {
        const result = await importInto('import', database, documents, {
          actor: 'lifeboat import',
          ...(flags.prune !== undefined && { prune: flags.prune }),
          ...(flags.dryRun !== undefined && { dryRun: flags.dryRun }),
        });
        process.stdout.write(`${formatImportResult(result)}\n`);
      } finally {
        await database.close();
      }
    });

  program
    .command('demo')
    .description('load the example organisation (Northbank) into the database')
    .action(async () => {
      const documents = await loadCheckedCatalog('demo', EXAMPLE_CATALOG);
      const database = await openCommandDatabase('demo');
      try {
        const result = await importInto('demo', database, documents, { actor: 'lifeboat demo' });
        await approveExampleAssessments(database, documents);
        process.stdout.write(`${formatImportResult(result)}\n`);
      } finally {
        await database.close();
      }
    });
}
