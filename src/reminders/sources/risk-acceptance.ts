import { addDays } from '../../plans/review.ts';
import { reminderDocument } from '../context.ts';
import type { ReminderItem, ReminderSource } from '../types.ts';

/** How long before a risk acceptance ends its owner is told: four weeks, time to renew it or treat the risk. */
export const ACCEPTANCE_NOTICE_DAYS = 28;

/**
 * Risk acceptances that end within ACCEPTANCE_NOTICE_DAYS, or have ended (overdue, as the checker warns in
 * src/risk/scoring.ts), while the risk is still accepted rather than treated, for the risk's owner.
 */
export const riskAcceptanceSource: ReminderSource = {
  name: 'risk-acceptance',
  what: 'risk acceptance expiring',
  items(context) {
    const horizon = addDays(context.today, ACCEPTANCE_NOTICE_DAYS);
    return context.ofKind('Risk').flatMap((risk): ReminderItem[] => {
      const { acceptance, treatment } = risk.spec;
      const decision = treatment?.decision;
      if (!acceptance || (decision !== undefined && decision !== 'accept')) return [];
      if (acceptance.until > horizon) return [];
      const ended = acceptance.until < context.today;
      return [
        {
          key: `risk-acceptance:${risk.metadata.id}`,
          source: this.name,
          what: ended ? 'risk acceptance expired' : this.what,
          subject: risk.metadata.name ?? risk.metadata.id,
          due: acceptance.until,
          overdue: ended,
          document: reminderDocument(risk),
          recipients: context.peopleOf(risk.spec.owner),
          approvers: false,
        },
      ];
    });
  },
};
