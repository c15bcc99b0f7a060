import type { Command } from 'commander';
import { databaseConfigFromEnv } from '../server/config.ts';
import { BackupError, backupSqlite, restoreSqlite } from '../server/db/sqlite-backup.ts';
import { fail } from './output.ts';

const PG_ROUTE =
  'DATABASE_URL names a PostgreSQL database: back it up with `pg_dump --format=custom "$DATABASE_URL" > lifeboat.dump` and restore with `pg_restore --clean --dbname "$DATABASE_URL" lifeboat.dump` (see docs/operations.md)';

function sqliteFile(command: string): string {
  const config = databaseConfigFromEnv();
  if (config.dialect === 'postgres') fail(command, PG_ROUTE, 2);
  return config.file;
}

/** `lifeboat backup <file>` and `lifeboat restore <file> [--force]` for the embedded database. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('copy the embedded database to <file> while the server keeps running')
    .argument('<file>', 'the backup file to create (must not exist)')
    .action(async (file: string) => {
      const source = sqliteFile('backup');
      try {
        const { pages } = await backupSqlite(source, file);
        process.stderr.write(`backed up ${source} to ${file} (${pages} pages)\n`);
      } catch (error) {
        if (error instanceof BackupError) fail('backup', error.message, 1);
        throw error;
      }
    });

  program
    .command('restore')
    .description('replace the embedded database with a backup (stop the server first)')
    .argument('<file>', 'a file written by `lifeboat backup`')
    .option('--force', 'replace a database that already holds documents')
    .action(async (file: string, flags: { force?: boolean }) => {
      const target = sqliteFile('restore');
      try {
        const { documents } = await restoreSqlite(file, target, { force: flags.force === true });
        process.stderr.write(`restored ${documents} documents from ${file} into ${target}\n`);
      } catch (error) {
        if (error instanceof BackupError) fail('restore', error.message, 1);
        throw error;
      }
    });
}
