import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-plans-'));
const env = { LIFEBOAT_DB: join(dir, 'plans.db') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  const demo = await runCli(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
});

it('exports a PDF and a self-contained HTML pack for every plan of the example organisation', async () => {
  const result = await runCli(['plans', 'export', join(dir, 'packs')], env);
  expect(result.code, result.stderr).toBe(0);
  const plans = [
    'plan-dc-leeds-loss',
    // The exit plans of the critical suppliers (plans/supplier-exits.yaml).
    ...['calder', 'cardlink', 'clearway', 'keystone', 'ledgerline', 'nimbus', 'textwave', 'voxa'].map(
      (vendor) => `plan-exit-${vendor}`,
    ),
    'plan-ransomware',
  ];
  expect(readdirSync(join(dir, 'packs')).sort()).toEqual(plans.flatMap((id) => [`${id}.html`, `${id}.pdf`]));
  expect(
    readFileSync(join(dir, 'packs', 'plan-dc-leeds-loss.pdf'))
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  const html = readFileSync(join(dir, 'packs', 'plan-ransomware.html'), 'utf8');
  // Self-contained: nothing is fetched from anywhere when the file is opened.
  expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
  expect(result.stdout).toMatch(
    /^plan-dc-leeds-loss: draft, sha256 [0-9a-f]{64} -> plan-dc-leeds-loss\.pdf, plan-dc-leeds-loss\.html$/m,
  );
});

it('lists the plans due for review with the first reasons, and every reason as JSON', async () => {
  const text = await runCli(['plans', 'due'], env);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(
    /^plan-ransomware: the review interval \(52w\) since the last review on 2024-09-02 ended on 2025-09-01/m,
  );
  const json = JSON.parse((await runCli(['plans', 'due', '--json'], env)).stdout) as {
    id: string;
    reasons: string[];
  }[];
  // The Leeds plan was reviewed after its October 2026 test; the ransomware plan's review is still overdue.
  expect(json.map((plan) => plan.id).sort()).toEqual(['plan-ransomware']);
});

it('lists open incident actions, soonest due first', async () => {
  const result = await runCli(['actions'], env);
  expect(result.code).toBe(0);
  const lines = result.stdout.trim().split('\n');
  // Two of the SAN incident's four actions are open, both given new due dates in 2027.
  expect(lines).toHaveLength(2);
  const dues = lines.map((line) => line.slice(0, 10));
  expect(dues).toEqual(['2027-04-30', '2027-06-30']);
  expect(lines[0]).toContain('Rehearse the core banking database restore twice a year');
  expect(lines[1]).toContain('Add a second SAN at York for the core banking replica');
});

it('loads the example organisation with its BIA round approved: the database gives the BIA its files give', async () => {
  const fromDatabase = await runCli(['analyze', 'bia', '--json'], env);
  expect(fromDatabase.code, fromDatabase.stderr).toBe(0);
  const fromFiles = await runCli(['analyze', 'bia', 'examples/northbank', '--json'], env);
  expect(fromFiles.code, fromFiles.stderr).toBe(0);
  type Bia = { services: { id: string; assessment: string | null }[] };
  const assessed = (text: string) =>
    (JSON.parse(text) as Bia).services.filter((service) => service.assessment !== null);
  // In files every assessment counts as approved; in the database only approved ones do, and the example's are.
  expect(assessed(fromDatabase.stdout).length).toBeGreaterThan(20);
  expect(assessed(fromDatabase.stdout)).toEqual(assessed(fromFiles.stdout));
  // Including backup and restore, assessed late, after the round's due date.
  expect(assessed(fromDatabase.stdout).map((service) => service.id)).toContain('backup-and-restore');
  // A second `lifeboat demo` changes nothing and approves nothing twice.
  const again = await runCli(['demo'], env);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toMatch(/created 0, updated 0/);
  expect((await runCli(['analyze', 'bia', '--json'], env)).stdout).toBe(fromDatabase.stdout);
});
