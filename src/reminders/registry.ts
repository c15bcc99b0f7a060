import { approvalWaitingSource } from './sources/approval-waiting.ts';
import { biaRequestSource } from './sources/bia-request.ts';
import { correctiveActionSource } from './sources/corrective-action.ts';
import { exerciseDueSource } from './sources/exercise-due.ts';
import { planReviewSource } from './sources/plan-review.ts';
import { riskAcceptanceSource } from './sources/risk-acceptance.ts';
import { riskReviewSource } from './sources/risk-review.ts';
import { trainingExpiringSource } from './sources/training-expiring.ts';
import type { ReminderSource } from './types.ts';

/**
 * Every kind of reminder, in the order a digest lists them within a group. A new kind is one module in
 * src/reminders/sources and one line here.
 */
export const REMINDER_SOURCES: readonly ReminderSource[] = [
  planReviewSource,
  approvalWaitingSource,
  correctiveActionSource,
  biaRequestSource,
  exerciseDueSource,
  trainingExpiringSource,
  riskReviewSource,
  riskAcceptanceSource,
];
