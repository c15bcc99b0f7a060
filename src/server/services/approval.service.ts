/**
 * The approval workflow of every kind approved through frozen versions (plans, impact assessments): approve
 * (freeze the next numbered version), submit for approval, return with a comment, and read the versions and the
 * history. The rules of what a document reads as are src/catalog/versions.ts; this adds the transactions.
 */
import type { Kysely } from 'kysely';
import type { CatalogDocument, Kind } from '../../catalog/kinds.ts';
import { approvalView, contentChecksum, freezeVersion } from '../../catalog/versions.ts';
import type { FrozenVersion, ReviewEvent } from '../../catalog/versions.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import type { DocumentRow } from '../repositories/document.repository.ts';
import { createVersionRepository, frozenVersionOf } from '../repositories/version.repository.ts';
import type { ReviewEventRow } from '../repositories/version.repository.ts';
import { appendAudit } from './audit.service.ts';
import { documentToRow, rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';

/** A stored submission or return as the rules read it. */
export function reviewEventOf(row: ReviewEventRow): ReviewEvent {
  return {
    action: row.action === 'return' || row.action === 'approve' ? row.action : 'submit',
    actor: row.actor,
    at: row.at,
    checksum: row.checksum,
    ...(row.comment !== null && { comment: row.comment }),
  };
}

/** One entry of a document's approval history. */
export interface HistoryEntry {
  action: 'submitted' | 'returned' | 'approved';
  actor: string;
  at: string;
  /** The checksum of the content submitted, returned or approved. */
  checksum: string;
  comment?: string;
  /** The version an approval froze. */
  version?: number;
}

/** A frozen version without its document: what a versions list shows. */
export interface VersionSummary {
  number: number;
  checksum: string;
  approvedBy: string;
  approvedAt: string;
}

/** What a workflow step is told: who, the version they reviewed, and (for a return) why. */
export interface StepInput {
  actor: string;
  expectedVersion: number | undefined;
  /** Refuses the step when the document is outside the actor's scope (a service owner's). */
  checkScope?: (trx: Kysely<Database>, document: CatalogDocument) => Promise<void>;
}

const PAST = { approve: 'approved', submit: 'submitted', return: 'returned' } as const;

/** The approval workflow of one kind's documents. */
export function createApprovalService<D extends CatalogDocument>(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  kind: Kind;
  /** Freezes a version; a kind may refuse some documents (a retired plan) with a RangeError. */
  freeze?: (
    document: D,
    approval: { number: number; actor: string; at: string },
  ) => { document: D; version: FrozenVersion<D> };
}) {
  const { database, now, kind } = deps;
  const freeze = deps.freeze ?? freezeVersion;

  /** The events of each document named, in order. */
  async function eventsOf(
    db: Kysely<Database>,
    ids: readonly string[] | undefined,
  ): Promise<Map<string, ReviewEvent[]>> {
    const events = new Map<string, ReviewEvent[]>();
    for (const row of await createVersionRepository(db, kind).events(ids)) {
      const list = events.get(row.document_id) ?? [];
      list.push(reviewEventOf(row));
      events.set(row.document_id, list);
    }
    return events;
  }

  /** The latest frozen version of each document named (of every document of the kind when absent). */
  async function latestVersions(
    db: Kysely<Database>,
    ids?: readonly string[],
  ): Promise<Map<string, FrozenVersion<D>>> {
    const rows = await createVersionRepository(db, kind).latest(ids);
    return new Map(rows.map((row) => [row.document_id, frozenVersionOf<D>(row)]));
  }

  /** Documents as clients read them, with the status their versions, submissions and returns give. */
  async function views(documents: readonly D[], db: Kysely<Database> = database.db): Promise<D[]> {
    if (documents.length === 0) return [];
    const ids = documents.map((document) => document.metadata.id);
    const [latest, events] = await Promise.all([latestVersions(db, ids), eventsOf(db, ids)]);
    return documents.map((document) =>
      approvalView(document, latest.get(document.metadata.id), events.get(document.metadata.id)),
    );
  }

  async function getRow(db: Kysely<Database>, id: string): Promise<DocumentRow> {
    const row = await createDocumentRepository(db).get(id);
    if (row?.kind !== kind) throw new CatalogError('not-found', `No ${kind} has the id "${id}"`);
    return row;
  }

  /**
   * Runs one workflow step in a transaction on the version the actor reviewed: reads the document as clients do,
   * lets `step` record what it records, then moves the document's version on (what it reads as has changed) and
   * audits it as an update showing the status before and after.
   */
  async function step<R>(
    id: string,
    what: keyof typeof PAST,
    input: StepInput,
    record: (context: { trx: Kysely<Database>; before: D; at: string }) => Promise<(after: D) => R>,
  ): Promise<R> {
    const verb = { approve: 'Approving', submit: 'Submitting', return: 'Returning' }[what];
    if (input.expectedVersion === undefined)
      throw new CatalogError(
        'version-required',
        `${verb} ${kind} "${id}" needs the version you reviewed: send it as an If-Match header or as {"version": n} in the body`,
      );
    return database.writeTransaction(async (trx) => {
      const row = await getRow(trx, id);
      const [before] = await views([rowToDocument(row) as D], trx);
      if (row.version !== input.expectedVersion)
        throw new CatalogError(
          'version-conflict',
          `${kind} "${id}" changed since you reviewed it: you ${PAST[what]} version ${input.expectedVersion}, the current version is ${row.version}. Review it again first.`,
          { current: before },
        );
      await input.checkScope?.(trx, before!);
      const at = now().toISOString();
      const answer = await record({ trx, before: before!, at });
      const stored = rowToDocument(row);
      const updated = documentToRow(stored, row.version + 1, row.created_at, at);
      await createDocumentRepository(trx).update(updated, row.version);
      const [after] = await views([rowToDocument(updated) as D], trx);
      // The entry shows the document as clients read it, so the log says who did what and when.
      await appendAudit(createAuditRepository(trx), {
        at,
        actor: input.actor,
        action: 'update',
        kind,
        documentId: id,
        before,
        after,
      });
      return answer(after!);
    });
  }

  return {
    views,

    /** The latest frozen version of each document named (of every document of the kind when absent). */
    latestVersions: (ids?: readonly string[]) => latestVersions(database.db, ids),

    /** Approves the document at the version the approver reviewed: freezes it as the next numbered version. */
    async approve(id: string, input: StepInput): Promise<{ document: D; version: FrozenVersion<D> }> {
      return step(id, 'approve', input, async ({ trx, before, at }) => {
        const versions = createVersionRepository(trx, kind);
        let result;
        try {
          result = freeze(before, { number: (await versions.lastNumber(id)) + 1, actor: input.actor, at });
        } catch (error) {
          if (error instanceof RangeError) throw new CatalogError('invalid', error.message);
          throw error;
        }
        const { version } = result;
        await versions.insert({
          document_id: id,
          number: version.number,
          document: JSON.stringify(version.document),
          checksum: version.checksum,
          approved_by: version.approvedBy,
          approved_at: version.approvedAt,
        });
        await versions.addEvent({
          document_id: id,
          action: 'approve',
          actor: input.actor,
          at,
          checksum: version.checksum,
          comment: null,
        });
        return (document) => ({ document, version });
      });
    },

    /** Submits the document for approval as it stands (a draft: an approved or submitted one is refused). */
    async submit(id: string, input: StepInput): Promise<D> {
      return step(id, 'submit', input, async ({ trx, before, at }) => {
        const status = (before.spec as { status?: string }).status;
        if (status !== 'draft')
          throw new CatalogError(
            'invalid',
            `${kind} "${id}" is ${status ?? 'not a draft'}: only a draft is submitted for approval`,
          );
        await createVersionRepository(trx, kind).addEvent({
          document_id: id,
          action: 'submit',
          actor: input.actor,
          at,
          checksum: contentChecksum(before),
          comment: null,
        });
        return (document) => document;
      });
    },

    /** Returns a submitted document to its writers with a comment saying what to change. */
    async return(id: string, input: StepInput & { comment: string }): Promise<D> {
      return step(id, 'return', input, async ({ trx, before, at }) => {
        const status = (before.spec as { status?: string }).status;
        if (status !== 'submitted')
          throw new CatalogError(
            'invalid',
            `${kind} "${id}" is ${status ?? 'not submitted'}: only a submitted ${kind} is returned`,
          );
        await createVersionRepository(trx, kind).addEvent({
          document_id: id,
          action: 'return',
          actor: input.actor,
          at,
          checksum: contentChecksum(before),
          comment: input.comment,
        });
        return (document) => document;
      });
    },

    /** Every frozen version of a document, oldest first, without the documents. */
    async versions(id: string): Promise<VersionSummary[]> {
      const rows = await createVersionRepository(database.db, kind).list(id);
      if (rows.length === 0) await getRow(database.db, id);
      return rows.map((row) => ({
        number: row.number,
        checksum: row.checksum,
        approvedBy: row.approved_by,
        approvedAt: row.approved_at,
      }));
    },

    /** One frozen version, with the full document as it was approved. */
    async version(id: string, number: number): Promise<FrozenVersion<D>> {
      const row = await createVersionRepository(database.db, kind).get(id, number);
      if (!row) throw new CatalogError('not-found', `The ${kind} "${id}" has no version ${number}`);
      return frozenVersionOf<D>(row);
    },

    /** Submissions, returns (with their comments) and approvals of a document, in the order they happened. */
    async history(id: string): Promise<HistoryEntry[]> {
      const repository = createVersionRepository(database.db, kind);
      const [versions, events] = await Promise.all([repository.list(id), repository.events([id])]);
      if (events.length === 0) await getRow(database.db, id);
      const ACTIONS = { submit: 'submitted', return: 'returned', approve: 'approved' } as const;
      return events.map((row) => {
        const event = reviewEventOf(row);
        const frozen =
          event.action === 'approve'
            ? versions.find(
                (version) => version.approved_at === event.at && version.checksum === event.checksum,
              )
            : undefined;
        return {
          action: ACTIONS[event.action],
          actor: event.actor,
          at: event.at,
          checksum: event.checksum,
          ...(event.comment !== undefined && { comment: event.comment }),
          ...(frozen && { version: frozen.number }),
        };
      });
    },
  };
}

/** The approval workflow's interface. */
export type ApprovalService<D extends CatalogDocument> = ReturnType<typeof createApprovalService<D>>;
