/**
 * What a BIA says about a service's declared objectives, and about assessments that do not fit the policy: the
 * checker's BIA rules as plain functions, so the web application shows the same findings as `lifeboat check`.
 */
import { formatDuration, parseDuration } from '../catalog/duration.ts';
import type { DocumentOf } from '../catalog/kinds.ts';
import { didYouMean } from '../catalog/check/suggest.ts';
import { addDays } from '../plans/review.ts';
import type { AssessmentDocument } from './current.ts';
import { serviceBia } from './current.ts';
import type { EffectivePolicy } from './policy.ts';

/** A finding about one document, at the path of the value it is about (`key`: at the key rather than the value). */
export interface BiaFinding {
  path: (string | number)[];
  key?: boolean;
  message: string;
}

/** A list of durations as written: `1h, 4h, 1d`. */
function listed(values: readonly string[]): string {
  return values.join(', ');
}

/**
 * The errors of an assessment against the policy: a horizon not one of the policy's (in `impacts` or `loss`), a
 * category not the policy's, a level above the policy's highest.
 */
export function assessmentPolicyErrors(
  spec: AssessmentDocument['spec'],
  policy: EffectivePolicy,
): BiaFinding[] {
  const findings: BiaFinding[] = [];
  const horizons = new Set(policy.impact.horizonMinutes);
  const categories = policy.impact.categories.map((category) => category.id);
  const highest = policy.impact.levels.at(-1);
  const horizonError = (path: (string | number)[], horizon: string) => {
    if (horizons.has(parseDuration(horizon) ?? Number.NaN)) return;
    findings.push({
      path,
      key: true,
      message: `horizon "${horizon}" is not one of the policy's horizons (${listed(policy.impact.horizons)})`,
    });
  };
  for (const [category, levels] of Object.entries(spec.impacts)) {
    if (!categories.includes(category))
      findings.push({
        path: ['spec', 'impacts', category],
        key: true,
        message:
          `unknown impact category "${category}"${didYouMean(category, categories)}; ` +
          `the policy's categories are ${categories.join(', ')}`,
      });
    for (const [horizon, level] of Object.entries(levels)) {
      horizonError(['spec', 'impacts', category, horizon], horizon);
      if (highest && level > highest.level)
        findings.push({
          path: ['spec', 'impacts', category, horizon],
          message: `level ${level} is above the policy's highest impact level, ${highest.level} (${highest.name})`,
        });
    }
  }
  for (const horizon of Object.keys(spec.loss ?? {})) horizonError(['spec', 'loss', horizon], horizon);
  return findings;
}

/** The date a BIA assessed on `assessedOn` is due again under the policy's review interval (YYYY-MM-DD). */
export function assessmentDueOn(
  assessedOn: string,
  policy: Pick<EffectivePolicy, 'reviewIntervalMinutes'>,
): string {
  return addDays(assessedOn, Math.ceil(policy.reviewIntervalMinutes / (24 * 60)));
}

/**
 * The warnings a service's current BIA gives about it, judged on `today` (YYYY-MM-DD): a declared MTPD later than
 * the derived one, an RTO over the suggested RTO, a declared tier less critical than the suggested one, a tier 1
 * or 2 service with no current BIA. Paths are in the service document.
 */
export function serviceBiaWarnings(
  service: Pick<DocumentOf<'Service'>, 'metadata' | 'spec'>,
  current: AssessmentDocument | undefined,
  policy: EffectivePolicy,
): BiaFinding[] {
  const { spec, metadata } = service;
  if (!current) {
    if (spec.tier > 2) return [];
    return [
      {
        path: ['spec', 'tier'],
        message: `tier-${spec.tier} service "${metadata.id}" has no current BIA: assess it to derive and check its MTPD, RTO and tier`,
      },
    ];
  }
  const findings: BiaFinding[] = [];
  const figures = serviceBia(current.spec, policy);
  const derived = figures.derivedMtpdMinutes;
  if (derived === undefined) return findings;
  const bia = `its current BIA "${current.metadata.id}"`;
  const mtpd = spec.mtpd === undefined ? undefined : parseDuration(spec.mtpd);
  if (mtpd !== undefined && mtpd > derived)
    findings.push({
      path: ['spec', 'mtpd'],
      message:
        `mtpd ${spec.mtpd} is later than the ${formatDuration(derived)} ${bia} derives ` +
        `(the impact reaches the tolerance, level ${policy.impact.tolerance}, then): the damage is intolerable before the mtpd`,
    });
  const rto = spec.rto === undefined ? undefined : parseDuration(spec.rto);
  const suggested = figures.suggestedRtoMinutes;
  if (rto !== undefined && suggested !== undefined && rto > suggested)
    findings.push({
      path: ['spec', 'rto'],
      message:
        `rto ${spec.rto} is over the ${formatDuration(suggested)} ${bia} suggests ` +
        `(its MTPD ${formatDuration(derived)} less ${formatDuration(policy.workRecoveryMinutes)} of work recovery)`,
    });
  const tier = figures.suggestedTier;
  if (tier !== undefined && spec.tier > tier)
    findings.push({
      path: ['spec', 'tier'],
      message: `tier ${spec.tier} is less critical than the tier ${tier} ${bia} suggests (its MTPD ${formatDuration(derived)})`,
    });
  return findings;
}

/** The warning of a current BIA past the policy's review interval on `today`, at its `assessedOn`; else none. */
export function staleAssessmentWarnings(
  assessment: AssessmentDocument,
  policy: EffectivePolicy,
  today: string,
): BiaFinding[] {
  const due = assessmentDueOn(assessment.spec.assessedOn, policy);
  if (due > today) return [];
  return [
    {
      path: ['spec', 'assessedOn'],
      message:
        `the BIA of "${assessment.spec.service}", assessed on ${assessment.spec.assessedOn}, is past the policy's ` +
        `review interval (${formatDuration(policy.reviewIntervalMinutes)}): it was due again on ${due}`,
    },
  ];
}
