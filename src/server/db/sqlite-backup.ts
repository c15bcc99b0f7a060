import { existsSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

/** Thrown when a backup or restore cannot proceed; the message says why and what to do. */
export class BackupError extends Error {}

/**
 * Copies a live SQLite database to `destination` with SQLite's online backup API while other processes keep
 * writing. After a first small step, each step copies every remaining page at once: a step holds a read
 * transaction, so the copy is one consistent snapshot (a write by another process between steps restarts the
 * copy, and the next single step completes it).
 */
export async function backupSqlite(source: string, destination: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new BackupError(`there is no database at ${source}`);
  if (existsSync(destination)) throw new BackupError(`${destination} already exists; choose a new file name`);
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const result = await db.backup(destination, {
      progress: ({ totalPages }) => Math.max(totalPages * 2, 1000),
    });
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

/** The number of catalog documents in a Lifeboat database file, or undefined when it has no catalog yet. */
function documentCount(db: SqliteDatabase.Database): number | undefined {
  const table = db
    .prepare(`select name from sqlite_master where type = 'table' and name = 'documents'`)
    .get();
  if (table === undefined) return undefined;
  return (db.prepare('select count(*) as n from documents').get() as { n: number }).n;
}

/** Checks that `file` is an intact Lifeboat database; returns its document count. */
export function verifySqliteBackup(file: string): number {
  if (!existsSync(file)) throw new BackupError(`there is no backup file at ${file}`);
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not an SQLite database: ${(error as Error).message}`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged: integrity_check says ${integrity}`);
    const count = documentCount(db);
    if (count === undefined)
      throw new BackupError(`${file} is not a Lifeboat database (it has no documents table)`);
    return count;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a Lifeboat database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Restores a backup into `target`, which must be new or hold no documents unless `force` is set. Stop the
 * server first: a restore replaces every page of the target file.
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  options: { force: boolean },
): Promise<{ documents: number }> {
  const documents = verifySqliteBackup(backup);
  if (existsSync(target) && !options.force) {
    const db = new SqliteDatabase(target, { readonly: true });
    try {
      const count = documentCount(db) ?? 0;
      if (count > 0) {
        throw new BackupError(
          `${target} already holds ${count} documents; add --force to replace them with the backup`,
        );
      }
    } finally {
      db.close();
    }
  }
  const source = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target, { progress: ({ totalPages }) => Math.max(totalPages * 2, 1000) });
  } finally {
    source.close();
  }
  return { documents };
}
