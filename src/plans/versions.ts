import { createHash } from 'node:crypto';
import type { DocumentOf } from '../catalog/kinds.ts';

/** A plan document. */
export type PlanDocument = DocumentOf<'Plan'>;

/** A frozen, numbered version of a plan: the full document as it was approved, and its checksum. */
export interface PlanVersion {
  number: number;
  document: PlanDocument;
  /** SHA-256 (hex) of the document's canonical JSON: a plan pack names it so a printout can be traced. */
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

/** The document without what the server keeps (version, timestamps): what a person wrote. */
function content(document: PlanDocument): PlanDocument {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...metadata } = document.metadata;
  return { ...document, metadata };
}

/** The SHA-256 of a plan's content (server metadata left out), as hex. */
export function planChecksum(document: PlanDocument): string {
  return createHash('sha256')
    .update(canonicalJson(content(document)))
    .digest('hex');
}

/** What was approved: the name, description and spec without the approval fields (labels only classify). */
function substance(document: PlanDocument): string {
  const { status: _status, approvedBy: _by, approvedAt: _at, ...spec } = document.spec;
  const { name, description } = document.metadata;
  return canonicalJson({ name, description, spec });
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
  const approved: PlanDocument = {
    ...document,
    spec: { ...document.spec, status: 'approved', approvedBy: approval.actor, approvedAt: approval.at },
  };
  const frozen = content(approved);
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

/** What an edit to a plan becomes, or why it is refused. */
export type EditOutcome = { document: PlanDocument } | { refused: string };

/**
 * The rule for editing a plan through the generic PUT: an approved plan whose content changes becomes a draft
 * again (its approval fields removed), since what was approved is no longer what it says; and a plan only
 * becomes approved through approval, never by writing `status: approved`. An edit that leaves the content as it
 * was (a new label, say) keeps the approval.
 */
export function applyPlanEdit(previous: PlanDocument | undefined, incoming: PlanDocument): EditOutcome {
  const wasApproved = previous?.spec.status === 'approved';
  const unchanged = previous !== undefined && substance(previous) === substance(incoming);
  if (wasApproved && unchanged) return { document: incoming };
  if (incoming.spec.status === 'approved' && !wasApproved)
    return {
      refused: `A plan is approved with POST /api/v1/plans/${incoming.metadata.id}/approve, which freezes a numbered version; write status draft or retired here`,
    };
  if (wasApproved && incoming.spec.status !== 'retired') {
    const { approvedBy: _by, approvedAt: _at, ...spec } = incoming.spec;
    return { document: { ...incoming, spec: { ...spec, status: 'draft' } } };
  }
  return { document: incoming };
}
