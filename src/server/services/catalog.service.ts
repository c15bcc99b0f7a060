import type { Kysely } from 'kysely';
import { KINDS } from '../../catalog/kinds.ts';
import type { CatalogDocument, Kind } from '../../catalog/kinds.ts';
import { referenceProblems, referencesOf } from '../../catalog/references.ts';
import type { Database } from '../db/schema.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { pageUrl, publishSafely } from '../notify/publish.ts';
import type { Notifier } from '../notify/types.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import type { DocumentRepository, DocumentRow, SpecField } from '../repositories/document.repository.ts';
import { appendAudit } from './audit.service.ts';
import { documentLinks, documentToRow, rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';
import type { FieldError } from './errors.ts';
import { validateDocument } from './validation.ts';

/**
 * Who makes a change: the name the audit log records (a user's email, with the token's name when one was used),
 * and for a service owner the ids they may write for (their Person and their teams).
 */
export type Actor = string | { name: string; ownerScope?: ReadonlySet<string> };

/** The name the audit log records for an actor. */
export function actorName(actor: Actor): string {
  return typeof actor === 'string' ? actor : actor.name;
}

/** Whose owner counts for a document's owner scope: its own `owner`, or (`ownedThrough`) that of a document it names. */
export interface ScopeOwner {
  owner: string | undefined;
  /** The document whose owner it is, when the kind is owned through another (an assessment's service). */
  through?: string;
}

/** Refuses a service owner's write to a document whose owner (before or after) is not theirs. */
export function checkOwnerScope(actor: Actor, kind: Kind, owners: ScopeOwner[]): void {
  if (typeof actor === 'string' || actor.ownerScope === undefined) return;
  const scope = actor.ownerScope;
  const outside = owners.find(({ owner }) => owner === undefined || !scope.has(owner));
  if (!outside) return;
  const yours = scope.size > 0 ? [...scope].join(', ') : 'none: no Person document has your email';
  const owner = outside.owner === undefined ? 'unset' : `"${outside.owner}"`;
  const through = KINDS[kind].ownedThrough;
  throw new CatalogError(
    'forbidden',
    through === undefined
      ? `As a service owner you may only write ${KINDS[kind].plural} owned by you or your teams (${yours}); this one's owner is ${owner}`
      : `As a service owner you may only write ${KINDS[kind].plural} of ${through}s owned by you or your teams (${yours}); the owner of its ${through} "${outside.through ?? ''}" is ${owner}`,
  );
}

/**
 * The owner that counts for a document's scope: its spec's `owner`, or for a kind declared `ownedThrough` a
 * field, the owner of the document that field names (looked up in the same transaction).
 */
export async function scopeOwnerOf(repo: DocumentRepository, kind: Kind, spec: unknown): Promise<ScopeOwner> {
  const through = KINDS[kind].ownedThrough;
  if (through === undefined) return { owner: ownerOf(spec) };
  const id = (spec as Record<string, unknown>)[through];
  if (typeof id !== 'string') return { owner: undefined };
  const row = await repo.get(id);
  return { owner: row ? ownerOf(JSON.parse(row.spec)) : undefined, through: id };
}

function ownerOf(spec: unknown): string | undefined {
  return (spec as { owner?: string }).owner;
}

/** Reads other documents inside `updateWith`'s transaction. */
export interface DocumentReader {
  get(id: string): Promise<CatalogDocument | undefined>;
  /** Id -> kind, for the ids some document has. */
  kindsOf(ids: readonly string[]): Promise<Map<string, string>>;
}

/** What `updateWith`'s merge answers: the new document (undefined: nothing changes) and a result for the caller. */
export interface Merged<T> {
  document: CatalogDocument | undefined;
  result: T;
}

/** Which ids let a service owner change a document, and the refusal when none of them is theirs. */
export interface OwnerScopeRule {
  ids: readonly string[];
  refusal: string;
}

/** A page of a listing; `nextCursor` is null on the last page. */
export interface DocumentPage {
  items: CatalogDocument[];
  nextCursor: string | null;
}

/** What a listing asks for; `cursor` is the `nextCursor` of the page before. */
export interface ListOptions {
  limit?: number;
  cursor?: string;
  q?: string;
  labels?: { key: string; value: string }[];
  fields?: { field: SpecField; value: string }[];
  missing?: SpecField[];
}

/** The largest page a listing returns. */
export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;

function encodeCursor(kind: Kind, lastId: string): string {
  return Buffer.from(JSON.stringify({ k: kind, a: lastId })).toString('base64url');
}

function decodeCursor(kind: Kind, cursor: string): string {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      k?: unknown;
      a?: unknown;
    };
    if (value.k === kind && typeof value.a === 'string') return value.a;
  } catch {
    // Fall through to the same error as a well-formed cursor of another listing.
  }
  throw new CatalogError(
    'invalid',
    `The cursor "${cursor.slice(0, 40)}" is not one this listing of ${kind} returned`,
  );
}

/** Refuses references to unknown ids, to ids of the wrong kind, and to the document itself. */
async function checkReferences(repo: DocumentRepository, document: CatalogDocument): Promise<void> {
  const refs = referencesOf(document);
  const self = document.metadata.id;
  const kinds = await repo.kindsOf(refs.map((ref) => ref.id).filter((id) => id !== self));
  const errors: FieldError[] = referenceProblems(document, (id) => kinds.get(id));
  if (errors.length > 0) {
    const detail = errors.map((error) => `${error.path}: ${error.message}`).join('; ');
    throw new CatalogError(
      'invalid-reference',
      `The ${document.kind} "${self}" has bad references: ${detail}`,
      {
        errors,
      },
    );
  }
}

/** Publishes `incident.declared` for a new Incident; never fails the create, which is committed. */
async function declared(
  incident: CatalogDocument,
  by: string,
  events: { notifier: Notifier; publicUrl: string; onError?: (error: unknown) => void },
): Promise<void> {
  const title = incident.metadata.name ?? incident.metadata.id;
  await publishSafely(
    events.notifier,
    {
      event: 'incident.declared',
      text: `Incident declared by ${by}: ${title}`,
      url: pageUrl(events.publicUrl, 'incidents', incident.metadata.id),
      data: { incident: incident.metadata.id, name: incident.metadata.name ?? null, by, spec: incident.spec },
    },
    events.onError,
  );
}

/** The rules for reading and writing catalog documents; every write is audited in its own transaction. */
export function createCatalogService(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  /** Webhooks: `incident.declared` when an Incident is created. */
  events?: { notifier: Notifier; publicUrl: string; onError?: (error: unknown) => void };
}) {
  const { database, now } = deps;

  async function getRow(repo: DocumentRepository, kind: Kind, id: string): Promise<DocumentRow> {
    const row = await repo.get(id);
    if (row === undefined || row.kind !== kind)
      throw new CatalogError('not-found', `No ${kind} has the id "${id}"`);
    return row;
  }

  function writeRepos(trx: Kysely<Database>) {
    return { documents: createDocumentRepository(trx), audit: createAuditRepository(trx) };
  }

  /** Writes `document` as the next version of `current`, with its links and an audit entry; checked references. */
  async function replace(
    repos: ReturnType<typeof writeRepos>,
    kind: Kind,
    current: DocumentRow,
    document: CatalogDocument,
    actor: Actor,
  ): Promise<CatalogDocument> {
    const id = current.id;
    await checkReferences(repos.documents, document);
    const at = now().toISOString();
    const row = documentToRow(document, current.version + 1, current.created_at, at);
    if (!(await repos.documents.update(row, current.version))) {
      // Unreachable while writes are serialised; kept so a lost race can never overwrite silently.
      throw new CatalogError('version-conflict', `${kind} "${id}" was changed by someone else meanwhile`);
    }
    const links = documentLinks(document);
    await repos.documents.replaceLinks([id], links.labels, links.refs);
    const after = rowToDocument(row);
    await appendAudit(repos.audit, {
      at,
      actor: actorName(actor),
      action: 'update',
      kind,
      documentId: id,
      before: rowToDocument(current),
      after,
    });
    return after;
  }

  return {
    async get(kind: Kind, id: string): Promise<CatalogDocument> {
      return rowToDocument(await getRow(createDocumentRepository(database.db), kind, id));
    },

    /** The document an id names, whatever its kind. */
    async getById(id: string): Promise<CatalogDocument> {
      const row = await createDocumentRepository(database.db).get(id);
      if (row === undefined) throw new CatalogError('not-found', `No document has the id "${id}"`);
      return rowToDocument(row);
    },

    async list(kind: Kind, options: ListOptions = {}): Promise<DocumentPage> {
      const limit = Math.min(options.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
      const rows = await createDocumentRepository(database.db, database.dialect).list({
        kind,
        limit: limit + 1,
        ...(options.cursor !== undefined && { after: decodeCursor(kind, options.cursor) }),
        ...(options.q !== undefined && { q: options.q }),
        ...(options.labels !== undefined && { labels: options.labels }),
        ...(options.fields !== undefined && { fields: options.fields }),
        ...(options.missing !== undefined && { missing: options.missing }),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(rowToDocument),
        nextCursor: rows.length > limit && last ? encodeCursor(kind, last.id) : null,
      };
    },

    async create(kind: Kind, input: unknown, actor: Actor): Promise<CatalogDocument> {
      const document = validateDocument(kind, input);
      const created = await database.writeTransaction(async (trx) => {
        const repos = writeRepos(trx);
        const existing = await repos.documents.get(document.metadata.id);
        if (existing !== undefined) {
          throw new CatalogError(
            'already-exists',
            `The id "${existing.id}" is already used by a ${existing.kind}; ids are unique across the catalog`,
          );
        }
        checkOwnerScope(actor, kind, [await scopeOwnerOf(repos.documents, kind, document.spec)]);
        await checkReferences(repos.documents, document);
        const at = now().toISOString();
        const row = documentToRow(document, 1, at, at);
        await repos.documents.insert(row);
        const links = documentLinks(document);
        await repos.documents.replaceLinks([row.id], links.labels, links.refs);
        const after = rowToDocument(row);
        await appendAudit(repos.audit, {
          at,
          actor: actorName(actor),
          action: 'create',
          kind,
          documentId: row.id,
          before: null,
          after,
        });
        return after;
      });
      if (created.kind === 'Incident' && deps.events) await declared(created, actorName(actor), deps.events);
      return created;
    },

    /** Replaces a document if `expectedVersion` is still current (optimistic concurrency). */
    async update(
      kind: Kind,
      id: string,
      input: unknown,
      expectedVersion: number | undefined,
      actor: Actor,
    ): Promise<CatalogDocument> {
      const document = validateDocument(kind, input);
      if (document.metadata.id !== id) {
        throw new CatalogError(
          'invalid',
          `metadata.id "${document.metadata.id}" does not match the id in the URL "${id}"; ids cannot be renamed`,
        );
      }
      const version = expectedVersion ?? document.metadata.version;
      if (version === undefined) {
        throw new CatalogError(
          'version-required',
          `Updating ${kind} "${id}" needs the version you read: send metadata.version or an If-Match header`,
        );
      }
      return database.writeTransaction(async (trx) => {
        const repos = writeRepos(trx);
        const current = await getRow(repos.documents, kind, id);
        if (current.version !== version) {
          throw new CatalogError(
            'version-conflict',
            `${kind} "${id}" was changed by someone else: you sent version ${version}, the current version is ${current.version}. Reload it and apply your change again.`,
            { current: rowToDocument(current) },
          );
        }
        checkOwnerScope(actor, kind, [
          await scopeOwnerOf(repos.documents, kind, JSON.parse(current.spec)),
          await scopeOwnerOf(repos.documents, kind, document.spec),
        ]);
        return replace(repos, kind, current, document, actor);
      });
    },

    /**
     * Changes a document by a function of its current state, read and written in one write transaction, so
     * concurrent changes merge instead of conflicting. `merge` answers the new document, or `undefined` when
     * nothing changes (then nothing is written); it may read other documents through the reader it is given.
     * A service owner's write is in scope when `scope` names one of their ids (default: the document's owner).
     * `merge` is also given the transaction, for the caller's own rows that must commit with the change (a call
     * tree's notifications beside the incident's timeline).
     */
    async updateWith<T>(
      kind: Kind,
      id: string,
      merge: (
        current: CatalogDocument,
        reader: DocumentReader,
        transaction: Kysely<Database>,
      ) => Promise<Merged<T>>,
      actor: Actor,
      options: { scope?: (current: CatalogDocument, reader: DocumentReader) => Promise<OwnerScopeRule> } = {},
    ): Promise<{ document: CatalogDocument; result: T }> {
      return database.writeTransaction(async (trx) => {
        const repos = writeRepos(trx);
        const current = await getRow(repos.documents, kind, id);
        const before = rowToDocument(current);
        const reader: DocumentReader = {
          get: async (other) => {
            const row = await repos.documents.get(other);
            return row === undefined ? undefined : rowToDocument(row);
          },
          kindsOf: (ids) => repos.documents.kindsOf(ids),
        };
        if (options.scope === undefined)
          checkOwnerScope(actor, kind, [await scopeOwnerOf(repos.documents, kind, before.spec)]);
        else if (typeof actor !== 'string' && actor.ownerScope !== undefined) {
          const rule = await options.scope(before, reader);
          const scope = actor.ownerScope;
          if (!rule.ids.some((owner) => scope.has(owner))) {
            const yours = scope.size > 0 ? [...scope].join(', ') : 'none: no Person document has your email';
            throw new CatalogError('forbidden', `${rule.refusal} (your ids: ${yours})`);
          }
        }
        const { document, result } = await merge(before, reader, trx);
        if (document === undefined) return { document: before, result };
        const validated = validateDocument(kind, document);
        if (validated.metadata.id !== id)
          throw new CatalogError('invalid', `A change of ${kind} "${id}" cannot rename it`);
        return { document: await replace(repos, kind, current, validated, actor), result };
      });
    },

    /** Deletes a document nothing references; with `expectedVersion`, only if it is still current. */
    async delete(kind: Kind, id: string, expectedVersion: number | undefined, actor: Actor): Promise<void> {
      await database.writeTransaction(async (trx) => {
        const repos = writeRepos(trx);
        const current = await getRow(repos.documents, kind, id);
        if (expectedVersion !== undefined && current.version !== expectedVersion) {
          throw new CatalogError(
            'version-conflict',
            `${kind} "${id}" was changed by someone else: you sent version ${expectedVersion}, the current version is ${current.version}`,
            { current: rowToDocument(current) },
          );
        }
        checkOwnerScope(actor, kind, [await scopeOwnerOf(repos.documents, kind, JSON.parse(current.spec))]);
        const referrers = await repos.documents.referrers(id);
        if (referrers.length > 0) {
          const names = [...new Set(referrers.map((ref) => `${ref.kind} "${ref.id}"`))];
          throw new CatalogError(
            'referenced',
            `${kind} "${id}" cannot be deleted while others refer to it: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ` and ${names.length - 10} more` : ''}`,
            { referrers },
          );
        }
        await repos.documents.delete(id);
        await appendAudit(repos.audit, {
          at: now().toISOString(),
          actor: actorName(actor),
          action: 'delete',
          kind,
          documentId: id,
          before: rowToDocument(current),
          after: null,
        });
      });
    },

    /**
     * Changes several documents in one write transaction: each `change` gets the document as stored and answers
     * its new content, written as an ordinary update (validated, references checked, one audit entry each).
     * Nothing is written when any change throws or is refused.
     */
    async updateEach(
      edits: readonly { kind: Kind; id: string; change: (current: CatalogDocument) => CatalogDocument }[],
      actor: Actor,
    ): Promise<CatalogDocument[]> {
      return database.writeTransaction(async (trx) => {
        const repos = writeRepos(trx);
        const written: CatalogDocument[] = [];
        for (const { kind, id, change } of edits) {
          const current = await getRow(repos.documents, kind, id);
          const before = rowToDocument(current);
          const document = validateDocument(kind, change(before));
          if (document.metadata.id !== id)
            throw new CatalogError('invalid', `A change of ${kind} "${id}" cannot rename it`);
          checkOwnerScope(actor, kind, [
            await scopeOwnerOf(repos.documents, kind, before.spec),
            await scopeOwnerOf(repos.documents, kind, document.spec),
          ]);
          written.push(await replace(repos, kind, current, document, actor));
        }
        return written;
      });
    },
  };
}

/** The catalog service's interface. */
export type CatalogService = ReturnType<typeof createCatalogService>;
