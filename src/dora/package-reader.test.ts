import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackageReadError, readPackage, readPackageZip } from './package-reader.ts';
import { formatProblems, validateRegister } from './validate.ts';
import { EXAMPLE_FILES, EXAMPLE_STEM } from './worked-example.fixture.ts';

const ZIP = `${EXAMPLE_STEM}.zip`;

/** The worked example zipped with its root folder, plus any extra entries (path inside the ZIP -> bytes). */
function exampleZip(extra: Record<string, Uint8Array> = {}): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [relative, text] of Object.entries(EXAMPLE_FILES))
    entries[`${EXAMPLE_STEM}/${relative}`] = strToU8(text);
  return zipSync({ ...entries, ...extra });
}

describe('readPackageZip', () => {
  it('reads every file of a ZIP under its root folder, and the worked example passes', () => {
    const pkg = readPackageZip(exampleZip(), ZIP);
    expect(pkg.zipName).toBe(ZIP);
    expect(pkg.rootFolder).toBe(EXAMPLE_STEM);
    expect(pkg.files.size).toBe(Object.keys(EXAMPLE_FILES).length);
    expect(pkg.files.get(`${EXAMPLE_STEM}/reports/parameters.csv`)).toBe(
      EXAMPLE_FILES['reports/parameters.csv'],
    );
    expect(validateRegister(pkg)).toEqual([]);
  });

  it('flags a file in Latin-1 rather than UTF-8', () => {
    const latin1 = Uint8Array.from(
      [...'c0010,c0020\n'].map((c) => c.charCodeAt(0)).concat([0x4d, 0xfc, 0x6e]),
    );
    const pkg = readPackageZip(exampleZip({ [`${EXAMPLE_STEM}/reports/b_01.01.csv`]: latin1 }), ZIP);
    expect(pkg.notUtf8).toEqual(new Set([`${EXAMPLE_STEM}/reports/b_01.01.csv`]));
    expect(validateRegister(pkg).filter((p) => p.rule === 'encoding')).toHaveLength(1);
  });

  it('has no root folder when a file sits beside it, and the validator says so', () => {
    const pkg = readPackageZip(exampleZip({ 'readme.txt': strToU8('hello') }), ZIP);
    expect(pkg.rootFolder).toBeNull();
    expect(formatProblems(validateRegister(pkg))).toEqual([
      `${ZIP}: error: the ZIP must hold one folder named "${EXAMPLE_STEM}" and nothing beside it`,
      `${ZIP}: error: unexpected file "readme.txt": a report package holds only META-INF/reportPackage.json, reports/report.json, reports/parameters.csv, reports/FilingIndicators.csv and the templates' CSV files`,
    ]);
  });

  it('refuses bytes that are not a ZIP with a readable reason', () => {
    expect(() => readPackageZip(strToU8('not a zip'), 'x.zip')).toThrow(PackageReadError);
    expect(() => readPackageZip(strToU8('not a zip'), 'x.zip')).toThrow(/^x\.zip: not a readable ZIP file/);
  });
});

describe('readPackage from the file system', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lifeboat-dora-'));
    for (const [relative, text] of Object.entries(EXAMPLE_FILES)) {
      await mkdir(path.dirname(path.join(dir, EXAMPLE_STEM, relative)), { recursive: true });
      await writeFile(path.join(dir, EXAMPLE_STEM, relative), text);
    }
    await writeFile(path.join(dir, ZIP), exampleZip());
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a ZIP file by its path, judging its file name', async () => {
    const pkg = await readPackage(path.join(dir, ZIP));
    expect(pkg.zipName).toBe(ZIP);
    expect(validateRegister(pkg)).toEqual([]);
  });

  it('reads an unpacked root folder as the ZIP it would be', async () => {
    const pkg = await readPackage(path.join(dir, EXAMPLE_STEM));
    expect(pkg.zipName).toBe(ZIP);
    expect(pkg.rootFolder).toBe(EXAMPLE_STEM);
    expect([...pkg.files.keys()].sort()).toEqual(
      Object.keys(EXAMPLE_FILES)
        .map((r) => `${EXAMPLE_STEM}/${r}`)
        .sort(),
    );
    expect(validateRegister(pkg)).toEqual([]);
  });

  it('refuses a path that does not exist', async () => {
    await expect(readPackage(path.join(dir, 'missing.zip'))).rejects.toThrow(
      /missing\.zip: no such file or folder/,
    );
  });
});
