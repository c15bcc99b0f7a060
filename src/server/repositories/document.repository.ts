import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { FILTER_FIELDS } from '../../catalog/kinds.ts';
import type { Database, DocumentLabelsTable, DocumentRefsTable, DocumentsTable } from '../db/schema.ts';

/** A stored document row. */
export type DocumentRow = Selectable<DocumentsTable>;

/** A filter and page of a document listing. */
export interface DocumentQuery {
  kind: string;
  /** Only ids after this one (keyset pagination). */
  after?: string;
  limit: number;
  /** Case-insensitive substring of id, name or description. */
  q?: string;
  /** Every label must match. */
  labels?: { key: string; value: string }[];
  /** Spec fields that must equal a value (`tier` = `1`), compared as text. */
  fields?: { field: SpecField; value: string }[];
  /** Spec fields that must be absent. */
  missing?: SpecField[];
}

/**
 * The spec fields a listing can filter on, as the kind registry declares them; a whitelist, since the name
 * becomes part of a JSON path.
 */
export const SPEC_FIELDS: readonly string[] = FILTER_FIELDS;
/** A spec field a listing can filter on (one of SPEC_FIELDS). */
export type SpecField = string;

/** A document that references another, and where. */
export interface Referrer {
  id: string;
  kind: string;
  path: string;
}

/** A label row. */
export type DocumentLabelRow = Selectable<DocumentLabelsTable>;
/** A reference row. */
export type DocumentRefRow = Selectable<DocumentRefsTable>;

function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** `text` as a LIKE pattern matching it anywhere, with backslash, `%` and `_` escaped by a backslash. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQL for catalog documents, their labels and their references; no rules. */
export function createDocumentRepository(db: Kysely<Database>, dialect: 'sqlite' | 'postgres' = 'sqlite') {
  /** A spec field as text (null when absent), in each database's JSON dialect. */
  const specText = (field: SpecField) => {
    if (!SPEC_FIELDS.includes(field)) throw new Error(`"${field}" is not a filterable spec field`);
    return dialect === 'sqlite'
      ? sql<string | null>`cast(json_extract(spec, ${`$.${field}`}) as text)`
      : sql<string | null>`(spec::jsonb ->> ${field})`;
  };

  return {
    async get(id: string): Promise<DocumentRow | undefined> {
      return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The kind of each id that exists. */
    async kindsOf(ids: readonly string[]): Promise<Map<string, string>> {
      const kinds = new Map<string, string>();
      const unique = [...new Set(ids)];
      // Chunked: SQLite caps the number of bound parameters per statement.
      for (const batch of batches(unique, 500)) {
        const rows = await db
          .selectFrom('documents')
          .select(['id', 'kind'])
          .where('id', 'in', batch)
          .execute();
        for (const row of rows) kinds.set(row.id, row.kind);
      }
      return kinds;
    },

    /** The rows of the given ids that exist, in id order. */
    async getMany(ids: readonly string[]): Promise<DocumentRow[]> {
      const rows: DocumentRow[] = [];
      for (const batch of batches([...new Set(ids)], 500)) {
        rows.push(...(await db.selectFrom('documents').selectAll().where('id', 'in', batch).execute()));
      }
      return rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    },

    async list(query: DocumentQuery): Promise<DocumentRow[]> {
      let select = db.selectFrom('documents').selectAll().where('kind', '=', query.kind);
      if (query.after !== undefined) select = select.where('id', '>', query.after);
      if (query.q) {
        const pattern = likePattern(query.q);
        select = select.where((eb) =>
          eb.or(
            // ESCAPE on both databases: SQLite has no default escape character, so without it `_`, `%` and
            // `\` could never be searched for literally there.
            (['id', 'name', 'description'] as const).map(
              (column) => sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`,
            ),
          ),
        );
      }
      for (const { key, value } of query.labels ?? []) {
        select = select.where((eb) =>
          eb.exists(
            eb
              .selectFrom('document_labels')
              .select('document_labels.document_id')
              .whereRef('document_labels.document_id', '=', 'documents.id')
              .where('document_labels.key', '=', key)
              .where('document_labels.value', '=', value),
          ),
        );
      }
      for (const { field, value } of query.fields ?? []) {
        select = select.where(specText(field), '=', value);
      }
      for (const field of query.missing ?? []) select = select.where(specText(field), 'is', null);
      return select.orderBy('id').limit(query.limit).execute();
    },

    async insert(row: DocumentRow): Promise<void> {
      await db.insertInto('documents').values(row).execute();
    },

    /** Replaces a row if it still has `expectedVersion`; false when it does not. */
    async update(row: DocumentRow, expectedVersion: number): Promise<boolean> {
      const { id, ...rest } = row;
      const result = await db
        .updateTable('documents')
        .set(rest)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('documents').where('id', '=', id).execute();
    },

    /** Whether the catalog holds at least one document. */
    async any(): Promise<boolean> {
      return (await db.selectFrom('documents').select('id').limit(1).execute()).length > 0;
    },

    /** Every document of one kind, in id order. */
    async allOfKind(kind: string): Promise<DocumentRow[]> {
      return db.selectFrom('documents').selectAll().where('kind', '=', kind).orderBy('id').execute();
    },

    /** Every document of the catalog, in id order (export and bulk import work on the whole set). */
    async all(): Promise<DocumentRow[]> {
      return db.selectFrom('documents').selectAll().orderBy('id').execute();
    },

    /** Every document in id order, `size` at a time (keyset on id): one query per page. */
    async *pages(size: number): AsyncGenerator<DocumentRow[]> {
      let after: string | undefined;
      for (;;) {
        let select = db.selectFrom('documents').selectAll();
        if (after !== undefined) select = select.where('id', '>', after);
        const rows = await select.orderBy('id').limit(size).execute();
        if (rows.length > 0) yield rows;
        if (rows.length < size) return;
        after = rows.at(-1)!.id;
      }
    },

    async insertMany(rows: readonly DocumentRow[]): Promise<void> {
      // 9 columns a row: batches stay far below SQLite's limit on bound parameters.
      for (const batch of batches(rows, 500)) await db.insertInto('documents').values(batch).execute();
    },

    async deleteMany(ids: readonly string[]): Promise<void> {
      for (const batch of batches(ids, 500))
        await db.deleteFrom('documents').where('id', 'in', batch).execute();
    },

    /** Replaces the labels and references of the given documents. */
    async replaceLinks(
      ids: readonly string[],
      labels: readonly DocumentLabelRow[],
      refs: readonly DocumentRefRow[],
    ): Promise<void> {
      for (const batch of batches(ids, 500)) {
        await db.deleteFrom('document_labels').where('document_id', 'in', batch).execute();
        await db.deleteFrom('document_refs').where('from_id', 'in', batch).execute();
      }
      for (const batch of batches(labels, 1000))
        await db.insertInto('document_labels').values(batch).execute();
      for (const batch of batches(refs, 1000)) await db.insertInto('document_refs').values(batch).execute();
    },

    /** Every other document that references `id`, in id order. */
    async referrers(id: string): Promise<Referrer[]> {
      return db
        .selectFrom('document_refs')
        .innerJoin('documents', 'documents.id', 'document_refs.from_id')
        .select(['documents.id as id', 'documents.kind as kind', 'document_refs.path as path'])
        .where('document_refs.to_id', '=', id)
        .where('document_refs.from_id', '!=', id)
        .orderBy('documents.id')
        .orderBy('document_refs.path')
        .execute();
    },
  };
}

/** The document repository's interface. */
export type DocumentRepository = ReturnType<typeof createDocumentRepository>;
