import { formatDuration } from '../../catalog/duration.ts';
import type { ObjectiveResult, ObjectivesGap, ScenarioSource } from '../../plans/objectives.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';
import { scopedServices, serviceName } from './c01-objectives.ts';
import { documentEvidence } from './c02-bia.ts';

/** How many scenarios a message names before `and N more`. */
const NAMED = 3;

/** A duration in minutes as the catalog writes it (a fraction of a minute rounds up: never flatter). */
export function duration(minutes: number): string {
  return formatDuration(Math.ceil(minutes));
}

/** How a message names a scenario: `site "dc-north"`, `plan "plan-leeds-dc"`. */
export function scenarioLabel(gap: ObjectivesGap): (id: string) => string {
  const source = new Map<string, ScenarioSource>(gap.scenarios.map((s) => [s.id, s.source]));
  return (id) => `${source.get(id) ?? 'scenario'} "${id}"`;
}

/** `a, b, c and 2 more` of at most NAMED entries. */
export function someOf(values: readonly string[]): string {
  const named = values.slice(0, NAMED);
  const more = values.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** The plans among some scenarios, as evidence of what the answer followed (their approved versions, if any). */
export function planEvidence(
  context: ComplianceContext,
  gap: ObjectivesGap,
  scenarios: readonly string[],
): Evidence[] {
  const plans = new Set(gap.scenarios.filter((s) => s.source === 'plan').map((s) => s.id));
  return [...new Set(scenarios)].flatMap((id): Evidence[] => {
    const plan = context.byId.get(id);
    if (!plans.has(id) || plan?.kind !== 'Plan') return [];
    return [documentEvidence(context, plan)];
  });
}

/** `{evidence}` when there is some, else nothing (an item without evidence has no `evidence` key). */
export function withEvidence(evidence: Evidence[]): { evidence?: Evidence[] } {
  return evidence.length > 0 ? { evidence } : {};
}

/** `1 scenario`, `3 scenarios`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `the only scenario`, `2 of the 5 scenarios`. */
function ofScenarios(some: number, all: number): string {
  return all === 1 ? 'the only scenario' : `${some} of the ${all} scenarios`;
}

/**
 * The scenarios a check judges: every one, except a site, vendor or risk scenario whose failures a plan's scenario
 * repeats exactly: there the organisation follows the plan, so the plan's scenario (with its steps) stands for it.
 */
export function judgedScenarios(gap: ObjectivesGap): Set<string> {
  const key = (fail: readonly string[]) => [...new Set(fail)].sort().join('\n');
  const planned = new Set(gap.scenarios.filter((s) => s.source === 'plan').map((s) => key(s.fail)));
  return new Set(
    gap.scenarios.filter((s) => s.source === 'plan' || !planned.has(key(s.fail))).map((s) => s.id),
  );
}

/** Worst first: never back, then the latest, then in scenario order (a stable sort keeps it). */
const latestFirst = (a: ObjectiveResult, b: ObjectiveResult) =>
  (b.restoreMinutes ?? Infinity) - (a.restoreMinutes ?? Infinity) || 0;

/**
 * C03: in every scenario of the objectives gap (each site alone, each vendor alone, each plan's scenario with the
 * plan followed, each risk's scenario: src/plans/objectives.ts), each service of the scoped tiers (1-2 by default)
 * that goes down is back within its RTO. Where only a lower bound of the restore time is known (a duration is
 * missing), the check cannot call it a pass and fails it with the bound.
 */
export const recoveryCheck: ComplianceCheck = {
  id: 'C03',
  title: 'Recovery within the RTO in every scenario',
  rule:
    'In every scenario of the objectives matrix (each site alone, each vendor alone, each plan scenario with the ' +
    "plan's steps followed, each risk scenario; a site, vendor or risk scenario with exactly a plan's failures is " +
    'judged by that plan followed), every tier 1-2 service that goes down is back no later than its RTO. A restore ' +
    'time known only as a lower bound (a duration not written down), or a service without an RTO, ' +
    'fails: an unknown is not a pass.',
  references: [
    { framework: 'iso22301', clause: '8.3' },
    { framework: 'nist-800-34', clause: '3.4' },
    { framework: 'dora', clause: 'Art. 11(2)' },
    { framework: 'dora', clause: 'Art. 12(6)' },
    { framework: 'nis2', clause: 'Art. 21(2)(c)' },
  ],
  defaults: { tiers: [1, 2], severity: 'high' },
  items(context) {
    const services = scopedServices(context, 'C03');
    if (services.length === 0) return [];
    const gap = context.objectivesGap();
    const label = scenarioLabel(gap);
    const rows = new Map(gap.services.map((row) => [row.id, row]));
    const judged = judgedScenarios(gap);
    return services.flatMap((service): CheckItem[] => {
      const row = rows.get(service.metadata.id);
      if (!row) return [];
      const name = serviceName(service);
      const base = { id: row.id, kind: 'Service' as const, path: context.pathOf(service) };
      const down = row.results.filter((result) => result.down && judged.has(result.scenario));
      if (down.length === 0)
        return [
          {
            ...base,
            status: 'pass',
            message: `${name} stays up in every scenario of the objectives matrix (${plural(judged.size, 'scenario')}).`,
          },
        ];
      const scenarios = someOf(down.map((result) => label(result.scenario)));
      if (row.rtoMinutes === null)
        return [
          {
            ...base,
            status: 'fail',
            message:
              `${name} has no RTO, so whether it is back in time cannot be judged; it goes down in ` +
              `${ofScenarios(down.length, judged.size)} (${scenarios}): set its RTO.`,
          },
        ];
      const rto = duration(row.rtoMinutes);
      const late = down.filter((result) => result.rtoBreach === true).sort(latestFirst);
      const bound = down.filter((result) => result.rtoBreach === null).sort(latestFirst);
      if (late.length === 0 && bound.length === 0) {
        const worst = [...down].sort(latestFirst)[0]!;
        return [
          {
            ...base,
            status: 'pass',
            message:
              `${name} is back within its RTO ${rto} in ${down.length === 1 ? 'the one scenario' : `all ${down.length} scenarios`} ` +
              `where it goes down (the latest: ${duration(worst.restoreMinutes ?? 0)} in ${label(worst.scenario)}).`,
            ...withEvidence(planEvidence(context, gap, [worst.scenario])),
          },
        ];
      }
      const parts: string[] = [];
      if (late.length > 0)
        parts.push(
          `misses its RTO ${rto} in ${ofScenarios(late.length, down.length)} where it goes down: ` +
            someOf(
              late.map(
                (result) =>
                  `${label(result.scenario)} (${result.restoreMinutes === null ? 'never back' : `back after ${duration(result.restoreMinutes)}`})`,
              ),
            ),
        );
      if (bound.length > 0)
        parts.push(
          `has only a bound known in ${plural(bound.length, 'scenario')}: ` +
            someOf(
              bound.map(
                (result) => `at least ${duration(result.restoreMinutes ?? 0)} in ${label(result.scenario)}`,
              ),
            ) +
            ` (RTO ${rto})`,
        );
      const action =
        late.length > 0
          ? 'shorten the recovery (a standby, a faster restore) or follow a plan that covers these scenarios'
          : 'write down the missing recovery and step durations';
      return [
        {
          ...base,
          status: 'fail',
          message: `${name} ${parts.join('; ')}: ${action}.`,
          evidence: planEvidence(
            context,
            gap,
            [...late, ...bound].map((result) => result.scenario),
          ),
        },
      ];
    });
  },
};
