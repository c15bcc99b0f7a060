import { KINDS } from '../../catalog/kinds.ts';
import { hasApproval } from '../../catalog/versions.ts';
import { reminderDocument } from '../context.ts';
import type { ReminderItem, ReminderSource } from '../types.ts';

/**
 * Documents submitted for approval and not yet approved or returned (plans, impact assessments: every kind the
 * registry approves through frozen versions, src/catalog/versions.ts), for whoever approves: the managers.
 * The status read is the derived one, so the documents must be passed as clients read them.
 */
export const approvalWaitingSource: ReminderSource = {
  name: 'approval',
  what: 'approval waiting',
  items(context) {
    return context.documents.flatMap((document): ReminderItem[] => {
      if (!hasApproval(document.kind)) return [];
      if ((document.spec as { status?: unknown }).status !== 'submitted') return [];
      const title =
        document.kind === 'ImpactAssessment'
          ? `${KINDS.ImpactAssessment.singular} of ${context.byId.get(document.spec.service)?.metadata.name ?? document.spec.service}`
          : undefined;
      const target = reminderDocument(document, title);
      return [
        {
          key: `approval:${document.metadata.id}`,
          source: this.name,
          what: this.what,
          subject: target.title,
          due: null,
          overdue: false,
          document: target,
          recipients: [],
          approvers: true,
        },
      ];
    });
  },
};
