import { planScope, reviewStatus, scopeDocumentOf } from '../../plans/review.ts';
import type { ScopeDocument } from '../../plans/review.ts';
import { reminderDocument } from '../context.ts';
import type { ReminderSource } from '../types.ts';

/**
 * Plans due for review (src/plans/review.ts: the interval has passed, a document in scope changed, or never
 * reviewed), for the plan's owner. Due on the next review date; with no date (never reviewed, or only a change
 * in scope) it is due today.
 */
export const planReviewSource: ReminderSource = {
  name: 'plan-review',
  what: 'plan review due',
  items(context) {
    const now = new Date(`${context.today}T00:00:00Z`);
    return context.ofKind('Plan').flatMap((plan) => {
      const scope = [...planScope(plan.spec, context.nodes())].flatMap((id): ScopeDocument[] => {
        const document = context.byId.get(id);
        return document ? [scopeDocumentOf(document)] : [];
      });
      const status = reviewStatus(plan.spec, scope, now, plan.metadata.createdAt);
      if (!status.due) return [];
      const due = status.nextReview !== null && status.nextReview <= context.today ? status.nextReview : null;
      return [
        {
          key: `plan-review:${plan.metadata.id}`,
          source: this.name,
          what: this.what,
          subject: plan.metadata.name ?? plan.metadata.id,
          due,
          overdue: due === null ? plan.spec.lastReviewed === undefined : due < context.today,
          document: reminderDocument(plan),
          recipients: context.peopleOf(plan.spec.owner),
          approvers: false,
        },
      ];
    });
  },
};
