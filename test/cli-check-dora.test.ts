import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FILES, EXAMPLE_STEM } from '../src/dora/worked-example.fixture.ts';
import { runCli } from './support/cli.ts';

let dir: string;

/** Writes the worked example as a ZIP into the temp dir, with some files' text replaced, and returns its path. */
async function examplePackageFile(name: string, changes: Record<string, string> = {}): Promise<string> {
  const entries: Record<string, Uint8Array> = {};
  for (const [relative, text] of Object.entries({ ...EXAMPLE_FILES, ...changes })) {
    entries[`${EXAMPLE_STEM}/${relative}`] = strToU8(text);
  }
  const file = path.join(dir, name, `${EXAMPLE_STEM}.zip`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, zipSync(entries));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lifeboat-check-dora-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lifeboat check dora', () => {
  it('exits 0 and prints no problem for a valid package', async () => {
    const result = await runCli(['check', 'dora', await examplePackageFile('good')]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('16 files): 0 problems');
    expect(result.code).toBe(0);
  });

  it('prints each problem as one "table row column: error: message" line and exits 1', async () => {
    const b0202 = EXAMPLE_FILES['reports/b_02.02.csv'] ?? '';
    const params = EXAMPLE_FILES['reports/parameters.csv'] ?? '';
    const file = await examplePackageFile('bad', {
      'reports/b_02.02.csv': b0202.replace('\nCTR-0001', '\nCTR-9'),
      'reports/parameters.csv': `${params}decimalsPercentage,4\n`,
    });
    const result = await runCli(['check', 'dora', file]);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      'parameters.csv row 6 name: error: parameter "decimalsPercentage" is not referenced by the DORA module (supervisors reject unused parameters); only entityID, refPeriod, baseCurrency, decimalsInteger, decimalsMonetary are allowed',
      'b_02.02.csv row 1 c0010: error: arrangement reference "CTR-9" is not in b_02.01 (c0010)',
    ]);
    expect(result.stderr).toContain(': 2 problems');
    expect(result.code).toBe(1);
  });

  it('prints the problems as JSON with --json', async () => {
    const b0101 = EXAMPLE_FILES['reports/b_01.01.csv'] ?? '';
    const file = await examplePackageFile('json', { 'reports/b_01.01.csv': b0101.replace(',BaFin,', ',,') });
    const result = await runCli(['check', 'dora', file, '--json']);
    expect(JSON.parse(result.stdout)).toEqual({
      problems: [
        {
          table: 'b_01.01.csv',
          template: 'B_01.01',
          row: 1,
          column: 'c0050',
          rule: 'mandatory',
          message: 'competent authority is empty; it is mandatory',
        },
      ],
    });
    expect(result.code).toBe(1);
  });

  it('exits 2 with a readable reason for a file that is not a ZIP', async () => {
    const file = path.join(dir, 'notes.zip');
    await writeFile(file, 'not a zip');
    const result = await runCli(['check', 'dora', file]);
    expect(result.stderr).toContain('notes.zip: not a readable ZIP file');
    expect(result.code).toBe(2);
  });
});
