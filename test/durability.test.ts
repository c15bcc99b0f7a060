import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { databaseConfigFromEnv } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { startServer } from './support/server-process.ts';

// What each test here shows (docs/architecture.md, "Writes"):
// - the SIGKILL test: a crash of the server process loses no acknowledged write and leaves an intact database.
//   It cannot tell synchronous=FULL from OFF: the operating system still holds the written pages and flushes
//   them after the process dies. Only a power cut tests the fsync, which a test cannot make;
// - the pragma test: the connection the server opens runs with the settings that make a commit survive a power
//   cut (WAL, synchronous=FULL) and keep references whole (foreign_keys), read back from that connection.

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function site(id: string, version?: number) {
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'Site',
    metadata: { id, name: `Site ${id}`, ...(version !== undefined && { version }) },
    spec: { type: 'office', location: `written at version ${version ?? 0}` },
  };
}

it('keeps every acknowledged write and an intact database when the server is killed with SIGKILL mid-write', async () => {
  const file = join(dir, 'lifeboat.db');
  const server = await startServer({ LIFEBOAT_DB: file });
  /** id -> the highest version whose write the server acknowledged. */
  const acknowledged = new Map<string, number>();
  let stopping = false;

  async function writer(w: number): Promise<void> {
    for (let i = 0; !stopping; i++) {
      const id = `w${w}-s${i}`;
      try {
        const created = await fetch(`${server.url}/api/v1/sites`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...server.adminHeaders },
          body: JSON.stringify(site(id)),
        });
        if (created.status !== 201)
          throw new Error(`create ${id}: ${created.status} ${await created.text()}`);
        acknowledged.set(id, 1);
        for (let version = 1; version <= 2; version++) {
          const updated = await fetch(`${server.url}/api/v1/sites/${id}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', ...server.adminHeaders },
            body: JSON.stringify(site(id, version)),
          });
          if (updated.status !== 200)
            throw new Error(`update ${id}: ${updated.status} ${await updated.text()}`);
          acknowledged.set(id, version + 1);
        }
      } catch (error) {
        if (stopping) return; // The connection died with the server: this write was never acknowledged.
        throw error;
      }
    }
  }

  const writers = Array.from({ length: 8 }, (_, w) => writer(w));
  while (acknowledged.size < 150) await new Promise((resolve) => setTimeout(resolve, 20));
  stopping = true;
  server.child.kill('SIGKILL');
  await Promise.all(writers);
  await server.stop();
  expect(server.child.signalCode).toBe('SIGKILL');

  const restarted = await startServer({ LIFEBOAT_DB: file });
  try {
    const stored = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const response = await fetch(
        `${restarted.url}/api/v1/sites?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: restarted.adminHeaders },
      );
      const page = (await response.json()) as {
        items: { metadata: { id: string; version: number } }[];
        nextCursor: string | null;
      };
      for (const item of page.items) stored.set(item.metadata.id, item.metadata.version);
      cursor = page.nextCursor;
    } while (cursor);

    const lost = [...acknowledged].filter(([id, version]) => (stored.get(id) ?? 0) < version);
    expect(lost).toEqual([]);
    const verdict = (await (
      await fetch(`${restarted.url}/api/v1/audit/verify`, { headers: restarted.adminHeaders })
    ).json()) as { ok: boolean };
    expect(verdict.ok).toBe(true);
  } finally {
    await restarted.stop();
  }

  const native = new SqliteDatabase(file, { readonly: true });
  try {
    expect(native.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(native.pragma('foreign_key_check')).toEqual([]);
  } finally {
    native.close();
  }
});

it('opens SQLite the way the server does: WAL, synchronous=FULL, foreign keys on and a 10 s busy timeout', async () => {
  // The same configuration and the same open call as `lifeboat serve` (serve.command.ts); the pragmas are per
  // connection, so they are read through the connection the server would use, not through a second one.
  const config = databaseConfigFromEnv({ LIFEBOAT_DB: join(dir, 'pragmas.db') });
  expect(config.dialect).toBe('sqlite');
  const database = await openDatabase(config);
  try {
    const pragma = async (name: string) => {
      const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(database.db);
      return rows[0]?.[name === 'busy_timeout' ? 'timeout' : name];
    };
    expect(await pragma('journal_mode')).toBe('wal');
    // 2 = FULL: SQLite fsyncs the write-ahead log at every commit, before the server answers 2xx.
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(10_000);
  } finally {
    await database.close();
  }
  // WAL is a property of the file too: a later connection (the CLI's, a backup's) finds it in WAL mode.
  const native = new SqliteDatabase(join(dir, 'pragmas.db'), { readonly: true });
  try {
    expect(native.pragma('journal_mode', { simple: true })).toBe('wal');
  } finally {
    native.close();
  }
});
