/**
 * Runs the compliance checks over one input and scores the answer: each check's items, its status (fail when an
 * item fails, pass when all pass, not-applicable when it has none), each framework's requirements with the status
 * their checks give, and the score, the share of passing items over all checks. Pure.
 */
import type { CatalogDocument } from '../catalog/kinds.ts';
import { complianceContext } from './context.ts';
import { FRAMEWORKS } from './frameworks.ts';
import { CHECKS } from './registry.ts';
import type {
  CheckId,
  CheckResult,
  ComplianceInput,
  ComplianceReport,
  FrameworkId,
  FrameworkResult,
  RequirementResult,
} from './types.ts';

/** Thrown for a framework id no framework has (the CLI and the API answer it as bad input). */
export class UnknownFrameworkError extends Error {}

/** The statements the catalog holds about a framework's clause, newest first. */
function statementsOf(
  documents: readonly CatalogDocument[],
  framework: FrameworkId,
  clause: string,
): NonNullable<RequirementResult['statements']> {
  return documents
    .flatMap((document) =>
      document.kind === 'Statement' &&
      document.spec.framework === framework &&
      document.spec.clause === clause
        ? [
            {
              id: document.metadata.id,
              text: document.spec.text,
              madeBy: document.spec.madeBy,
              date: document.spec.date,
            },
          ]
        : [],
    )
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1));
}

/** A requirement's status from its checks' results. */
function requirementStatus(
  checks: readonly CheckId[],
  results: ReadonlyMap<CheckId, CheckResult>,
): RequirementResult['status'] {
  if (checks.length === 0) return 'manual';
  const statuses = checks.map((id) => results.get(id)?.status ?? 'not-applicable');
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('pass')) return 'pass';
  return 'not-applicable';
}

/** The compliance report of an input; with `framework`, only that framework and the checks it cites. */
export function evaluateCompliance(
  input: ComplianceInput,
  options: { framework?: string } = {},
): ComplianceReport {
  const frameworks =
    options.framework === undefined ? FRAMEWORKS : FRAMEWORKS.filter((f) => f.id === options.framework);
  if (options.framework !== undefined && frameworks.length === 0)
    throw new UnknownFrameworkError(
      `unknown framework "${options.framework}": expected one of ${FRAMEWORKS.map((f) => f.id).join(', ')}`,
    );
  const cited = new Set(frameworks.flatMap((f) => f.requirements.flatMap((r) => r.checks)));
  const context = complianceContext(input);
  const checks: CheckResult[] = CHECKS.filter(
    (check) => options.framework === undefined || cited.has(check.id),
  ).map((check) => {
    const items = check.items(context);
    const failed = items.filter((item) => item.status === 'fail').length;
    return {
      id: check.id,
      title: check.title,
      rule: check.rule,
      severity: context.scopeOf(check.id).severity,
      status: items.length === 0 ? 'not-applicable' : failed > 0 ? 'fail' : 'pass',
      passed: items.length - failed,
      failed,
      items,
      references: check.references.filter((r) => frameworks.some((f) => f.id === r.framework)),
    };
  });
  const byId = new Map(checks.map((check) => [check.id, check]));
  const total = checks.reduce((sum, check) => sum + check.passed + check.failed, 0);
  const passed = checks.reduce((sum, check) => sum + check.passed, 0);
  return {
    at: input.at,
    score: total === 0 ? null : passed / total,
    checks,
    frameworks: frameworks.map((framework): FrameworkResult => ({
      id: framework.id,
      title: framework.title,
      requirements: framework.requirements.map((requirement) => {
        const status = requirementStatus(requirement.checks, byId);
        return {
          clause: requirement.clause,
          title: requirement.title,
          checks: [...requirement.checks],
          status,
          ...(status === 'manual' && {
            statements: statementsOf(input.documents, framework.id, requirement.clause),
          }),
        };
      }),
    })),
  };
}
