/**
 * The current business impact analysis of each service and the catalog-wide BIA analysis (`lifeboat analyze bia`,
 * `GET /api/v1/analysis/bia`): for every service, its impact level and loss at each of the policy's horizons, the
 * MTPD its BIA derives, its effective MTPD, and the suggested RTO and tier. Pure, shared by the server, the
 * command line, the checker and the web application.
 */
import { parseDuration } from '../catalog/duration.ts';
import type { CatalogDocument, DocumentOf } from '../catalog/kinds.ts';
import { derivedMtpd, impactLevelAt, lossAt, pointsOf, suggestedRto, suggestedTier } from './curves.ts';
import { effectivePolicy } from './policy.ts';
import type { EffectivePolicy } from './policy.ts';

/** An impact assessment document. */
export type AssessmentDocument = DocumentOf<'ImpactAssessment'>;

/** Whether `a` is a later assessment than `b`: by `assessedOn`, then by approval time, then by id. */
function isLater(a: AssessmentDocument, b: AssessmentDocument): boolean {
  if (a.spec.assessedOn !== b.spec.assessedOn) return a.spec.assessedOn > b.spec.assessedOn;
  const approvedA = a.spec.approvedAt ?? '';
  const approvedB = b.spec.approvedAt ?? '';
  if (approvedA !== approvedB) return approvedA > approvedB;
  return a.metadata.id > b.metadata.id;
}

/**
 * The current BIA of each service: its latest approved assessment by `assessedOn` (ties: the later approval,
 * then the greater id, so the answer never depends on the order of the input). `approved` holds the approved
 * assessments only: the server's frozen versions, or every assessment of a catalog folder.
 */
export function currentAssessments(approved: Iterable<AssessmentDocument>): Map<string, AssessmentDocument> {
  const current = new Map<string, AssessmentDocument>();
  for (const assessment of approved) {
    const before = current.get(assessment.spec.service);
    if (!before || isLater(assessment, before)) current.set(assessment.spec.service, assessment);
  }
  return current;
}

/** The impact levels and losses of each service's current BIA, as a scenario's cost reads them. */
export function figuresOf(
  current: ReadonlyMap<string, AssessmentDocument>,
): Map<string, Pick<AssessmentDocument['spec'], 'impacts' | 'loss'>> {
  return new Map([...current].map(([service, assessment]) => [service, assessment.spec]));
}

/** A service's effective MTPD in minutes: its declared `mtpd`, else the one its current BIA derives. */
export function effectiveMtpd(declared: string | undefined, derived: number | undefined): number | undefined {
  const minutes = declared === undefined ? undefined : parseDuration(declared);
  return minutes ?? derived;
}

/** The figures a BIA gives one service (undefined where it gives none). */
export interface ServiceBia {
  derivedMtpdMinutes: number | undefined;
  suggestedRtoMinutes: number | undefined;
  suggestedTier: number | undefined;
}

/** The derived MTPD, suggested RTO and suggested tier of one assessment under the policy. */
export function serviceBia(
  assessment: Pick<AssessmentDocument['spec'], 'impacts'>,
  policy: EffectivePolicy,
): ServiceBia {
  const derived = derivedMtpd(assessment.impacts, policy);
  return {
    derivedMtpdMinutes: derived,
    suggestedRtoMinutes: derived === undefined ? undefined : suggestedRto(derived, policy),
    suggestedTier: derived === undefined ? undefined : suggestedTier(derived, policy),
  };
}

/** One service in `analyze bia`: null where there is no value. */
export interface BiaServiceRow {
  id: string;
  /** The id of its current BIA. */
  assessment: string | null;
  /** The impact level at each of the policy's horizons. */
  levels: (number | null)[];
  /** The money lost after an outage of each horizon; null when the BIA gives no loss figures. */
  loss: (number | null)[];
  derivedMtpdMinutes: number | null;
  /** The declared MTPD, else the derived one. */
  mtpdMinutes: number | null;
  suggestedRtoMinutes: number | null;
  suggestedTier: number | null;
}

/** `lifeboat analyze bia --json` and `GET /api/v1/analysis/bia`. */
export interface BiaAnalysis {
  tolerance: number;
  /** The policy's horizons, in minutes. */
  horizons: number[];
  services: BiaServiceRow[];
}

/**
 * The BIA analysis of every service (by id): its current assessment read at each of the policy's horizons, and
 * the objectives that follow from it, beside its declared MTPD.
 */
export function biaAnalysis(input: {
  policy: EffectivePolicy;
  services: Iterable<{ id: string; mtpd?: string | undefined }>;
  current: ReadonlyMap<string, AssessmentDocument>;
}): BiaAnalysis {
  const { policy, current } = input;
  const horizons = policy.impact.horizonMinutes;
  const rows = [...input.services]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((service): BiaServiceRow => {
      const assessment = current.get(service.id);
      if (!assessment) {
        const mtpd = effectiveMtpd(service.mtpd, undefined);
        return {
          id: service.id,
          assessment: null,
          levels: horizons.map(() => null),
          loss: horizons.map(() => null),
          derivedMtpdMinutes: null,
          mtpdMinutes: mtpd ?? null,
          suggestedRtoMinutes: null,
          suggestedTier: null,
        };
      }
      const { impacts, loss } = assessment.spec;
      const points = loss === undefined ? undefined : pointsOf(loss);
      const figures = serviceBia(assessment.spec, policy);
      return {
        id: service.id,
        assessment: assessment.metadata.id,
        levels: horizons.map((h) => impactLevelAt(impacts, h)),
        loss: horizons.map((h) => (points === undefined ? null : lossAt(points, h))),
        derivedMtpdMinutes: figures.derivedMtpdMinutes ?? null,
        mtpdMinutes: effectiveMtpd(service.mtpd, figures.derivedMtpdMinutes) ?? null,
        suggestedRtoMinutes: figures.suggestedRtoMinutes ?? null,
        suggestedTier: figures.suggestedTier ?? null,
      };
    });
  return { tolerance: policy.impact.tolerance, horizons: [...horizons], services: rows };
}

/** The effective policy of a catalog's documents: its first Policy over the defaults (the checker refuses a second). */
export function catalogPolicy(documents: Iterable<CatalogDocument | undefined>): EffectivePolicy {
  for (const document of documents)
    if (document?.kind === 'Policy')
      return effectivePolicy({ id: document.metadata.id, spec: document.spec });
  return effectivePolicy();
}
