import { parseDuration } from '../catalog/duration.ts';
import { PLAN_PHASES } from '../catalog/kinds.schema.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import type { EngineNode } from '../engine/index.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';

/** The review interval when a plan does not set one: a year (ISO 22301 clause 9.3, NIST SP 800-34 section 3.7). */
export const DEFAULT_REVIEW_INTERVAL = '52w';

/** A document in a plan's scope, with when it last changed (`metadata.updatedAt`; unknown in a YAML file). */
export interface ScopeDocument {
  id: string;
  kind: string;
  updatedAt?: string | undefined;
  /** `metadata.createdAt` and `metadata.version`: a document never edited since the plan arrived is its baseline. */
  createdAt?: string | undefined;
  version?: number | undefined;
}

/** A document in a plan's scope, as the review rules read it. */
export function scopeDocumentOf(document: CatalogDocument): ScopeDocument {
  const { id, updatedAt, createdAt, version } = document.metadata;
  return { id, kind: document.kind, updatedAt, createdAt, version };
}

/**
 * Whether a scope document is part of what the plan was written against rather than a change: it arrived no
 * later than the plan (in the same import, say) and was never edited. Loading a catalog into Lifeboat is not
 * a change to the estate, so it does not make every plan due with a reason per document.
 */
function isBaseline(document: ScopeDocument, planCreatedAt: string | undefined): boolean {
  return (
    document.version === 1 &&
    document.createdAt !== undefined &&
    planCreatedAt !== undefined &&
    document.createdAt <= planCreatedAt
  );
}

/** Whether a plan is due for review, and why. */
export interface ReviewStatus {
  due: boolean;
  /** Why it is due, one sentence each: the date passed, a document in scope changed, never reviewed. */
  reasons: string[];
  /** The date the next time-based review falls due (YYYY-MM-DD), or null when the plan was never reviewed. */
  nextReview: string | null;
}

/**
 * The ids a plan's review covers: its services and everything they depend on (transitively, required and
 * group members), its scenario, its call tree and its step owners. A change to any of them may make the plan
 * wrong, which is why ISO 22301 clause 8.4.4 asks for a review "after significant changes" as well as yearly.
 */
export function planScope(spec: PlanSpec, nodes: ReadonlyMap<string, EngineNode>): Set<string> {
  const scope = new Set<string>();
  const queue = [...spec.services, ...spec.scenario.fail];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (scope.has(id)) continue;
    scope.add(id);
    const node = nodes.get(id);
    if (node) queue.push(...node.requires, ...node.groups.flatMap((group) => group.of));
  }
  for (const contact of spec.contacts ?? []) scope.add(contact.id);
  for (const phase of PLAN_PHASES)
    for (const step of spec.phases?.[phase] ?? []) if (step.owner !== undefined) scope.add(step.owner);
  return scope;
}

/** The calendar date `days` days after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * Whether a plan is due for review at `now`: when `lastReviewed + reviewInterval` has passed, or when a document
 * in its scope changed on a day after its last review (documents unchanged since the plan arrived, at
 * `planCreatedAt`, do not count). A plan never reviewed is due. Retired plans never are.
 */
export function reviewStatus(
  spec: PlanSpec,
  scope: readonly ScopeDocument[],
  now: Date,
  planCreatedAt?: string,
): ReviewStatus {
  if (spec.status === 'retired') return { due: false, reasons: [], nextReview: null };
  const last = spec.lastReviewed ?? spec.approvedAt?.slice(0, 10);
  if (last === undefined)
    return { due: true, reasons: ['the plan has never been reviewed'], nextReview: null };
  const interval = spec.reviewInterval ?? DEFAULT_REVIEW_INTERVAL;
  const days = Math.ceil((parseDuration(interval) ?? 0) / (24 * 60));
  const nextReview = addDays(last, days);
  const today = now.toISOString().slice(0, 10);
  const reasons: string[] = [];
  if (nextReview <= today)
    reasons.push(`the review interval (${interval}) since the last review on ${last} ended on ${nextReview}`);
  const changed = scope
    .filter(
      (document) =>
        document.updatedAt !== undefined &&
        document.updatedAt.slice(0, 10) > last &&
        !isBaseline(document, planCreatedAt),
    )
    .sort((a, b) => (a.updatedAt! < b.updatedAt! ? -1 : 1));
  for (const document of changed)
    reasons.push(
      `the ${document.kind} "${document.id}" changed on ${document.updatedAt!.slice(0, 10)}, after the last review on ${last}`,
    );
  return { due: reasons.length > 0, reasons, nextReview };
}
