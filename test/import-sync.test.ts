import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../src/catalog/kinds.ts';
import { EXTERNAL_ID_LABEL, SOURCE_LABEL } from '../src/convert/types.ts';
import { CatalogError } from '../src/server/services/errors.ts';
import { createImportService } from '../src/server/services/import.service.ts';
import type { ImportService } from '../src/server/services/import.service.ts';
import { runCli } from './support/cli.ts';
import { LIFEBOAT_BIN } from './support/server-process.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const actor = 'sync-test';

/** A document as a conversion from `source` gives it: labelled with the source and its external id. */
function converted(source: string, kind: string, id: string, spec: Record<string, unknown>, name?: string) {
  return {
    apiVersion: 'lifeboat/v1',
    kind,
    metadata: {
      id,
      ...(name !== undefined && { name }),
      labels: { [SOURCE_LABEL]: source, [EXTERNAL_ID_LABEL]: `CI-${id}` },
    },
    spec,
  };
}

/** A CMDB export: a shop service on two app servers and a database; `apps` says which app servers it holds. */
function cmdbExport(apps = ['app-a', 'app-b']) {
  return [
    converted('csv', 'Service', 'shop', { type: 'business', tier: 2, dependsOn: [...apps, 'db-1'] }, 'Shop'),
    ...apps.map((id) => converted('csv', 'Component', id, { type: 'server' }, id.toUpperCase())),
    converted('csv', 'Component', 'db-1', { type: 'database' }, 'Orders database'),
  ];
}

/** The export once the database has left the CMDB. */
function withoutDatabase() {
  const next = cmdbExport().filter((document) => document.metadata.id !== 'db-1');
  next[0]!.spec.dependsOn = ['app-a', 'app-b'];
  return next;
}

/** Documents made by hand: a team, an HSM the shop needs, and a Kubernetes workload from another source. */
const HAND_MADE = [
  { apiVersion: 'lifeboat/v1', kind: 'Team', metadata: { id: 'ops' }, spec: {} },
  {
    apiVersion: 'lifeboat/v1',
    kind: 'Component',
    metadata: { id: 'hsm', name: 'Payment HSM' },
    spec: { type: 'other', recovery: '8h' },
  },
  converted('kubernetes', 'Component', 'web', { type: 'container' }),
];

describeEachDatabase('import from a source', (dialect) => {
  let t: TestApp;
  let importer: ImportService;
  const get = async (id: string) =>
    (await importer.exportDocuments()).find((document) => document.metadata.id === id) as CatalogDocument;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    importer = createImportService({ database: t.database, now: () => new Date('2026-03-04T05:06:07Z') });
    await importer.importDocuments(HAND_MADE, { actor });
    await importer.importDocuments(cmdbExport(), { actor, source: 'csv' });
    // By hand: objectives and a recovery time, the two app servers made a redundancy group, the HSM added, an
    // owner and a label on the database.
    const shop = await get('shop');
    await importer.importDocuments(
      [
        {
          ...shop,
          spec: {
            ...shop.spec,
            rto: '4h',
            rpo: '15m',
            mtpd: '1d',
            recovery: '2h',
            dependsOn: [{ anyOf: ['app-a', 'app-b'] }, 'db-1', 'hsm'],
          },
        },
        { ...(await get('db-1')), spec: { type: 'database', owner: 'ops', recovery: '6h' } },
      ].map((document) => {
        const { version: _v, createdAt: _c, updatedAt: _u, ...metadata } = document.metadata;
        return { ...document, metadata };
      }),
      { actor },
    );
  });
  afterEach(async () => {
    await t.close();
  });

  it('keeps hand-added objectives, recovery times and redundancy groups on a re-import, which changes nothing', async () => {
    const again = await importer.importDocuments(cmdbExport(), { actor, source: 'csv', prune: true });
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 4, deleted: 0, dryRun: false });
    expect((await get('shop')).spec).toEqual({
      type: 'business',
      tier: 2,
      rto: '4h',
      rpo: '15m',
      mtpd: '1d',
      recovery: '2h',
      dependsOn: [{ anyOf: ['app-a', 'app-b'] }, 'db-1', 'hsm'],
    });
    expect((await get('db-1')).spec).toEqual({ type: 'database', owner: 'ops', recovery: '6h' });
  });

  it('writes what the source changed over the stored document and keeps the rest', async () => {
    const next = cmdbExport();
    next[0]!.metadata.name = 'Web shop';
    next[0]!.spec.tier = 1;
    // The database no longer backs the shop at the source; a new cache does.
    next[0]!.spec.dependsOn = ['app-a', 'app-b', 'cache'];
    next.push(converted('csv', 'Component', 'cache', { type: 'database' }));
    const result = await importer.importDocuments(next, { actor, source: 'csv', sample: 5 });
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 3, deleted: 0 });
    expect(result.byKind).toEqual({
      Service: { created: 0, updated: 1, unchanged: 0, deleted: 0 },
      Component: { created: 1, updated: 0, unchanged: 3, deleted: 0 },
    });
    expect(result.sample?.updated).toEqual([
      {
        id: 'shop',
        kind: 'Service',
        name: 'Web shop',
        changes: [
          { path: 'metadata.name', before: 'Shop', after: 'Web shop' },
          { path: 'spec.tier', before: 2, after: 1 },
          {
            path: 'spec.dependsOn',
            before: [{ anyOf: ['app-a', 'app-b'] }, 'db-1', 'hsm'],
            after: [{ anyOf: ['app-a', 'app-b'] }, 'hsm', 'cache'],
          },
        ],
      },
    ]);
    const shop = await get('shop');
    expect(shop.metadata.name).toBe('Web shop');
    expect(shop.spec).toMatchObject({ tier: 1, rto: '4h', rpo: '15m', mtpd: '1d', recovery: '2h' });
  });

  it('prunes only documents of this source, and hand-made and other sources’ documents survive', async () => {
    // app-b leaves the CMDB: the shop's redundancy group names it, so first the group is changed by hand.
    const shop = await get('shop');
    const { version: _v, createdAt: _c, updatedAt: _u, ...metadata } = shop.metadata;
    await importer.importDocuments(
      [{ ...shop, metadata, spec: { ...shop.spec, dependsOn: [{ anyOf: ['app-a', 'hsm'] }, 'db-1'] } }],
      { actor },
    );
    const result = await importer.importDocuments(cmdbExport(['app-a']), {
      actor,
      source: 'csv',
      prune: true,
    });
    expect(result).toEqual({ created: 0, updated: 0, unchanged: 3, deleted: 1, dryRun: false });
    const ids = (await importer.exportDocuments()).map((document) => document.metadata.id);
    expect(ids).toEqual(['app-a', 'db-1', 'hsm', 'ops', 'shop', 'web']);
    expect((await get('shop')).spec).toMatchObject({ rto: '4h', recovery: '2h' });
  });

  it('refuses a prune that would leave a redundancy group naming a deleted document, and writes nothing', async () => {
    const error = await importer
      .importDocuments(cmdbExport(['app-a']), { actor, source: 'csv', prune: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).detail).toContain(
      'shop: spec.dependsOn[0].anyOf[1]: "app-b" is no longer in the source and the prune would delete it',
    );
    expect((await importer.exportDocuments()).map((document) => document.metadata.id)).toContain('app-b');
  });

  it('refuses a prune that would leave a hand-made document referring to a deleted one, naming both', async () => {
    const hsm = HAND_MADE[1]!;
    await importer.importDocuments([{ ...hsm, spec: { ...hsm.spec, dependsOn: ['db-1'] } }], { actor });
    const error = await importer
      .importDocuments(withoutDatabase(), { actor, source: 'csv', prune: true })
      .catch((caught: unknown) => caught);
    expect((error as CatalogError).code).toBe('referenced');
    expect((error as CatalogError).detail).toContain(
      'Component "hsm" refers to Component "db-1" at spec.dependsOn[0]',
    );
    expect(await get('db-1')).toBeDefined();
  });
});

/** A small CMDB export as iTop or GLPI write it: an items file and a relations file. */
const ITEMS_CSV = [
  'id,name,class,tier',
  'WEB-1,Web shop,business_service,1',
  'SRV-1,App server,server,',
  'DB-1,Orders DB,database,',
  '',
].join('\n');
const RELATIONS_CSV = ['from,to,type', 'WEB-1,SRV-1,depends on', 'SRV-1,DB-1,depends on', ''].join('\n');

describeEachDatabase('import page routes', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });
  const files = [
    { name: 'items.csv', text: ITEMS_CSV },
    { name: 'relations.csv', text: RELATIONS_CSV },
  ];

  it('previews counts by kind and a sample without writing, then applies, and a second apply changes nothing', async () => {
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/preview',
      payload: { format: 'csv', files },
    });
    expect(preview.statusCode).toBe(200);
    const answer = body<{ result: Record<string, unknown>; summary: Record<string, unknown> }>(preview);
    expect(answer.summary).toMatchObject({ documents: { Service: 1, Component: 2 }, items: { read: 3 } });
    expect(answer.result).toMatchObject({
      created: 3,
      dryRun: true,
      byKind: { Service: { created: 1 }, Component: { created: 2 } },
    });
    expect((answer.result.sample as { created: { id: string }[] }).created.map((item) => item.id)).toEqual([
      'web-shop',
      'app-server',
      'orders-db',
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/services/web-shop' })).statusCode).toBe(404);

    const apply = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/apply',
      payload: { format: 'csv', files },
    });
    expect(body<{ result: unknown }>(apply).result).toMatchObject({ created: 3, updated: 0, dryRun: false });
    const service = body<{ spec: unknown }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/services/web-shop' }),
    );
    expect(service.spec).toEqual({ type: 'business', tier: 1, dependsOn: ['app-server'] });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/apply',
      payload: { format: 'csv', files },
    });
    expect(body<{ result: unknown }>(again).result).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
      deleted: 0,
    });
  });

  it('refuses to apply a conversion with errors, naming file and line, and writes nothing', async () => {
    const broken = [files[0]!, { name: 'relations.csv', text: 'from,to,type\nWEB-1,SRV-9,depends on\n' }];
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/preview',
      payload: { format: 'csv', files: broken },
    });
    expect(preview.statusCode).toBe(200);
    expect(body<{ problems: unknown[] }>(preview).problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'relations.csv', line: 2 }),
    ]);
    const apply = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/apply',
      payload: { format: 'csv', files: broken },
    });
    expect(apply.statusCode).toBe(400);
    expect(body<{ detail: string }>(apply).detail).toMatch(
      /^The csv input has 1 error\(s\); nothing was written: relations\.csv:2: error: unknown relation target/,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/services/web-shop' })).statusCode).toBe(404);
  });

  it('answers 400 with a readable detail when nothing could be converted', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/preview',
      payload: { format: 'csv', files: [{ name: 'empty.csv', text: '' }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(body<{ detail: string }>(response).detail).toContain('nothing could be converted');
  });
});

describe('lifeboat import --from', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-import-from-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'items.csv'), ITEMS_CSV);
  writeFileSync(join(dir, 'relations.csv'), RELATIONS_CSV);
  writeFileSync(join(dir, 'bad-relations.csv'), 'from,to,type\nWEB-1,SRV-9,depends on\n');

  it('converts and imports in one step, prints the summary, and a re-run changes nothing', async () => {
    const env = { LIFEBOAT_DB: join(dir, 'sync.db') };
    const args = ['import', '--from', 'csv', join(dir, 'items.csv'), join(dir, 'relations.csv')];
    const first = await runCli(args, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('created 3, updated 0, unchanged 0, deleted 0\n');
    expect(first.stderr).toContain(
      'converted 3 items and 2 relations into 3 documents (Service 1, Component 2)',
    );
    const again = await runCli([...args, '--prune'], env);
    expect(again.stdout).toBe('created 0, updated 0, unchanged 3, deleted 0\n');
  });

  it('prints conversion errors as file:line: error: and exits 1 with nothing written', async () => {
    const env = { LIFEBOAT_DB: join(dir, 'broken.db') };
    const bad = join(dir, 'bad-relations.csv');
    const result = await runCli(['import', '--from', 'csv', join(dir, 'items.csv'), bad], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}:2: error: unknown relation target`);
    expect(result.stderr).toContain(
      'lifeboat import: error: the csv input has 1 error(s); nothing was written',
    );
    const listed = await runCli(
      ['import', '--from', 'csv', join(dir, 'items.csv'), join(dir, 'relations.csv'), '--dry-run'],
      env,
    );
    expect(listed.stdout).toBe(
      'created 3, updated 0, unchanged 0, deleted 0 (dry run: nothing was written)\n',
    );
  });

  it('shows progress bars for the conversion and the import on a terminal', async () => {
    const env = { LIFEBOAT_DB: join(dir, 'terminal.db') };
    const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
    const command = [
      process.execPath,
      LIFEBOAT_BIN,
      'import',
      '--from',
      'csv',
      join(dir, 'items.csv'),
      join(dir, 'relations.csv'),
    ]
      .map(quote)
      .join(' ');
    // On a pseudo-terminal (util-linux `script`), as a user at a terminal would see it.
    const output = await new Promise<string>((resolve) => {
      execFile(
        'script',
        ['--quiet', '--return', '--command', command, '/dev/null'],
        { env: { ...process.env, ...env } },
        (_error, stdout) => resolve(stdout),
      );
    });
    expect(output).toMatch(/converting \[#{30}\] 100% (\d+)\/\1/);
    expect(output).toMatch(/importing \[#{30}\] 100% 3\/3/);
    expect(output).toMatch(/created 3, updated 0, unchanged 0, deleted 0\r?\n/);
  });

  it('refuses an unknown format and a mapping without --from with exit 2', async () => {
    const env = { LIFEBOAT_DB: join(dir, 'usage.db') };
    const unknown = await runCli(['import', '--from', 'ldap', dir], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown format "ldap": expected csv, servicenow, backstage, kubernetes',
    );
    const mapping = await runCli(['import', '--mapping', join(dir, 'm.yaml'), dir], env);
    expect(mapping.code).toBe(2);
    expect(mapping.stderr).toContain('--mapping needs --from <format>');
  });
});
