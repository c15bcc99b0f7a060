import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RiskAnalysisAnswer } from '../src/server/routes/risk.schema.ts';
import { runCli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-risk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The Leeds site is back after 4h and the payments database 1h after it: payments (tier 1) is down 5h. Its BIA
// loses 60,000 after 4h and 400,000 after a day, linear between: 77,000 for 5h. The HSM is a second single point.
const catalog = join(dir, 'catalog.yaml');
writeFileSync(
  catalog,
  `apiVersion: lifeboat/v1
kind: Person
metadata: { id: ana }
spec: { email: ana@example.org }
---
apiVersion: lifeboat/v1
kind: Site
metadata: { id: leeds }
spec: { recovery: 4h }
---
apiVersion: lifeboat/v1
kind: Component
metadata: { id: pay-db }
spec: { type: database, site: leeds, recovery: 1h, restart: 1h, data: { backup: { interval: 1h, at: leeds } } }
---
apiVersion: lifeboat/v1
kind: Component
metadata: { id: hsm }
spec: { type: other, recovery: 2h }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: pay }
spec: { type: business, tier: 1, rto: 8h, rpo: 1h, owner: ana, dependsOn: [pay-db, hsm] }
---
apiVersion: lifeboat/v1
kind: ImpactAssessment
metadata: { id: bia-pay }
spec:
  service: pay
  assessedBy: ana
  assessedOn: 2026-03-02
  impacts: { financial: { 1h: 2, 4h: 3, 1d: 4 } }
  loss: { 1h: 10000, 4h: 60000, 1d: 400000 }
---
apiVersion: lifeboat/v1
kind: Risk
metadata: { id: flood }
spec:
  category: natural
  owner: ana
  description: The river floods the Leeds site.
  scenario: { fail: [leeds] }
  likelihood: 2
  impact: 5
  treatment: { decision: mitigate }
  frequency: { min: 0.5, likely: 1, max: 3 }
  lastReviewed: 2099-01-01
---
apiVersion: lifeboat/v1
kind: Risk
metadata: { id: fraud }
spec:
  category: cyber
  owner: ana
  description: Card fraud through a stolen HSM key.
  likelihood: 4
  impact: 4
  frequency: { min: 0.1, likely: 0.2, max: 0.5 }
  loss: { min: 10000, likely: 50000, max: 300000 }
  lastReviewed: 2099-01-01
---
apiVersion: lifeboat/v1
kind: Risk
metadata: { id: key-person }
spec:
  category: people
  owner: ana
  description: Only Ana knows the payments database.
  likelihood: 3
  impact: 2
  lastReviewed: 2099-01-01
`,
);

async function analyze(...args: string[]): Promise<RiskAnalysisAnswer> {
  const run = await runCli(['analyze', 'risk', catalog, '--json', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as RiskAnalysisAnswer;
}

describe('lifeboat analyze risk', () => {
  it("answers the issue's JSON: scores, the scenario's computed cost, figures null without a frequency, suggested risks", async () => {
    const answer = await analyze('--runs', '20000', '--seed', '7');
    expect(Object.keys(answer)).toEqual([
      'currency',
      'runs',
      'seed',
      'appetite',
      'risks',
      'portfolio',
      'suggested',
    ]);
    expect(answer).toMatchObject({ currency: 'EUR', runs: 20000, seed: 7, appetite: 9 });
    expect(answer.risks.map((risk) => risk.id)).toEqual(['flood', 'fraud', 'key-person']);
    const [flood, fraud, keyPerson] = answer.risks;
    expect(Object.keys(flood!)).toEqual([
      'id',
      'score',
      'residualScore',
      'aboveAppetite',
      'frequencyMean',
      'lossPerEventMean',
      'ale',
      'p50',
      'p90',
      'p95',
      'p99',
      'probabilityOfLoss',
      'exceedance',
      'suggestedImpact',
    ]);
    expect(flood).toMatchObject({ score: 10, residualScore: null, aboveAppetite: true, suggestedImpact: 3 });
    expect(flood!.lossPerEventMean).toBeCloseTo(77_000, 3);
    // E[rate] = (0.5 + 4 + 3) / 6 = 1.25 events a year; the sd of a year is 77,000 sqrt(E[rate] + Var(rate)).
    const sd = 77_000 * Math.sqrt(1.25 + (0.75 * 1.75) / 7);
    expect(Math.abs(flood!.ale! - 1.25 * 77_000)).toBeLessThanOrEqual(4 * (sd / Math.sqrt(20_000)));
    expect(flood!.exceedance).toHaveLength(50);
    expect(fraud).toMatchObject({ score: 16, aboveAppetite: true });
    expect(fraud!.frequencyMean).toBeCloseTo((0.1 + 0.8 + 0.5) / 6, 12);
    expect(fraud!.lossPerEventMean).toBeCloseTo((10_000 + 200_000 + 300_000) / 6, 6);
    expect(keyPerson).toMatchObject({ score: 6, aboveAppetite: false, ale: null, exceedance: null });
    expect(answer.portfolio.ale).toBeCloseTo(flood!.ale! + fraud!.ale!, 3);
    // The site is named by the flood risk; the database and the HSM are not.
    expect(answer.suggested).toEqual([
      { node: 'hsm', services: ['pay'] },
      { node: 'pay-db', services: ['pay'] },
    ]);
  });

  it('gives the same answer for the same seed and another for another seed', async () => {
    const once = await analyze('--runs', '2000', '--seed', '3');
    expect(await analyze('--runs', '2000', '--seed', '3')).toEqual(once);
    expect((await analyze('--runs', '2000', '--seed', '4')).risks[0]!.ale).not.toBe(once.risks[0]!.ale);
  });

  it('prints a table by annual loss, the portfolio and the suggested risks without --json', async () => {
    const run = await runCli(['analyze', 'risk', catalog, '--runs', '1000']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'risks: 3 (2 quantified over 1,000 simulated years, seed 1); appetite: score 9; amounts in EUR',
    );
    const rows = lines.filter((line) => /^(flood|fraud|key-person) /.test(line));
    expect(rows.map((line) => line.split(/\s+/)[0])).toEqual(['flood', 'fraud', 'key-person']);
    expect(rows[0]).toMatch(/^flood\s+10\s+-\s+ABOVE\s+1\.25\s+77,000\s/);
    expect(rows[2]).toMatch(/^key-person\s+6\s+-\s+within\s+-\s+-\s+-/);
    expect(run.stdout).toMatch(/^portfolio: ALE [\d,]+, p90 [\d,]+, p95 [\d,]+, p99 [\d,]+ a year$/m);
    expect(run.stdout).toMatch(/^hsm\s+pay$/m);
  });

  it('refuses a bad --runs or --seed as bad usage, and a catalog with errors with file:line:column', async () => {
    const runs = await runCli(['analyze', 'risk', catalog, '--runs', '10']);
    expect(runs.code).toBe(2);
    expect(runs.stderr).toContain(
      "option '--runs <n>' argument '10' is invalid. expected a whole number from 100 to 1,000,000.",
    );
    const seed = await runCli(['analyze', 'risk', catalog, '--seed', '-1']);
    expect(seed.code).toBe(2);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      'apiVersion: lifeboat/v1\nkind: Risk\nmetadata: { id: r }\nspec: { category: natural, owner: nobody, description: d, likelihood: 6, impact: 1 }\n',
    );
    const run = await runCli(['analyze', 'risk', broken]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.yaml:4:\d+: error: .*likelihood/);
    expect(run.stdout).toBe('');
  });

  it('warns on check about an acceptance that has ended and a risk above the appetite left untreated, and exits 0', async () => {
    const file = join(dir, 'warnings.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: lifeboat/v1',
        'kind: Person',
        'metadata: { id: ana }',
        'spec: { email: ana@example.org }',
        '---',
        'apiVersion: lifeboat/v1',
        'kind: Risk',
        'metadata: { id: old-acceptance }',
        'spec:',
        '  category: technical',
        '  owner: ana',
        '  description: d',
        '  likelihood: 1',
        '  impact: 2',
        '  treatment: { decision: accept }',
        '  acceptance: { by: ana, on: 2020-01-01, until: 2020-12-31 }',
        '  lastReviewed: 2099-01-01',
        '---',
        'apiVersion: lifeboat/v1',
        'kind: Risk',
        'metadata: { id: untreated }',
        'spec: { category: cyber, owner: ana, description: d, likelihood: 4, impact: 4, lastReviewed: 2099-01-01 }',
        '',
      ].join('\n'),
    );
    const run = await runCli(['check', file]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      `${file}:16:49: warning: the acceptance of risk "old-acceptance" by "ana" ended on 2020-12-31: renew it or treat the risk`,
      `${file}:22:66: warning: risk "untreated" has a score 16 over the appetite of 9 and no treatment: decide to mitigate, transfer or avoid it, or record an acceptance (by, on, until)`,
    ]);
  });

  it("analyses the example organisation's register: ransomware costs most, the accepted HSM is no longer suggested", async () => {
    const run = await runCli(['analyze', 'risk', 'examples/northbank', '--json', '--runs', '2000']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as RiskAnalysisAnswer;
    expect(answer.risks.length).toBeGreaterThanOrEqual(12);
    const byAle = answer.risks.filter((risk) => risk.ale !== null).sort((a, b) => b.ale! - a.ale!);
    expect(byAle[0]!.id).toBe('risk-ransomware');
    expect(answer.suggested.map((point) => point.node)).not.toContain('hsm-leeds');
    expect(answer.suggested.map((point) => point.node)).not.toContain('branch-wan');
    expect(answer.suggested.length).toBeGreaterThan(0);
  });
});
