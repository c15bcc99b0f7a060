import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-auth.ts';
import * as m0003 from './0003-plans.ts';
import * as m0004 from './0004-document-versions.ts';
import * as m0005 from './0005-jobs.ts';
import * as m0006 from './0006-notifications.ts';
import * as m0007 from './0007-reminders.ts';
import * as m0008 from './0008-user-admin.ts';
import * as m0009 from './0009-call-tree.ts';
import * as m0010 from './0010-compliance.ts';

/**
 * Every migration, in order. Append-only: a landed migration is never edited; a change to the schema is a new
 * file added at the end of this list.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-auth': m0002,
  '0003-plans': m0003,
  '0004-document-versions': m0004,
  '0005-jobs': m0005,
  '0006-notifications': m0006,
  '0007-reminders': m0007,
  '0008-user-admin': m0008,
  '0009-call-tree': m0009,
  '0010-compliance': m0010,
};

/** Kysely's migration provider over the static list (no file-system scanning, so it works from any cwd). */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
