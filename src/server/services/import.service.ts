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
import { storedPlan } from '../../plans/versions.ts';
import { documentSchemas } from '../../catalog/kinds.ts';

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
}

/** What an import changed (or, in a dry run, would change). */
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  dryRun: boolean;
}

const MAX_REPORTED_ERRORS = 100;

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

/** A document as stored: a plan without the approval fields it may claim. */
function storedForm(document: CatalogDocument): CatalogDocument {
  return document.kind === 'Plan' ? storedPlan(document) : document;
}

/** Loads a whole catalog in one transaction: creates, updates, leaves unchanged and (with prune) deletes. */
export function createImportService(deps: { database: LifeboatDatabase; now: () => Date }) {
  const { database, now } = deps;

  return {
    async importDocuments(inputs: readonly unknown[], options: ImportOptions): Promise<ImportResult> {
      // A plan's approval is derived from its frozen versions: approval fields in the files are not stored.
      const documents = validateAll(inputs).map(storedForm);
      return database.writeTransaction(async (trx) => {
        const repo = createDocumentRepository(trx);
        const existing = new Map((await repo.all()).map((row) => [row.id, row]));
        const imported = new Set(documents.map((document) => document.metadata.id));

        // The kinds of every id once the import is done, to check references against the final catalog.
        const finalKinds = new Map<string, string>();
        if (!options.prune) for (const [id, row] of existing) finalKinds.set(id, row.kind);
        for (const document of documents) finalKinds.set(document.metadata.id, document.kind);

        const errors: FieldError[] = [];
        documents.forEach((document) => {
          const id = document.metadata.id;
          const before = existing.get(id);
          if (before !== undefined && before.kind !== document.kind) {
            errors.push({
              path: id,
              message: `"${id}" is a ${before.kind} in the database; the catalog makes it a ${document.kind}`,
            });
          }
          for (const problem of referenceProblems(document, (ref) => finalKinds.get(ref))) {
            errors.push({ path: `${id}: ${problem.path}`, message: problem.message });
          }
        });
        if (errors.length > 0) refuse(errors, `${errors.length} reference error(s)`);

        const at = now().toISOString();
        const created: DocumentRow[] = [];
        const updated: { row: DocumentRow; before: DocumentRow }[] = [];
        let unchanged = 0;
        const changedDocuments: CatalogDocument[] = [];
        for (const document of documents) {
          const before = existing.get(document.metadata.id);
          if (before === undefined) {
            created.push(documentToRow(document, 1, at, at));
            changedDocuments.push(document);
          } else {
            const row = documentToRow(document, before.version + 1, before.created_at, at);
            if (sameContent(row, before)) unchanged += 1;
            else {
              updated.push({ row, before });
              changedDocuments.push(document);
            }
          }
        }
        const deleted = options.prune ? [...existing.values()].filter((row) => !imported.has(row.id)) : [];
        const result = {
          created: created.length,
          updated: updated.length,
          unchanged,
          deleted: deleted.length,
        };
        if (options.dryRun) return { ...result, dryRun: true };

        const total = created.length + updated.length + deleted.length;
        let done = 0;
        const progress = (count: number) => {
          done += count;
          options.onProgress?.(done, total);
        };
        await repo.deleteMany(deleted.map((row) => row.id));
        progress(deleted.length);
        for (let i = 0; i < created.length; i += 2000) {
          const batch = created.slice(i, i + 2000);
          await repo.insertMany(batch);
          progress(batch.length);
        }
        for (const { row, before } of updated) {
          await repo.update(row, before.version);
          if (++done % 1000 === 0) options.onProgress?.(done, total);
        }
        const labels = [];
        const refs = [];
        // One push per row: spreading a document's references into one call overflows the stack past ~100k.
        for (const document of changedDocuments) {
          const links = documentLinks(document);
          for (const label of links.labels) labels.push(label);
          for (const ref of links.refs) refs.push(ref);
        }
        await repo.replaceLinks(
          changedDocuments.map((document) => document.metadata.id),
          labels,
          refs,
        );

        const { actor } = options;
        await createAuditChain(createAuditRepository(trx)).appendMany([
          ...deleted.map((row) => ({
            at,
            actor,
            action: 'delete' as const,
            kind: row.kind,
            documentId: row.id,
            before: rowToDocument(row),
            after: null,
          })),
          ...created.map((row) => ({
            at,
            actor,
            action: 'create' as const,
            kind: row.kind,
            documentId: row.id,
            before: null,
            after: rowToDocument(row),
          })),
          ...updated.map(({ row, before }) => ({
            at,
            actor,
            action: 'update' as const,
            kind: row.kind,
            documentId: row.id,
            before: rowToDocument(before),
            after: rowToDocument(row),
          })),
        ]);
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
