/**
 * The parts of an import that differ for converted documents (`lifeboat import --from`, the import page): merging
 * into what is stored, the prune scoped to one source, and the per-kind counts and sample a preview shows.
 */
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { fieldChanges, mergeSourced } from '../../convert/merge.ts';
import type { FieldChange } from '../../convert/merge.ts';
import { SOURCE_LABEL } from '../../convert/types.ts';
import type { DocumentRepository, DocumentRow } from '../repositories/document.repository.ts';
import { rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';

/** Counts of one kind (or all) in an import's answer. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/** A few documents an import creates, changes (with the fields that change) and deletes, for a preview. */
export interface ImportSample {
  created: { id: string; kind: string; name?: string }[];
  updated: { id: string; kind: string; name?: string; changes: FieldChange[] }[];
  deleted: { id: string; kind: string; name?: string }[];
}

/** The ids of stored rows labelled as coming from `source`. */
export function sourcedIds(rows: Iterable<DocumentRow>, source: string): Set<string> {
  const ids = new Set<string>();
  for (const row of rows) {
    // Most rows carry no labels or another source's: test the text before parsing it.
    if (row.labels === null || !row.labels.includes(SOURCE_LABEL)) continue;
    const labels = JSON.parse(row.labels) as Record<string, string>;
    if (labels[SOURCE_LABEL] === source) ids.add(row.id);
  }
  return ids;
}

/**
 * Each converted document merged into the stored document with its id (same kind), by `mergeSourced`; one of a
 * different kind or a new id passes as it is (the import refuses a change of kind). A document of this source is
 * one the import produces or one stored with its label.
 */
export function mergeWithStored(
  document: CatalogDocument,
  existing: ReadonlyMap<string, DocumentRow>,
  isSourceDocument: (id: string) => boolean,
): CatalogDocument {
  const before = existing.get(document.metadata.id);
  if (before === undefined || before.kind !== document.kind) return document;
  return mergeSourced(rowToDocument(before), document, isSourceDocument);
}

/**
 * Refuses a prune that would leave a reference from a document that stays to one it deletes: names the deleted
 * document, who refers to it and where, and what to do. Nothing is written before this check.
 */
export async function refuseDanglingReferences(
  repo: DocumentRepository,
  deleted: readonly DocumentRow[],
  leaving: (id: string) => boolean,
  source: string,
): Promise<void> {
  const found: { id: string; kind: string; referrer: string; referrerKind: string; path: string }[] = [];
  for (const row of deleted) {
    for (const referrer of await repo.referrers(row.id)) {
      if (leaving(referrer.id)) continue;
      found.push({
        id: row.id,
        kind: row.kind,
        referrer: referrer.id,
        referrerKind: referrer.kind,
        path: referrer.path,
      });
    }
    if (found.length >= 100) break;
  }
  if (found.length === 0) return;
  const shown = found
    .slice(0, 5)
    .map((f) => `${f.referrerKind} "${f.referrer}" refers to ${f.kind} "${f.id}" at ${f.path}`);
  throw new CatalogError(
    'referenced',
    `The prune would delete documents from ${source} that other documents still refer to; nothing was ` +
      `written: ${shown.join('; ')}${found.length > 5 ? '; ...' : ''}. Remove those references (or keep the ` +
      `items in the source) and import again`,
    { referrers: found },
  );
}

/** A per-kind tally and a sample of at most `size` documents of each change, filled as an import sorts. */
export function createImportTally(size: number) {
  const byKind: Record<string, ImportCounts> = {};
  const sample: ImportSample = { created: [], updated: [], deleted: [] };
  const counts = (kind: string) => (byKind[kind] ??= { created: 0, updated: 0, unchanged: 0, deleted: 0 });
  const named = (document: CatalogDocument) => ({
    id: document.metadata.id,
    kind: document.kind,
    ...(document.metadata.name !== undefined && { name: document.metadata.name }),
  });
  return {
    created(document: CatalogDocument): void {
      counts(document.kind).created += 1;
      if (sample.created.length < size) sample.created.push(named(document));
    },
    updated(document: CatalogDocument, before: DocumentRow): void {
      counts(document.kind).updated += 1;
      if (sample.updated.length < size)
        sample.updated.push({ ...named(document), changes: fieldChanges(rowToDocument(before), document) });
    },
    unchanged(document: CatalogDocument): void {
      counts(document.kind).unchanged += 1;
    },
    deleted(row: DocumentRow): void {
      counts(row.kind).deleted += 1;
      if (sample.deleted.length < size)
        sample.deleted.push({ id: row.id, kind: row.kind, ...(row.name !== null && { name: row.name }) });
    },
    result: () => ({ byKind, sample }),
  };
}
