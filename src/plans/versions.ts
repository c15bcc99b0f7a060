import type { DocumentOf } from '../catalog/kinds.ts';
import {
  approvalView,
  contentChecksum,
  freezeVersion,
  matchesFrozen,
  storedForm,
} from '../catalog/versions.ts';
import type { FrozenVersion } from '../catalog/versions.ts';

/** A plan document. */
export type PlanDocument = DocumentOf<'Plan'>;

/** A frozen, numbered version of a plan: the full document as it was approved, and its checksum (a plan pack names it). */
export type PlanVersion = FrozenVersion<PlanDocument>;

/** The SHA-256 of what a plan's approval covers (see `approvedContent` in src/catalog/versions.ts), as hex. */
export function planChecksum(document: PlanDocument): string {
  return contentChecksum(document);
}

/** Whether a plan says what a frozen version says (its content, not `lastReviewed`, labels or bookkeeping). */
export function matchesVersion(document: PlanDocument, version: PlanVersion): boolean {
  return matchesFrozen(document, version);
}

/**
 * The plan as the server stores it: without `approvedBy`, `approvedAt` and a `status` other than `retired`,
 * whatever a client or a file claims. Approval is derived from the frozen versions on every read (`planView`),
 * so it cannot be written by a create, an update or an import; `retired` is the owner's decision and is kept.
 */
export function storedPlan(document: PlanDocument): PlanDocument {
  return storedForm(document);
}

/**
 * The plan as clients read it: `retired` when stored so; else `approved` (by whom, when) when its content is that
 * of its latest frozen version; else `draft`. Derived each time, so no write path can leave a stale approval.
 */
export function planView(document: PlanDocument, latest: PlanVersion | undefined): PlanDocument {
  return approvalView(document, latest);
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

/**
 * The one line the CLI prints when it analyses plans (or impact assessments) from files: how many count as
 * approved, and why.
 */
export function fileApprovalNote(approved: number, noun: 'plan' | 'assessment' = 'plan'): string {
  const counted =
    approved === 1 ? `1 ${noun} in these files counts` : `${approved} ${noun}s in these files count`;
  return `note: ${counted} as approved: without a database, approval is the repository's review process`;
}

/**
 * Approves a plan: the document becomes approved by `actor` at `at` and is frozen as version `number` (see
 * `freezeVersion`). A retired plan is not approved: it must be made a draft first.
 */
export function approvePlan(
  document: PlanDocument,
  approval: { number: number; actor: string; at: string },
): { document: PlanDocument; version: PlanVersion } {
  if (document.spec.status === 'retired')
    throw new RangeError(
      `The plan "${document.metadata.id}" is retired; make it a draft before approving it`,
    );
  return freezeVersion(document, approval);
}
