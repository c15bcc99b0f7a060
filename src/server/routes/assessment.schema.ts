/**
 * The answers of the impact assessment workflow and campaign routes, as zod schemas: the routes validate and
 * document with them, and the web application takes its types from them (`z.infer`).
 */
import { z } from 'zod';
import { CAMPAIGN_STATES } from '../../bia/campaign-progress.ts';
import { documentSchemas } from '../../catalog/kinds.ts';
import type { DocumentOf } from '../../catalog/kinds.ts';
import { versionSummary } from './plan.schema.ts';

/** `GET /api/v1/assessments/{id}/versions/{number}`: a frozen version with the document as it was approved. */
export const assessmentVersionSchema = versionSummary
  .extend({
    // A record of what was approved: answered as stored, even when the schema has changed since.
    document: z
      .custom<DocumentOf<'ImpactAssessment'>>((value) => typeof value === 'object' && value !== null)
      .meta({ description: 'The ImpactAssessment document as it was approved.' }),
  })
  .meta({ id: 'AssessmentVersion' });

/** `GET /api/v1/assessments/{id}/versions`. */
export const assessmentVersionsSchema = z.object({ items: z.array(versionSummary) });

/** `POST /api/v1/assessments/{id}/approve`: the assessment as it now reads, and the version frozen. */
export const assessmentApprovalSchema = z.object({
  document: documentSchemas.ImpactAssessment,
  version: assessmentVersionSchema,
});

/** `POST /api/v1/assessments/{id}/return`. */
export const returnBodySchema = z.strictObject({
  comment: z
    .string()
    .trim()
    .min(1, 'say what to change: a return needs a comment')
    .max(10_000)
    .meta({ description: 'What the owner should change before submitting again.' }),
  version: z.int().min(1).optional().meta({ description: 'The version you reviewed (or send If-Match).' }),
});

/** `GET /api/v1/assessments/{id}/history`: submissions, returns and approvals in the order they happened. */
export const assessmentHistorySchema = z
  .object({
    items: z.array(
      z.object({
        action: z.enum(['submitted', 'returned', 'approved']),
        actor: z.string(),
        at: z.string(),
        checksum: z.string().meta({ description: 'SHA-256 of the content submitted, returned or approved.' }),
        comment: z.string().optional().meta({ description: "A return's comment." }),
        version: z.int().optional().meta({ description: 'The version an approval froze.' }),
      }),
    ),
  })
  .meta({ id: 'AssessmentHistory' });

const stateSchema = z.enum(CAMPAIGN_STATES as [string, ...string[]]);

/** `GET /api/v1/campaigns/{id}/progress`. */
export const campaignProgressSchema = z
  .object({
    campaign: z.string(),
    services: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        tier: z.int(),
        owner: z.string().nullable(),
        state: stateSchema,
        assessment: z.string().nullable().meta({ description: 'The assessment that counts, if any.' }),
      }),
    ),
    counts: z.object({
      'not-started': z.int(),
      draft: z.int(),
      submitted: z.int(),
      approved: z.int(),
    }),
  })
  .meta({ id: 'CampaignProgress' });

/** `GET /api/v1/assessments/requested`: the signed-in user's services that open campaigns ask them to assess. */
export const requestedAssessmentsSchema = z.object({
  items: z.array(
    z.object({
      campaign: z.string(),
      service: z.string(),
      state: stateSchema,
      due: z.string(),
      assessment: z.string().nullable(),
    }),
  ),
});

/** A campaign's progress. */
export type CampaignProgressAnswer = z.infer<typeof campaignProgressSchema>;
/** One requested assessment. */
export type RequestedAssessmentAnswer = z.infer<typeof requestedAssessmentsSchema>['items'][number];
/** One entry of an assessment's history. */
export type AssessmentHistoryEntry = z.infer<typeof assessmentHistorySchema>['items'][number];
/** What the approve route answers. */
export type AssessmentApproval = z.infer<typeof assessmentApprovalSchema>;
