import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVICENOW = path.join(root, 'test/fixtures/cmdb/servicenow');
const ITOP = path.join(root, 'test/fixtures/cmdb/itop');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lifeboat-convert-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lifeboat convert', () => {
  it('converts the ServiceNow export folder into one file per kind that lifeboat check accepts', async () => {
    const out = path.join(dir, 'servicenow');
    const converted = await runCli(['convert', '--from', 'servicenow', SERVICENOW, '-o', out]);
    expect(converted.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'components.yaml',
      'services.yaml',
      'sites.yaml',
      'teams.yaml',
      'vendors.yaml',
    ]);
    expect(converted.stderr).toContain(
      'cmdb_rel_ci.csv:492: warning: relation type "Monitors::Monitored by" is not mapped',
    );
    expect(converted.stderr.trimEnd().split('\n').at(-1)).toBe(
      'converted 270 items and 476 relations into 293 documents (Service 21, Component 249, Site 2, Vendor 11, Team 10); ' +
        'skipped 3 items and 16 relations: relation type ignored (12), excluded by operational_status (3), ' +
        'relation to an item excluded by operational_status (2), relation type not mapped (2)',
    );
    const checked = await runCli(['check', out]);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toContain('checked 5 files, 293 documents: 0 errors');

    // The same input gives the same bytes.
    const again = path.join(dir, 'servicenow-again');
    await runCli(['convert', '--from', 'servicenow', SERVICENOW, '-o', again]);
    for (const file of await readdir(out))
      expect(await readFile(path.join(again, file), 'utf8')).toBe(
        await readFile(path.join(out, file), 'utf8'),
      );
  });

  it('prints all documents as one YAML stream with -o -', async () => {
    const result = await runCli([
      'convert',
      '--from',
      'csv',
      path.join(ITOP, 'items.csv'),
      path.join(ITOP, 'relations.csv'),
      '--mapping',
      path.join(ITOP, 'mapping.yaml'),
      '-o',
      '-',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('apiVersion: lifeboat/v1\nkind: Service\nmetadata:\n  id: erp\n')).toBe(
      true,
    );
    expect(result.stdout.match(/^kind: /gm)).toHaveLength(40);
    expect(result.stderr).toContain('into 40 documents');
  });

  it('writes what converted and exits 1 when a relation names an unknown item, saying where', async () => {
    const items = path.join(dir, 'items.csv');
    const relations = path.join(dir, 'relations.csv');
    await writeFile(items, 'name,type\napp,application\ndb,database\n');
    await writeFile(relations, 'from,to\napp,db\napp,dbb\n');
    const out = path.join(dir, 'partial');
    const result = await runCli(['convert', '--from', 'csv', items, relations, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${relations}:3: error: unknown relation target: to "dbb" is no item's id or name`,
    );
    expect(await readFile(path.join(out, 'components.yaml'), 'utf8')).toContain('dependsOn:\n    - db\n');
  });

  it('refuses a bad mapping file with file:line:column and writes nothing', async () => {
    const mapping = path.join(dir, 'bad-mapping.yaml');
    await writeFile(mapping, 'items:\n  idFrom: title\n');
    const out = path.join(dir, 'not-written');
    const result = await runCli(['convert', '--from', 'csv', ITOP, '--mapping', mapping, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${mapping}:2:11: error: items.idFrom: Invalid option: expected one of "name"|"id"`,
    );
    expect(result.stderr).toContain('nothing written');
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });

  it('exits 2 on usage errors: an unknown format, no output, a missing input', async () => {
    const unknown = await runCli(['convert', '--from', 'excel', ITOP, '-o', '-']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("argument 'excel' is invalid");
    const noOutput = await runCli(['convert', '--from', 'csv', ITOP]);
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toContain("required option '-o, --output <dir>' not specified");
    const missing = await runCli(['convert', '--from', 'csv', path.join(dir, 'nowhere.csv'), '-o', '-']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('lifeboat convert: error: cannot read');
  });
});
