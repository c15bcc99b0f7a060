import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackage } from '../src/dora/package-reader.ts';
import { validateRegister } from '../src/dora/validate.ts';
import { runCli } from './support/cli.ts';

const EXAMPLE = fileURLToPath(new URL('../examples/northbank', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lifeboat-dora-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A copy of the example with the Voxa contract's annual cost left out. */
async function brokenCatalog(): Promise<string> {
  const catalog = path.join(dir, 'broken');
  await cp(EXAMPLE, catalog, { recursive: true });
  const file = path.join(catalog, 'contracts', 'saas.yaml');
  const text = await readFile(file, 'utf8');
  const broken = text.replace('  annualCost: { amount: 185000, currency: GBP }\n', '');
  expect(broken).not.toBe(text);
  await writeFile(file, broken);
  return catalog;
}

describe('lifeboat export dora', () => {
  it('writes the example’s register as a ZIP the validator reads back with no problem', async () => {
    const out = path.join(dir, 'out');
    const result = await runCli(['export', 'dora', EXAMPLE, out, '--reference-date', '2025-12-31']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [name, ...others] = await readdir(out);
    expect(others).toEqual([]);
    expect(name).toMatch(/^984500NORTHBANK00026\.CON_GB_DORA010100_DORA_2025-12-31_\d{17}\.zip$/);
    expect(result.stdout).toBe(`wrote ${path.join(out, name!)}\n`);

    const bytes = await readFile(path.join(out, name!));
    const stem = name!.replace(/\.zip$/, '');
    const entries = Object.keys(unzipSync(bytes)).sort();
    expect(entries).toEqual(
      [
        'META-INF/reportPackage.json',
        'reports/FilingIndicators.csv',
        'reports/parameters.csv',
        'reports/report.json',
        ...[
          '01.01',
          '01.02',
          '02.01',
          '02.02',
          '03.01',
          '03.02',
          '04.01',
          '05.01',
          '05.02',
          '06.01',
          '07.01',
          '99.01',
        ].map((code) => `reports/b_${code}.csv`),
      ]
        .map((entry) => `${stem}/${entry}`)
        .sort(),
    );
    expect(validateRegister(await readPackage(path.join(out, name!)))).toEqual([]);

    const check = await runCli(['check', 'dora', path.join(out, name!)]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('0 problems');
  });

  it('writes nothing for a catalog whose register has problems, naming the document to fix', async () => {
    const catalog = await brokenCatalog();
    const out = path.join(dir, 'refused');
    const result = await runCli(['export', 'dora', catalog, out, '--reference-date', '2025-12-31']);
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      `b_02.01.csv row 8 c0050: error: annual expense or estimated cost is empty; it is mandatory (fix Contract ctr-voxa in ${path.join(catalog, 'contracts', 'saas.yaml')})`,
      `b_05.01.csv row 7 c0100: error: the total annual expense is empty; it is required for a direct provider (one named in b_02.02) (fix Vendor voxa in ${path.join(catalog, 'vendors.yaml')})`,
    ]);
    expect(result.stderr).toContain('the register has 2 problems; nothing was written');
    await expect(readdir(out)).rejects.toThrow();
  });

  it('refuses a reference date that is not a date', async () => {
    const result = await runCli([
      'export',
      'dora',
      EXAMPLE,
      path.join(dir, 'x'),
      '--reference-date',
      '31/12/2025',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('expected a date YYYY-MM-DD');
  });
});

describe('lifeboat check dora on a catalog', () => {
  it('reports no problem for the example', async () => {
    const result = await runCli(['check', 'dora', EXAMPLE]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(': 0 problems');
    expect(result.code).toBe(0);
  });

  it('names the broken contract, in lines or as JSON', async () => {
    const catalog = await brokenCatalog();
    const result = await runCli(['check', 'dora', catalog, '--reference-date', '2025-12-31']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('b_02.01.csv row 8 c0050: error: ');
    expect(result.stdout).toContain('(fix Contract ctr-voxa in ');
    const json = await runCli(['check', 'dora', catalog, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      problems: [
        { table: 'b_02.01.csv', row: 8, column: 'c0050', document: { kind: 'Contract', id: 'ctr-voxa' } },
        { table: 'b_05.01.csv', row: 7, column: 'c0100', document: { kind: 'Vendor', id: 'voxa' } },
      ],
    });
  });
});
