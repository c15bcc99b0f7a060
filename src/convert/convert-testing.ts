/**
 * What the Backstage and Kubernetes conversion tests share: the public sample inputs (read in place, from
 * ../shared/data/cmdb-samples beside the checkout or LIFEBOAT_CMDB_SAMPLES_DIR), inputs read from a folder, and
 * a converted catalog put through `lifeboat check`'s rules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { checkCatalog } from '../catalog/check/check-catalog.ts';
import { formatFinding } from '../catalog/check/finding.ts';
import { writeCatalogStream } from '../catalog/yaml/write.ts';
import type { ConvertInput, ConvertProblem } from './types.ts';

/** The folder of public sample inputs. */
export const CMDB_SAMPLES_DIR =
  process.env.LIFEBOAT_CMDB_SAMPLES_DIR ??
  path.resolve(import.meta.dirname, '../../../shared/data/cmdb-samples');

/** The project's own fixtures. */
export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../test/fixtures/cmdb');

/**
 * Whether `folder` of the samples is there. Outside CI a missing folder skips with a notice; under CI=true the
 * caller's suite fails, as a skipped test would prove nothing.
 */
export function samplesPresent(folder: string): boolean {
  const full = path.join(CMDB_SAMPLES_DIR, folder);
  if (existsSync(full)) return true;
  if (process.env.CI !== 'true') {
    process.stderr.write(`\nNOTICE: the ${folder} conversion tests are skipped: ${full} is missing.\n\n`);
  }
  return false;
}

/** Every .yaml and .yml file under `dir`, in path order, named as `convert <dir>` names them. */
export function readFolder(dir: string): ConvertInput[] {
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => path.join(dir, file))
    .sort();
  return files.map((file) => ({ name: file, text: readFileSync(file, 'utf8') }));
}

/** A problem as the CLI prints it, with the file relative to `base`. */
export function formatProblem(problem: ConvertProblem, base: string): string {
  const place = [path.relative(base, problem.file), problem.line, problem.column].filter(
    (part) => part !== undefined,
  );
  return `${place.join(':')}: ${problem.severity}: ${problem.message}`;
}

/** The errors `lifeboat check` finds in the converted documents, written out as one catalog stream. */
export function checkErrors(documents: readonly CatalogDocument[]): string[] {
  const checked = checkCatalog([{ file: 'converted.yaml', text: writeCatalogStream(documents) }], {
    today: '2026-12-06',
  });
  return checked.errors.map((finding) => formatFinding(finding, 'error'));
}

/** Each document's kind, id and spec: what a reader of the converted catalog checks first. */
export function specs(documents: readonly CatalogDocument[]): Record<string, unknown> {
  return Object.fromEntries(
    documents.map((document) => [`${document.kind} ${document.metadata.id}`, document.spec]),
  );
}
