import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { checkCatalog } from '../catalog/check/check-catalog.ts';
import { formatFindings } from '../catalog/check/finding.ts';
import type { CatalogDocument, Kind } from '../catalog/kinds.ts';
import { CatalogPathError, readCatalogSources } from '../catalog/yaml/read.ts';
import { formatRegisterProblems, judgeRegister, type JudgedRegister } from '../dora/export/judge.ts';
import { RegisterInputError } from '../dora/export/register.ts';
import { registerZip } from '../dora/export/zip.ts';
import { isDate } from '../dora/values.ts';
import { fail } from './output.ts';

/** What `export dora` and `check dora` take besides the catalog. */
export interface DoraRegisterFlags {
  referenceDate?: string;
  entity?: string;
  rate?: Record<string, number>;
}

/** A catalog's documents and the file each came from (relative to the catalog path). */
async function readCatalog(
  command: string,
  catalogPath: string,
): Promise<{ documents: CatalogDocument[]; where: (kind: Kind, id: string) => string | undefined }> {
  let files;
  try {
    files = await readCatalogSources(catalogPath);
  } catch (error) {
    if (error instanceof CatalogPathError) fail(command, `${error.catalogPath}: ${error.reason}`, 2);
    throw error;
  }
  const result = checkCatalog(files);
  if (result.errors.length > 0) {
    process.stderr.write(`${formatFindings({ errors: result.errors, warnings: [] }).join('\n')}\n`);
    fail(command, `the catalog has ${result.errors.length} error(s); fix them first`, 1);
  }
  const fileOf = new Map(
    result.documents.map((located) => [
      `${located.document.kind}/${located.document.metadata.id}`,
      located.source.file,
    ]),
  );
  return {
    documents: result.documents.map((located) => located.document),
    where: (kind, id) => fileOf.get(`${kind}/${id}`),
  };
}

/**
 * Builds the register of a catalog and judges it; prints each problem as `table row column: error: message
 * (fix Kind id in file)` unless `print` is false. Exits 2 when the catalog cannot give a register at all (no organisation LEI).
 */
export async function judgeCatalogRegister(
  command: string,
  catalogPath: string,
  flags: DoraRegisterFlags,
  print = true,
): Promise<JudgedRegister> {
  const { documents, where } = await readCatalog(command, catalogPath);
  let judged: JudgedRegister;
  try {
    judged = judgeRegister(documents, {
      createdAt: new Date(),
      ...(flags.referenceDate ? { referenceDate: flags.referenceDate } : {}),
      ...(flags.entity ? { entity: flags.entity } : {}),
      ...(flags.rate ? { rates: flags.rate } : {}),
    });
  } catch (error) {
    if (error instanceof RegisterInputError) fail(command, error.message, 2);
    throw error;
  }
  if (print && judged.problems.length > 0)
    process.stdout.write(`${formatRegisterProblems(judged.problems, where).join('\n')}\n`);
  return judged;
}

const referenceDate = (value: string): string => {
  if (!isDate(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
};

const rate = (value: string, previous: Record<string, number> = {}): Record<string, number> => {
  const match = /^([A-Z]{3})=([0-9]+(\.[0-9]+)?)$/.exec(value);
  if (!match || Number(match[2]) <= 0)
    throw new InvalidArgumentError('expected CUR=rate, such as USD=0.79 (base-currency units per unit)');
  return { ...previous, [match[1]!]: Number(match[2]) };
};

/** Adds the register's options to `export dora` or `check dora`. */
export function withRegisterOptions(command: Command): Command {
  return command
    .option(
      '--reference-date <YYYY-MM-DD>',
      'the reference date (default 31 December of last year)',
      referenceDate,
    )
    .option('--entity <LEI>', "the reporting entity: the organisation's LEI (default) or one of its entities")
    .option(
      '--rate <CUR=rate>',
      "an exchange rate into the policy's currency for amounts in another currency (repeatable)",
      rate,
    );
}

/**
 * `lifeboat export dora <catalog> <dir>`: writes the DORA register of information of a catalog as the EBA report
 * package `<dir>/<LEI>.<IND|CON>_..._DORA_<date>_<time>.zip`, and refuses when the validator finds problems.
 */
export function exportDoraCommand(): Command {
  return withRegisterOptions(
    new Command('dora')
      .description(
        'Write the DORA register of information of a catalog file or folder as an EBA xBRL-CSV report package ' +
          '(<dir>/<name>.zip). Nothing is written when the register has problems: each is printed with the ' +
          'catalog document to fix, and the exit code is 1.',
      )
      .argument('<catalog>', 'a catalog file or folder')
      .argument('<dir>', 'the folder to write the ZIP into (created if missing)'),
  ).action(async (catalogPath: string, dir: string, flags: DoraRegisterFlags) => {
    const judged = await judgeCatalogRegister('export dora', catalogPath, flags);
    if (judged.problems.length > 0) {
      const count = judged.problems.length;
      fail(
        'export dora',
        `the register has ${count} problem${count === 1 ? '' : 's'}; nothing was written`,
        1,
      );
    }
    const file = path.join(dir, judged.register.zipName);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(file, registerZip(judged.register));
    } catch (error) {
      fail('export dora', `cannot write ${file}: ${(error as Error).message}`, 1);
    }
    process.stdout.write(`wrote ${file}\n`);
  });
}
