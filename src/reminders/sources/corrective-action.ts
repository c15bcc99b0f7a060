import { collectActions } from '../../plans/actions.ts';
import { reminderDocument } from '../context.ts';
import type { ReminderItem, ReminderSource } from '../types.ts';

/**
 * Open actions past their due date (src/plans/actions.ts: incidents' corrective actions, risks' treatment
 * actions, exercises' findings), for the action's owner.
 */
export const correctiveActionSource: ReminderSource = {
  name: 'action',
  what: 'corrective action overdue',
  items(context) {
    const actions = collectActions(
      {
        incidents: context.ofKind('Incident').map(({ metadata, spec }) => ({ id: metadata.id, spec })),
        risks: context
          .ofKind('Risk')
          .map(({ metadata, spec }) => ({ id: metadata.id, name: metadata.name, spec })),
        exercises: context.ofKind('Exercise').map(({ metadata, spec }) => ({ id: metadata.id, spec })),
      },
      context.today,
      { status: 'open' },
    );
    return actions.flatMap((action): ReminderItem[] => {
      const document = context.byId.get(action.document);
      if (!action.overdue || !document) return [];
      const which = action.source === 'exercise' ? action.finding : String(action.index + 1);
      return [
        {
          key: `action:${action.document}:${which}`,
          source: this.name,
          what: this.what,
          subject: action.title,
          due: action.due,
          overdue: true,
          document: reminderDocument(document, action.documentTitle),
          recipients: context.peopleOf(action.owner),
          approvers: false,
        },
      ];
    });
  },
};
