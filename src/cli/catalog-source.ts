import { fileURLToPath } from 'node:url';
import { checkCatalog } from '../catalog/check/check-catalog.ts';
import { formatFindings } from '../catalog/check/finding.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { CatalogPathError, readCatalogSources } from '../catalog/yaml/read.ts';
import { fail } from './output.ts';
import { createProgress, inMebibytes } from './progress.ts';

/** The example organisation that `lifeboat demo` and a first `npm start` load. */
export const EXAMPLE_CATALOG = fileURLToPath(new URL('../../examples/northbank', import.meta.url));

/**
 * Reads and checks a catalog path for a command. On a path that cannot be read it exits 2; on check errors it
 * prints every finding as `file:line:column: error: ...` and exits 1, saying what the command did not do
 * (`refusal`, by default "nothing was written", as an import's is).
 */
export async function loadCheckedCatalog(
  command: string,
  catalogPath: string,
  refusal = 'nothing was written',
): Promise<CatalogDocument[]> {
  let files;
  try {
    files = await readCatalogSources(catalogPath);
  } catch (error) {
    if (error instanceof CatalogPathError) fail(command, `${error.catalogPath}: ${error.reason}`, 2);
    throw error;
  }
  const progress = createProgress('reading', process.stderr, inMebibytes);
  const result = checkCatalog(files, { onProgress: (done, total) => progress.update(done, total) });
  progress.done();
  if (result.errors.length > 0) {
    process.stderr.write(`${formatFindings({ errors: result.errors, warnings: [] }).join('\n')}\n`);
    fail(command, `the catalog has ${result.errors.length} error(s); ${refusal}`, 1);
  }
  return result.documents.map((located) => located.document);
}
