import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExerciseAnalysis } from '../src/exercises/analysis.ts';
import { runCli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-exercises-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The UTC date `days` from today: the command judges due dates on the day it runs. */
function day(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

// Leeds (4h) runs pay (tier 1, RTO 5h); the plan restores pay 4h45m after the start. A parallel test ten days ago
// brought pay back after 6h; a tabletop is planned in a month.
const ran = day(-10);
const catalog = join(dir, 'catalog.yaml');
writeFileSync(
  catalog,
  `apiVersion: lifeboat/v1
kind: Person
metadata: { id: ana }
spec: { email: ana@example.org }
---
apiVersion: lifeboat/v1
kind: Person
metadata: { id: bob }
spec: { email: bob@example.org }
---
apiVersion: lifeboat/v1
kind: Site
metadata: { id: leeds }
spec: { recovery: 4h }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: pay }
spec: { type: business, tier: 1, owner: ana, rto: 5h, rpo: 15m, dependsOn: [leeds] }
---
apiVersion: lifeboat/v1
kind: Plan
metadata: { id: plan-leeds }
spec:
  services: [pay]
  owner: ana
  scenario: { description: Leeds is lost, fail: [leeds] }
  activation: The duty manager decides.
  contacts: [{ id: ana }, { id: bob }]
  phases:
    activation: [{ id: call, title: Call the team, owner: ana, duration: 15m }]
    recovery: [{ id: restore, title: Restore pay, owner: bob, duration: 4h30m, restores: [pay] }]
---
apiVersion: lifeboat/v1
kind: Exercise
metadata: { id: ex-failover }
spec:
  title: Leeds failover
  type: parallel
  plans: [plan-leeds]
  scheduled: '${ran}'
  status: done
  facilitator: ana
  started: '${ran}T08:00:00Z'
  results: { restored: [{ id: pay, at: '${ran}T14:00:00Z' }], dataLoss: [{ service: pay, minutes: 5 }] }
  findings: [{ id: late, title: Pay came back an hour late, severity: high, owner: ana, due: '${day(60)}', status: open }]
---
apiVersion: lifeboat/v1
kind: Exercise
metadata: { id: ex-tabletop }
spec: { title: Tabletop, type: tabletop, plans: [plan-leeds], scheduled: '${day(30)}', status: planned }
`,
);

describe('lifeboat analyze exercises', () => {
  it('prints the JSON of the issue: achieved against predicted against target, programme, proven RTOs, training', async () => {
    const run = await runCli(['analyze', 'exercises', catalog, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const analysis = JSON.parse(run.stdout) as ExerciseAnalysis;
    expect(
      analysis.exercises.map((exercise) => [exercise.id, exercise.status, exercise.openFindings]),
    ).toEqual([
      ['ex-failover', 'done', 1],
      ['ex-tabletop', 'planned', 0],
    ]);
    expect(analysis.exercises[0]?.services).toEqual([
      {
        id: 'pay',
        targetMinutes: 300,
        predictedMinutes: 285,
        graphMinutes: 240,
        achievedMinutes: 360,
        met: false,
        rpoMinutes: 15,
        dataLossMinutes: 5,
        dataLossMet: true,
      },
    ]);
    expect(analysis.programme).toEqual([
      {
        plan: 'plan-leeds',
        tier: 1,
        atLeast: 'parallel',
        lastExercised: ran,
        lastType: 'parallel',
        due: day(-10 + 182),
        overdue: false,
        scheduled: day(30),
      },
    ]);
    expect(analysis.proven).toEqual([
      { service: 'pay', rtoMinutes: 300, provenMinutes: 360, exercise: 'ex-failover' },
    ]);
    expect(analysis.training).toEqual([
      {
        plan: 'plan-leeds',
        people: [
          { id: 'ana', trained: true, until: day(-10 + 364) },
          { id: 'bob', trained: false, until: null },
        ],
      },
    ]);
  });

  it('prints a table a person reads: the miss, the programme, the proven RTO and who is not trained', async () => {
    const run = await runCli(['analyze', 'exercises', catalog]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/pay\s+5h\s+4h45m\s+4h\s+6h\s+MISSED\s+5m\s+15m/);
    expect(run.stdout).toContain('most optimistic: pay (predicted 4h45m, took 6h)');
    expect(run.stdout).toMatch(
      new RegExp(`plan-leeds\\s+1\\s+parallel\\s+${ran}\\s+parallel\\s+${day(172)}`),
    );
    expect(run.stdout).toContain('proven RTOs: 1 of 1 services');
    expect(run.stdout).toContain('plan-leeds: 1 of 2 trained; not trained: bob');
  });

  it('refuses a catalog with errors, pointing at the offending value', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      `apiVersion: lifeboat/v1
kind: Exercise
metadata: { id: ex-1 }
spec: { title: T, type: drill, plans: [p], scheduled: '2026-01-01', status: planned }
`,
    );
    const run = await runCli(['analyze', 'exercises', broken]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/broken\.yaml:4:\d+: error: .*type/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
