/**
 * The audit chain's state as the compliance checks read it (C17): whether it verifies, how many entries it holds,
 * its head, and the first entry that breaks it. Walking the whole chain costs a read and a hash per entry (1.3 to
 * 2 s for a log of 100k entries on SQLite, measured on a 2-core machine), too much for every page view; so a verdict is kept:
 * entries appended since are verified onto it, and the whole chain is walked again once the verdict is older than
 * `maxAgeMs`, as an entry edited in place leaves the head unchanged.
 */
import type { ComplianceInput } from '../../compliance/types.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import type { AuditRow } from '../repositories/audit.repository.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { entryHash, verifyAuditChain } from './audit.service.ts';

/** The audit chain's state, as `ComplianceInput.audit`. */
export type AuditState = NonNullable<ComplianceInput['audit']>;

/** How long a whole-chain verdict is trusted by default before the chain is walked again: five minutes. */
export const AUDIT_VERDICT_MAX_AGE_MS = 5 * 60 * 1000;

/** Past this many entries appended since the verdict, the whole chain is walked again instead. */
const MAX_APPENDED = 1000;

/** The state of the chain whose newest entry is `head`. */
function stateOf(
  head: AuditRow | undefined,
  verdict: Awaited<ReturnType<typeof verifyAuditChain>>,
): AuditState {
  return {
    valid: verdict.ok,
    entries: verdict.entries,
    head: head ? { sequence: head.seq, hash: head.hash, at: head.at } : null,
    ...(!verdict.ok && { firstBroken: { sequence: verdict.brokenAt, reason: verdict.reason } }),
  };
}

/** Walks the whole chain now. */
export async function auditStateNow(database: LifeboatDatabase): Promise<AuditState> {
  const repository = createAuditRepository(database.db);
  const last = await repository.last();
  const [head] = last ? await repository.list({ afterSeq: last.seq - 1, limit: 1 }) : [];
  return stateOf(head, await verifyAuditChain(repository));
}

/**
 * The audit state, from a kept verdict when it is younger than `maxAgeMs` (by `now`): the same head reuses it,
 * entries appended onto its head are verified one by one, anything else walks the whole chain.
 */
export function createAuditStateCache(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  maxAgeMs?: number;
}) {
  const { database, now } = deps;
  const maxAgeMs = deps.maxAgeMs ?? AUDIT_VERDICT_MAX_AGE_MS;
  let kept: { state: AuditState; walkedAt: number } | undefined;

  /** The entries after the kept valid head verified onto it: the new state, or undefined when only a walk can tell. */
  async function appended(state: AuditState, last: { seq: number; hash: string }) {
    const from = state.head;
    if (!state.valid || !from || last.seq <= from.sequence || last.seq - from.sequence > MAX_APPENDED)
      return undefined;
    const rows = await createAuditRepository(database.db).list({
      afterSeq: from.sequence,
      limit: last.seq - from.sequence,
    });
    let previous = { seq: from.sequence, hash: from.hash };
    for (const row of rows) {
      const { hash, ...content } = row;
      // Anything but the next entry, linked and intact, is for the whole walk to name.
      if (row.seq !== previous.seq + 1 || row.prev_hash !== previous.hash || entryHash(content) !== hash)
        return undefined;
      previous = { seq: row.seq, hash };
    }
    const head = rows.at(-1);
    if (!head || head.seq !== last.seq || head.hash !== last.hash) return undefined;
    return stateOf(head, { ok: true, entries: state.entries + rows.length });
  }

  return {
    /** The audit chain's state now, walking the whole chain only when the kept verdict cannot answer. */
    async current(): Promise<AuditState> {
      const at = now().getTime();
      if (kept && at - kept.walkedAt < maxAgeMs) {
        const last = await createAuditRepository(database.db).last();
        const head = kept.state.head;
        if ((last?.seq ?? 0) === (head?.sequence ?? 0) && last?.hash === head?.hash) return kept.state;
        const state = last && (await appended(kept.state, last));
        if (state) return (kept = { state, walkedAt: kept.walkedAt }).state;
      }
      const state = await auditStateNow(database);
      kept = { state, walkedAt: at };
      return state;
    },
  };
}
