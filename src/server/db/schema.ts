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
  /** When the user last signed in (password or single sign-on); null before the first time. */
  last_sign_in_at: string | null;
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

/** The `password_links` table: one-time links to set a password (invitation or reset), by the SHA-256 of their token. */
export interface PasswordLinksTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** `invitation` or `reset`. */
  purpose: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  /** When it was used (or replaced by a newer link); a link works once. */
  used_at: string | null;
}

/** The `call_trees` table: the call tree of an invoked plan, with its contacts as they were at the invocation. */
export interface CallTreesTable {
  incident_id: string;
  plan_id: string;
  /** JSON of the plan's `contacts` when it was invoked. */
  contacts: string;
  started_at: string;
  started_by: string;
}

/** The `call_tree_notifications` table: one row per person notified in a call tree, with the hash of their link. */
export interface CallTreeNotificationsTable {
  id: string;
  incident_id: string;
  /** The contact's place in the call tree (0 first). */
  position: number;
  /** 0: the contact itself (a Person, or a Team's lead or members); 1: the deputy it was escalated to. */
  stage: number;
  contact_id: string;
  /** The Person reached; null for a Team's own address. */
  person_id: string | null;
  name: string;
  /** The email address; null when the person has none (then they cannot be reached and are escalated at once). */
  address: string | null;
  channel: string;
  sent_at: string;
  /** When the escalation is due if nobody acknowledges; null when nothing is waited for. */
  escalate_at: string | null;
  token_hash: string;
  expires_at: string;
  acknowledged_at: string | null;
  escalated_at: string | null;
  /** The Person or contact id escalated to; null when the call tree had nobody left. */
  escalated_to: string | null;
}

/** The `outbox` table: every email Lifeboat wrote, with whether and when it was sent. */
export interface OutboxTable {
  id: string;
  /** What it is: `digest`, `invitation`, `call-tree`... */
  category: string;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  /** `queued`, `sent`, `not-sent` (no SMTP configured), `retrying` or `failed` (gave up). */
  status: string;
  attempts: number;
  /** Why the last attempt failed, or why it was not sent. */
  error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** The `webhook_endpoints` table: where events are delivered, signed with the endpoint's secret. */
export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string | null;
  /** JSON array of event names. */
  events: string;
  enabled: number;
  /** 1 when an admin allowed a loopback, link-local or metadata address. */
  allow_private: number;
  secret: string;
  created_at: string;
  updated_at: string;
}

/** The `webhook_deliveries` table: one event to one endpoint, delivered in one or more attempts. */
export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event: string;
  /** The JSON body, exactly as signed and sent. */
  payload: string;
  /** `pending`, `retrying`, `delivered` or `failed` (gave up). */
  status: string;
  attempts: number;
  created_at: string;
  updated_at: string;
}

/** The `webhook_attempts` table: each attempt of a delivery, with the answer or the error. */
export interface WebhookAttemptsTable {
  delivery_id: string;
  number: number;
  at: string;
  status_code: number | null;
  error: string | null;
  /** The first characters of the answer's body. */
  response_excerpt: string | null;
  duration_ms: number;
}

/** The `job_runs` table: one row per finished or failed run of a background job. */
export interface JobRunsTable {
  id: string;
  name: string;
  started_at: string;
  finished_at: string;
  /** 1 when the run succeeded, 0 when it failed. */
  ok: number;
  /** What the run did (`sent 4 digests`), or why it failed. */
  summary: string;
}

/** The `job_queue` table: jobs waiting to run on SQLite, where the queue runs in process (pg-boss on PostgreSQL). */
export interface JobQueueTable {
  id: string;
  name: string;
  /** JSON of the job's data. */
  data: string;
  /** Not before this instant; pushed back after a failed attempt. */
  start_after: string;
  /** A second send with the same name and key while this one waits is dropped. */
  singleton_key: string | null;
  retry_count: number;
  created_at: string;
}

/** The `reminders_sent` table: each item a digest claimed, per recipient (an email address) and period. */
export interface RemindersSentTable {
  /** The recipient's address, lower-cased. */
  recipient: string;
  /**
   * The reminder item's key (`plan-review:plan-leeds-dc`); `summary` for a manager's weekly summary, `digest` for a
   * weekly digest itself.
   */
  item_key: string;
  /** `2026-12-07` for a daily digest, `2026-W50` for a weekly one. */
  period: string;
  sent_at: string;
}

/** The `notification_preferences` table: a user's digest preference, once they set one (daily otherwise). */
export interface NotificationPreferencesTable {
  user_id: string;
  /** `daily`, `weekly` or `off`. */
  digest: string;
  updated_at: string;
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
  job_runs: JobRunsTable;
  job_queue: JobQueueTable;
  outbox: OutboxTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  call_trees: CallTreesTable;
  call_tree_notifications: CallTreeNotificationsTable;
  password_links: PasswordLinksTable;
  reminders_sent: RemindersSentTable;
  notification_preferences: NotificationPreferencesTable;
}

/** Re-exported so migrations and repositories share one import. */
export type { Generated };
