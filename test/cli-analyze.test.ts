import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ImpactResult, SpofResult } from '../src/engine/types.ts';
import type { ObjectivesGap } from '../src/plans/objectives.ts';
import { runCli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const catalog = join(dir, 'catalog.yaml');
writeFileSync(
  catalog,
  `apiVersion: lifeboat/v1
kind: Site
metadata: { id: dc-a }
spec: { recovery: 2h }
---
apiVersion: lifeboat/v1
kind: Site
metadata: { id: dc-b }
spec: { recovery: 3h }
---
apiVersion: lifeboat/v1
kind: Component
metadata: { id: db1 }
spec: { type: database, site: dc-a, restart: 30m }
---
apiVersion: lifeboat/v1
kind: Component
metadata: { id: db2 }
spec: { type: database, site: dc-b, restart: 20m }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: pay }
spec:
  type: business
  tier: 1
  rto: 1h
  rpo: 5m
  mtpd: 4h
  dependsOn: [{ anyOf: [db1, db2] }]
  restart: 5m
`,
);

/** Writes `name` in the test folder: the catalog above followed by `extra` documents. */
function catalogWith(name: string, extra: string): string {
  const file = join(dir, name);
  writeFileSync(file, `${readFileSync(catalog, 'utf8')}---\n${extra}`);
  return file;
}

it('prints the impact of a failure as JSON with restore times and breaches', async () => {
  const result = await runCli(['analyze', 'impact', catalog, '--fail', 'dc-a,dc-b', '--json']);
  expect(result.code).toBe(0);
  const impact = JSON.parse(result.stdout) as ImpactResult;
  expect(impact.failed).toEqual(['dc-a', 'dc-b']);
  expect(Object.fromEntries(impact.down.map((node) => [node.id, node.restoreMinutes]))).toEqual({
    'dc-a': 120,
    'dc-b': 180,
    db1: 150,
    db2: 200,
    pay: 155,
  });
  expect(impact.services).toEqual([
    {
      id: 'pay',
      tier: 1,
      down: true,
      restoreMinutes: 155,
      restoreKnown: true,
      rtoMinutes: 60,
      rpoMinutes: 5,
      mtpdMinutes: 240,
      rtoBreach: true,
      mtpdBreach: false,
      // db1 and db2 are databases that say nothing of their copies: the loss is unknown.
      dataLossMinutes: null,
      dataLossKnown: false,
      rpoBreach: null,
    },
  ]);
  expect(impact.unknown).toEqual(['db1', 'db2']);
});

it('prints a readable table without --json', async () => {
  const result = await runCli(['analyze', 'impact', catalog, '--fail', 'dc-a,dc-b']);
  expect(result.stdout).toContain('5 nodes down, 1 of 1 services down');
  // The databases say nothing of their copies: what pay lost is unknown, so its RPO may be breached (RPO?).
  expect(result.stdout).toMatch(/pay\s+1\s+yes\s+2h35m\s+1h\s+4h\s+unknown\s+5m\s+RTO, RPO\?\n/);
  expect(result.stdout).toContain('unknown (no recovery time, or data without copies): db1, db2');
});

it('names an unknown id in --fail and exits 2', async () => {
  const result = await runCli(['analyze', 'impact', catalog, '--fail', 'dc-c']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('unknown id "dc-c"');
  expect(result.stdout).toBe('');
});

it('lists cut sets by size then name, on a catalog file and on the database after an import', async () => {
  const expected: SpofResult = {
    maxOrder: 2,
    services: [
      {
        id: 'pay',
        cutSets: [
          ['db1', 'db2'],
          ['db1', 'dc-b'],
          ['db2', 'dc-a'],
          ['dc-a', 'dc-b'],
        ],
      },
    ],
  };
  const fromFile = await runCli(['analyze', 'spof', catalog, '--json']);
  expect(JSON.parse(fromFile.stdout)).toEqual(expected);

  const env = { LIFEBOAT_DB: join(dir, 'analyze.db') };
  expect((await runCli(['import', catalog], env)).code).toBe(0);
  const fromDatabase = await runCli(['analyze', 'spof', '--service', 'pay', '--json'], env);
  expect(JSON.parse(fromDatabase.stdout)).toEqual(expected);
  const table = await runCli(['analyze', 'spof', '--max-order', '1'], env);
  expect(table.stdout).toBe(
    'single points of failure: none (every service survives any single failure)\n\n' +
      'SERVICE  ORDER  CUT SET\npay      -      none up to order 1\n',
  );
});

it('ranks the single points of failure first, worst first, with names, consistent with the cut sets', async () => {
  const example = join(import.meta.dirname, '..', 'examples', 'northbank');
  const human = await runCli(['analyze', 'spof', example, '--max-order', '1']);
  expect(human.code).toBe(0);
  const lines = human.stdout.split('\n');
  expect(lines[0]).toMatch(
    /^single points of failure: \d+ nodes take services down alone, the worst 20 shown/,
  );
  expect(lines[2]).toMatch(/^SINGLE POINT +KIND +SERVICES +TIER 1 +TIER 2 +TIER 3 +TIER 4 +SCORE$/);
  const rows = lines.slice(3, 23).map((line) => {
    const match = /^(\S+) \((.+)\) +(\w+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, id = '', name = '', , services = '', , , , , score = ''] = match ?? [];
    return { id, name, services: Number(services), score: Number(score) };
  });
  const scores = rows.map((row) => row.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  // The first row takes down exactly the services whose order-1 cut sets name it.
  const json = await runCli(['analyze', 'spof', example, '--max-order', '1', '--json']);
  const sets = JSON.parse(json.stdout) as { services: { id: string; cutSets: string[][] }[] };
  const first = rows[0];
  const downed = sets.services.filter((service) => service.cutSets.some((set) => set[0] === first?.id));
  expect(first?.services).toBe(downed.length);
  expect(first?.name).not.toBe(first?.id);
});

it('refuses a bad --max-order as bad usage', async () => {
  const result = await runCli(['analyze', 'spof', catalog, '--max-order', 'lots']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--max-order');
});

it('says once, under the table, that the plans in the files count as approved, and keeps --json clean', async () => {
  const plan = (id: string, status: string) => `---
apiVersion: lifeboat/v1
kind: Plan
metadata: { id: ${id} }
spec:
  services: [pay]
  owner: ops
  scenario: { description: Site A is lost, fail: [dc-a] }
  activation: Any outage of dc-a.
  status: ${status}
`;
  const withPlans = catalogWith(
    'with-plans.yaml',
    `apiVersion: lifeboat/v1
kind: Team
metadata: { id: ops }
spec: {}
${plan('plan-a', 'draft')}${plan('plan-b', 'draft')}${plan('plan-old', 'retired')}`,
  );
  const text = await runCli(['analyze', 'impact', withPlans, '--fail', 'dc-a']);
  expect(text.code, text.stderr).toBe(0);
  const notes = text.stdout.split('\n').filter((line) => line.startsWith('note:'));
  // The two plans written as drafts count as approved here; the retired one does not.
  expect(notes).toEqual([
    "note: 2 plans in these files count as approved: without a database, approval is the repository's review process",
  ]);
  const spof = await runCli(['analyze', 'spof', withPlans]);
  expect(spof.stdout.match(/^note: /gm)).toHaveLength(1);
  const json = await runCli(['analyze', 'impact', withPlans, '--fail', 'dc-a', '--json']);
  expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
  expect((JSON.parse(json.stdout) as ImpactResult).failed).toEqual(['dc-a']);
  // Without plans there is nothing to say.
  expect((await runCli(['analyze', 'impact', catalog, '--fail', 'dc-a'])).stdout).not.toContain('note:');
});

/** The catalog above with a site named as in the README's example, to show a typo is caught. */
function withLeeds(): string {
  return catalogWith(
    'leeds.yaml',
    `apiVersion: lifeboat/v1
kind: Site
metadata: { id: dc-leeds }
spec: { recovery: 1h }
`,
  );
}

it('suggests the closest id for a typo in --fail, as check does, on a catalog file and on the database', async () => {
  const file = withLeeds();
  const fromFile = await runCli(['analyze', 'impact', file, '--fail', 'dc-a,dc-leds']);
  expect(fromFile.code).toBe(2);
  expect(fromFile.stdout).toBe('');
  expect(fromFile.stderr).toBe(
    'lifeboat analyze impact: error: unknown id "dc-leds" in --fail: no failure node (Service, Component, Site, ' +
      'Vendor) has this id (did you mean "dc-leeds"?)\n',
  );

  const env = { LIFEBOAT_DB: join(dir, 'leeds.db') };
  expect((await runCli(['import', file], env)).code).toBe(0);
  const fromDatabase = await runCli(['analyze', 'impact', '--fail', 'dc-leds'], env);
  expect(fromDatabase.code).toBe(2);
  expect(fromDatabase.stderr).toContain('(did you mean "dc-leeds"?)');
  const spof = await runCli(['analyze', 'spof', file, '--service', 'pey']);
  expect(spof.code).toBe(2);
  expect(spof.stderr).toContain('unknown id "pey" in --service');
  expect(spof.stderr).toContain('(did you mean "pay"?)');
});

it('refuses a broken catalog with its findings and without claiming that nothing was written', async () => {
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, `${readFileSync(catalog, 'utf8')}  rto: soon\n`);
  const result = await runCli(['analyze', 'impact', broken, '--fail', 'dc-a']);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`${broken}:`);
  expect(result.stderr).toContain(
    'lifeboat analyze impact: error: the catalog has 1 error(s); fix them to analyse it',
  );
  expect(result.stderr).not.toContain('written');
});

it('exits 1 with --fail-on breach when the failure breaches an RTO, MTPD or RPO, and 0 when it breaches none', async () => {
  const breached = await runCli(['analyze', 'impact', catalog, '--fail', 'dc-a,dc-b', '--fail-on', 'breach']);
  expect(breached.code).toBe(1);
  // The table is printed as without the option; the reason for the exit status is on standard error.
  expect(breached.stdout).toMatch(/pay\s+1\s+yes\s+2h35m\s+1h\s+4h\s+unknown\s+5m\s+RTO, RPO\?\n/);
  expect(breached.stderr).toBe(
    // pay is back after 2h35m, 1h35m past its 1h RTO (and within its 4h MTPD).
    'lifeboat analyze impact: error: 1 breach of an RTO, MTPD or RPO (--fail-on breach): pay (RTO by 1h35m)\n',
  );
  const json = await runCli([
    'analyze',
    'impact',
    catalog,
    '--fail',
    'dc-a,dc-b',
    '--fail-on',
    'breach',
    '--json',
  ]);
  expect(json.code).toBe(1);
  expect((JSON.parse(json.stdout) as ImpactResult).services[0]?.rtoBreach).toBe(true);

  // One database down leaves the other in the redundancy group: nothing is breached.
  const survived = await runCli(['analyze', 'impact', catalog, '--fail', 'db1', '--fail-on', 'breach']);
  expect(survived.code).toBe(0);
  expect(survived.stderr).toBe('');
  // Without the option a breach is reported, not an error.
  expect((await runCli(['analyze', 'impact', catalog, '--fail', 'dc-a,dc-b'])).code).toBe(0);
  const unknownCondition = await runCli(['analyze', 'impact', catalog, '--fail', 'db1', '--fail-on', 'down']);
  expect(unknownCondition.code).toBe(2);
  expect(unknownCondition.stderr).toContain('Allowed choices are breach');
});

it('exits 1 with --fail-on breach when only an RPO is breached, naming the service and by how much', async () => {
  const file = join(dir, 'rpo-only.yaml');
  writeFileSync(
    file,
    `apiVersion: lifeboat/v1
kind: Site
metadata: { id: dc-a }
spec: { recovery: 1h }
---
apiVersion: lifeboat/v1
kind: Site
metadata: { id: vault }
spec: { recovery: 1h }
---
apiVersion: lifeboat/v1
kind: Component
metadata: { id: ledger-db }
spec:
  type: database
  site: dc-a
  restart: 10m
  data: { backup: { interval: 1h, at: vault } }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: ledger }
spec: { type: business, tier: 2, rto: 4h, rpo: 15m, mtpd: 8h, dependsOn: [ledger-db], restart: 5m }
`,
  );
  // dc-a back after 1h, ledger-db restarts in 10m, ledger in 5m: back after 1h15m, within its 4h RTO and 8h MTPD.
  // The vault holding the hourly backups stays up, so ledger-db loses up to 1h of data: 45m past the 15m RPO.
  const impact = await runCli(['analyze', 'impact', file, '--fail', 'dc-a', '--fail-on', 'breach']);
  expect(impact.code).toBe(1);
  expect(impact.stdout).toMatch(/ledger\s+2\s+yes\s+1h15m\s+4h\s+8h\s+1h\s+15m\s+RPO\n/);
  expect(impact.stderr).toBe(
    'lifeboat analyze impact: error: 1 breach of an RTO, MTPD or RPO (--fail-on breach): ledger (RPO by 45m)\n',
  );
  const json = await runCli(['analyze', 'impact', file, '--fail', 'dc-a', '--fail-on', 'breach', '--json']);
  expect(json.code).toBe(1);
  expect((JSON.parse(json.stdout) as ImpactResult).services[0]).toMatchObject({
    rtoBreach: false,
    mtpdBreach: false,
    dataLossMinutes: 60,
    rpoBreach: true,
  });
  // The vault alone takes nothing down and costs no data.
  const vault = await runCli(['analyze', 'impact', file, '--fail', 'vault', '--fail-on', 'breach']);
  expect(vault.code, vault.stderr).toBe(0);
  // The objectives gap gates the same way: the dc-a scenario breaches the RPO.
  const objectives = await runCli(['analyze', 'objectives', file, '--fail-on', 'breach']);
  expect(objectives.code).toBe(1);
  expect(objectives.stderr).toBe(
    'lifeboat analyze objectives: error: 1 breach of an RTO or RPO (--fail-on breach): ledger in dc-a (RPO by 45m)\n',
  );
});

/** Team ops and a plan it owns for pay, whose scenario loses both sites and whose one recovery step is `step`. */
function bothSitesPlan(id: string, step: string): string {
  return `apiVersion: lifeboat/v1
kind: Team
metadata: { id: ops }
spec: {}
---
apiVersion: lifeboat/v1
kind: Plan
metadata: { id: ${id} }
spec:
  services: [pay]
  owner: ops
  scenario: { description: Both sites are lost, fail: [dc-a, dc-b] }
  activation: Any outage of both sites.
  phases:
    recovery:
      - ${step}
`;
}

/** The catalog above with a vendor, a service at the vendor and a plan for losing both sites. */
function withObjectives(): string {
  return catalogWith(
    'objectives.yaml',
    `apiVersion: lifeboat/v1
kind: Vendor
metadata: { id: telco }
spec: { recovery: 30m }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: mail }
spec: { type: business, tier: 3, rto: 1h, dependsOn: [telco], restart: 5m }
---
${bothSitesPlan('plan-both-sites', '{ id: rebuild-a, title: Rebuild site A, duration: 2h, restores: [dc-a] }')}`,
  );
}

it('prints the objectives gap of every site, vendor and plan scenario, the same from a file and the database', async () => {
  const file = withObjectives();
  const fromFile = await runCli(['analyze', 'objectives', file, '--json']);
  expect(fromFile.code, fromFile.stderr).toBe(0);
  const gap = JSON.parse(fromFile.stdout) as ObjectivesGap;
  expect(gap.scenarios).toEqual([
    { id: 'dc-a', source: 'site', fail: ['dc-a'] },
    { id: 'dc-b', source: 'site', fail: ['dc-b'] },
    { id: 'telco', source: 'vendor', fail: ['telco'] },
    { id: 'plan-both-sites', source: 'plan', fail: ['dc-a', 'dc-b'] },
  ]);
  expect(gap.services.map((s) => [s.id, s.tier, s.rtoMinutes, s.rpoMinutes])).toEqual([
    ['pay', 1, 60, 5],
    ['mail', 3, 60, null],
  ]);
  const [pay, mail] = gap.services;
  // One site alone leaves the other database in the redundancy group: pay stays up; but db1 went down and says
  // nothing of its copies, so what pay lost is unknown, and so is its RPO.
  expect(pay?.results[0]).toMatchObject({
    scenario: 'dc-a',
    down: false,
    restoreMinutes: null,
    dataLossMinutes: null,
    rtoBreach: false,
    rpoBreach: null,
  });
  // Both sites: site A is back after 2h (by the plan too), db1 restarts in 30m, pay in 5m: past its 1h RTO.
  expect(pay?.results[3]).toMatchObject({
    scenario: 'plan-both-sites',
    down: true,
    restoreMinutes: 155,
    restoreKnown: true,
    rtoBreach: true,
  });
  expect(mail?.results[2]).toMatchObject({
    scenario: 'telco',
    down: true,
    restoreMinutes: 35,
    rtoBreach: false,
  });

  const env = { LIFEBOAT_DB: join(dir, 'objectives.db') };
  expect((await runCli(['import', file], env)).code).toBe(0);
  const fromDatabase = await runCli(['analyze', 'objectives', '--json'], env);
  expect(fromDatabase.code, fromDatabase.stderr).toBe(0);
  expect(JSON.parse(fromDatabase.stdout)).toEqual(gap);

  const table = await runCli(['analyze', 'objectives', file]);
  expect(table.stdout).toContain('scenarios: 2 sites, 1 vendors, 1 plans, 0 risks; services: 2; breaches: 1');
  expect(table.stdout).toMatch(/pay\s+1\s+plan-both-sites\s+2h35m\s+1h\s+BREACH/);
  expect(table.stdout).toMatch(/mail\s+3\s+telco\s+35m\s+1h\s+met/);
});

it('exits 1 with analyze objectives --fail-on breach when a scenario breaches an objective, and 0 otherwise', async () => {
  const breached = await runCli(['analyze', 'objectives', withObjectives(), '--fail-on', 'breach']);
  expect(breached.code).toBe(1);
  expect(breached.stderr).toBe(
    'lifeboat analyze objectives: error: 1 breach of an RTO or RPO (--fail-on breach): pay in plan-both-sites (RTO by 1h35m)\n',
  );
  const met = await runCli(['analyze', 'objectives', catalog, '--fail-on', 'breach', '--json']);
  expect(met.code, met.stderr).toBe(0);
});

it('follows a plan with --plan: its scenario fails, and a step restores what it names when the step ends', async () => {
  const file = catalogWith(
    'plan-b-first.yaml',
    bothSitesPlan('plan-b-first', '{ id: rebuild-b, title: Rebuild site B, duration: 1h, restores: [dc-b] }'),
  );
  const restored = (impact: ImpactResult) =>
    Object.fromEntries(impact.down.map((node) => [node.id, node.restoreMinutes]));
  // The graph alone: dc-a is back first (2h), db1 30m later, pay 5m later.
  const graphAlone = await runCli(['analyze', 'impact', file, '--fail', 'dc-a,dc-b', '--json']);
  expect(restored(JSON.parse(graphAlone.stdout) as ImpactResult).pay).toBe(155);
  // The plan rebuilds dc-b in 1h: db2 restarts by 1h20m and pay is back after 1h25m.
  const fromFile = await runCli(['analyze', 'impact', file, '--plan', 'plan-b-first', '--json']);
  expect(fromFile.code, fromFile.stderr).toBe(0);
  const followed = JSON.parse(fromFile.stdout) as ImpactResult;
  expect(followed.failed).toEqual(['dc-a', 'dc-b']);
  expect(restored(followed)).toEqual({ 'dc-a': 120, 'dc-b': 60, db1: 150, db2: 80, pay: 85 });

  // --fail replaces the plan's scenario; the plan's steps still give the restore times.
  const onlyB = await runCli([
    'analyze',
    'impact',
    file,
    '--plan',
    'plan-b-first',
    '--fail',
    'dc-b',
    '--json',
  ]);
  expect(restored(JSON.parse(onlyB.stdout) as ImpactResult)).toEqual({ 'dc-b': 60, db2: 80 });

  const env = { LIFEBOAT_DB: join(dir, 'plan-b-first.db') };
  expect((await runCli(['import', file], env)).code).toBe(0);
  const fromDatabase = await runCli(['analyze', 'impact', '--plan', 'plan-b-first', '--json'], env);
  expect(fromDatabase.code, fromDatabase.stderr).toBe(0);
  expect(JSON.parse(fromDatabase.stdout)).toEqual(followed);

  const typo = await runCli(['analyze', 'impact', file, '--plan', 'plan-b-frist']);
  expect(typo.code).toBe(2);
  expect(typo.stderr).toBe(
    'lifeboat analyze impact: error: unknown plan "plan-b-frist" in --plan (did you mean "plan-b-first"?)\n',
  );
  const neither = await runCli(['analyze', 'impact', file]);
  expect(neither.code).toBe(2);
  expect(neither.stderr).toContain('give the failed nodes with --fail <ids>, or a plan with --plan <id>');
});

it('says "at least" for a restore time that waits on a vendor with no recovery time, and never calls its RTO met', async () => {
  const file = join(dir, 'unknown-vendor.yaml');
  writeFileSync(
    file,
    `apiVersion: lifeboat/v1
kind: Vendor
metadata: { id: telco }
spec: {}
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: phones }
spec: { type: business, tier: 2, rto: 1h, dependsOn: [telco], restart: 15m }
`,
  );
  const text = await runCli(['analyze', 'impact', file, '--fail', 'telco']);
  expect(text.code, text.stderr).toBe(0);
  // The vendor's 0 is a lower bound: phones is back after at least 15m, and its 1h RTO may yet be breached.
  expect(text.stdout).toMatch(/phones\s+2\s+yes\s+>= 15m\s+1h\s+-\s+-\s+-\s+RTO\?\n/);
  expect(text.stdout).toContain('unknown (no recovery time, or data without copies): telco');
  const json = JSON.parse(
    (await runCli(['analyze', 'impact', file, '--fail', 'telco', '--json'])).stdout,
  ) as ImpactResult;
  expect(json.services[0]).toMatchObject({ restoreMinutes: 15, restoreKnown: false, rtoBreach: null });
});
