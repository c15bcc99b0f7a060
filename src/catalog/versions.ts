/**
 * Frozen versions and derived approval, for every kind the registry declares with `approval` (plans, impact
 * assessments). An approval freezes the whole document as a numbered version; a document is approved while its
 * content is that of its latest frozen version, submitted while its latest submission is of its current content
 * and no return came after it, and a draft otherwise. Nothing of this is stored on the document: it is derived on
 * every read, so no write path can leave a stale approval. Pure: no database, no clock.
 */
import { createHash } from 'node:crypto';
import type { CatalogDocument } from './kinds.ts';
import { KINDS, isKind } from './kinds.ts';

/** A frozen, numbered version of a document: the full document as it was approved, and its checksum. */
export interface FrozenVersion<D extends CatalogDocument = CatalogDocument> {
  number: number;
  document: D;
  /** SHA-256 (hex) of the approved content (see `contentChecksum`), so a printout can be traced to it. */
  checksum: string;
  approvedBy: string;
  approvedAt: string;
}

/**
 * A step of the approval workflow, in the order they happened: a submission for approval, a return of one with a
 * comment, or an approval (which also froze a version).
 */
export interface ReviewEvent {
  action: 'submit' | 'return' | 'approve';
  actor: string;
  at: string;
  /** The checksum of the content submitted, returned or approved. */
  checksum: string;
  comment?: string;
}

/** The derived approval state of a document. */
export type ApprovalStatus = 'draft' | 'submitted' | 'approved';

/** The spec fields the server derives from the frozen versions: never stored, never taken from a client. */
export const APPROVAL_FIELDS: ReadonlySet<string> = new Set(['status', 'approvedBy', 'approvedAt']);

/** The registry's approval rule of a document's kind (an empty rule for a kind without one). */
function ruleOf(kind: string): { outsideContent: readonly string[]; keptStatus: readonly string[] } {
  const approval = isKind(kind) ? KINDS[kind].approval : undefined;
  return { outsideContent: approval?.outsideContent ?? [], keptStatus: approval?.keptStatus ?? [] };
}

/** Whether documents of a kind are approved through frozen versions. */
export function hasApproval(kind: string): boolean {
  return isKind(kind) && KINDS[kind].approval !== undefined;
}

/** JSON with object keys sorted, so the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What an approval covers: the kind, id, name, description and spec, without the approval fields and the spec
 * fields the kind's rule leaves outside (a plan's `lastReviewed`). Labels only classify, and the server's
 * bookkeeping (version, timestamps) is not content.
 */
export function approvedContent(document: CatalogDocument): string {
  const outside = new Set([...APPROVAL_FIELDS, ...ruleOf(document.kind).outsideContent]);
  const spec = Object.fromEntries(
    Object.entries(document.spec as Record<string, unknown>).filter(([key]) => !outside.has(key)),
  );
  const { id, name, description } = document.metadata;
  return canonicalJson({ kind: document.kind, id, name, description, spec });
}

/** The SHA-256 of what an approval covers (see `approvedContent`), as hex. */
export function contentChecksum(document: CatalogDocument): string {
  return createHash('sha256').update(approvedContent(document)).digest('hex');
}

/**
 * Whether a document says what a frozen version says. Compares content, not stored checksums, so versions
 * frozen under an earlier checksum definition still count.
 */
export function matchesFrozen(document: CatalogDocument, version: FrozenVersion): boolean {
  return approvedContent(document) === approvedContent(version.document);
}

/**
 * The document as the server stores it: without `approvedBy`, `approvedAt` and a `status` other than one the
 * kind keeps (a plan's `retired`, the owner's decision), whatever a client or a file claims.
 */
export function storedForm<D extends CatalogDocument>(document: D): D {
  if (!hasApproval(document.kind)) return document;
  const { keptStatus } = ruleOf(document.kind);
  const spec = Object.fromEntries(
    Object.entries(document.spec as Record<string, unknown>).filter(
      ([key, value]) =>
        !APPROVAL_FIELDS.has(key) || (key === 'status' && keptStatus.includes(value as string)),
    ),
  );
  return { ...document, spec };
}

/** The status a stored document keeps whatever its versions say (a retired plan), if any. */
export function keptStatus(document: CatalogDocument): string | undefined {
  const status = (document.spec as { status?: unknown }).status;
  return typeof status === 'string' && ruleOf(document.kind).keptStatus.includes(status) ? status : undefined;
}

/** The derived status of a document, from its latest frozen version and its workflow steps in order. */
export function approvalStatus(
  document: CatalogDocument,
  latest: FrozenVersion | undefined,
  events: readonly ReviewEvent[] = [],
): { status: ApprovalStatus; approvedBy?: string; approvedAt?: string } {
  if (latest && matchesFrozen(document, latest))
    return { status: 'approved', approvedBy: latest.approvedBy, approvedAt: latest.approvedAt };
  const lastSubmission = events.findLastIndex((event) => event.action === 'submit');
  const submission = events[lastSubmission];
  // A return or an approval after the submission settles it (content approved since is caught above).
  if (
    submission &&
    submission.checksum === contentChecksum(document) &&
    events.slice(lastSubmission + 1).every((event) => event.action === 'submit')
  )
    return { status: 'submitted' };
  return { status: 'draft' };
}

/**
 * The document as clients read it: its kept status when stored so; else its derived status (approved with by
 * whom and when, submitted, or draft).
 */
export function approvalView<D extends CatalogDocument>(
  document: D,
  latest: FrozenVersion | undefined,
  events: readonly ReviewEvent[] = [],
): D {
  const stored = storedForm(document);
  if (keptStatus(stored) !== undefined) return stored;
  return { ...stored, spec: { ...stored.spec, ...approvalStatus(stored, latest, events) } };
}

/** The document without what the server keeps (version, timestamps): what a person wrote. */
function withoutBookkeeping<D extends CatalogDocument>(document: D): D {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...metadata } = document.metadata;
  return { ...document, metadata };
}

/**
 * Approves a document: it becomes approved by `actor` at `at` and is frozen as version `number` (the previous
 * version's number + 1). ISO 22301 clause 7.5.3 asks that approved documented information be identified and
 * protected from unintended change; the frozen copy is that record.
 */
export function freezeVersion<D extends CatalogDocument>(
  document: D,
  approval: { number: number; actor: string; at: string },
): { document: D; version: FrozenVersion<D> } {
  const stored = storedForm(document);
  const approved = {
    ...stored,
    spec: { ...stored.spec, status: 'approved', approvedBy: approval.actor, approvedAt: approval.at },
  } as D;
  const frozen = withoutBookkeeping(approved);
  return {
    document: approved,
    version: {
      number: approval.number,
      document: frozen,
      checksum: contentChecksum(frozen),
      approvedBy: approval.actor,
      approvedAt: approval.at,
    },
  };
}
