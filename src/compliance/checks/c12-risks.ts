/**
 * C12: every risk is owned by someone, has a treatment decision and a current review, and a risk above the
 * appetite is either treated (mitigated, transferred or avoided through actions) or accepted by a named person
 * whose acceptance is in force (ISO 22301 8.2.3). The review and appetite rules are src/risk/scoring.ts's, the
 * ones the checker warns with and the risk-review reminder follows.
 */
import type { DocumentOf } from '../../catalog/kinds.ts';
import { riskAccepted, riskReview, riskScores } from '../../risk/scoring.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';

const DAY_MINUTES = 24 * 60;

/** A document's name, else its id. */
function nameOf(context: ComplianceContext, id: string): string {
  return context.byId.get(id)?.metadata.name ?? id;
}

/** `3 actions`, `1 action`. */
const actions = (count: number) => `${count} action${count === 1 ? '' : 's'}`;

/** One risk's item: what is wrong with it (each a clause of the message), or what evidences it. */
function riskItem(context: ComplianceContext, risk: DocumentOf<'Risk'>): CheckItem {
  const { id } = risk.metadata;
  const { spec } = risk;
  const appetite = context.policy.risk.appetite;
  const problems: string[] = [];
  const good: string[] = [];
  const evidence: Evidence[] = [];

  const owners = context.peopleOf(spec.owner);
  if (owners.length === 0)
    problems.push(
      context.byId.has(spec.owner)
        ? `its owner ${spec.owner} names nobody (a Team with no lead or members): name a Person or staff the Team`
        : `its owner ${spec.owner} is not in the catalog: name a Person or Team`,
    );
  else good.push(`owned by ${nameOf(context, spec.owner)}`);

  const scores = riskScores(spec, appetite);
  const which = `${scores.residualScore === null ? 'score' : 'residual score'} ${scores.currentScore}`;
  const over = `its ${which} is over the appetite of ${appetite}`;
  const decision = spec.treatment?.decision;
  if (decision === undefined)
    problems.push(
      `it has no treatment${scores.aboveAppetite ? ` while ${over}` : ''}: decide to mitigate, transfer, accept or avoid it`,
    );
  else good.push(`decision ${decision}`);

  const review = riskReview(spec, context.policy, context.at);
  const interval = Math.round(context.policy.reviewIntervalMinutes / DAY_MINUTES);
  if (review.nextReview === null) problems.push('it has never been reviewed: review it and set lastReviewed');
  else if (review.due)
    problems.push(
      `it was last reviewed on ${spec.lastReviewed} and was due again on ${review.nextReview} (every ${interval} days): review it`,
    );
  else good.push(`reviewed on ${spec.lastReviewed}, due again ${review.nextReview}`);

  if (scores.aboveAppetite && decision !== undefined) {
    const acceptance = spec.acceptance;
    if (decision === 'accept') {
      const by = acceptance && context.byId.get(acceptance.by);
      if (!acceptance)
        problems.push(
          `${over} and it is accepted with no acceptance: record who accepted it, on and until when`,
        );
      else if (by?.kind !== 'Person')
        problems.push(
          `${over} and its acceptance names ${acceptance.by}, not a Person: have a named person accept it`,
        );
      else if (!riskAccepted(spec, context.at))
        problems.push(
          acceptance.until < context.at
            ? `${over} and its acceptance by ${nameOf(context, acceptance.by)} ended on ${acceptance.until}: renew it or treat the risk`
            : `${over} and its acceptance by ${nameOf(context, acceptance.by)} only starts on ${acceptance.on}`,
        );
      else {
        good.push(
          `${which} over the appetite of ${appetite} accepted by ${nameOf(context, acceptance.by)} until ${acceptance.until}`,
        );
        evidence.push({
          type: 'document',
          kind: 'Risk',
          id,
          title: `Risk ${nameOf(context, id)} accepted by ${nameOf(context, acceptance.by)} on ${acceptance.on}, until ${acceptance.until}`,
          path: context.pathOf(risk),
          date: acceptance.on,
        });
      }
    } else {
      const count = spec.treatment?.actions?.length ?? 0;
      if (count === 0)
        problems.push(
          `${over} and its decision to ${decision} has no action: add the actions that carry it out`,
        );
      else good.push(`${which} over the appetite of ${appetite} treated by ${actions(count)}`);
    }
  }

  const path = context.pathOf(risk);
  if (problems.length > 0)
    return { id, kind: 'Risk', status: 'fail', path, message: `${capitalise(problems.join('; '))}.` };
  return {
    id,
    kind: 'Risk',
    status: 'pass',
    path,
    message: `${capitalise(good.join('; '))}.`,
    ...(evidence.length > 0 && { evidence }),
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** C12 Risks (see the file header). */
export const risksCheck: ComplianceCheck = {
  id: 'C12',
  title: 'Risks owned, treated and reviewed',
  rule:
    "Every risk has an owner who names a person, a treatment decision, and a review within the Policy's review " +
    'interval (due on the last review plus the interval); a risk whose current score (residual when assessed) is ' +
    'over the appetite is mitigated, transferred or avoided with at least one action, or accepted by a Person ' +
    'whose acceptance is in force (its on and until dates included).',
  references: [{ framework: 'iso22301', clause: '8.2.3' }],
  defaults: { tiers: [], severity: 'medium' },
  items(context) {
    return context
      .ofKind('Risk')
      .map((risk) => riskItem(context, risk))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
