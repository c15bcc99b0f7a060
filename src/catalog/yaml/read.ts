import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from './parse.ts';

/** Why a catalog path could not be read: it does not exist, or it holds no YAML file. */
export class CatalogPathError extends Error {
  constructor(
    readonly catalogPath: string,
    readonly reason: string,
  ) {
    super(`${catalogPath}: ${reason}`);
    this.name = 'CatalogPathError';
  }
}

const YAML_FILE = /\.ya?ml$/i;

async function listYamlFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    // Hidden folders (.git, .github) hold YAML that is not catalog: CI workflows, tool settings.
    if (entry.name.startsWith('.')) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await listYamlFiles(full)));
    else if (YAML_FILE.test(entry.name) && (entry.isFile() || (await stat(full)).isFile())) files.push(full);
  }
  return files;
}

/**
 * The YAML files of a catalog path, a file or a folder searched recursively, in a stable order (by path).
 * File names keep the path as given, so findings point where the user looks (`catalog/services.yaml`).
 */
export async function readCatalogSources(catalogPath: string): Promise<SourceFile[]> {
  let info;
  try {
    info = await stat(catalogPath);
  } catch {
    throw new CatalogPathError(catalogPath, 'no such file or directory');
  }
  const files = info.isDirectory() ? await listYamlFiles(catalogPath) : [catalogPath];
  if (files.length === 0) throw new CatalogPathError(catalogPath, 'no .yaml or .yml file found');
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
}
