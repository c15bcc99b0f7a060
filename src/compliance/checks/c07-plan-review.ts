import { DEFAULT_REVIEW_INTERVAL, planScope, reviewStatus, scopeDocumentOf } from '../../plans/review.ts';
import type { ScopeDocument } from '../../plans/review.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext } from '../types.ts';
import { livePlans, named, planEvidence } from './c06-plans.ts';

type PlanDocument = Parameters<typeof planEvidence>[1];

/**
 * One plan's item, judged exactly as the plan-review reminder (src/reminders/sources/plan-review.ts) judges it:
 * src/plans/review.ts reviewStatus over the plan's scope, whose documents' `metadata.updatedAt` says when they
 * changed (kept by the server; files carry it only when exported from it). Due on `lastReviewed + interval`
 * itself, so on that day the plan fails and the day before it passes.
 */
function planItem(context: ComplianceContext, plan: PlanDocument): CheckItem {
  const scope = [...planScope(plan.spec, context.nodes())].flatMap((id): ScopeDocument[] => {
    const document = context.byId.get(id);
    return document ? [scopeDocumentOf(document)] : [];
  });
  const status = reviewStatus(plan.spec, scope, new Date(`${context.at}T00:00:00Z`), plan.metadata.createdAt);
  const last = plan.spec.lastReviewed ?? plan.spec.approvedAt?.slice(0, 10);
  const interval = plan.spec.reviewInterval ?? DEFAULT_REVIEW_INTERVAL;
  const base = {
    id: plan.metadata.id,
    kind: 'Plan' as const,
    path: context.pathOf(plan),
    evidence: [planEvidence(context, plan)],
  };
  // Files carry no change dates of their own, so only the database can vouch that nothing changed.
  const unchanged = context.input.source === 'database' ? ', nothing in its scope changed since,' : '';
  if (!status.due)
    return {
      ...base,
      status: 'pass',
      message: `The plan ${named(plan)} was reviewed on ${last}${unchanged} and is due again on ${status.nextReview} (every ${interval}).`,
    };
  const reasons = status.reasons.join('; ');
  return {
    ...base,
    status: 'fail',
    message: `The plan ${named(plan)} is due for review: ${reasons}. Review it and record the date it was reviewed.`,
  };
}

/** C07: every plan reviewed within its interval and after any change in its scope. */
export const planReviewCheck: ComplianceCheck = {
  id: 'C07',
  title: 'Plans reviewed on time',
  rule:
    'Every plan that is not retired was reviewed within its review interval (default 52 weeks from its last ' +
    'review, or its approval) and after the last change to anything in its scope: its services and what they ' +
    'depend on, its scenario, its call tree and its step owners. A plan falls due on the day its interval ends.',
  references: [
    { framework: 'iso22301', clause: '8.4.1' },
    { framework: 'iso22301', clause: '8.6' },
    { framework: 'iso22301', clause: '9.3' },
    { framework: 'nist-800-34', clause: '3.6' },
    { framework: 'dora', clause: 'Art. 11(4)' },
  ],
  defaults: { tiers: [], severity: 'medium' },
  items(context) {
    return livePlans(context).map((plan) => planItem(context, plan));
  },
};
