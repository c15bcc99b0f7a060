import type { Command } from 'commander';
import { checkCatalog } from '../catalog/check/check-catalog.ts';
import { formatFindings, summarizeFindings } from '../catalog/check/finding.ts';
import { CatalogPathError, readCatalogSources } from '../catalog/yaml/read.ts';
import { checkDoraCommand } from './check-dora.command.ts';
import { createProgress, inMebibytes } from './progress.ts';

/** Exit codes of `lifeboat check`: findings are 1, a path that cannot be read is bad usage (2). */
const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

async function runCheck(catalogPath: string, options: { json?: boolean }): Promise<number> {
  let files;
  try {
    files = await readCatalogSources(catalogPath);
  } catch (error) {
    if (!(error instanceof CatalogPathError)) throw error;
    process.stderr.write(`${error.catalogPath}: error: ${error.reason}\n`);
    return EXIT.usage;
  }
  const progress = createProgress('reading', process.stderr, inMebibytes);
  const result = checkCatalog(files, { onProgress: (done, total) => progress.update(done, total) });
  progress.done();
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ errors: result.errors, warnings: result.warnings }, null, 2)}\n`,
    );
  } else {
    const lines = formatFindings(result);
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const checked = `${plural(files.length, 'file')}, ${plural(result.documentCount, 'document')}`;
  process.stderr.write(`checked ${checked}: ${summarizeFindings(result)}\n`);
  return result.errors.length > 0 ? EXIT.errors : EXIT.ok;
}

/** Adds `lifeboat check <catalog> [--json]`: validates a catalog file or folder without a server. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'Check a catalog file or folder (.yaml/.yml, searched recursively): YAML syntax, schemas, ids, ' +
        'references, durations, and continuity rules as warnings. Exit 1 when there are errors.',
    )
    .argument('<catalog>', 'a catalog file or folder')
    .option('--json', 'print {"errors": [...], "warnings": [...]} instead of one line per finding')
    .action(async (catalogPath: string, options: { json?: boolean }) => {
      process.exitCode = await runCheck(catalogPath, options);
    })
    .addCommand(checkDoraCommand());
}
