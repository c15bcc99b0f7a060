import { createComplianceService } from '../services/compliance.service.ts';
import { createHeavyWork, heavyWorkOptionsFromEnv } from '../services/heavy-work.ts';
import type { JobDefinition } from './types.ts';

/**
 * The daily compliance snapshot the readiness trend reads: today's report (every framework) evaluated and kept
 * as one row per date. Idempotent: a second run that day replaces the row with the state it finds. A broken
 * audit chain is recorded like any failing check (C17), not a failed run.
 */
export const complianceSnapshotJob: JobDefinition = {
  name: 'compliance-snapshot',
  description: "keep today's compliance score and each check's counts for the readiness trend",
  schedule: '0 6 * * *',
  async run({ database, now }) {
    // A pool of its own, closed after: the evaluation stays off the event loop of the server running the job.
    const work = createHeavyWork(heavyWorkOptionsFromEnv());
    try {
      const snapshot = await createComplianceService({ database, now: () => now, work }).snapshot(now);
      const count = (status: string) => snapshot.checks.filter((check) => check.status === status).length;
      const score =
        snapshot.score === null
          ? 'no score (no check has an item)'
          : `score ${Math.round(snapshot.score * 100)}%`;
      return {
        summary: `${snapshot.date}: ${score}; ${count('pass')} checks pass, ${count('fail')} fail, ${count('not-applicable')} not applicable`,
        counts: { pass: count('pass'), fail: count('fail'), notApplicable: count('not-applicable') },
      };
    } finally {
      await work.close();
    }
  },
};
