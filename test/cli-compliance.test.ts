import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOG } from '../src/cli/catalog-source.ts';
import type { ComplianceReport } from '../src/compliance/types.ts';
import { CHECK_IDS } from '../src/compliance/types.ts';
import { runCli } from './support/cli.ts';

/**
 * `lifeboat analyze compliance` as a user runs it: on the example organisation's files, on a database loaded by
 * `lifeboat demo`, and on a catalog where nothing fails; and the compliance-snapshot job run by `lifeboat jobs`.
 */
const AT = '2026-12-06';
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-compliance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One tier 4 service: only the cold-start check applies, and it passes.
const quiet = join(dir, 'quiet.yaml');
writeFileSync(
  quiet,
  'apiVersion: lifeboat/v1\nkind: Service\nmetadata: {id: intranet, name: Intranet}\nspec: {type: it, tier: 4}\n',
);

/** The keys the issue names for `--json`, with the extra fields the report carries. */
function expectShape(report: ComplianceReport): void {
  expect(Object.keys(report).sort()).toEqual(['at', 'checks', 'frameworks', 'score']);
  expect(report.checks.map((check) => check.id)).toEqual([...CHECK_IDS]);
  for (const check of report.checks) {
    expect(Object.keys(check).sort()).toEqual(
      ['failed', 'id', 'items', 'passed', 'references', 'rule', 'severity', 'status', 'title'].sort(),
    );
    for (const item of check.items) {
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'kind', 'status', 'message']));
      expect(['pass', 'fail']).toContain(item.status);
    }
  }
  for (const framework of report.frameworks)
    for (const requirement of framework.requirements) {
      expect(Object.keys(requirement)).toEqual(
        expect.arrayContaining(['clause', 'title', 'checks', 'status']),
      );
      expect(['pass', 'fail', 'not-applicable', 'manual']).toContain(requirement.status);
    }
}

describe('lifeboat analyze compliance on catalog files', () => {
  // The example's report as JSON, which the text output below is compared with.
  let report: ComplianceReport;

  it('prints the report as JSON, approvals being the repository’s (said on standard error) and no audit log', async () => {
    const result = await runCli(['analyze', 'compliance', EXAMPLE_CATALOG, '--at', AT, '--json']);
    expect(result.code, result.stderr).toBe(0);
    report = JSON.parse(result.stdout) as ComplianceReport;
    expectShape(report);
    expect(report.at).toBe(AT);
    expect(report.frameworks.map((framework) => framework.id)).toEqual([
      'iso22301',
      'nist-800-34',
      'dora',
      'nis2',
    ]);
    // Without a database there is no audit chain to verify: the evidence-integrity check does not apply.
    expect(report.checks.find((check) => check.id === 'C17')?.status).toBe('not-applicable');
    expect(result.stderr).toMatch(
      /note: \d+ plans in these files count as approved: without a database, approval is the repository's review process/,
    );
    expect(result.stderr).toMatch(/note: \d+ assessments in these files count as approved/);
  });

  it('prints the score, each check and its failing items, then each framework, and fails with --fail-on fail', async () => {
    const result = await runCli([
      'analyze',
      'compliance',
      EXAMPLE_CATALOG,
      '--at',
      AT,
      '--framework',
      'iso22301',
      '--fail-on',
      'fail',
    ]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^compliance at 2026-12-06: score \d+% \(\d+ of \d+ items pass\)$/);
    // A failing check the framework cites, with its failing items indented under it.
    const failing = report.checks.find(
      (check) => check.status === 'fail' && check.references.some((r) => r.framework === 'iso22301'),
    )!;
    const row = lines.findIndex((line) =>
      new RegExp(`^${failing.id} +fail +${failing.passed} passed, ${failing.failed} failed +\\S`).test(line),
    );
    expect(row).toBeGreaterThan(0);
    const failed = failing.items.filter((item) => item.status === 'fail');
    expect(lines.slice(row + 1, row + 1 + failed.length)).toEqual(
      failed.map((item) => `  ${item.id}: ${item.message}`),
    );
    expect(result.stdout).toMatch(
      /\nISO 22301:2019 \(iso22301\): \d+ pass, \d+ fail, \d+ not applicable, \d+ manual\n/,
    );
    const requirement = report.frameworks
      .find((framework) => framework.id === 'iso22301')!
      .requirements.find((r) => r.checks.includes(failing.id))!;
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^  ${requirement.clause.replaceAll('.', '\\.')} +fail +`)),
    );
    expect(result.stdout).not.toContain('(dora)');
    expect(result.stderr).toContain(`(--fail-on fail): `);
    expect(result.stderr).toContain(`${failing.id} (${failing.failed} item(s))`);
  });

  it('exits 0 with --fail-on fail when no check fails', async () => {
    const result = await runCli(['analyze', 'compliance', quiet, '--at', AT, '--fail-on', 'fail']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^compliance at 2026-12-06: score 100% \(1 of 1 items pass\)\n/);
    expect(result.stdout).toMatch(/\nC05 +pass +1 passed, 0 failed +/);
    expect(result.stderr).toBe('');
  });

  it('refuses a date that is not one, an unknown framework and an unknown --fail-on with exit 2', async () => {
    const [date, framework, failOn] = await Promise.all([
      runCli(['analyze', 'compliance', quiet, '--at', '2026-02-30']),
      runCli(['analyze', 'compliance', quiet, '--framework', 'iso']),
      runCli(['analyze', 'compliance', quiet, '--fail-on', 'warn']),
    ]);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain(
      "option '--at <date>' argument '2026-02-30' is invalid. expected a date as YYYY-MM-DD",
    );
    expect(framework.code).toBe(2);
    expect(framework.stderr).toContain('Allowed choices are iso22301, nist-800-34, dora, nis2.');
    expect(failOn.code).toBe(2);
    for (const result of [date, framework, failOn]) expect(result.stdout).toBe('');
  });
});

describe('lifeboat analyze compliance on the database', () => {
  const env = { LIFEBOAT_DB: join(dir, 'northbank.db'), LIFEBOAT_WORKERS: '0' };
  beforeAll(async () => {
    const demo = await runCli(['demo'], env);
    expect(demo.code, demo.stderr).toBe(0);
  });

  it('reads the stored catalog: frozen versions and the verified audit chain make the evidence-integrity check apply', async () => {
    const result = await runCli(['analyze', 'compliance', '--at', AT, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as ComplianceReport;
    expectShape(report);
    const audit = report.checks
      .find((check) => check.id === 'C17')
      ?.items.find((item) => item.id === 'audit-log');
    expect(audit).toMatchObject({ kind: 'Catalog', status: 'pass' });
    expect(result.stderr).not.toContain('count as approved');
  });

  it('keeps the day’s snapshot when the compliance-snapshot job runs', async () => {
    const result = await runCli(['jobs', 'run', 'compliance-snapshot', '--now', `${AT}T06:00:00Z`], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^compliance-snapshot: 2026-12-06: score \d+%; \d+ checks pass, \d+ fail, \d+ not applicable\n$/,
    );
  });
});
