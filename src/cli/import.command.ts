import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { convertInputs, readConvertInputs } from '../convert/index.ts';
import { CONVERT_FORMATS } from '../convert/types.ts';
import type { ConvertFormat, ConvertInput, ConvertResult } from '../convert/types.ts';
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
import { conversionErrors } from '../server/services/source-sync.ts';
import { formatProblem, formatSummary } from '../convert/summary.ts';
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
  options: { prune?: boolean; dryRun?: boolean; actor: string; source?: string },
): Promise<ImportResult> {
  const progress = createProgress('importing');
  try {
    return await createImportService({ database, now: () => new Date() }).importDocuments(documents, {
      ...options,
      // A conversion's documents are validated by the import; a checked catalog's were already.
      validated: options.source === undefined,
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (error) {
    if (error instanceof CatalogError) fail(command, error.detail, 1);
    throw error;
  } finally {
    progress.done();
  }
}

/** The options of `lifeboat import`. */
interface ImportFlags {
  from?: string;
  mapping?: string;
  prune?: boolean;
  dryRun?: boolean;
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

/**
 * Reads and converts the inputs of `import --from`, with a progress bar on a terminal. Prints every problem as
 * `file:line: error: ...` and the summary to standard error; exits 2 on a path that cannot be read, 1 on any
 * conversion error (nothing written).
 */
async function convertForImport(
  format: string,
  paths: string[],
  mappingPath: string | undefined,
): Promise<ConvertResult> {
  if (!(CONVERT_FORMATS as readonly string[]).includes(format))
    fail('import', `unknown format "${format}": expected ${CONVERT_FORMATS.join(', ')}`, 2);
  const from = format as ConvertFormat;
  let inputs: ConvertInput[];
  let mapping: ConvertInput | undefined;
  try {
    inputs = await readConvertInputs(paths, from);
    if (mappingPath !== undefined) mapping = { name: mappingPath, text: await readFile(mappingPath, 'utf8') };
  } catch (error) {
    fail('import', `cannot read the input: ${error instanceof Error ? error.message : String(error)}`, 2);
  }
  if (inputs.length === 0) fail('import', `no ${from} input file found in ${paths.join(', ')}`, 2);
  const progress = createProgress('converting');
  let conversion: ConvertResult;
  try {
    conversion = convertInputs(from, inputs, {
      ...(mapping && { mapping }),
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.done();
  }
  const lines = conversion.problems.map(formatProblem);
  lines.push(formatSummary(conversion.summary));
  process.stderr.write(`${lines.join('\n')}\n`);
  const errors = conversionErrors(conversion);
  if (errors.length > 0)
    fail('import', `the ${from} input has ${errors.length} error(s); nothing was written`, 1);
  if (conversion.documents.length === 0)
    fail('import', `the ${from} input holds no item; nothing was written`, 1);
  return conversion;
}

/** `lifeboat import <catalog> [--prune] [--dry-run]`, `lifeboat import --from <format> <inputs...>` and `lifeboat demo`. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'load a catalog file or folder into the database, in one transaction (refused on any check error)',
    )
    .argument('<paths...>', 'a catalog file or folder; with --from, the export files or folders')
    .option(
      '--from <format>',
      `convert from ${CONVERT_FORMATS.join(', ')} and merge into the catalog (hand-added fields stay)`,
    )
    .option('--mapping <file>', 'with --from: the mapping file (csv, servicenow)')
    .option(
      '--prune',
      'delete documents the catalog no longer holds (with --from: only those from that source)',
    )
    .option('--dry-run', 'check and count the changes, write nothing')
    .action(async (paths: string[], flags: ImportFlags) => {
      if (flags.from === undefined && flags.mapping !== undefined)
        fail('import', '--mapping needs --from <format>', 2);
      if (flags.from === undefined && paths.length > 1)
        fail('import', `import takes one catalog file or folder, got ${paths.length} (or use --from)`, 2);
      const documents =
        flags.from === undefined
          ? await loadCheckedCatalog('import', paths[0]!)
          : (await convertForImport(flags.from, paths, flags.mapping)).documents;
      const database = await openCommandDatabase('import');
      try {
        const result = await importInto('import', database, documents, {
          actor: flags.from === undefined ? 'lifeboat import' : `lifeboat import --from ${flags.from}`,
          ...(flags.from !== undefined && { source: flags.from }),
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
