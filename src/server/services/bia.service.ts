import type { CostBasis } from '../../bia/business-impact.ts';
import { biaAnalysis, catalogPolicy, currentAssessments, figuresOf } from '../../bia/current.ts';
import type { AssessmentDocument, BiaAnalysis } from '../../bia/current.ts';
import type { EffectivePolicy } from '../../bia/policy.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { approvedAssessments } from './assessment-versions.ts';
import { createGraphProvider } from './graph-provider.ts';
import type { CatalogView, GraphProvider } from './graph-provider.ts';

/** The BIA of one catalog state: the policy and the current (latest approved) assessment of each service. */
export interface BiaBasis extends CostBasis {
  policy: EffectivePolicy;
  /** The current assessment of each service, by service id. */
  assessments: Map<string, AssessmentDocument>;
}

/**
 * The business impact analysis of the stored catalog. Only approved assessments count: the latest frozen version
 * of each (an edit since is a draft until approved again). Both answers are computed once per catalog state
 * (approving writes an audit entry, so a new state) from the shared graph provider's view.
 */
export function createBiaService(deps: { database: LifeboatDatabase; graphs?: GraphProvider }) {
  const { database } = deps;
  const graphs = deps.graphs ?? createGraphProvider({ database });
  let cached: { view: CatalogView; basis: Promise<BiaBasis>; analysis?: BiaAnalysis } | undefined;

  async function state(): Promise<{ view: CatalogView; basis: BiaBasis; entry: NonNullable<typeof cached> }> {
    // The view first, then the versions: an approval landing in between is then newer than the view, never older.
    const view = await graphs.catalog();
    if (cached?.view !== view) {
      const basis = approvedAssessments(database).then((approved) => {
        const assessments = currentAssessments(approved);
        return { policy: catalogPolicy(view.documents), assessments, current: figuresOf(assessments) };
      });
      const entry: NonNullable<typeof cached> = { view, basis };
      cached = entry;
      // Only an answer is kept: a failed read leaves nothing, and the next caller reads again.
      basis.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    const entry = cached;
    return { view, basis: await entry.basis, entry };
  }

  return {
    /** The policy and each service's current BIA: what a scenario's business impact is computed from. */
    async basis(): Promise<BiaBasis> {
      return (await state()).basis;
    },

    /** Every service's BIA read at the policy's horizons, with its derived MTPD, RTO and tier. */
    async analysis(): Promise<BiaAnalysis> {
      const { view, basis, entry } = await state();
      entry.analysis ??= biaAnalysis({
        policy: basis.policy,
        services: view.documents.flatMap((document) =>
          document.kind === 'Service' ? [{ id: document.metadata.id, mtpd: document.spec.mtpd }] : [],
        ),
        current: basis.assessments,
      });
      return entry.analysis;
    },
  };
}

/** The BIA service's interface. */
export type BiaService = ReturnType<typeof createBiaService>;
