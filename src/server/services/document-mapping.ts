import { API_VERSION } from '../../catalog/kinds.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { formatPath, referencesOf } from '../../catalog/references.ts';
import type { DocumentLabelRow, DocumentRefRow, DocumentRow } from '../repositories/document.repository.ts';

/** A stored row as the document users see: apiVersion, kind, metadata (with version and times), spec. */
export function rowToDocument(row: DocumentRow): CatalogDocument {
  const metadata: Record<string, unknown> = { id: row.id };
  if (row.name !== null) metadata.name = row.name;
  if (row.description !== null) metadata.description = row.description;
  if (row.labels !== null) metadata.labels = JSON.parse(row.labels) as Record<string, string>;
  metadata.version = row.version;
  metadata.createdAt = row.created_at;
  metadata.updatedAt = row.updated_at;
  return {
    apiVersion: API_VERSION,
    kind: row.kind,
    metadata,
    spec: JSON.parse(row.spec) as unknown,
  } as CatalogDocument;
}

/** The row that stores a validated document at a given version and times. */
export function documentToRow(
  document: CatalogDocument,
  version: number,
  createdAt: string,
  updatedAt: string,
): DocumentRow {
  const { metadata } = document;
  return {
    id: metadata.id,
    kind: document.kind,
    name: metadata.name ?? null,
    description: metadata.description ?? null,
    labels: metadata.labels === undefined ? null : JSON.stringify(metadata.labels),
    spec: JSON.stringify(document.spec),
    version,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

/** The label and reference rows that index a document. */
export function documentLinks(document: CatalogDocument): {
  labels: DocumentLabelRow[];
  refs: DocumentRefRow[];
} {
  const id = document.metadata.id;
  return {
    labels: Object.entries(document.metadata.labels ?? {}).map(([key, value]) => ({
      document_id: id,
      key,
      value,
    })),
    refs: referencesOf(document).map((ref) => ({ from_id: id, path: formatPath(ref.path), to_id: ref.id })),
  };
}
