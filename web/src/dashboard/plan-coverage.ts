/** Which services a plan covers: approved, and reviewed on time (pure, so the dashboard only draws it). */

/** The parts of a plan the coverage reads. */
export interface CoveragePlan {
  metadata: { id: string; name?: string | undefined };
  spec: { services: readonly string[]; status?: 'draft' | 'approved' | 'retired' | undefined };
}

/** One service's plans and whether one of them is approved or reviewed on time. */
export interface ServiceCoverage {
  plans: CoveragePlan[];
  approved: boolean;
  reviewedOnTime: boolean;
}

/**
 * Each service's coverage: `approved` when a plan with status approved lists it, `reviewedOnTime` when a plan
 * that lists it is not retired and not due for review (`dueIds`, from `GET /api/v1/plans/due`). A retired plan
 * is no longer one to follow, so its reviews do not count.
 */
export function planCoverage(
  serviceIds: readonly string[],
  plans: readonly CoveragePlan[],
  dueIds: ReadonlySet<string>,
): Map<string, ServiceCoverage> {
  const coverage = new Map<string, ServiceCoverage>(
    serviceIds.map((id) => [id, { plans: [], approved: false, reviewedOnTime: false }]),
  );
  for (const plan of plans) {
    for (const id of new Set(plan.spec.services)) {
      const entry = coverage.get(id);
      if (!entry) continue;
      entry.plans.push(plan);
      if (plan.spec.status === 'approved') entry.approved = true;
      if (plan.spec.status !== 'retired' && !dueIds.has(plan.metadata.id)) entry.reviewedOnTime = true;
    }
  }
  return coverage;
}

/** Which gap a coverage list shows: services without an approved plan, or without one reviewed on time. */
export type CoverageGap = 'approved' | 'reviewed';

/** Whether a service has the gap. */
export function hasGap(entry: ServiceCoverage, gap: CoverageGap): boolean {
  return gap === 'approved' ? !entry.approved : !entry.reviewedOnTime;
}
