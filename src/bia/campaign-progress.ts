/**
 * A BIA campaign's progress, derived from the records and never stored: which services the round asks for, and
 * for each the state of its assessment. Pure: the caller passes the documents (assessments with their derived
 * status) and today's date.
 *
 * An assessment counts towards a campaign when it assesses one of its services and is dated on or after the day
 * the campaign opens (`assessedOn >= opens`). There is no upper bound: an assessment dated after `due` is late,
 * but it still answers the round, and the campaign shows it rather than "not started". When several count, the
 * most advanced state wins (approved, then submitted, then draft), then the latest date: one approved assessment
 * is what the round asks for.
 */
import type { DocumentOf } from '../catalog/kinds.ts';

/** Where a service stands in a campaign. */
export type CampaignState = 'not-started' | 'draft' | 'submitted' | 'approved';

/** The states in order of progress. */
export const CAMPAIGN_STATES: readonly CampaignState[] = ['not-started', 'draft', 'submitted', 'approved'];

/** One service of a campaign and where its assessment stands. */
export interface CampaignServiceProgress {
  id: string;
  name: string;
  tier: number;
  owner: string | null;
  state: CampaignState;
  /** The id of the assessment that counts, or null when none does. */
  assessment: string | null;
}

/** A campaign's progress: its services in order, and how many are in each state. */
export interface CampaignProgress {
  campaign: string;
  services: CampaignServiceProgress[];
  counts: Record<CampaignState, number>;
}

type Campaign = DocumentOf<'Campaign'>;
type Service = DocumentOf<'Service'>;
type Assessment = DocumentOf<'ImpactAssessment'>;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The services a campaign asks for: the listed ids in their order, or every service its selector matches, by id. */
export function campaignServices(campaign: Campaign, services: readonly Service[]): Service[] {
  const selector = campaign.spec.services;
  if (Array.isArray(selector)) {
    const byId = new Map(services.map((service) => [service.metadata.id, service]));
    return [...new Set(selector)].flatMap((id) => byId.get(id) ?? []);
  }
  return services
    .filter(
      (service) =>
        (selector.tiers === undefined || selector.tiers.includes(service.spec.tier)) &&
        Object.entries(selector.labels ?? {}).every(
          ([key, value]) => service.metadata.labels?.[key] === value,
        ),
    )
    .sort((a, b) => compare(a.metadata.id, b.metadata.id));
}

/** The state an assessment's derived status puts a service in. */
function stateOf(assessment: Assessment): CampaignState {
  const status = assessment.spec.status;
  return status === 'approved' || status === 'submitted' ? status : 'draft';
}

/** Whether an assessment counts towards a campaign (see the module comment). */
export function countsTowards(campaign: Campaign, assessment: Assessment): boolean {
  return assessment.spec.assessedOn >= campaign.spec.opens;
}

/**
 * A campaign's progress: for each of its services, the assessment that counts and its state.
 * `assessments` are read with their derived status (draft, submitted, approved).
 */
export function campaignProgress(
  campaign: Campaign,
  services: readonly Service[],
  assessments: readonly Assessment[],
): CampaignProgress {
  const counting = new Map<string, Assessment[]>();
  for (const assessment of assessments) {
    if (!countsTowards(campaign, assessment)) continue;
    const list = counting.get(assessment.spec.service) ?? [];
    list.push(assessment);
    counting.set(assessment.spec.service, list);
  }
  const counts: Record<CampaignState, number> = { 'not-started': 0, draft: 0, submitted: 0, approved: 0 };
  const rows = campaignServices(campaign, services).map((service): CampaignServiceProgress => {
    const best = (counting.get(service.metadata.id) ?? [])
      .map((assessment) => ({ assessment, rank: CAMPAIGN_STATES.indexOf(stateOf(assessment)) }))
      .sort(
        (a, b) =>
          b.rank - a.rank ||
          compare(b.assessment.spec.assessedOn, a.assessment.spec.assessedOn) ||
          compare(a.assessment.metadata.id, b.assessment.metadata.id),
      )[0]?.assessment;
    const state = best ? stateOf(best) : 'not-started';
    counts[state] += 1;
    return {
      id: service.metadata.id,
      name: service.metadata.name ?? service.metadata.id,
      tier: service.spec.tier,
      owner: service.spec.owner ?? null,
      state,
      assessment: best?.metadata.id ?? null,
    };
  });
  return { campaign: campaign.metadata.id, services: rows, counts };
}

/** One assessment a service owner is asked for. */
export interface RequestedAssessment {
  campaign: string;
  service: string;
  state: CampaignState;
  due: string;
  assessment: string | null;
}

/**
 * What a person is asked to assess ("BIA requested"): the services owned by one of `owners` (their Person and
 * teams) in every campaign open on `today` (`opens <= today`, including overdue ones) whose state is not yet
 * approved, soonest due first.
 */
export function requestedAssessments(
  progress: readonly { campaign: Campaign; progress: CampaignProgress }[],
  owners: ReadonlySet<string>,
  today: string,
): RequestedAssessment[] {
  return progress
    .filter(({ campaign }) => campaign.spec.opens <= today)
    .flatMap(({ campaign, progress: { services } }) =>
      services
        .filter(
          (service) => service.state !== 'approved' && service.owner !== null && owners.has(service.owner),
        )
        .map((service) => ({
          campaign: campaign.metadata.id,
          service: service.id,
          state: service.state,
          due: campaign.spec.due,
          assessment: service.assessment,
        })),
    )
    .sort((a, b) => compare(a.due, b.due) || compare(a.campaign, b.campaign));
}
