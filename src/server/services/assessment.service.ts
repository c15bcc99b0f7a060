/**
 * The BIA workflow on the stored catalog: service owners fill in and submit the assessments of their services,
 * managers approve them (a frozen version) or return them with a comment; and the progress of each campaign,
 * derived from the assessments as they read.
 */
import { campaignProgress, requestedAssessments } from '../../bia/campaign-progress.ts';
import type { CampaignProgress, RequestedAssessment } from '../../bia/campaign-progress.ts';
import type { DocumentOf } from '../../catalog/kinds.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createApprovalService } from './approval.service.ts';
import type { AssessmentDocument, AssessmentVersion } from './assessment-versions.ts';
import { actorName, checkOwnerScope, scopeOwnerOf } from './catalog.service.ts';
import type { Actor } from './catalog.service.ts';
import { rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';

const KIND = 'ImpactAssessment';

/** Impact assessments' approval workflow and the campaigns' progress. */
export function createAssessmentService(deps: { database: LifeboatDatabase; now: () => Date }) {
  const { database, now } = deps;
  const approval = createApprovalService<AssessmentDocument>({ database, now, kind: KIND });

  /** Every document of a kind, as stored. */
  async function all<K extends 'Campaign' | 'Service' | 'ImpactAssessment'>(kind: K) {
    const rows = await createDocumentRepository(database.db).allOfKind(kind);
    return rows.map((row) => rowToDocument(row) as DocumentOf<K>);
  }

  /** Every assessment with its derived status, and every service: what progress is computed from. */
  async function records() {
    const [services, assessments] = await Promise.all([all('Service'), all(KIND)]);
    return { services, assessments: await approval.views(assessments) };
  }

  return {
    /** Assessments as clients read them: draft, submitted or approved, derived on each read. */
    views: (documents: AssessmentDocument[]) => approval.views(documents),

    /**
     * Submits an assessment for approval at the version the owner reviewed: the owner of the assessed service (a
     * Person, or a member of the owning Team) or a manager or admin.
     */
    async submit(id: string, actor: Actor, expectedVersion: number | undefined): Promise<AssessmentDocument> {
      return approval.submit(id, {
        actor: actorName(actor),
        expectedVersion,
        checkScope: async (trx, document) =>
          checkOwnerScope(actor, KIND, [
            await scopeOwnerOf(createDocumentRepository(trx), KIND, document.spec),
          ]),
      });
    },

    /** Approves an assessment at the version the manager reviewed, freezing it as the next numbered version. */
    async approve(
      id: string,
      actor: string,
      expectedVersion: number | undefined,
    ): Promise<{ document: AssessmentDocument; version: AssessmentVersion }> {
      return approval.approve(id, { actor, expectedVersion });
    },

    /** Returns a submitted assessment to its owner with a comment. */
    async return(
      id: string,
      actor: string,
      expectedVersion: number | undefined,
      comment: string,
    ): Promise<AssessmentDocument> {
      return approval.return(id, { actor, expectedVersion, comment });
    },

    versions: (id: string) => approval.versions(id),
    version: (id: string, number: number) => approval.version(id, number),
    history: (id: string) => approval.history(id),

    /** A campaign's progress by service. */
    async progress(id: string): Promise<CampaignProgress> {
      const row = await createDocumentRepository(database.db).get(id);
      if (row?.kind !== 'Campaign') throw new CatalogError('not-found', `No Campaign has the id "${id}"`);
      const { services, assessments } = await records();
      return campaignProgress(rowToDocument(row) as DocumentOf<'Campaign'>, services, assessments);
    },

    /** What the owners of `owners` (a person's Person id and teams) are asked to assess today. */
    async requested(owners: ReadonlySet<string>): Promise<RequestedAssessment[]> {
      if (owners.size === 0) return [];
      const [campaigns, { services, assessments }] = await Promise.all([all('Campaign'), records()]);
      const today = now().toISOString().slice(0, 10);
      return requestedAssessments(
        campaigns.map((campaign) => ({
          campaign,
          progress: campaignProgress(campaign, services, assessments),
        })),
        owners,
        today,
      );
    },
  };
}

/** The assessment service's interface. */
export type AssessmentService = ReturnType<typeof createAssessmentService>;
