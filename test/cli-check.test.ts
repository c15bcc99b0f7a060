import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'lifeboat.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `lifeboat` command as a child process. */
function lifeboat(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;

/** Writes a catalog file (lines joined) into the temp dir and returns its path. */
async function catalog(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

const doc = (kind: string, id: string, ...spec: string[]) => [
  'apiVersion: lifeboat/v1',
  `kind: ${kind}`,
  'metadata:',
  `  id: ${id}`,
  ...(spec.length > 0 ? ['spec:', ...spec] : ['spec: {}']),
];

const good = [
  ...doc('Team', 'team-core'),
  '---',
  ...doc('Site', 'dc-north', '  type: data-centre', '  recovery: 1d'),
  '---',
  ...doc(
    'Component',
    'db-primary',
    '  type: database',
    '  site: dc-north',
    '  recovery: 2h',
    '  data: {backup: {interval: 1d, at: dc-north}}',
  ),
  '---',
  ...doc(
    'Service',
    'payments',
    '  type: business',
    '  tier: 1',
    '  owner: team-core',
    '  rto: 4h',
    '  rpo: 15m',
    '  mtpd: 1d',
    '  dependsOn: [db-primary]',
  ),
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lifeboat-check-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each case starts its own process and writes its own files, so they run side by side.
describe.concurrent('lifeboat check', () => {
  it('exits 0 with no findings on a valid catalog and prints a summary to stderr', async () => {
    const file = await catalog('good/catalog.yaml', good);
    const run = await lifeboat('check', file);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('checked 1 file, 4 documents: 0 errors, 0 warnings\n');
    expect(run.code).toBe(0);
  });

  it('checks the example catalog with no errors and exits 0', async () => {
    const run = await lifeboat('check', 'examples/northbank');
    expect(run.stdout).not.toContain(': error:');
    expect(run.stderr).toMatch(/: 0 errors, \d+ warnings?\n$/);
    expect(run.code).toBe(0);
  });

  it('reports an unknown dependsOn id at its line and column with a suggestion, and exits 1', async () => {
    const file = await catalog(
      'typo/catalog.yaml',
      good.map((line) => line.replace('[db-primary]', '[db-primray]')),
    );
    const run = await lifeboat('check', file);
    expect(run.stdout).toBe(
      `${file}:36:15: error: unknown id "db-primray" in dependsOn (did you mean "db-primary"?)\n`,
    );
    expect(run.code).toBe(1);
  });

  it('reports a YAML syntax error at its position, with the file of a folder, and exits 1', async () => {
    const folder = path.join(dir, 'syntax');
    await catalog('syntax/a-good.yaml', good);
    const file = await catalog('syntax/nested/broken.yml', [
      'apiVersion: lifeboat/v1',
      'kind: [Site',
      'metadata: {id: x}',
    ]);
    const run = await lifeboat('check', folder);
    expect(run.stdout).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: error: YAML syntax: `),
    );
    expect(run.stderr).toMatch(/^checked 2 files, 4 documents: 1 error, 0 warnings\n$/);
    expect(run.code).toBe(1);
  });

  it('reports a schema error naming the field, the value and what is expected', async () => {
    const file = await catalog('schema.yaml', doc('Component', 'web-1', '  type: databse'));
    const run = await lifeboat('check', file);
    expect(run.stdout).toBe(
      `${file}:6:9: error: spec.type is "databse" (did you mean "database"?); expected one of: ` +
        'server, vm, container, database, storage, network, application, cloud, saas, power, facility, other\n',
    );
    expect(run.code).toBe(1);
  });

  it('reports an unknown kind with a suggestion', async () => {
    const file = await catalog('kind.yaml', doc('Servise', 'payments'));
    const run = await lifeboat('check', file);
    expect(run.stdout).toBe(
      `${file}:2:7: error: unknown kind "Servise" (did you mean "Service"?); expected one of: Service, Component, Site, Vendor, Team, Person, Plan, Incident, Policy, ImpactAssessment, Campaign, Risk, Exercise, Training, Contract, Statement\n`,
    );
    expect(run.code).toBe(1);
  });

  it('reports a wrong apiVersion at its value', async () => {
    const file = await catalog('api.yaml', ['apiVersion: lifeboat/v2', ...doc('Site', 'dc').slice(1)]);
    const run = await lifeboat('check', file);
    expect(run.stdout).toBe(`${file}:1:13: error: apiVersion is "lifeboat/v2"; expected "lifeboat/v1"\n`);
    expect(run.code).toBe(1);
  });

  it('reports a duplicate id in another file at the second metadata.id, naming the first', async () => {
    const first = await catalog('dup/sites.yaml', doc('Site', 'core'));
    const second = await catalog('dup/teams.yaml', doc('Team', 'core'));
    const run = await lifeboat('check', path.join(dir, 'dup'));
    expect(run.stdout).toBe(
      `${second}:4:7: error: duplicate id "core": already used by a Site at ${first}:4:7 (ids are unique across all kinds)\n`,
    );
    expect(run.code).toBe(1);
  });

  it('reports a reference to an id of the wrong kind', async () => {
    const file = await catalog('kindref.yaml', [
      ...doc('Team', 'ops'),
      '---',
      ...doc('Component', 'vm-1', '  type: vm', '  site: ops'),
    ]);
    const run = await lifeboat('check', file);
    expect(run.stdout).toBe(`${file}:13:9: error: "ops" in site is a Team; expected a Site\n`);
    expect(run.code).toBe(1);
  });

  it('reports an invalid duration at the value', async () => {
    const file = await catalog('duration.yaml', doc('Site', 'dc', '  recovery: 90 minutes'));
    const run = await lifeboat('check', file);
    expect(run.stdout).toBe(
      `${file}:6:13: error: invalid duration "90 minutes" in spec.recovery: a number with a unit, largest first: 45m, 4h, 2d, 1w, 1h30m\n`,
    );
    expect(run.code).toBe(1);
  });

  it('refuses a document that depends on itself, as the API does', async () => {
    const file = await catalog('self.yaml', doc('Site', 'dc', '  dependsOn: [{anyOf: [dc]}]'));
    const run = await lifeboat('check', file);
    expect(run.stdout).toBe(`${file}:6:24: error: "dc" in dependsOn refers to the document itself\n`);
    expect(run.code).toBe(1);
  });

  it('prints continuity warnings (RTO over MTPD, no owner, a cycle) but exits 0 when there is no error', async () => {
    const file = await catalog('warnings.yaml', [
      ...doc(
        'Service',
        'svc',
        '  type: it',
        '  tier: 3',
        '  rto: 2d',
        '  mtpd: 1d',
        '  dependsOn: [app]',
        '  recovery: 1h',
      ),
      '---',
      ...doc('Component', 'app', '  type: application', '  dependsOn: [svc]', '  recovery: 1h'),
    ]);
    const run = await lifeboat('check', file);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      `${file}:4:7: warning: service "svc" has no owner: set spec.owner to the Team or Person responsible`,
      `${file}:8:8: warning: rto 2d is over mtpd 1d: the service would come back after the damage is already unacceptable`,
      `${file}:19:15: warning: dependency cycle: app -> svc -> app: these cannot be brought back in order after a cold start`,
    ]);
    expect(run.stderr).toBe('checked 1 file, 2 documents: 0 errors, 3 warnings\n');
    expect(run.code).toBe(0);
  });

  it('prints {errors, warnings} with file, line, column and message under --json', async () => {
    const file = await catalog(
      'json.yaml',
      doc('Service', 'svc', '  type: it', '  tier: 2', '  owner: nobody'),
    );
    const run = await lifeboat('check', file, '--json');
    const output = JSON.parse(run.stdout) as unknown;
    expect(output).toEqual({
      errors: [{ file, line: 8, column: 10, message: 'unknown id "nobody" in owner' }],
      warnings: [
        {
          file,
          line: 7,
          column: 9,
          message: 'tier-2 service "svc" has no rpo: set how much data, as time, it may lose',
        },
        {
          file,
          line: 7,
          column: 9,
          message: 'tier-2 service "svc" has no rto: set how soon it must be back after a disruption',
        },
      ],
    });
    expect(run.code).toBe(1);
  });

  it('exits 2 and names the path when it does not exist', async () => {
    const missing = path.join(dir, 'nowhere');
    const run = await lifeboat('check', missing);
    expect(run.stderr).toBe(`${missing}: error: no such file or directory\n`);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it('exits 2 when the catalog argument is missing', async () => {
    const run = await lifeboat('check');
    expect(run.stderr).toContain("missing required argument 'catalog'");
    expect(run.code).toBe(2);
  });
});
