import { callTreeEscalationJob } from './call-tree.job.ts';
import { complianceSnapshotJob } from './compliance-snapshot.job.ts';
import { emailDeliveryJob, outboxSweepJob, webhookDeliveryJob } from '../notify/notify.jobs.ts';
import { remindersJob } from './reminders.job.ts';
import type { JobDefinition } from './types.ts';

/**
 * Every kind of background job, by name. A new job (a reminder, an escalation, a retry) is a definition in its
 * own module and a line here.
 */
export const JOBS: readonly JobDefinition<never>[] = [
  emailDeliveryJob,
  webhookDeliveryJob,
  outboxSweepJob,
  callTreeEscalationJob,
  remindersJob,
  complianceSnapshotJob,
];

/** The job named `name`, if there is one. */
export function jobNamed(name: string): JobDefinition<never> | undefined {
  return JOBS.find((job) => job.name === name);
}
