import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { judgeCatalogRegister, withRegisterOptions, type DoraRegisterFlags } from './export-dora.command.ts';
import { PackageReadError, readPackage } from '../dora/package-reader.ts';
import { formatProblems, validateRegister } from '../dora/validate.ts';

/** Exit codes of `lifeboat check dora`: problems are 1, a package that cannot be read is bad usage (2). */
const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Whether a path is a report package (a `.zip`, or a folder holding META-INF/ and reports/) rather than a catalog. */
async function isPackage(target: string): Promise<boolean> {
  if (target.toLowerCase().endsWith('.zip')) return true;
  try {
    return (await stat(path.join(target, 'META-INF'))).isDirectory();
  } catch {
    return false;
  }
}

/** The register a catalog gives, judged without writing anything. */
async function runCheckCatalogRegister(
  catalogPath: string,
  options: DoraRegisterFlags & { json?: boolean },
): Promise<number> {
  const { json, ...flags } = options;
  const judged = await judgeCatalogRegister('check dora', catalogPath, flags, !json);
  if (json) process.stdout.write(`${JSON.stringify({ problems: judged.problems }, null, 2)}\n`);
  const count = `${judged.problems.length} problem${judged.problems.length === 1 ? '' : 's'}`;
  process.stderr.write(`checked the register of ${catalogPath} (${judged.register.zipName}): ${count}\n`);
  return judged.problems.length > 0 ? EXIT.problems : EXIT.ok;
}

async function runCheckDora(packagePath: string, options: { json?: boolean }): Promise<number> {
  let pkg;
  try {
    pkg = await readPackage(packagePath);
  } catch (error) {
    if (!(error instanceof PackageReadError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  const problems = validateRegister(pkg);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ problems }, null, 2)}\n`);
  } else if (problems.length > 0) {
    process.stdout.write(`${formatProblems(problems).join('\n')}\n`);
  }
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  process.stderr.write(`checked ${pkg.zipName} (${pkg.files.size} files): ${count}\n`);
  return problems.length > 0 ? EXIT.problems : EXIT.ok;
}

/**
 * `lifeboat check dora <package | catalog>`: validates an existing DORA register of information report package (a ZIP,
 * or its unpacked root folder) against the EBA filing rules; one `table row column: error: message` line each.
 */
export function checkDoraCommand(): Command {
  return withRegisterOptions(
    new Command('dora')
      .description(
        'Check a DORA register of information report package (.zip, or its unpacked root folder): name, layout, ' +
          'parameters, filing indicators, columns, keys and foreign keys; or build the register of a catalog ' +
          'file or folder in memory and check it, naming the catalog document to fix. Exit 1 when there are ' +
          'problems.',
      )
      .argument(
        '<package>',
        'the report package (a .zip file or its root folder), or a catalog file or folder',
      )
      .option('--json', 'print {"problems": [...]} instead of one line per problem'),
  ).action(async (target: string, _options: unknown, command: Command) => {
    // `--json` is also an option of `lifeboat check`, which takes it wherever it stands, so read both.
    const options = command.optsWithGlobals<DoraRegisterFlags & { json?: boolean }>();
    process.exitCode = (await isPackage(target))
      ? await runCheckDora(target, options)
      : await runCheckCatalogRegister(target, options);
  });
}
