import { describe, expect, it } from 'vitest';
import { checkCatalog } from './check-catalog.ts';
import { formatFindings } from './finding.ts';

// Leeds (4h to recover) runs `pay` (tier 1, RTO 2h, RPO 15m); the plan restores it after a call.
const base = `
apiVersion: lifeboat/v1
kind: Person
metadata: {id: ana, name: Ana}
spec: {email: ana@example.org}
---
apiVersion: lifeboat/v1
kind: Site
metadata: {id: leeds}
spec: {recovery: 4h}
---
apiVersion: lifeboat/v1
kind: Service
metadata: {id: pay, name: Payments}
spec: {type: business, tier: 1, owner: ana, rto: 2h, rpo: 15m, dependsOn: [leeds]}
---
apiVersion: lifeboat/v1
kind: Plan
metadata: {id: plan-leeds}
spec:
  services: [pay]
  owner: ana
  scenario: {description: Leeds is lost, fail: [leeds]}
  activation: The duty manager decides.
  phases:
    activation: [{id: call, title: Call the team, owner: ana, duration: 15m}]
`;

function check(today: string, exercise: string) {
  const text = `${base}---
apiVersion: lifeboat/v1
kind: Exercise
metadata: {id: ex-1}
spec:
${exercise
  .trim()
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
`;
  const result = checkCatalog([{ file: 'e.yaml', text }], { today });
  return {
    errors: formatFindings({ errors: result.errors, warnings: [] }),
    warnings: result.warnings.map((finding) => finding.message),
  };
}

const done = `
title: Leeds failover
type: parallel
plans: [plan-leeds]
scheduled: '2026-03-14'
status: done
started: '2026-03-14T08:00:00Z'
`;

describe('exercise rules', () => {
  it('warns about a missed RTO and RPO that no finding names, naming the exercise and the service', () => {
    const result = check(
      '2026-04-01',
      `${done}
results:
  restored: [{id: pay, at: '2026-03-14T11:00:00Z'}]
  dataLoss: [{service: pay, minutes: 30}]`,
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      'the exercise "ex-1" missed its RTO (back after 3h, target 2h) and its RPO (30m of data lost, target 15m) for the service "pay", and no finding names it: record a finding with an owner and a due date',
    ]);
  });

  it('is satisfied by a finding that names the service, by id or by name', () => {
    const result = check(
      '2026-04-01',
      `${done}
results: {restored: [{id: pay, at: '2026-03-14T11:00:00Z'}]}
findings: [{id: slow, title: Payments came back an hour late, severity: high, owner: ana, due: '2026-06-30', status: open}]`,
    );
    expect(result.warnings).toEqual([]);
  });

  it('warns about a done exercise without results, and a planned one whose date has passed', () => {
    expect(check('2026-04-01', done).warnings).toEqual([
      'the exercise "ex-1" is done but records no results: add the steps\' times and when each service was back',
    ]);
    const planned = check(
      '2026-04-01',
      `title: Tabletop
type: tabletop
plans: [plan-leeds]
scheduled: '2026-03-20'
status: planned`,
    );
    expect(planned.warnings).toContain(
      'the exercise "ex-1" was scheduled for 2026-03-20 and is still planned: record it as running, done or cancelled, or reschedule it',
    );
    expect(planned.warnings).toContain(
      'the plan "plan-leeds" has never been exercised (tier 1: a parallel exercise or heavier): schedule an exercise',
    );
  });

  it('warns about a plan overdue for an exercise once the tier interval has passed', () => {
    const exercise = `${done}
results: {restored: [{id: pay, at: '2026-03-14T09:00:00Z'}]}`;
    expect(check('2026-09-12', exercise).warnings).toEqual([]);
    expect(check('2026-09-13', exercise).warnings).toEqual([
      'the plan "plan-leeds" was due for an exercise on 2026-09-12 (tier 1: a parallel exercise or heavier; last parallel on 2026-03-14)',
    ]);
  });

  it('refuses a recorded step that the plan does not have', () => {
    const result = check(
      '2026-04-01',
      `${done}
results:
  steps: [{plan: plan-leeds, step: restore, outcome: done}]`,
    );
    expect(result.errors).toEqual(['e.yaml:40:38: error: the plan "plan-leeds" has no step "restore"']);
  });
});
