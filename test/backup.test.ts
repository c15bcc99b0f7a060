import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import { createAuditRepository } from '../src/server/repositories/audit.repository.ts';
import { verifyAuditChain } from '../src/server/services/audit.service.ts';
import { runCli } from './support/cli.ts';
import { startServer } from './support/server-process.ts';
import { SEEDED_AUDIT_ENTRIES } from './support/test-users.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function site(id: string) {
  return { apiVersion: 'lifeboat/v1', kind: 'Site', metadata: { id }, spec: { type: 'office' } };
}

it('takes a consistent backup while writes run, holding every write acknowledged before it began', async () => {
  const live = join(dir, 'live.db');
  const server = await startServer({ LIFEBOAT_DB: live });
  const acknowledged: string[] = [];
  let next = 0;
  let backupDone = false;
  // At least 1,000 writes, and they keep coming until the backup has finished.
  async function writer(): Promise<void> {
    while (next < 1000 || !backupDone) {
      const id = `site-${next++}`;
      const response = await fetch(`${server.url}/api/v1/sites`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...server.adminHeaders },
        body: JSON.stringify(site(id)),
      });
      if (response.status !== 201) throw new Error(`${id}: ${response.status} ${await response.text()}`);
      acknowledged.push(id);
    }
  }
  let backupResult;
  let before: string[] = [];
  try {
    const writers = Array.from({ length: 8 }, () => writer());
    while (acknowledged.length < 250) await new Promise((resolve) => setTimeout(resolve, 10));
    before = [...acknowledged];
    backupResult = await runCli(['backup', join(dir, 'backup.db')], { LIFEBOAT_DB: live });
    backupDone = true;
    const writtenDuringBackup = acknowledged.length - before.length;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(1000);
    // The writes really overlapped the backup, or the test proves nothing.
    expect(writtenDuringBackup).toBeGreaterThan(0);
  } finally {
    await server.stop();
  }
  expect(backupResult.stderr).toContain('backed up');
  expect(backupResult.code).toBe(0);

  const restoredFile = join(dir, 'restored.db');
  const restore = await runCli(['restore', join(dir, 'backup.db')], { LIFEBOAT_DB: restoredFile });
  expect(restore.code).toBe(0);
  expect(restore.stderr).toMatch(/restored \d+ documents/);

  const native = new SqliteDatabase(restoredFile, { readonly: true });
  let ids: Set<string>;
  try {
    expect(native.pragma('integrity_check', { simple: true })).toBe('ok');
    ids = new Set(
      (native.prepare('select id from documents').all() as { id: string }[]).map((row) => row.id),
    );
  } finally {
    native.close();
  }
  expect(before.filter((id) => !ids.has(id))).toEqual([]);
  const database = await openDatabase({ dialect: 'sqlite', file: restoredFile });
  try {
    expect(await verifyAuditChain(createAuditRepository(database.db))).toMatchObject({
      ok: true,
      entries: ids.size + SEEDED_AUDIT_ENTRIES,
    });
  } finally {
    await database.close();
  }
});

it('refuses to restore over a database that holds documents unless --force is given', async () => {
  const source = join(dir, 'source.db');
  const target = join(dir, 'target.db');
  for (const file of [source, target]) {
    const database = await openDatabase({ dialect: 'sqlite', file });
    await database.db
      .insertInto('documents')
      .values({
        id: file === source ? 'from-backup' : 'already-here',
        kind: 'Site',
        name: null,
        description: null,
        labels: null,
        spec: '{"type":"office"}',
        version: 1,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await database.close();
  }
  const backup = join(dir, 'source-backup.db');
  expect((await runCli(['backup', backup], { LIFEBOAT_DB: source })).code).toBe(0);

  const refused = await runCli(['restore', backup], { LIFEBOAT_DB: target });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe(
    `lifeboat restore: error: ${target} already holds 1 documents; add --force to replace them with the backup\n`,
  );

  const forced = await runCli(['restore', backup, '--force'], { LIFEBOAT_DB: target });
  expect(forced.code).toBe(0);
  const native = new SqliteDatabase(target, { readonly: true });
  try {
    expect(native.prepare('select id from documents').all()).toEqual([{ id: 'from-backup' }]);
  } finally {
    native.close();
  }
});

it('refuses a file that is not a Lifeboat backup, and points PostgreSQL users to pg_dump', async () => {
  const junk = join(dir, 'junk.db');
  writeFileSync(junk, 'not a database at all, just text that is long enough to not be empty');
  const result = await runCli(['restore', junk], { LIFEBOAT_DB: join(dir, 'never.db') });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /^lifeboat restore: error: .*junk\.db cannot be read as a Lifeboat database: file is not a database\n$/,
  );
  expect(result.stderr).not.toMatch(/\n\s+at /);

  const pg = await runCli(['backup', join(dir, 'pg.db')], {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  });
  expect(pg.code).toBe(2);
  expect(pg.stderr).toContain('pg_dump');
});
