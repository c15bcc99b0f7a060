import type { Generated } from 'kysely';

/** The `documents` table: one row per catalog document, every kind. */
export interface DocumentsTable {
  id: string;
  kind: string;
  name: string | null;
  description: string | null;
  /** JSON object, or null when the document has no labels. */
  labels: string | null;
  /** JSON of the validated spec. */
  spec: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The `document_labels` table: labels one per row, for filtering. */
export interface DocumentLabelsTable {
  document_id: string;
  key: string;
  value: string;
}

/** The `document_refs` table: every reference a document makes, so deletes can find referrers. */
export interface DocumentRefsTable {
  from_id: string;
  path: string;
  to_id: string;
}

/** The `audit_log` table: an append-only hash chain of every write. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  kind: string;
  document_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** Kysely's view of the whole database. */
export interface Database {
  documents: DocumentsTable;
  document_labels: DocumentLabelsTable;
  document_refs: DocumentRefsTable;
  audit_log: AuditLogTable;
}

/** Re-exported so migrations and repositories share one import. */
export type { Generated };
