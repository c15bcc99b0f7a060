import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { KIND_NAMES, KINDS } from '../catalog/kinds.ts';
import { writeCatalogStream, writeCatalogYaml } from '../catalog/yaml/write.ts';
import { convertInputs } from '../convert/index.ts';
import { readConvertInputs } from '../convert/inputs.ts';
import { formatProblem, formatSummary } from '../convert/summary.ts';
import { CONVERT_FORMATS } from '../convert/types.ts';
import type { ConvertFormat, ConvertInput, ConvertOptions } from '../convert/types.ts';
import { fail } from './output.ts';
import { createProgress } from './progress.ts';

interface ConvertFlags {
  from: ConvertFormat;
  mapping?: string;
  output: string;
}

/** Writes one file per kind into `dir` (as `lifeboat export` does), removing those of kinds no longer produced. */
async function writeFolder(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const kind of KIND_NAMES) {
    const name = `${KINDS[kind].plural}.yaml`;
    const text = files.get(name);
    if (text === undefined) await rm(path.join(dir, name), { force: true });
    else await writeFile(path.join(dir, name), text);
  }
}

async function runConvert(paths: string[], flags: ConvertFlags): Promise<number> {
  let inputs: ConvertInput[];
  const options: ConvertOptions = {};
  try {
    inputs = await readConvertInputs(paths, flags.from);
    if (flags.mapping) options.mapping = { name: flags.mapping, text: await readFile(flags.mapping, 'utf8') };
  } catch (error) {
    const { path: where, message } = error as NodeJS.ErrnoException;
    fail('convert', `cannot read ${where ?? ''}: ${message}`, 2);
  }
  if (inputs.length === 0)
    fail('convert', `no input files for --from ${flags.from} in ${paths.join(', ')}`, 2);
  const progress = createProgress('converting');
  options.onProgress = (done, total) => progress.update(done, total);
  const result = convertInputs(flags.from, inputs, options);
  progress.done();
  for (const problem of result.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  const failed = result.problems.some((problem) => problem.severity === 'error');
  // Nothing converted (a bad mapping file, no readable input): an earlier output is left as it was.
  if (failed && result.documents.length === 0) {
    process.stderr.write(`${formatSummary(result.summary)}; nothing written\n`);
    return 1;
  }
  try {
    if (flags.output === '-') process.stdout.write(writeCatalogStream(result.documents));
    else await writeFolder(flags.output, writeCatalogYaml(result.documents));
  } catch (error) {
    fail('convert', `cannot write ${flags.output}: ${(error as Error).message}`, 1);
  }
  process.stderr.write(`${formatSummary(result.summary)}\n`);
  return failed ? 1 : 0;
}

/** Adds `lifeboat convert --from <format> <inputs...> [--mapping <file>] -o <dir|->`. */
export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description(
      'convert what a CMDB, Backstage or Kubernetes already holds into catalog YAML: one file per kind into ' +
        '<dir> (as export writes), or one stream to stdout with -. Every document is labelled with its source ' +
        'and external id; the same input gives the same bytes. Problems point at the input (file:line); exit 1 ' +
        'when there are errors (what converted is still written).',
    )
    .addOption(
      new Option('--from <format>', 'the format of the inputs')
        .choices(CONVERT_FORMATS)
        .makeOptionMandatory(),
    )
    .argument('<inputs...>', 'input files, or folders searched recursively (in path order)')
    .option('--mapping <file>', 'a mapping file (YAML) for csv and servicenow: see docs/importing.md')
    .requiredOption('-o, --output <dir>', 'a folder to write into (created if missing), or - for stdout')
    .action(async (paths: string[], flags: ConvertFlags) => {
      process.exitCode = await runConvert(paths, flags);
    });
}
