import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { dateSchema, failureRef, ownerRef } from './fields.ts';

/** What a risk is about. */
export const RISK_CATEGORIES = [
  'natural',
  'technical',
  'cyber',
  'supplier',
  'people',
  'facility',
  'legal',
  'other',
] as const;

/** A level of the 5 x 5 scales. */
const scoreLevel = z.int().min(1).max(5);

/** A three-point estimate `{min, likely, max}` for a Beta-PERT distribution. */
function estimate(description: string, options: { positive?: boolean } = {}) {
  const value = options.positive ? z.number().positive().max(1e6) : z.number().min(0).max(1e15);
  return z
    .strictObject({ min: value, likely: value, max: value })
    .refine((range) => range.min <= range.likely && range.likely <= range.max, {
      message: 'a range needs min <= likely <= max',
    })
    .meta({ description });
}

/** A threat to the IT services, assessed and treated (ISO 22301 clause 8.2.3, ISO 31000). */
export const riskSpecSchema = z
  .strictObject({
    category: z.enum(RISK_CATEGORIES).meta({ title: 'Category' }),
    owner: ownerRef().meta({ title: 'Owner', description: 'The Person or Team who owns the risk.' }),
    description: z.string().trim().min(1).max(10_000).meta({ title: 'Description' }),
    scenario: z
      .strictObject({
        fail: z.array(failureRef()).min(1).meta({ description: 'The failure nodes the threat takes out.' }),
      })
      .optional()
      .meta({ title: 'Scenario', description: 'What the threat takes out, so its cost can be computed.' }),
    likelihood: scoreLevel.meta({ title: 'Likelihood', description: 'Inherent likelihood, 1 to 5.' }),
    impact: scoreLevel.meta({ title: 'Impact', description: 'Inherent impact, 1 to 5.' }),
    residual: z
      .strictObject({ likelihood: scoreLevel, impact: scoreLevel })
      .optional()
      .meta({ title: 'Residual', description: 'Likelihood and impact after treatment.' }),
    treatment: z
      .strictObject({
        decision: z.enum(['mitigate', 'transfer', 'accept', 'avoid']),
        description: z.string().max(10_000).optional(),
        actions: z
          .array(
            z.strictObject({
              title: z.string().trim().min(1).max(300),
              owner: ownerRef().optional(),
              due: dateSchema.optional(),
              status: z.enum(['open', 'done']),
            }),
          )
          .optional(),
      })
      .optional()
      .meta({ title: 'Treatment', description: 'The decision and the actions that carry it out.' }),
    acceptance: z
      .strictObject({
        by: ref(idSchema, ['Person']).meta({ description: 'The Person who accepted the risk.' }),
        on: dateSchema,
        until: dateSchema.meta({ description: 'When the acceptance ends and must be renewed.' }),
      })
      .optional()
      .meta({ title: 'Acceptance', description: 'Required when the decision is accept.' }),
    frequency: estimate('Events per year: {min, likely, max}.').optional().meta({ title: 'Frequency' }),
    loss: estimate("Money lost per event, in the policy's currency; absent: the scenario's computed cost.")
      .optional()
      .meta({ title: 'Loss per event' }),
    durationFactor: estimate(
      'Uncertainty on the scenario restore times; default {min: 1, likely: 1, max: 1}.',
      {
        positive: true,
      },
    )
      .optional()
      .meta({ title: 'Duration factor' }),
    lastReviewed: dateSchema.optional().meta({ title: 'Last reviewed' }),
  })
  .superRefine((spec, context) => {
    if (spec.treatment?.decision === 'accept' && !spec.acceptance)
      context.addIssue({
        code: 'custom',
        path: ['acceptance'],
        message: 'a risk whose decision is accept needs an acceptance: {by: a Person, on: date, until: date}',
      });
    if (spec.acceptance && spec.acceptance.until < spec.acceptance.on)
      context.addIssue({
        code: 'custom',
        path: ['acceptance', 'until'],
        message: `the acceptance ends (${spec.acceptance.until}) before it was given (${spec.acceptance.on})`,
      });
  });

/** A Risk's spec. */
export type RiskSpec = z.infer<typeof riskSpecSchema>;

/** The Risk kind. */
export const riskKind = defineKind({
  kind: 'Risk',
  plural: 'risks',
  title: 'Risks',
  singular: 'risk',
  spec: riskSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['category', 'owner', 'likelihood', 'impact', 'lastReviewed'],
  form: ['category', 'owner', 'description', 'likelihood', 'impact', 'lastReviewed'],
  filters: ['category', 'owner'],
  page: true,
  example: {
    metadata: { id: 'risk-dc-north-flood', name: 'Flood at the North data centre' },
    spec: {
      category: 'natural',
      owner: 'ops',
      description: 'The river next to the North data centre floods the ground floor.',
      scenario: { fail: ['dc-north'] },
      likelihood: 2,
      impact: 5,
      residual: { likelihood: 2, impact: 3 },
      treatment: {
        decision: 'mitigate',
        actions: [
          { title: 'Move the UPS to the first floor', owner: 'ops', due: '2026-09-30', status: 'open' },
        ],
      },
      frequency: { min: 0.01, likely: 0.05, max: 0.2 },
      durationFactor: { min: 0.8, likely: 1, max: 2 },
      lastReviewed: '2026-02-01',
    },
  },
});
