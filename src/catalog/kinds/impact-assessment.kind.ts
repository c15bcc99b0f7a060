import { z } from 'zod';
import { parseDuration } from '../duration.ts';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { dateSchema, durationSchema, instantSchema } from './fields.ts';

/** A horizon key (`4h`) and its minutes, for the order checks below. */
function byHorizon<V>(values: Record<string, V>): [string, number, V][] {
  return Object.entries(values)
    .map(([horizon, value]) => [horizon, parseDuration(horizon) ?? Number.NaN, value] as [string, number, V])
    .sort((a, b) => a[1] - b[1]);
}

/** A map from a horizon (a duration) to a value, whose keys must be durations. */
function horizonMap<V extends z.ZodType>(value: V) {
  return z.record(durationSchema, value);
}

/** Values that must not decrease as the outage gets longer: an outage only gets worse with time. */
function notDecreasing(
  values: Record<string, number>,
  context: z.core.$RefinementCtx<unknown>,
  path: (string | number)[],
  what: string,
): void {
  const ordered = byHorizon(values);
  for (let index = 1; index < ordered.length; index += 1) {
    const [horizon, , value] = ordered[index]!;
    const [beforeHorizon, , before] = ordered[index - 1]!;
    if (value < before)
      context.addIssue({
        code: 'custom',
        path: [...path, horizon],
        message: `${what} must not decrease over time: ${value} at ${horizon} is below ${before} at ${beforeHorizon}`,
      });
  }
}

/** A business impact analysis of one service (ISO 22301 clause 8.2.2, NIST SP 800-34 section 3.2). */
export const impactAssessmentSpecSchema = z
  .strictObject({
    service: ref(idSchema, ['Service']).meta({ title: 'Service', description: 'The Service assessed.' }),
    assessedBy: ref(idSchema, ['Person']).meta({ title: 'Assessed by', description: 'Who answered.' }),
    assessedOn: dateSchema.meta({ title: 'Assessed on', description: 'The date of the assessment.' }),
    impacts: z
      .record(
        z.string().regex(/^[a-z][a-z0-9-]*$/, 'a category id is lowercase letters, digits and hyphens'),
        horizonMap(z.int().min(0).max(9)),
      )
      .meta({
        title: 'Impacts',
        description:
          'For each impact category of the policy, the impact level after an outage of each horizon ' +
          '(`financial: {1h: 1, 4h: 2, 1d: 4}`). Levels must not decrease over time.',
      }),
    loss: horizonMap(z.number().min(0).max(1e15)).optional().meta({
      title: 'Loss',
      description:
        "Money lost in total after an outage of each horizon, in the policy's currency. Must not decrease over time.",
    }),
    mbco: z.string().max(10_000).optional().meta({
      title: 'Minimum capacity',
      description: 'The minimum business continuity objective: what is acceptable while recovering.',
    }),
    notes: z.string().max(10_000).optional().meta({ title: 'Notes' }),
    status: z
      .enum(['draft', 'submitted', 'approved'])
      .optional()
      .meta({
        title: 'Status',
        description:
          'Worked out by the server: approved while the assessment says what its latest approved version says, ' +
          'submitted after its owner submits it, draft otherwise. Never taken from a client or a file.',
      }),
    approvedBy: z
      .string()
      .max(200)
      .optional()
      .meta({ title: 'Approved by', description: 'Worked out by the server from the approved version.' }),
    approvedAt: instantSchema
      .optional()
      .meta({ title: 'Approved at', description: 'Worked out by the server from the approved version.' }),
  })
  .superRefine((spec, context) => {
    for (const [category, levels] of Object.entries(spec.impacts))
      notDecreasing(levels, context, ['impacts', category], `the ${category} impact level`);
    if (spec.loss) notDecreasing(spec.loss, context, ['loss'], 'the loss');
  });

/** An ImpactAssessment's spec. */
export type ImpactAssessmentSpec = z.infer<typeof impactAssessmentSpecSchema>;

/** The ImpactAssessment kind: a service's BIA; its owner writes and submits it, a manager approves it. */
export const impactAssessmentKind = defineKind({
  kind: 'ImpactAssessment',
  plural: 'assessments',
  title: 'Impact assessments',
  singular: 'impact assessment',
  spec: impactAssessmentSpecSchema,
  failureNode: false,
  ownerWritable: true,
  ownedThrough: 'service',
  approval: {},
  columns: ['service', 'assessedOn', 'status'],
  form: ['service', 'assessedBy', 'assessedOn', 'mbco', 'notes'],
  filters: ['service'],
  page: true,
  example: {
    metadata: { id: 'bia-payments', name: 'Payments BIA' },
    spec: {
      service: 'payments',
      assessedBy: 'ana',
      assessedOn: '2026-03-02',
      impacts: {
        financial: { '1h': 1, '4h': 2, '1d': 4, '3d': 5, '1w': 5, '4w': 5 },
        customers: { '1h': 2, '4h': 3, '1d': 4, '3d': 5, '1w': 5, '4w': 5 },
      },
      loss: { '1h': 10_000, '4h': 60_000, '1d': 400_000, '3d': 1_500_000, '1w': 4_000_000, '4w': 12_000_000 },
      mbco: 'Card payments and transfers up to 20% of normal volume.',
    },
  },
});
