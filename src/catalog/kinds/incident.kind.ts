import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { dateSchema, failureRef, instantSchema, ownerRef } from './fields.ts';

/** A disruption that happened: what failed, when, what it cost and what was learnt (ISO 22301 clause 10.1). */
export const incidentSpecSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).meta({ title: 'Title' }),
  summary: z.string().max(10_000).optional().meta({ title: 'Summary' }),
  started: instantSchema.meta({ title: 'Started', description: 'When the disruption began.' }),
  detected: instantSchema.optional().meta({ title: 'Detected', description: 'When someone noticed.' }),
  resolved: instantSchema.optional().meta({ title: 'Resolved', description: 'When service was restored.' }),
  failed: z
    .array(failureRef())
    .min(1)
    .meta({ title: 'What failed', description: 'The failure nodes that failed.' }),
  timeline: z
    .array(
      z.strictObject({
        at: instantSchema,
        entry: z.string().trim().min(1).max(2_000),
        by: ownerRef().optional().meta({ description: 'The Person or Team.' }),
      }),
    )
    .optional()
    .meta({ title: 'Timeline' }),
  dataLossMinutes: z
    .int()
    .min(0)
    .optional()
    .meta({ title: 'Data lost (minutes)', description: 'Data lost, as minutes of transactions.' }),
  rootCause: z.string().max(10_000).optional().meta({ title: 'Root cause' }),
  lessons: z.array(z.string().trim().min(1).max(2_000)).optional().meta({ title: 'Lessons learnt' }),
  actions: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(300),
        owner: ownerRef().meta({ description: 'The Person or Team who carries it out.' }),
        due: dateSchema,
        status: z.enum(['open', 'done']),
      }),
    )
    .optional()
    .meta({ title: 'Actions', description: 'Corrective actions (ISO 22301 clause 10.1).' }),
  plan: ref(idSchema, ['Plan'])
    .optional()
    .meta({ title: 'Plan invoked', description: 'The Plan that was invoked.' }),
});

/** An incident's spec. */
export type IncidentSpec = z.infer<typeof incidentSpecSchema>;

/** The Incident kind: it has a page of its own (figures against objectives, timeline, actions). */
export const incidentKind = defineKind({
  kind: 'Incident',
  plural: 'incidents',
  title: 'Incidents',
  singular: 'incident',
  spec: incidentSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['title', 'started', 'resolved'],
  form: ['title', 'summary', 'started', 'detected', 'resolved', 'rootCause', 'plan'],
  page: true,
  example: {
    metadata: { id: 'inc-2024-001', name: 'North data centre power loss' },
    spec: {
      title: 'North data centre power loss',
      started: '2024-05-01T08:00:00Z',
      resolved: '2024-05-01T14:00:00Z',
      failed: ['dc-north'],
      actions: [{ title: 'Test the generator monthly', owner: 'ana', due: '2024-07-01', status: 'open' }],
      plan: 'plan-dc-north',
    },
  },
});
