/**
 * The Backstage and Kubernetes conversions imported into a real database (SQLite, and PostgreSQL when
 * LIFEBOAT_TEST_PG_URL is set): everything comes in, a re-import changes nothing, and objectives added by hand
 * survive it.
 */
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CatalogDocument } from '../src/catalog/kinds.ts';
import { convertBackstage } from '../src/convert/backstage.ts';
import { FIXTURES_DIR, readFolder } from '../src/convert/convert-testing.ts';
import { convertKubernetes } from '../src/convert/kubernetes.ts';
import { convertInputs, readConvertInputs } from '../src/convert/index.ts';
import type { ConvertFormat } from '../src/convert/types.ts';
import { CMDB_SAMPLES_DIR } from '../src/convert/convert-testing.ts';
import { readFileSync } from 'node:fs';
import { createImportService } from '../src/server/services/import.service.ts';
import type { ImportService } from '../src/server/services/import.service.ts';
import { createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';

const actor = 'manifests-test';
const backstage = () => convertBackstage(readFolder(path.join(FIXTURES_DIR, 'backstage'))).documents;
const kubernetes = () => convertKubernetes(readFolder(path.join(FIXTURES_DIR, 'kubernetes'))).documents;
const unchanged = (count: number) => ({
  created: 0,
  updated: 0,
  unchanged: count,
  deleted: 0,
  dryRun: false,
});

describeEachDatabase('importing converted Backstage and Kubernetes catalogs', (dialect) => {
  let t: TestApp;
  let importer: ImportService;
  const get = async (id: string) =>
    (await importer.exportDocuments()).find((document) => document.metadata.id === id) as CatalogDocument;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    importer = createImportService({ database: t.database, now: () => new Date('2026-12-06T08:00:00Z') });
  });
  afterEach(async () => {
    await t.close();
  });

  it('brings every document in; importing again changes nothing and keeps objectives added by hand', async () => {
    expect(await importer.importDocuments(backstage(), { actor, source: 'backstage' })).toMatchObject({
      created: 23,
      updated: 0,
    });
    expect(await importer.importDocuments(kubernetes(), { actor, source: 'kubernetes' })).toMatchObject({
      created: 11,
      updated: 0,
    });
    // By hand: the checkout service's objectives.
    const checkout = await get('checkout');
    const { version: _v, createdAt: _c, updatedAt: _u, ...metadata } = checkout.metadata;
    const spec = { ...checkout.spec, rto: '2h', rpo: '5m' };
    await importer.importDocuments([{ ...checkout, metadata, spec }], { actor });

    expect(await importer.importDocuments(backstage(), { actor, source: 'backstage', prune: true })).toEqual(
      unchanged(23),
    );
    expect(
      await importer.importDocuments(kubernetes(), { actor, source: 'kubernetes', prune: true }),
    ).toEqual(unchanged(11));
    expect((await get('checkout')).spec).toMatchObject({ tier: 1, rto: '2h', rpo: '5m' });
    expect((await get('shop-api')).spec).toEqual({
      type: 'container',
      dependsOn: ['orders-db', { anyOf: ['payments-blue', 'payments-green'] }, 'search'],
    });
  });

  /** Every input the conversion tests check document by document, real public samples included. */
  const SOURCES: { name: string; format: ConvertFormat; inputs: string; mapping?: string }[] = [
    { name: 'ServiceNow export', format: 'servicenow', inputs: path.join(FIXTURES_DIR, 'servicenow') },
    {
      name: 'iTop export',
      format: 'csv',
      inputs: path.join(FIXTURES_DIR, 'itop'),
      mapping: path.join(FIXTURES_DIR, 'itop', 'mapping.yaml'),
    },
    { name: 'Backstage catalog', format: 'backstage', inputs: path.join(FIXTURES_DIR, 'backstage') },
    { name: 'Kubernetes manifests', format: 'kubernetes', inputs: path.join(FIXTURES_DIR, 'kubernetes') },
    {
      name: "Online Boutique's manifests",
      format: 'kubernetes',
      inputs: path.join(CMDB_SAMPLES_DIR, 'online-boutique', 'kubernetes-manifests'),
    },
    {
      name: "Backstage's example catalog",
      format: 'backstage',
      inputs: path.join(CMDB_SAMPLES_DIR, 'backstage-examples'),
    },
  ];

  it.each(SOURCES)(
    'imports the $name, and importing it again with --prune changes nothing',
    async (source) => {
      const mapping = source.mapping && { name: source.mapping, text: readFileSync(source.mapping, 'utf8') };
      const convert = async () =>
        convertInputs(
          source.format,
          await readConvertInputs([source.inputs], source.format),
          mapping ? { mapping } : {},
        ).documents;
      const documents = await convert();
      expect(documents.length).toBeGreaterThan(10);
      const first = await importer.importDocuments(documents, { actor, source: source.format, prune: true });
      expect(first).toMatchObject({ created: documents.length, updated: 0, deleted: 0 });
      expect(
        await importer.importDocuments(await convert(), { actor, source: source.format, prune: true }),
      ).toEqual(unchanged(documents.length));
    },
  );
});
