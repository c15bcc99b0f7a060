import { campaignProgress, requestedAssessments } from '../../bia/campaign-progress.ts';
import { reminderDocument } from '../context.ts';
import type { ReminderItem, ReminderSource } from '../types.ts';

/**
 * Services a BIA campaign asks to assess and whose assessment is not yet approved, in every campaign open today
 * (src/bia/campaign-progress.ts `requestedAssessments`), for the service's owner. Overdue past the campaign's due
 * date. Assessments must be passed with their derived status.
 */
export const biaRequestSource: ReminderSource = {
  name: 'bia-request',
  what: 'BIA requested',
  items(context) {
    const services = context.ofKind('Service');
    const assessments = context.ofKind('ImpactAssessment');
    const owners = new Map(services.map((service) => [service.metadata.id, service.spec.owner]));
    const progress = context.ofKind('Campaign').map((campaign) => ({
      campaign,
      progress: campaignProgress(campaign, services, assessments),
    }));
    const everyOwner = new Set(
      services.flatMap((service) => (service.spec.owner === undefined ? [] : [service.spec.owner])),
    );
    return requestedAssessments(progress, everyOwner, context.today).flatMap((request): ReminderItem[] => {
      const campaign = context.byId.get(request.campaign);
      const service = context.byId.get(request.service);
      if (campaign?.kind !== 'Campaign') return [];
      return [
        {
          key: `bia-request:${request.campaign}:${request.service}`,
          source: this.name,
          what: this.what,
          subject: `${service?.metadata.name ?? request.service} (${campaign.spec.title})`,
          due: request.due,
          overdue: request.due < context.today,
          document: reminderDocument(campaign, campaign.spec.title),
          recipients: context.peopleOf(owners.get(request.service)),
          approvers: false,
        },
      ];
    });
  },
};
