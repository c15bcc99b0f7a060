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

/** The `users` table: local and single-sign-on accounts. */
export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  role: string;
  /** argon2id hash; null for accounts that only sign in through single sign-on. */
  password_hash: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

/** The `sessions` table: browser sessions, stored by the SHA-256 of their cookie value. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute expiry; the idle expiry is computed from last_seen_at. */
  expires_at: string;
}

/** The `api_tokens` table: bearer tokens, stored by the SHA-256 of their value. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The `login_failures` table: one row per failed login, keyed by account and by address. */
export interface LoginFailuresTable {
  key: string;
  at: string;
}

/** Kysely's view of the whole database. */
export interface Database {
  documents: DocumentsTable;
  document_labels: DocumentLabelsTable;
  document_refs: DocumentRefsTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
}

/** Re-exported so migrations and repositories share one import. */
export type { Generated };
