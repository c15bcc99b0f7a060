import { z } from 'zod';
import { idSchema, labelsSchema } from '../metadata.schema.ts';
import { defineKind, ref, withFormat } from '../registry.ts';
import { dateSchema, ownerRef } from './fields.ts';

/** Which services a campaign asks for: listed ids, or every service of some tiers and/or labels. */
const campaignServicesSchema = z.union([
  z
    .array(ref(idSchema, ['Service']))
    .min(1)
    .meta({ description: 'The Services, by id.' }),
  z
    .strictObject({
      tiers: z
        .array(withFormat(z.int().min(1).max(4), 'tier'))
        .min(1)
        .optional(),
      labels: labelsSchema.optional().meta({ description: 'Every label must match.' }),
    })
    .meta({ description: 'Every Service of these tiers and with these labels.' }),
]);

/** A BIA round: service owners are asked to assess their services by a date. */
export const campaignSpecSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).meta({ title: 'Title' }),
  services: campaignServicesSchema.meta({
    title: 'Services',
    description: 'Service ids, or a selector `{tiers: [1, 2], labels: {...}}`.',
  }),
  opens: dateSchema.meta({
    title: 'Opens',
    description: 'The first day of the round: assessments dated from then count towards it.',
  }),
  due: dateSchema.meta({ title: 'Due', description: 'The date assessments are due.' }),
  owner: ownerRef().optional().meta({ title: 'Coordinator', description: 'Who runs the round.' }),
  instructions: z.string().max(20_000).optional().meta({ title: 'Instructions' }),
});

/** A Campaign's spec. */
export type CampaignSpec = z.infer<typeof campaignSpecSchema>;

/** The Campaign kind: progress is derived from the assessments, never stored. */
export const campaignKind = defineKind({
  kind: 'Campaign',
  plural: 'campaigns',
  title: 'BIA campaigns',
  singular: 'campaign',
  spec: campaignSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['title', 'opens', 'due'],
  form: ['title', 'opens', 'due', 'owner', 'instructions'],
  page: true,
  example: {
    metadata: { id: 'bia-2026', name: '2026 BIA round' },
    spec: {
      title: '2026 business impact analysis',
      services: { tiers: [1, 2] },
      opens: '2026-01-12',
      due: '2026-03-31',
      owner: 'ana',
      instructions: 'Assess each service against the policy horizons; submit by the due date.',
    },
  },
});
