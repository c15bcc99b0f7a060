import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';

/** A DORA register of information report package as read from a ZIP or a folder, before any judgement. */
export interface RegisterPackage {
  /** The ZIP's file name (`{LEI}.IND_DE_DORA010100_DORA_2025-12-31_20260315120000000.zip`); a folder's name + `.zip`. */
  readonly zipName: string;
  /** The one folder every entry sits in, or null when the entries are not all inside one folder. */
  readonly rootFolder: string | null;
  /** Every file by its path inside the ZIP, root folder included (`{root}/reports/b_01.01.csv`), as text. */
  readonly files: ReadonlyMap<string, string>;
  /** Paths whose bytes are not valid UTF-8 (their text holds replacement characters). */
  readonly notUtf8?: ReadonlySet<string>;
}

/** A package that cannot be read at all: not a ZIP, or a path that is neither a file nor a folder. */
export class PackageReadError extends Error {
  constructor(
    readonly packagePath: string,
    readonly reason: string,
  ) {
    super(`${packagePath}: ${reason}`);
    this.name = 'PackageReadError';
  }
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Builds a package from (path, bytes) entries: decodes each file as UTF-8 and finds the root folder. */
function fromEntries(zipName: string, entries: Iterable<[string, Uint8Array]>): RegisterPackage {
  const files = new Map<string, string>();
  const notUtf8 = new Set<string>();
  for (const [entryPath, bytes] of entries) {
    if (entryPath.endsWith('/')) continue; // a folder entry
    try {
      files.set(entryPath, strict.decode(bytes));
    } catch {
      files.set(entryPath, lenient.decode(bytes));
      notUtf8.add(entryPath);
    }
  }
  const tops = new Set(
    [...files.keys()].map((entryPath) => (entryPath.includes('/') ? entryPath.split('/')[0] : '')),
  );
  const [only] = tops;
  const rootFolder = tops.size === 1 && only ? only : null;
  return { zipName, rootFolder, files, ...(notUtf8.size > 0 ? { notUtf8 } : {}) };
}

/** Reads a report package from the bytes of its ZIP (`zipName` is the file's name, which the rules judge). */
export function readPackageZip(bytes: Uint8Array, zipName: string): RegisterPackage {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new PackageReadError(zipName, `not a readable ZIP file (${(error as Error).message})`);
  }
  return fromEntries(zipName, Object.entries(entries));
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await listFiles(dir, relative)));
    else found.push(relative);
  }
  return found;
}

/**
 * Reads an unpacked report package: `dir` is its root folder (the one named like the ZIP without `.zip`, holding
 * META-INF/ and reports/), so the package is judged as if zipped as `<folder name>.zip`.
 */
export async function readPackageDirectory(dir: string): Promise<RegisterPackage> {
  const root = path.basename(path.resolve(dir));
  const entries: [string, Uint8Array][] = [];
  for (const relative of await listFiles(dir)) {
    entries.push([`${root}/${relative}`, await readFile(path.join(dir, relative))]);
  }
  return fromEntries(`${root}.zip`, entries);
}

/** Reads a report package from a `.zip` file or an unpacked root folder. */
export async function readPackage(packagePath: string): Promise<RegisterPackage> {
  let info;
  try {
    info = await stat(packagePath);
  } catch {
    throw new PackageReadError(packagePath, 'no such file or folder');
  }
  if (info.isDirectory()) return readPackageDirectory(packagePath);
  return readPackageZip(await readFile(packagePath), path.basename(packagePath));
}
