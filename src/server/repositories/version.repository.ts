import type { Kysely } from 'kysely';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { FrozenVersion } from '../../catalog/versions.ts';
import type { Database } from '../db/schema.ts';

/** A row of `document_versions` (migration 0004): one frozen version of a document. */
export interface VersionRow {
  kind: string;
  document_id: string;
  number: number;
  document: string;
  checksum: string;
  approved_by: string;
  approved_at: string;
}

/** A row of `review_events` (migration 0004): a submission for approval, or a return with a comment. */
export interface ReviewEventRow {
  kind: string;
  document_id: string;
  number: number;
  action: string;
  actor: string;
  at: string;
  checksum: string;
  comment: string | null;
}

/** A stored version as the services read it. */
export function frozenVersionOf<D extends CatalogDocument>(row: VersionRow): FrozenVersion<D> {
  return {
    number: row.number,
    document: JSON.parse(row.document) as D,
    checksum: row.checksum,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
  };
}

/** The tables are declared here rather than in the shared schema, so this feature stays in its own files. */
type Tables = { document_versions: VersionRow; review_events: ReviewEventRow };

/** Bound parameters per query, far below SQLite's limit. */
const BATCH = 500;

/** Runs `query` over `ids` in batches (over everything when `ids` is absent). */
async function batched<T>(
  ids: readonly string[] | undefined,
  query: (ids?: readonly string[]) => Promise<T[]>,
): Promise<T[]> {
  if (ids === undefined) return query();
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    if (batch.length > 0) rows.push(...(await query(batch)));
  }
  return rows;
}

/** SQL for the frozen versions of one kind's documents; the rules of approval live in the services. */
export function createVersionRepository(db: Kysely<Database>, kind: string) {
  const tables = db.withTables<Tables>();
  return {
    async lastNumber(documentId: string): Promise<number> {
      const row = await tables
        .selectFrom('document_versions')
        .select((eb) => eb.fn.max('number').as('last'))
        .where('kind', '=', kind)
        .where('document_id', '=', documentId)
        .executeTakeFirst();
      return Number(row?.last ?? 0);
    },

    async insert(row: Omit<VersionRow, 'kind'>): Promise<void> {
      await tables
        .insertInto('document_versions')
        .values({ ...row, kind })
        .execute();
    },

    async list(documentId: string): Promise<VersionRow[]> {
      return tables
        .selectFrom('document_versions')
        .selectAll()
        .where('kind', '=', kind)
        .where('document_id', '=', documentId)
        .orderBy('number')
        .execute();
    },

    /** Every version of each of `documentIds` (of every document of the kind when absent), by document and number. */
    async all(documentIds?: readonly string[]): Promise<VersionRow[]> {
      return batched(documentIds, (ids) => {
        let select = tables
          .selectFrom('document_versions')
          .selectAll()
          .where('kind', '=', kind)
          .orderBy('document_id')
          .orderBy('number');
        if (ids) select = select.where('document_id', 'in', ids);
        return select.execute();
      });
    },

    /** The latest version of each of `documentIds` (of every document of the kind when absent) that has one. */
    async latest(documentIds?: readonly string[]): Promise<VersionRow[]> {
      return batched(documentIds, (ids) => {
        let select = tables
          .selectFrom('document_versions as v')
          .selectAll('v')
          .where('v.kind', '=', kind)
          .where((eb) =>
            eb(
              'v.number',
              '=',
              eb
                .selectFrom('document_versions as w')
                .select((inner) => inner.fn.max('w.number').as('last'))
                .whereRef('w.kind', '=', 'v.kind')
                .whereRef('w.document_id', '=', 'v.document_id'),
            ),
          );
        if (ids) select = select.where('v.document_id', 'in', ids);
        return select.execute();
      });
    },

    async get(documentId: string, number: number): Promise<VersionRow | undefined> {
      return tables
        .selectFrom('document_versions')
        .selectAll()
        .where('kind', '=', kind)
        .where('document_id', '=', documentId)
        .where('number', '=', number)
        .executeTakeFirst();
    },

    /** Appends a submission or a return, numbered after the document's last one. */
    async addEvent(row: Omit<ReviewEventRow, 'kind' | 'number'>): Promise<void> {
      const last = await tables
        .selectFrom('review_events')
        .select((eb) => eb.fn.max('number').as('last'))
        .where('kind', '=', kind)
        .where('document_id', '=', row.document_id)
        .executeTakeFirst();
      await tables
        .insertInto('review_events')
        .values({ ...row, kind, number: Number(last?.last ?? 0) + 1 })
        .execute();
    },

    /** The submissions and returns of each of `documentIds` (of every document of the kind when absent), in order. */
    async events(documentIds?: readonly string[]): Promise<ReviewEventRow[]> {
      return batched(documentIds, (ids) => {
        let select = tables
          .selectFrom('review_events')
          .selectAll()
          .where('kind', '=', kind)
          .orderBy('document_id')
          .orderBy('number');
        if (ids) select = select.where('document_id', 'in', ids);
        return select.execute();
      });
    },
  };
}

/** The version repository's interface. */
export type VersionRepository = ReturnType<typeof createVersionRepository>;
