import { createCatalogService } from '../services/catalog.service.ts';
import { ESCALATION_JOB, createCallTreeService } from '../services/call-tree.service.ts';
import type { JobDefinition } from './types.ts';

/**
 * Escalates every call-tree contact whose time to acknowledge ran out by the run's `now`. An invocation or an
 * acknowledgement sends a timer for the exact time; the schedule (every minute) catches the rest, such as the
 * timer of a deputy reached by an escalation. Idempotent: each escalation is guarded by the database state in its
 * transaction, so a timer firing twice, or on two servers, escalates once.
 */
export const callTreeEscalationJob: JobDefinition<object> = {
  name: ESCALATION_JOB,
  description: 'escalate call-tree contacts who did not acknowledge within escalateAfter',
  schedule: '* * * * *',
  async run(context) {
    const now = () => context.now;
    const service = createCallTreeService({
      database: context.database,
      catalog: createCatalogService({ database: context.database, now }),
      notifier: context.notifier,
      publicUrl: context.publicUrl,
      now,
    });
    const { escalated } = await service.escalateDue(context.now);
    return {
      summary: escalated === 1 ? 'escalated 1 contact' : `escalated ${escalated} contacts`,
      counts: { escalated },
    };
  },
};
