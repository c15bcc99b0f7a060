import { setImmediate as nextTurn } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { isKind } from '../../catalog/kinds.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { referenceProblems } from '../../catalog/references.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import type { DocumentRow } from '../repositories/document.repository.ts';
import { createAuditChain } from './audit.service.ts';
import { documentLinks, documentToRow, rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';
import type { FieldError } from './errors.ts';
import { fieldErrors, textErrors } from './validation.ts';
import { storedForm as withoutApproval } from '../../catalog/versions.ts';
import { documentSchemas } from '../../catalog/kinds.ts';
import { createImportTally, mergeWithStored, refuseDanglingReferences, sourcedIds } from './import-source.ts';
import type { ImportCounts, ImportSample } from './import-source.ts';

/** How an import runs. */
export interface ImportOptions {
  /** The name the audit log records. */
  actor: string;
  /** Delete what the database holds and the import does not. */
  prune?: boolean;
  /** Check and count, write nothing. */
  dryRun?: boolean;
  /** Called as documents are written: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The inputs are documents `checkCatalog` accepted (each valid against its kind's schema, storable, ids unique),
   * so they are not validated again. Only for documents that come straight from that check.
   */
  validated?: boolean;
  /**
   * The documents are a conversion from this source (`csv`, `backstage`...): each merges into the stored document
   * with its id instead of replacing it (hand-added fields stay, see src/convert/merge.ts), and `prune` deletes
   * only documents labelled with this source, refusing when one that stays still refers to them.
   */
  source?: string;
  /** Also answer the counts by kind and a sample of this many documents of each change (for a preview). */
  sample?: number;
}

/** What an import changed (or, in a dry run, would change). */
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  dryRun: boolean;
  /** With `sample`: the counts by kind. */
  byKind?: Record<string, ImportCounts>;
  /** With `sample`: some documents created, changed (with their changed fields) and deleted. */
  sample?: ImportSample;
}

const MAX_REPORTED_ERRORS = 100;

/** Rows read per query, and documents handled between two turns of the event loop. */
const PAGE_SIZE = 5000;
const SLICE = 2000;

/**
 * Runs `each` over `items`, letting the event loop run (other requests, /healthz) every SLICE items: an import of
 * 100k documents is otherwise seconds of synchronous work.
 */
async function forEachSliced<T>(items: readonly T[], each: (item: T, index: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % SLICE === 0) await nextTurn();
    each(items[i]!, i);
  }
}

function refuse(errors: FieldError[], what: string): never {
  const shown = errors.slice(0, 5).map((error) => `${error.path}: ${error.message}`);
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
  throw new CatalogError('invalid', `The catalog cannot be imported, ${what}: ${shown.join('; ')}${more}`, {
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
  });
}

/** Validates every input against its kind's schema and refuses duplicate ids; nothing is read or written. */
function validateAll(inputs: readonly unknown[]): CatalogDocument[] {
  const errors: FieldError[] = [];
  const documents: CatalogDocument[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const at = `documents[${index}]`;
    const kind = (input as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !isKind(kind)) {
      errors.push({ path: `${at}.kind`, message: `unknown kind ${JSON.stringify(kind)}` });
      return;
    }
    const unstorable = textErrors(input);
    if (unstorable.length > 0) {
      for (const error of unstorable) errors.push({ path: `${at}.${error.path}`, message: error.message });
      return;
    }
    const result = documentSchemas[kind].safeParse(input);
    if (!result.success) {
      for (const error of fieldErrors(result.error.issues))
        errors.push({ path: `${at}.${error.path}`, message: error.message });
      return;
    }
    const id = result.data.metadata.id;
    const first = seen.get(id);
    if (first !== undefined)
      errors.push({
        path: `${at}.metadata.id`,
        message: `duplicate id "${id}" (first in documents[${first}])`,
      });
    seen.set(id, index);
    documents.push(result.data);
  });
  if (errors.length > 0) refuse(errors, `${errors.length} document error(s)`);
  return documents;
}

/**
 * Whether two stored JSON texts hold the same value. Compared as data, not text: key order carries no meaning (an
 * export writes keys in schema order and sorts labels, while a row keeps the order it was written in).
 */
function sameJson(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
}

function sameContent(a: DocumentRow, b: DocumentRow): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.description === b.description &&
    sameJson(a.labels, b.labels) &&
    sameJson(a.spec, b.spec)
  );
}

/** A document as stored: a plan or an assessment without the approval fields it may claim. */
function storedForm(document: CatalogDocument): CatalogDocument {
  return withoutApproval(document);
}

/** Loads a whole catalog in one transaction: creates, updates, leaves unchanged and (with prune) deletes. */
export function createImportService(deps: { database: LifeboatDatabase; now: () => Date }) {
  const { database, now } = deps;

  return {
    async importDocuments(inputs: readonly unknown[], options: ImportOptions): Promise<ImportResult> {
      // A plan's approval is derived from its frozen versions: approval fields in the files are not stored.
      const valid = options.validated ? (inputs as CatalogDocument[]) : validateAll(inputs);
      const incoming: CatalogDocument[] = [];
      await forEachSliced(valid, (document) => incoming.push(storedForm(document)));
      const { source } = options;
      // Every step below lets the event loop run between slices, also inside the transaction: Kysely's SQLite
      // driver (SqliteDriver.acquireConnection, kysely 0.28) holds its one connection under a mutex from `begin`
      // to `commit`, so a query from another request waits for the commit instead of running inside this
      // transaction; on PostgreSQL the transaction has a pooled connection of its own. The writes stay atomic.
      return database.writeTransaction(async (trx) => {
        const repo = createDocumentRepository(trx);
        const existing = new Map<string, DocumentRow>();
        for await (const page of repo.pages(PAGE_SIZE)) {
          for (const row of page) existing.set(row.id, row);
          await nextTurn();
        }
        const imported = new Set<string>();
        await forEachSliced(incoming, (document) => imported.add(document.metadata.id));
        // A converted document merges into the stored one: what was added by hand stays.
        const sourced = source === undefined ? new Set<string>() : sourcedIds(existing.values(), source);
        const isSourceDocument = (id: string) => imported.has(id) || sourced.has(id);
        const documents: CatalogDocument[] = [];
        await forEachSliced(incoming, (document) =>
          documents.push(
            source === undefined ? document : mergeWithStored(document, existing, isSourceDocument),
          ),
        );
        // A whole-catalog prune deletes all the import does not hold; a source's prune only that source's.
        const deleted: DocumentRow[] = [];
        if (options.prune)
          for (const row of existing.values())
            if (!imported.has(row.id) && (source === undefined || sourced.has(row.id))) deleted.push(row);
        const deletedIds = new Set(deleted.map((row) => row.id));

        // The kinds of every id once the import is done, to check references against the final catalog.
        const finalKinds = new Map<string, string>();
        for (const [id, row] of existing) if (!deletedIds.has(id)) finalKinds.set(id, row.kind);
        await forEachSliced(documents, (document) => finalKinds.set(document.metadata.id, document.kind));

        const errors: FieldError[] = [];
        await forEachSliced(documents, (document) => {
          const id = document.metadata.id;
          const before = existing.get(id);
          if (before !== undefined && before.kind !== document.kind) {
            errors.push({
              path: id,
              message: `"${id}" is a ${before.kind} in the database; the catalog makes it a ${document.kind}`,
            });
          }
          for (const problem of referenceProblems(document, (ref) => finalKinds.get(ref))) {
            const gone = /^unknown id "(.*)"$/.exec(problem.message)?.[1];
            const message =
              source !== undefined && gone !== undefined && deletedIds.has(gone)
                ? `"${gone}" is no longer in the source and the prune would delete it: remove this reference`
                : problem.message;
            errors.push({ path: `${id}: ${problem.path}`, message });
          }
        });
        if (errors.length > 0) refuse(errors, `${errors.length} reference error(s)`);
        // Documents the import leaves alone may refer to what a source's prune deletes.
        if (source !== undefined && deleted.length > 0)
          await refuseDanglingReferences(
            repo,
            deleted,
            (id) => deletedIds.has(id) || imported.has(id),
            source,
          );

        const at = now().toISOString();
        const created: DocumentRow[] = [];
        const updated: { row: DocumentRow; before: DocumentRow }[] = [];
        let unchanged = 0;
        const changedDocuments: CatalogDocument[] = [];
        const tally = options.sample === undefined ? undefined : createImportTally(options.sample);
        const mergeErrors: FieldError[] = [];
        await forEachSliced(documents, (document) => {
          const before = existing.get(document.metadata.id);
          if (before === undefined) {
            created.push(documentToRow(document, 1, at, at));
            changedDocuments.push(document);
            tally?.created(document);
          } else {
            const row = documentToRow(document, before.version + 1, before.created_at, at);
            if (sameContent(row, before)) {
              unchanged += 1;
              tally?.unchanged(document);
            } else {
              // A merged document is checked again: its hand-added fields now sit beside the source's.
              if (source !== undefined) {
                const checked = documentSchemas[document.kind].safeParse(document);
                if (!checked.success)
                  for (const error of fieldErrors(checked.error.issues))
                    mergeErrors.push({
                      path: `${document.metadata.id}: ${error.path}`,
                      message: error.message,
                    });
              }
              updated.push({ row, before });
              changedDocuments.push(document);
              tally?.updated(document, before);
            }
          }
        });
        if (mergeErrors.length > 0) refuse(mergeErrors, `${mergeErrors.length} error(s) after merging`);
        for (const row of deleted) tally?.deleted(row);
        const result = {
          created: created.length,
          updated: updated.length,
          unchanged,
          deleted: deleted.length,
          ...tally?.result(),
        };
        if (options.dryRun) return { ...result, dryRun: true };

        const total = created.length + updated.length + deleted.length;
        let done = 0;
        const progress = (count: number) => {
          done += count;
          options.onProgress?.(done, total);
        };
        for (let i = 0; i < deleted.length; i += SLICE) {
          const batch = deleted.slice(i, i + SLICE);
          await repo.deleteMany(batch.map((row) => row.id));
          progress(batch.length);
          await nextTurn();
        }
        for (let i = 0; i < created.length; i += SLICE) {
          const batch = created.slice(i, i + SLICE);
          await repo.insertMany(batch);
          progress(batch.length);
          await nextTurn();
        }
        for (const { row, before } of updated) {
          await repo.update(row, before.version);
          if (++done % 500 === 0) {
            options.onProgress?.(done, total);
            await nextTurn();
          }
        }
        // Labels and references a slice of documents at a time: each slice replaces the links of its own ids.
        for (let i = 0; i < changedDocuments.length; i += SLICE) {
          const slice = changedDocuments.slice(i, i + SLICE);
          const labels = [];
          const refs = [];
          // One push per row: spreading a document's references into one call overflows the stack past ~100k.
          for (const document of slice) {
            const links = documentLinks(document);
            for (const label of links.labels) labels.push(label);
            for (const ref of links.refs) refs.push(ref);
          }
          await repo.replaceLinks(
            slice.map((document) => document.metadata.id),
            labels,
            refs,
          );
          await nextTurn();
        }

        const { actor } = options;
        const audit = createAuditChain(createAuditRepository(trx));
        const entries: { action: 'create' | 'update' | 'delete'; row: DocumentRow; before?: DocumentRow }[] =
          [];
        for (const row of deleted) entries.push({ action: 'delete', row });
        for (const row of created) entries.push({ action: 'create', row });
        for (const { row, before } of updated) entries.push({ action: 'update', row, before });
        // One chain in slices: the chain keeps its head between calls, so the entries link up as in one call.
        for (let i = 0; i < entries.length; i += SLICE) {
          await audit.appendMany(
            entries.slice(i, i + SLICE).map(({ action, row, before }) => ({
              at,
              actor,
              action,
              kind: row.kind,
              documentId: row.id,
              before: action === 'create' ? null : rowToDocument(before ?? row),
              after: action === 'delete' ? null : rowToDocument(row),
            })),
          );
          await nextTurn();
        }
        options.onProgress?.(total, total);
        return { ...result, dryRun: false };
      });
    },

    /** Every document in the catalog, in id order, as stored (a plan carries no approval: that stays in the database). */
    async exportDocuments(): Promise<CatalogDocument[]> {
      return (await createDocumentRepository(database.db).all()).map(rowToDocument).map(storedForm);
    },

    /** Whether the catalog holds no document at all (a new installation). */
    async isEmpty(): Promise<boolean> {
      return !(await createDocumentRepository(database.db).any());
    },
  };
}

/** The import service's interface. */
export type ImportService = ReturnType<typeof createImportService>;
