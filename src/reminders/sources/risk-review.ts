import { riskReview } from '../../risk/scoring.ts';
import { reminderDocument } from '../context.ts';
import type { ReminderItem, ReminderSource } from '../types.ts';

/**
 * Risks due for review (src/risk/scoring.ts `riskReview`: the policy's review interval since the last review, or
 * never reviewed), for the risk's owner.
 */
export const riskReviewSource: ReminderSource = {
  name: 'risk-review',
  what: 'risk review due',
  items(context) {
    return context.ofKind('Risk').flatMap((risk): ReminderItem[] => {
      const review = riskReview(risk.spec, context.policy, context.today);
      if (!review.due) return [];
      return [
        {
          key: `risk-review:${risk.metadata.id}`,
          source: this.name,
          what: this.what,
          subject: risk.metadata.name ?? risk.metadata.id,
          due: review.nextReview,
          overdue: review.nextReview === null || review.nextReview < context.today,
          document: reminderDocument(risk),
          recipients: context.peopleOf(risk.spec.owner),
          approvers: false,
        },
      ];
    });
  },
};
