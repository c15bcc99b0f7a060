import { Command } from 'commander';
import { PackageReadError, readPackage } from '../dora/package-reader.ts';
import { formatProblems, validateRegister } from '../dora/validate.ts';

/** Exit codes of `lifeboat check dora`: problems are 1, a package that cannot be read is bad usage (2). */
const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

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
 * `lifeboat check dora <package>`: validates an existing DORA register of information report package (a ZIP,
 * or its unpacked root folder) against the EBA filing rules; one `table row column: error: message` line each.
 */
export function checkDoraCommand(): Command {
  return new Command('dora')
    .description(
      'Check a DORA register of information report package (.zip, or its unpacked root folder): name, layout, ' +
        'parameters, filing indicators, columns, keys and foreign keys. Exit 1 when there are problems.',
    )
    .argument('<package>', 'the report package: a .zip file or its root folder')
    .option('--json', 'print {"problems": [...]} instead of one line per problem')
    .action(async (packagePath: string, _options: unknown, command: Command) => {
      // `--json` is also an option of `lifeboat check`, which takes it wherever it stands, so read both.
      process.exitCode = await runCheckDora(packagePath, command.optsWithGlobals<{ json?: boolean }>());
    });
}
