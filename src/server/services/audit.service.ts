import { createHash } from 'node:crypto';
import type { AuditRepository, AuditRow } from '../repositories/audit.repository.ts';

/** The hash the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit entry records. */
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'user-create'
  | 'user-update'
  | 'token-create'
  | 'token-revoke'
  | 'user-invite'
  | 'password-reset'
  | 'password-set'
  | 'password-change'
  | 'session-revoke';

/** What a write records, before the chain fields are added. */
export interface AuditEvent {
  at: string;
  actor: string;
  /** `create`, `update`, `delete` for documents; `login`, `login-failed`, `user-*`, `token-*`, `password-*`, `session-revoke` for accounts. */
  action: AuditAction;
  kind: string;
  documentId: string;
  before: unknown;
  after: unknown;
}

/** An audit entry as the API returns it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: AuditEvent['action'];
  kind: string;
  id: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

/** The SHA-256 of an entry's content and the previous entry's hash: changing any past entry breaks the chain. */
export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  const content = JSON.stringify([
    row.seq,
    row.at,
    row.actor,
    row.action,
    row.kind,
    row.document_id,
    row.before,
    row.after,
    row.prev_hash,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** Appends events to the chain; reads the chain's head once, so a bulk write appends without re-reading it. */
export function createAuditChain(repo: AuditRepository) {
  let head: { seq: number; hash: string } | undefined;
  /** The next row of the chain; moves the head. */
  function link(current: { seq: number; hash: string }, event: AuditEvent): AuditRow {
    const row = {
      seq: current.seq + 1,
      at: event.at,
      actor: event.actor,
      action: event.action,
      kind: event.kind,
      document_id: event.documentId,
      before: event.before === null ? null : JSON.stringify(event.before),
      after: event.after === null ? null : JSON.stringify(event.after),
      prev_hash: current.hash,
    };
    const hash = entryHash(row);
    head = { seq: row.seq, hash };
    return { ...row, hash };
  }
  return {
    /** Call inside the write transaction that made the change. */
    async append(event: AuditEvent): Promise<void> {
      head ??= (await repo.last()) ?? { seq: 0, hash: GENESIS_HASH };
      await repo.insert(link(head, event));
    },
    /** Appends many events in order, inserting them in batches (a bulk import writes one per document). */
    async appendMany(events: Iterable<AuditEvent>): Promise<void> {
      head ??= (await repo.last()) ?? { seq: 0, hash: GENESIS_HASH };
      const rows: AuditRow[] = [];
      for (const event of events) rows.push(link(head, event));
      await repo.insertMany(rows);
    },
  };
}

/** Appends one event to the chain. Call inside the write transaction that made the change. */
export async function appendAudit(repo: AuditRepository, event: AuditEvent): Promise<void> {
  await createAuditChain(repo).append(event);
}

/** The API's view of a stored entry. */
export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action as AuditEvent['action'],
    kind: row.kind,
    id: row.document_id,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The outcome of walking the whole chain. */
export type ChainVerdict =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the whole audit log and reports the first entry whose hash or link does not hold. */
export async function verifyAuditChain(repo: AuditRepository): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await repo.list({ afterSeq: expectedSeq - 1, limit: 1000 });
    for (const row of page) {
      const { hash, ...content } = row;
      if (row.seq !== expectedSeq)
        return {
          ok: false,
          entries: count,
          brokenAt: expectedSeq,
          reason: `entry ${expectedSeq} is missing`,
        };
      if (row.prev_hash !== prevHash)
        return {
          ok: false,
          entries: count,
          brokenAt: row.seq,
          reason: 'does not link to the entry before it',
        };
      if (entryHash(content) !== hash)
        return {
          ok: false,
          entries: count,
          brokenAt: row.seq,
          reason: 'its content does not match its hash',
        };
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < 1000) return { ok: true, entries: count };
  }
}
