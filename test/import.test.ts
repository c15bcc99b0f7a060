import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/services/audit.service.ts';
import { createAuditRepository } from '../src/server/repositories/audit.repository.ts';
import { createImportService } from '../src/server/services/import.service.ts';
import type { ImportService } from '../src/server/services/import.service.ts';
import { CatalogError } from '../src/server/services/errors.ts';
import { FIXTURE_ORDER, fixture } from './support/fixtures.ts';
import { createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { describeEachDatabase } from './support/test-databases.ts';
import { SEEDED_AUDIT_ENTRIES } from './support/test-users.ts';

const actor = 'import-test';

/** How many documents the fixture catalog holds. */
const COUNT = FIXTURE_ORDER.length;

/** The fixtures in reverse order, so most references point forward to documents not yet seen. */
function catalog() {
  return [...FIXTURE_ORDER].reverse().map((kind) => fixture(kind));
}

describeEachDatabase('catalog import', (dialect) => {
  let t: TestApp;
  let importer: ImportService;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    importer = createImportService({ database: t.database, now: () => new Date('2026-01-02T03:04:05Z') });
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates every document in one go, even when references point forward, and a second import changes nothing', async () => {
    expect(await importer.importDocuments(catalog(), { actor })).toEqual({
      created: COUNT,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      dryRun: false,
    });
    expect(await importer.importDocuments(catalog(), { actor })).toEqual({
      created: 0,
      updated: 0,
      unchanged: COUNT,
      deleted: 0,
      dryRun: false,
    });
    const stored = await importer.exportDocuments();
    expect(stored.map((document) => document.metadata.id)).toEqual([
      'ana',
      'ctr-telco-network',
      'db-primary',
      'dc-north',
      'ops',
      'payments',
      'policy',
      'statement-iso-7-4',
      'telco',
    ]);
    expect(stored.find((document) => document.metadata.id === 'payments')?.spec).toEqual(
      fixture('Service').spec,
    );
    const log = (await createAuditRepository(t.database.db).list({ limit: 100 })).filter(
      (entry) => entry.kind !== 'User',
    );
    expect(log).toHaveLength(COUNT);
    expect(log.every((entry) => entry.actor === actor && entry.action === 'create')).toBe(true);
  });

  it('updates what changed, bumps its version, and with prune deletes what the catalog no longer holds', async () => {
    await importer.importDocuments(catalog(), { actor });
    // The service goes, and with it the contract that names it as a function it supports.
    const next = catalog().filter((document) => document.kind !== 'Service' && document.kind !== 'Contract');
    const vendor = next.find((document) => document.kind === 'Vendor');
    if (vendor) vendor.spec.phone = '+44 20 7946 0777';

    expect(await importer.importDocuments(next, { actor, prune: true })).toEqual({
      created: 0,
      updated: 1,
      unchanged: COUNT - 3,
      deleted: 2,
      dryRun: false,
    });
    const telco = await t.app.inject({ method: 'GET', url: '/api/v1/vendors/telco' });
    expect(telco.json()).toMatchObject({ metadata: { version: 2 }, spec: { phone: '+44 20 7946 0777' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/services/payments' })).statusCode).toBe(404);
    expect(await verifyAuditChain(createAuditRepository(t.database.db))).toEqual({
      ok: true,
      entries: COUNT + 3 + SEEDED_AUDIT_ENTRIES,
    });
  });

  it('counts without writing in a dry run', async () => {
    expect(await importer.importDocuments(catalog(), { actor, dryRun: true })).toMatchObject({
      created: COUNT,
      dryRun: true,
    });
    expect(await importer.isEmpty()).toBe(true);
  });

  it('refuses the whole import, writing nothing, when one reference is unknown', async () => {
    await importer.importDocuments(catalog(), { actor });
    const next = catalog();
    const service = next.find((document) => document.kind === 'Service');
    if (service) service.spec.dependsOn = ['db-primary', 'db-replica'];
    const site = next.find((document) => document.kind === 'Site');
    if (site) site.metadata.name = 'Changed too';

    const error = await importer.importDocuments(next, { actor }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).detail).toContain('payments: spec.dependsOn[1]: unknown id "db-replica"');
    const stored = await importer.exportDocuments();
    expect(stored.find((document) => document.metadata.id === 'dc-north')?.metadata.name).toBe(
      'North data centre',
    );
    expect(
      (await createAuditRepository(t.database.db).list({ limit: 100 })).filter(
        (entry) => entry.kind !== 'User',
      ),
    ).toHaveLength(COUNT);
  });

  it('refuses pruning a document that a kept document still refers to', async () => {
    await importer.importDocuments(catalog(), { actor });
    const withoutSite = catalog().filter((document) => document.kind !== 'Site');
    const error = await importer
      .importDocuments(withoutSite, { actor, prune: true })
      .catch((caught: unknown) => caught);
    expect((error as CatalogError).detail).toContain('db-primary: spec.site: unknown id "dc-north"');
    expect(await importer.exportDocuments()).toHaveLength(COUNT);
  });

  it('refuses invalid documents and duplicate ids, naming each one', async () => {
    const docs: unknown[] = [
      ...catalog(),
      { ...fixture('Site'), spec: { type: 'moon-base' } },
      { kind: 'Gadget' },
    ];
    const error = (await importer
      .importDocuments(docs, { actor })
      .catch((caught: unknown) => caught)) as CatalogError;
    expect(error.code).toBe('invalid');
    const paths = (error.extensions.errors as { path: string }[]).map((entry) => entry.path);
    expect(paths).toEqual([`documents[${COUNT}].spec.type`, `documents[${COUNT + 1}].kind`]);
    const duplicate = (await importer
      .importDocuments([...catalog(), fixture('Site')], { actor })
      .catch((caught: unknown) => caught)) as CatalogError;
    expect(duplicate.detail).toContain('duplicate id "dc-north"');
    expect(await importer.isEmpty()).toBe(true);
  });
});
