import { createHash } from 'node:crypto';
import type { DocumentOf } from '../catalog/kinds.ts';

/** A plan document. */
export type PlanDocument = DocumentOf<'Plan'>;

/** A frozen, numbered version of a plan: the full document as it was approved, and its checksum. */
export interface PlanVersion {
  number: number;
  document: PlanDocument;
  /** SHA-256 (hex) of the approved content (see `planChecksum`): a plan pack names it so a printout can be traced. */
  checksum: string;
  approvedBy: string;
  approvedAt: string;
}

/** JSON with object keys sorted, so the same content always gives the same bytes. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The spec fields the server derives from the frozen versions: never stored, never taken from a client. */
const APPROVAL_FIELDS: ReadonlySet<string> = new Set(['status', 'approvedBy', 'approvedAt']);

/**
 * Spec fields outside what an approval covers: the approval itself, and `lastReviewed`, since recording a review
 * (ISO 22301 clause 9.3) confirms the plan rather than changing what it says.
 */
const OUTSIDE_CONTENT: ReadonlySet<string> = new Set([...APPROVAL_FIELDS, 'lastReviewed']);

/**
 * What an approval covers: the id, name, description and spec of the plan, without the approval fields and
 * `lastReviewed`. Labels only classify, and the server's bookkeeping (version, timestamps) is not content.
 */
function approvedContent(document: PlanDocument): string {
  const spec = Object.fromEntries(Object.entries(document.spec).filter(([key]) => !OUTSIDE_CONTENT.has(key)));
  const { id, name, description } = document.metadata;
  return canonicalJson({ kind: document.kind, id, name, description, spec });
}

/** The SHA-256 of what a plan's approval covers (see `approvedContent`), as hex. */
export function planChecksum(document: PlanDocument): string {
  return createHash('sha256').update(approvedContent(document)).digest('hex');
}

/** Whether a plan says what a frozen version says. Compares content, not stored checksums, so versions frozen under an earlier checksum definition still count. */
export function matchesVersion(document: PlanDocument, version: PlanVersion): boolean {
  return approvedContent(document) === approvedContent(version.document);
}

/**
 * The plan as the server stores it: without `approvedBy`, `approvedAt` and a `status` other than `retired`,
 * whatever a client or a file claims. Approval is derived from the frozen versions on every read (`planView`),
 * so it cannot be written by a create, an update or an import; `retired` is the owner's decision and is kept.
 */
export function storedPlan(document: PlanDocument): PlanDocument {
  const spec = Object.fromEntries(
    Object.entries(document.spec).filter(
      ([key, value]) => !APPROVAL_FIELDS.has(key) || (key === 'status' && value === 'retired'),
    ),
  ) as PlanDocument['spec'];
  return { ...document, spec };
}

/**
 * The plan as clients read it: `retired` when stored so; else `approved` (by whom, when) when its content is that
 * of its latest frozen version; else `draft`. Derived each time, so no write path can leave a stale approval.
 */
export function planView(document: PlanDocument, latest: PlanVersion | undefined): PlanDocument {
  const stored = storedPlan(document);
  if (stored.spec.status === 'retired') return stored;
  if (latest && matchesVersion(stored, latest))
    return {
      ...stored,
      spec: {
        ...stored.spec,
        status: 'approved',
        approvedBy: latest.approvedBy,
        approvedAt: latest.approvedAt,
      },
    };
  return { ...stored, spec: { ...stored.spec, status: 'draft' } };
}

/**
 * A plan read from catalog files, analysed without a database: there, approval is the repository's review process
 * (a merged pull request), so every plan counts as approved unless it is retired.
 */
export function fileApprovedPlan(document: PlanDocument): PlanDocument {
  const stored = storedPlan(document);
  if (stored.spec.status === 'retired') return stored;
  return { ...stored, spec: { ...stored.spec, status: 'approved' } };
}

/** The one line the CLI prints when it analyses plans from files: how many count as approved, and why. */
export function fileApprovalNote(approved: number): string {
  const plans = approved === 1 ? '1 plan in these files counts' : `${approved} plans in these files count`;
  return `note: ${plans} as approved: without a database, approval is the repository's review process`;
}

/** The document without what the server keeps (version, timestamps): what a person wrote. */
function withoutBookkeeping(document: PlanDocument): PlanDocument {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...metadata } = document.metadata;
  return { ...document, metadata };
}

/**
 * Approves a plan: the document becomes approved by `actor` at `at` and is frozen as version `number` (the
 * previous version's number + 1). ISO 22301 clause 7.5.3 asks that approved documented information be
 * identified and protected from unintended change; the frozen copy is that record.
 */
export function approvePlan(
  document: PlanDocument,
  approval: { number: number; actor: string; at: string },
): { document: PlanDocument; version: PlanVersion } {
  if (document.spec.status === 'retired')
    throw new RangeError(
      `The plan "${document.metadata.id}" is retired; make it a draft before approving it`,
    );
  const stored = storedPlan(document);
  const approved: PlanDocument = {
    ...stored,
    spec: { ...stored.spec, status: 'approved', approvedBy: approval.actor, approvedAt: approval.at },
  };
  const frozen = withoutBookkeeping(approved);
  return {
    document: approved,
    version: {
      number: approval.number,
      document: frozen,
      checksum: planChecksum(frozen),
      approvedBy: approval.actor,
      approvedAt: approval.at,
    },
  };
}
