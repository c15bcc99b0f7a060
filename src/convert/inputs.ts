import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConvertFormat, ConvertInput } from './types.ts';

/** The file endings a folder is searched for, by format; a file named on its own is always read. */
export const INPUT_EXTENSIONS: Record<ConvertFormat, readonly string[]> = {
  csv: ['.csv', '.tsv', '.txt'],
  servicenow: ['.csv'],
  backstage: ['.yaml', '.yml'],
  kubernetes: ['.yaml', '.yml', '.json'],
};

/** Every file under `dir` with one of `extensions`, in path order; folders starting with a dot are skipped. */
async function filesUnder(dir: string, extensions: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(full, extensions)));
    else if (entry.isFile() && extensions.includes(path.extname(entry.name).toLowerCase())) found.push(full);
  }
  return found;
}

/**
 * Reads the inputs a conversion names: files as given, folders searched recursively (in path order) for the
 * format's file endings (all of them when no format is given). Throws with the path when one cannot be read.
 */
export async function readConvertInputs(
  paths: readonly string[],
  format?: ConvertFormat,
): Promise<ConvertInput[]> {
  const extensions = format ? INPUT_EXTENSIONS[format] : [...new Set(Object.values(INPUT_EXTENSIONS).flat())];
  const inputs: ConvertInput[] = [];
  for (const given of paths) {
    const info = await stat(given);
    const files = info.isDirectory() ? await filesUnder(given, extensions) : [given];
    for (const file of files) inputs.push({ name: file, text: await readFile(file, 'utf8') });
  }
  return inputs;
}
