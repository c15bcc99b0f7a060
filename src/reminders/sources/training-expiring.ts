import { exerciseInput, trainingCoverage } from '../../exercises/analysis.ts';
import { addDays } from '../../plans/review.ts';
import { reminderDocument } from '../context.ts';
import type { ReminderItem, ReminderSource } from '../types.ts';

/** How long before a person's training on a plan stops counting they are told: four weeks, time to book one. */
export const TRAINING_NOTICE_DAYS = 28;

/**
 * People named in a plan whose training on it (src/exercises/analysis.ts `trainingCoverage`) stops counting within
 * TRAINING_NOTICE_DAYS, or has stopped (overdue), for that person. Someone never trained on a plan is a gap the
 * exercise page shows, not a date to be reminded of.
 */
export const trainingExpiringSource: ReminderSource = {
  name: 'training',
  what: 'training expiring',
  items(context) {
    const input = exerciseInput(context.documents, context.graph(), context.policy, context.today);
    const horizon = addDays(context.today, TRAINING_NOTICE_DAYS);
    return trainingCoverage(input).flatMap(({ plan: id, people }) => {
      const plan = context.byId.get(id);
      if (plan?.kind !== 'Plan') return [];
      return people.flatMap((person): ReminderItem[] => {
        if (person.until === null || person.until > horizon) return [];
        const expired = !person.trained;
        return [
          {
            key: `training:${id}:${person.id}`,
            source: this.name,
            what: expired ? 'training expired' : this.what,
            subject: plan.metadata.name ?? id,
            due: person.until,
            overdue: expired,
            document: reminderDocument(plan),
            recipients: [person.id],
            approvers: false,
          },
        ];
      });
    });
  },
};
