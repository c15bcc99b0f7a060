import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SupplierAnalysisAnswer } from '../src/server/routes/supplier.schema.ts';
import { runCli } from './support/cli.ts';

const northbank = join(import.meta.dirname, '..', 'examples', 'northbank');

async function analyze(): Promise<SupplierAnalysisAnswer> {
  const run = await runCli(['analyze', 'suppliers', northbank, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as SupplierAnalysisAnswer;
}

describe('lifeboat analyze suppliers', () => {
  it("ranks the example's suppliers: the carrier first, then Nimbus with its parent and its data centre operator", async () => {
    const answer = await analyze();
    expect(Object.keys(answer)).toEqual(['suppliers', 'fourthParties']);
    const ids = answer.suppliers.map((supplier) => supplier.id);
    expect(ids.slice(0, 4)).toEqual(['calder-telecom', 'nimbus-cloud', 'liffey-data-centres', 'nimbus-inc']);
    const scores = answer.suppliers.map((supplier) => supplier.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const nimbus = answer.suppliers.find((supplier) => supplier.id === 'nimbus-cloud')!;
    // Nimbus fails with its ultimate parent and its subcontracted Dublin data centre operator.
    expect(nimbus.failed).toEqual(['liffey-data-centres', 'nimbus-cloud', 'nimbus-inc']);
    expect(nimbus.subcontractors).toEqual(['liffey-data-centres']);
    expect(nimbus.servicesDown).toContainEqual({ id: 'online-banking', tier: 1 });
    expect(nimbus.criticalFunctions).toEqual([
      'online-banking',
      'mobile-banking',
      'faster-payments',
      'fraud-monitoring',
    ]);
    expect(nimbus.substitutability).toEqual({ level: 'highly-complex', reason: 'difficult-migration' });
    expect(nimbus.alternatives).toEqual(['stratus-cloud']);
    expect(nimbus.exitPlan).toMatchObject({ plan: 'plan-exit-nimbus', lastTested: '2026-11-12' });
    expect(nimbus.contracts.map((contract) => contract.reference)).toContain('NB-CLD-2023-001-A');
    expect(nimbus.loss).toBeGreaterThan(0);
    // The operator carries what Nimbus takes down: its failure stops Nimbus.
    const liffey = answer.suppliers.find((supplier) => supplier.id === 'liffey-data-centres')!;
    expect(liffey.servicesDown).toEqual(nimbus.servicesDown);
    expect(liffey.score).toBe(nimbus.score);
    // Only Nimbus subcontracts Liffey: no fourth party is shared.
    expect(answer.fourthParties).toEqual([]);
  });

  it("flags Voxa's exit plan, last tested in August 2025, as overdue", async () => {
    const voxa = (await analyze()).suppliers.find((supplier) => supplier.id === 'voxa')!;
    expect(voxa.exitPlan).toEqual({ plan: 'plan-exit-voxa', lastTested: '2025-08-20', overdue: true });
    expect(voxa.criticalFunctions).toEqual(['telephone-banking']);
  });

  it('prints a table by concentration with OVERDUE exit plans without --json', async () => {
    const run = await runCli(['analyze', 'suppliers', northbank]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^suppliers: \d+, by concentration$/);
    expect(lines[3]).toMatch(
      /^calder-telecom\s+\d+\.\d\d\s+12\s+8 \(89%\)\s+[\d,]+\s+medium\s+plan-exit-calder/,
    );
    expect(run.stdout).toMatch(/^voxa\s.*plan-exit-voxa \(2025-08-20\) OVERDUE$/m);
    expect(run.stdout).toContain('fourth parties: none');
  });

  it('refuses a catalog that does not exist', async () => {
    const run = await runCli(['analyze', 'suppliers', join(northbank, 'missing')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/lifeboat analyze suppliers: error: .*missing/);
    expect(run.stdout).toBe('');
  });
});
