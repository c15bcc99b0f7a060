import { objectivesCheck } from './checks/c01-objectives.ts';
import { biaCheck } from './checks/c02-bia.ts';
import { recoveryCheck } from './checks/c03-recovery.ts';
import { dataCheck } from './checks/c04-data.ts';
import { coldStartCheck } from './checks/c05-cold-start.ts';
import { plansCheck } from './checks/c06-plans.ts';
import { planReviewCheck } from './checks/c07-plan-review.ts';
import { planConsistencyCheck } from './checks/c08-plan-consistency.ts';
import { exercisesCheck } from './checks/c09-exercises.ts';
import { findingsCheck } from './checks/c10-findings.ts';
import { singlePointsCheck } from './checks/c11-single-points.ts';
import { risksCheck } from './checks/c12-risks.ts';
import { suppliersCheck } from './checks/c13-suppliers.ts';
import { registerCheck } from './checks/c14-register.ts';
import { trainingCheck } from './checks/c15-training.ts';
import { incidentsCheck } from './checks/c16-incidents.ts';
import { evidenceCheck } from './checks/c17-evidence.ts';
import type { CheckId, ComplianceCheck } from './types.ts';

/** Every compliance check, in id order. A new check is one module in src/compliance/checks and one line here. */
export const CHECKS: readonly ComplianceCheck[] = [
  objectivesCheck,
  biaCheck,
  recoveryCheck,
  dataCheck,
  coldStartCheck,
  plansCheck,
  planReviewCheck,
  planConsistencyCheck,
  exercisesCheck,
  findingsCheck,
  singlePointsCheck,
  risksCheck,
  suppliersCheck,
  registerCheck,
  trainingCheck,
  incidentsCheck,
  evidenceCheck,
];

/** The checks by id. */
export const CHECKS_BY_ID: ReadonlyMap<CheckId, ComplianceCheck> = new Map(
  CHECKS.map((check) => [check.id, check]),
);
