import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImpactWithCost } from '../src/bia/business-impact.ts';
import type { BiaAnalysis } from '../src/bia/current.ts';
import { BIA_CATALOG } from './support/bia-catalog.ts';
import { runCli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-bia-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A policy (horizons 1h, 4h, 1d, 3d; tolerance 4; 30m of work recovery), a site with two services on it, a third
// service with no BIA, and three assessments: pay's, and crm's of 2025 replaced by its 2026 one.
const catalog = join(dir, 'catalog.yaml');
writeFileSync(catalog, BIA_CATALOG);

/** Writes `name` in the test folder: the catalog above with `replace` applied. */
function catalogWith(name: string, from: string, to: string): string {
  const file = join(dir, name);
  const text = readFileSync(catalog, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
  return file;
}

describe('lifeboat analyze bia', () => {
  it("reads each service's current BIA at the policy's horizons and derives its objectives, as JSON", async () => {
    const result = await runCli(['analyze', 'bia', catalog, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const analysis = JSON.parse(result.stdout) as BiaAnalysis;
    expect(analysis).toEqual({
      tolerance: 4,
      horizons: [60, 240, 1440, 4320],
      services: [
        {
          // The 2026 assessment replaces the 2025 one (which had financial 5 from 1h).
          id: 'crm',
          assessment: 'bia-crm-2026',
          levels: [1, 2, 3, 4],
          // 1h: 2,000 x 60/240; 3d: 14,000 + (12,000 / 1,200 min) x 2,880 min past 1d.
          loss: [500, 2000, 14000, 42800],
          derivedMtpdMinutes: 4320,
          // Its declared 1d MTPD stands.
          mtpdMinutes: 1440,
          suggestedRtoMinutes: 4290,
          suggestedTier: 3,
        },
        {
          id: 'pay',
          assessment: 'bia-pay',
          // The larger of financial and customers at each horizon.
          levels: [3, 4, 5, 5],
          loss: [10000, 100000, 340000, 1500000],
          // Level 4 first at 4h: RTO 4h less 30m, tier 1 (up to 4h).
          derivedMtpdMinutes: 240,
          mtpdMinutes: 240,
          suggestedRtoMinutes: 210,
          suggestedTier: 1,
        },
        {
          id: 'web',
          assessment: null,
          levels: [null, null, null, null],
          loss: [null, null, null, null],
          derivedMtpdMinutes: null,
          mtpdMinutes: null,
          suggestedRtoMinutes: null,
          suggestedTier: null,
        },
      ],
    });
  });

  it('prints a readable table with the policy, the tolerance marked, and the file approval note', async () => {
    const result = await runCli(['analyze', 'bia', catalog]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('policy: Example Ltd (GBP); tolerance: level 4 (Major); work recovery: 30m');
    expect(lines[1]).toBe(
      '2 of 3 services have a current BIA; levels at each horizon, * at or past the tolerance',
    );
    expect(lines[3]).toMatch(
      /^SERVICE +ASSESSMENT +1h +4h +1d +3d +MTPD +DERIVED MTPD +SUGGESTED RTO +SUGGESTED TIER$/,
    );
    expect(lines[4]).toMatch(/^crm +bia-crm-2026 +1 +2 +3 +4\* +1d +3d +2d23h30m +3$/);
    expect(lines[5]).toMatch(/^pay +bia-pay +3 +4\* +5\* +5\* +4h +4h +3h30m +1$/);
    expect(lines[6]).toMatch(/^web +- +- +- +- +- +- +- +- +-$/);
    expect(lines.filter((line) => line.startsWith('note:'))).toEqual([
      "note: 3 assessments in these files count as approved: without a database, approval is the repository's review process",
    ]);
  });

  it('refuses a catalog with a BIA error at its line and column, and analyses nothing', async () => {
    const bad = catalogWith('bad.yaml', 'customers: { 1h: 3,', 'customer: { 1h: 3,');
    const result = await runCli(['analyze', 'bia', bad, '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `${bad}:49:5: error: unknown impact category "customer" (did you mean "customers"?)`,
    );
  });

  it('counts only approved assessments in the database: none after an import', async () => {
    const env = { LIFEBOAT_DB: join(dir, 'bia.db') };
    const imported = await runCli(['import', catalog], env);
    expect(imported.code, imported.stderr).toBe(0);
    const result = await runCli(['analyze', 'bia', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const analysis = JSON.parse(result.stdout) as BiaAnalysis;
    expect(analysis.services.map((service) => [service.id, service.assessment, service.mtpdMinutes])).toEqual(
      [
        ['crm', null, 1440],
        ['pay', null, 240],
        ['web', null, null],
      ],
    );
    expect((await runCli(['analyze', 'bia'], env)).stdout).not.toContain('note:');
  });
});

describe('lifeboat analyze impact: businessImpact', () => {
  it('costs the failure of the site by the restore times and the BIAs, as a hand computation does', async () => {
    const result = await runCli(['analyze', 'impact', catalog, '--fail', 'dc-a', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const impact = JSON.parse(result.stdout) as ImpactWithCost;
    const restore = Object.fromEntries(
      impact.services.map((service) => [service.id, service.restoreMinutes]),
    );
    expect(restore).toEqual({ pay: 245, crm: 250, web: null });
    expect(impact.businessImpact).toEqual({
      currency: 'GBP',
      // pay, out 4h05m: 100,000 + (240,000 / 1,200 min) x 5 min = 101,000, at level 4 from 4h.
      // crm, out 4h10m: 2,000 + (12,000 / 1,200 min) x 10 min = 2,100, at level 2.
      totalLoss: 103100,
      lossKnown: true,
      peakLevel: 4,
      // pay is at the tolerance from 4h and still down then.
      toleranceReachedAtMinutes: 240,
      services: [
        { id: 'crm', outageMinutes: 250, level: 2, loss: 2100 },
        { id: 'pay', outageMinutes: 245, level: 4, loss: 101000 },
      ],
    });
  });

  it('says what the failure costs under the readable table', async () => {
    const result = await runCli(['analyze', 'impact', catalog, '--fail', 'dc-a']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      '\n\nbusiness impact: 103,100 GBP over 2 services with a current BIA, peak level 4, tolerance reached after 4h\n',
    );
  });

  it('says the loss is only a lower bound when a restore time is one', async () => {
    // Without a recovery time at the site, crm waits on an unknown duration: its loss is only a lower bound.
    const unknown = catalogWith('unknown.yaml', 'spec: { recovery: 4h }', 'spec: {}');
    const result = await runCli(['analyze', 'impact', unknown, '--fail', 'dc-a', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const impact = JSON.parse(result.stdout) as ImpactWithCost;
    const crm = impact.services.find((service) => service.id === 'crm');
    expect(crm?.restoreKnown).toBe(false);
    expect(impact.businessImpact.lossKnown).toBe(false);
    const text = await runCli(['analyze', 'impact', unknown, '--fail', 'dc-a']);
    expect(text.stdout).toMatch(/\nbusiness impact: at least [\d,]+ GBP over 2 services/);
  });
});
