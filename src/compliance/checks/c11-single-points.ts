/**
 * C11: the single points of failure under the services in scope (tier 1 and 2 by default), each one passing only
 * while a Risk that names it in its scenario is accepted and its acceptance is in force (DORA Art. 11 and 12(4),
 * redundant capacities; ISO 22301 8.2.3 and 8.3: a single point is either removed or knowingly accepted). The
 * single points are the engine's order-1 cut sets, as the dashboard's table and the risk analysis find them.
 */
import { analyzeSpof, rankSinglePoints } from '../../engine/index.ts';
import { singlePointStatus, type RiskDocument } from '../../risk/analysis.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';

/** A document's name, else its id. */
function nameOf(context: ComplianceContext, id: string): string {
  return context.byId.get(id)?.metadata.name ?? id;
}

/** `Payments (tier 1), Card issuing (tier 2)`, the first few of a list, then how many more. */
function serviceList(context: ComplianceContext, services: readonly string[]): string {
  const shown = services.slice(0, 4).map((id) => `${nameOf(context, id)} (tier ${context.tierOf(id)})`);
  const more = services.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** Why the risks covering a node do not accept it, in a few words per risk. */
function notAccepted(context: ComplianceContext, risks: readonly RiskDocument[]): string {
  return risks
    .map((risk) => {
      const { treatment, acceptance } = risk.spec;
      if (treatment?.decision === 'accept' && acceptance) {
        if (acceptance.until < context.at) return `${risk.id} (its acceptance ended on ${acceptance.until})`;
        return `${risk.id} (its acceptance starts on ${acceptance.on})`;
      }
      return `${risk.id} (${treatment ? `decision ${treatment.decision}` : 'no treatment'})`;
    })
    .join(', ');
}

/** C11 Single points of failure (see the file header). */
export const singlePointsCheck: ComplianceCheck = {
  id: 'C11',
  title: 'Single points of failure accepted',
  rule:
    'Every node whose failure alone takes down a tier 1 or 2 service (an order-1 cut set) is covered by a Risk ' +
    'that names it in scenario.fail, whose decision is accept and whose acceptance is in force on the day ' +
    '(from its on date to its until date, both included).',
  references: [
    { framework: 'dora', clause: 'Art. 11(2)' },
    { framework: 'dora', clause: 'Art. 12(4)' },
    { framework: 'iso22301', clause: '8.2.3' },
    { framework: 'iso22301', clause: '8.3' },
  ],
  defaults: { tiers: [1, 2], severity: 'high' },
  items(context) {
    const tiers = new Set(context.scopeOf('C11').tiers);
    const graph = context.graph();
    const services = context
      .ofKind('Service')
      .map((service) => service.metadata.id)
      .filter((id) => tiers.has(context.tierOf(id)) && graph.index.has(id));
    if (services.length === 0) return [];
    const points = rankSinglePoints(graph, analyzeSpof(graph, { maxOrder: 1, services }));
    const risks: RiskDocument[] = context
      .ofKind('Risk')
      .map((risk) => ({ id: risk.metadata.id, spec: risk.spec }));
    const items = points.map((point): CheckItem => {
      const document = context.byId.get(point.id);
      const path = document && context.pathOf(document);
      const what = `${nameOf(context, point.id)} alone takes down ${serviceList(context, point.services)}`;
      const status = singlePointStatus(point.id, risks, context.at);
      const covering = risks.filter((risk) => status.risks.includes(risk.id));
      const base = { id: point.id, kind: document?.kind ?? point.kind, ...(path && { path }) };
      if (status.accepted) {
        const accepting = covering.find(
          (risk) =>
            risk.spec.treatment?.decision === 'accept' &&
            risk.spec.acceptance !== undefined &&
            risk.spec.acceptance.on <= context.at &&
            context.at <= risk.spec.acceptance.until,
        )!;
        const acceptance = accepting.spec.acceptance!;
        const riskDocument = context.byId.get(accepting.id)!;
        const evidence: Evidence = {
          type: 'document',
          kind: 'Risk',
          id: accepting.id,
          title: `Risk ${nameOf(context, accepting.id)} accepted by ${nameOf(context, acceptance.by)} on ${acceptance.on}, until ${acceptance.until}`,
          path: context.pathOf(riskDocument),
          date: acceptance.on,
        };
        return {
          ...base,
          status: 'pass',
          message: `${what}; accepted in risk ${accepting.id} by ${nameOf(context, acceptance.by)} until ${acceptance.until}.`,
          evidence: [evidence],
        };
      }
      const message =
        covering.length === 0
          ? `${what}; no risk covers it: add redundancy, or record a Risk with it in scenario.fail and accept it.`
          : `${what}; no risk accepts it (${notAccepted(context, covering)}): add redundancy, or accept the risk with a current acceptance.`;
      return { ...base, status: 'fail', message };
    });
    return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
