import { exerciseInput, exerciseProgramme } from '../../exercises/analysis.ts';
import { reminderDocument } from '../context.ts';
import type { ReminderItem, ReminderSource } from '../types.ts';

/**
 * Plans whose next exercise falls due today or has passed, or that were never exercised (the exercise programme
 * of src/exercises/analysis.ts: the tier's interval since the last counting exercise), for the plan's owner.
 */
export const exerciseDueSource: ReminderSource = {
  name: 'exercise-due',
  what: 'exercise due',
  items(context) {
    const input = exerciseInput(context.documents, context.graph(), context.policy, context.today);
    return exerciseProgramme(input).flatMap((entry): ReminderItem[] => {
      const plan = context.byId.get(entry.plan);
      if (plan?.kind !== 'Plan' || !(entry.overdue || entry.due === context.today)) return [];
      return [
        {
          key: `exercise-due:${entry.plan}`,
          source: this.name,
          what: entry.overdue ? 'exercise overdue' : this.what,
          subject: plan.metadata.name ?? plan.metadata.id,
          due: entry.due,
          overdue: entry.overdue,
          document: reminderDocument(plan),
          recipients: context.peopleOf(plan.spec.owner),
          approvers: false,
        },
      ];
    });
  },
};
