/**
 * The qualitative side of a risk: scores (likelihood x impact, inherent and residual) against the appetite, the
 * state of an acceptance, when a review falls due, and which findings the catalog check reports. Pure, shared by
 * the checker, the server, the command line and the web application. docs/risk.md states each rule with an
 * example.
 */
import type { RiskSpec } from '../catalog/kinds/risk.kind.ts';
import type { EffectivePolicy } from '../bia/policy.ts';
import { addDays } from '../plans/review.ts';

/** A risk's scores: inherent, residual (when assessed) and the one that counts against the appetite. */
export interface RiskScores {
  /** Inherent likelihood x impact. */
  score: number;
  /** Residual likelihood x impact after treatment; null when the residual risk is not assessed. */
  residualScore: number | null;
  /** The residual score when assessed, else the inherent one: what the organisation carries today. */
  currentScore: number;
  /** Whether `currentScore` is over the policy's appetite (the highest acceptable score). */
  aboveAppetite: boolean;
}

/**
 * The scores of a risk. The appetite is compared with the residual score when there is one (the treatment has
 * been assessed), else with the inherent score: a mitigated risk whose residual score is within the appetite is
 * no longer above it.
 */
export function riskScores(
  spec: Pick<RiskSpec, 'likelihood' | 'impact' | 'residual'>,
  appetite: number,
): RiskScores {
  const score = spec.likelihood * spec.impact;
  const residualScore = spec.residual ? spec.residual.likelihood * spec.residual.impact : null;
  const currentScore = residualScore ?? score;
  return { score, residualScore, currentScore, aboveAppetite: currentScore > appetite };
}

/** Whether a risk's acceptance is in force on `today` (YYYY-MM-DD): given, and `until` not before today. */
export function acceptanceCurrent(spec: Pick<RiskSpec, 'acceptance'>, today: string): boolean {
  return spec.acceptance !== undefined && spec.acceptance.on <= today && today <= spec.acceptance.until;
}

/** Whether a risk is accepted on `today`: the decision is accept and the acceptance is in force. */
export function riskAccepted(spec: Pick<RiskSpec, 'treatment' | 'acceptance'>, today: string): boolean {
  return spec.treatment?.decision === 'accept' && acceptanceCurrent(spec, today);
}

/** When a risk's review falls due. */
export interface RiskReview {
  due: boolean;
  /** `lastReviewed` plus the policy's review interval (YYYY-MM-DD); null when the risk was never reviewed. */
  nextReview: string | null;
}

/**
 * Whether a risk is due for review on `today`: never reviewed, or `lastReviewed` plus the policy's review interval
 * (rounded up to whole days) is today or earlier, as for a plan's review (src/plans/review.ts).
 */
export function riskReview(
  spec: Pick<RiskSpec, 'lastReviewed'>,
  policy: Pick<EffectivePolicy, 'reviewIntervalMinutes'>,
  today: string,
): RiskReview {
  if (spec.lastReviewed === undefined) return { due: true, nextReview: null };
  const nextReview = addDays(spec.lastReviewed, Math.ceil(policy.reviewIntervalMinutes / (24 * 60)));
  return { due: nextReview <= today, nextReview };
}

/**
 * The impact level a risk with a scenario should have: the scenario's peak BIA level, brought onto the risk
 * scale when the two scales differ in length (the highest level of one is the highest of the other).
 */
export function suggestedImpact(
  peakLevel: number | null,
  policy: Pick<EffectivePolicy, 'impact' | 'risk'>,
): number | null {
  if (peakLevel === null || peakLevel <= 0) return null;
  const biaLevels = policy.impact.levels.length;
  const riskLevels = policy.risk.impact.length;
  if (biaLevels === riskLevels) return Math.min(peakLevel, riskLevels);
  return Math.max(1, Math.min(riskLevels, Math.round((peakLevel * riskLevels) / biaLevels)));
}

/** A check finding about one risk, at the path of the value it is about. */
export interface RiskWarning {
  path: (string | number)[];
  message: string;
}

/**
 * The continuity findings of one risk on `today` (warnings: the catalog stays valid and analyses still run):
 * - above the appetite with no treatment but accept and no acceptance;
 * - an acceptance whose `until` has passed;
 * - a review older than the policy's review interval (or none at all);
 * - a risk that says what it would cost (a scenario or a loss range) but not how often (no frequency), or how
 *   often but not what it costs: it cannot be quantified. A risk with neither stays qualitative, on purpose.
 */
export function riskWarnings(
  risk: { id: string; spec: RiskSpec },
  policy: Pick<EffectivePolicy, 'risk' | 'reviewIntervalMinutes'>,
  today: string,
): RiskWarning[] {
  const { id, spec } = risk;
  const warnings: RiskWarning[] = [];
  const { score, residualScore, currentScore, aboveAppetite } = riskScores(spec, policy.risk.appetite);
  const decision = spec.treatment?.decision;
  if (aboveAppetite && (decision === undefined || decision === 'accept') && spec.acceptance === undefined) {
    const which = residualScore === null ? `score ${score}` : `residual score ${currentScore}`;
    warnings.push({
      path: residualScore === null ? ['spec', 'likelihood'] : ['spec', 'residual'],
      message:
        `risk "${id}" has a ${which} over the appetite of ${policy.risk.appetite} and no treatment: ` +
        'decide to mitigate, transfer or avoid it, or record an acceptance (by, on, until)',
    });
  }
  if (spec.acceptance && spec.acceptance.until < today)
    warnings.push({
      path: ['spec', 'acceptance', 'until'],
      message: `the acceptance of risk "${id}" by "${spec.acceptance.by}" ended on ${spec.acceptance.until}: renew it or treat the risk`,
    });
  const review = riskReview(spec, policy, today);
  if (review.due)
    warnings.push(
      review.nextReview === null
        ? {
            path: ['metadata', 'id'],
            message: `risk "${id}" has never been reviewed: review it and set lastReviewed`,
          }
        : {
            path: ['spec', 'lastReviewed'],
            message: `risk "${id}" was last reviewed on ${spec.lastReviewed}: its review was due on ${review.nextReview} (review interval ${Math.round(policy.reviewIntervalMinutes / (24 * 60))} days)`,
          },
    );
  if (spec.frequency === undefined && (spec.scenario !== undefined || spec.loss !== undefined))
    warnings.push({
      path: ['spec', spec.scenario ? 'scenario' : 'loss'],
      message: `risk "${id}" has a ${spec.scenario ? 'scenario' : 'loss'} but no frequency: set frequency {min, likely, max} (events a year) to quantify its annual loss`,
    });
  if (spec.frequency !== undefined && spec.scenario === undefined && spec.loss === undefined)
    warnings.push({
      path: ['spec', 'frequency'],
      message: `risk "${id}" has a frequency but neither a scenario nor a loss: set scenario.fail or loss {min, likely, max} to quantify its annual loss`,
    });
  return warnings;
}
