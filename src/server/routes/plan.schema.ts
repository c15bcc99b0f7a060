/**
 * The answers of the plan and incident routes, as zod schemas: the routes validate and document with them, and
 * the web application takes its types from them (`z.infer`). Only zod and the catalog's schemas here.
 */
import { z } from 'zod';
import { documentSchemas } from '../../catalog/kinds.ts';
import type { DocumentOf } from '../../catalog/kinds.ts';
import { failureKindSchema, impactServiceSchema, unrecoverableSchema } from './analysis.schema.ts';

/** A frozen version without its document: what the versions list shows. */
export const versionSummary = z.object({
  number: z.int(),
  checksum: z.string().meta({ description: 'SHA-256 of the approved content.' }),
  approvedBy: z.string(),
  approvedAt: z.string(),
});

/** `GET /api/v1/plans/{id}/versions/{number}`: a frozen version with the document as it was approved. */
export const planVersionSchema = versionSummary
  .extend({
    // A frozen version is a record of what was approved: it is answered as it was stored, even when the plan
    // schema has changed since, so it is not validated again on the way out.
    document: z
      .custom<DocumentOf<'Plan'>>((value) => typeof value === 'object' && value !== null)
      .meta({ description: 'The Plan document as it was approved.' }),
  })
  .meta({ id: 'PlanVersion' });

/** `GET /api/v1/plans/{id}/versions`. */
export const planVersionsSchema = z.object({ items: z.array(versionSummary) });

/** `POST /api/v1/plans/{id}/approve`: the plan as it now reads, and the version frozen. */
export const approvalSchema = z.object({ document: documentSchemas.Plan, version: planVersionSchema });

/** Whether a plan is due for review, and why. */
const reviewStatus = {
  due: z.boolean(),
  reasons: z.array(z.string()),
  nextReview: z.string().nullable(),
};

/** `GET /api/v1/plans/due`. */
export const duePlansSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), ...reviewStatus })),
});

/** `GET /api/v1/plans/{id}/recovery-order`. */
export const recoveryOrderSchema = z
  .object({
    plan: z.string(),
    fail: z.array(z.string()),
    items: z.array(
      z.object({
        id: z.string(),
        kind: failureKindSchema,
        startMinutes: z.number(),
        endMinutes: z.number(),
        waitsFor: z.array(z.string()),
      }),
    ),
    unrecoverable: unrecoverableSchema,
    services: z.array(impactServiceSchema),
    stepProblems: z.array(
      z.object({ type: z.enum(['cycle', 'contradiction']), steps: z.array(z.string()), message: z.string() }),
    ),
  })
  .meta({ id: 'RecoveryOrder' });

/** `GET /api/v1/incidents/{id}/figures`. */
export const incidentFiguresSchema = z
  .object({
    incident: z.string(),
    durationMinutes: z.number().nullable(),
    detectionMinutes: z.number().nullable(),
    services: z.array(
      z.object({
        id: z.string(),
        tier: z.int(),
        actualDowntimeMinutes: z.number().nullable(),
        rtoMinutes: z.number().nullable(),
        mtpdMinutes: z.number().nullable(),
        rpoMinutes: z.number().nullable(),
        rtoMet: z.boolean().nullable(),
        mtpdMet: z.boolean().nullable(),
        dataLossMinutes: z.number().nullable(),
        rpoMet: z.boolean().nullable(),
        objectivesAsOf: z.string().nullable(),
        objectivesBasis: z.enum(['in-force', 'earliest-known', 'current']),
        predictedRestoreMinutes: z.number().nullable(),
        predictionErrorMinutes: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'IncidentFigures' });

/** What every action of `GET /api/v1/actions` has, whatever its source. */
const actionFields = {
  index: z
    .int()
    .meta({ description: "Its position in its document's actions, treatment actions or findings." }),
  title: z.string(),
  owner: z.string().meta({ description: 'The Person or Team (a risk action without one: the risk owner).' }),
  due: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean().meta({ description: "Open and due before today (the server's UTC date)." }),
  document: z.string().meta({ description: 'The id of the incident, risk or exercise it belongs to.' }),
  documentTitle: z.string().meta({ description: "That document's title (a risk's name)." }),
};

/** `GET /api/v1/actions`: incident actions keep `incident`; exercise findings add their id and severity. */
export const actionsSchema = z.object({
  items: z.array(
    z.discriminatedUnion('source', [
      z.object({ incident: z.string(), ...actionFields, source: z.literal('incident') }),
      z.object({ ...actionFields, source: z.literal('risk') }),
      z.object({
        ...actionFields,
        source: z.literal('exercise'),
        finding: z.string().meta({ description: "The finding's id within the exercise." }),
        severity: z.enum(['low', 'medium', 'high', 'critical']),
      }),
    ]),
  ),
});

/** What the approve route answers. */
export type Approval = z.infer<typeof approvalSchema>;
/** One plan due for review. */
export type DuePlan = z.infer<typeof duePlansSchema>['items'][number];
/** A plan's recovery order beside its written steps. */
export type PlanRecoveryOrder = z.infer<typeof recoveryOrderSchema>;
/** A frozen version without its document. */
export type PlanVersionSummary = z.infer<typeof versionSummary>;
/** An incident's figures. */
export type IncidentFiguresAnswer = z.infer<typeof incidentFiguresSchema>;
/** One action of any source. */
export type TrackedActionAnswer = z.infer<typeof actionsSchema>['items'][number];
/** One corrective action of an incident. */
export type ActionAnswer = Extract<TrackedActionAnswer, { source: 'incident' }>;
