import { z } from 'zod';
import { defineKind, withFormat } from '../registry.ts';
import { dateSchema, durationSchema, failureNodeFields, ownerRef } from './fields.ts';

/** A service provided to the organisation: business (what users see) or IT (what supports it). */
export const serviceSpecSchema = z
  .strictObject({
    type: z
      .enum(['business', 'it'])
      .meta({ title: 'Type', description: 'What customers and staff see, or what supports it.' }),
    tier: withFormat(z.int().min(1).max(4), 'tier').meta({
      title: 'Tier',
      description: 'Criticality, 1 to 4, 1 the most critical.',
    }),
    owner: ownerRef()
      .optional()
      .meta({ title: 'Owner', description: 'The Team or Person responsible (a warning when missing).' }),
    rto: durationSchema.optional().meta({
      title: 'RTO',
      description: 'Recovery time objective: how soon it must be back after a disruption, e.g. 4h.',
    }),
    rpo: durationSchema.optional().meta({
      title: 'RPO',
      description: 'Recovery point objective: how much data, as time, it may lose, e.g. 15m.',
    }),
    mtpd: durationSchema.optional().meta({
      title: 'MTPD',
      description: 'Maximum tolerable period of disruption; the RTO must not exceed it.',
    }),
    function: z
      .strictObject({
        criticalOrImportant: z.enum(['yes', 'no', 'not-assessed']).meta({
          description:
            'Whether it is a critical or important function (DORA Art. 3(22)): yes, no or not-assessed.',
        }),
        reason: z
          .string()
          .trim()
          .min(1)
          .max(300)
          .optional()
          .meta({ description: 'Why, in at most 300 characters (the register keeps no more).' }),
        assessedOn: dateSchema
          .optional()
          .meta({ description: 'The date of the last criticality assessment.' }),
        licensedActivity: z.string().trim().min(1).max(200).optional().meta({
          description:
            'The licensed activity it serves (Annex II of Regulation (EU) 2024/2956), e.g. deposit taking.',
        }),
      })
      .optional()
      .meta({
        title: 'Function',
        description:
          'For a business service, the function the DORA register of information lists: whether it is critical ' +
          'or important, why, and when that was assessed.',
      }),
    ...failureNodeFields,
  })
  .superRefine((spec, context) => {
    if (spec.function && spec.type !== 'business')
      context.addIssue({
        code: 'custom',
        path: ['function'],
        message:
          'a function is assessed on a business service; move it to the business service this one supports',
        input: spec.function,
      });
  });

/** A Service's spec. */
export type ServiceSpec = z.infer<typeof serviceSpecSchema>;

/** The Service kind. */
export const serviceKind = defineKind({
  kind: 'Service',
  plural: 'services',
  title: 'Services',
  singular: 'service',
  spec: serviceSpecSchema,
  failureNode: true,
  ownerWritable: true,
  columns: ['type', 'tier', 'owner', 'rto', 'rpo', 'mtpd'],
  form: ['type', 'tier', 'owner', 'rto', 'rpo', 'mtpd', 'recovery', 'restart', 'activation', 'dependsOn'],
  filters: ['tier', 'type', 'owner'],
  missing: ['owner', 'rto', 'rpo', 'mtpd'],
  example: {
    metadata: { id: 'payments', name: 'Payments' },
    spec: {
      type: 'business',
      tier: 1,
      owner: 'ana',
      rto: '4h',
      rpo: '15m',
      mtpd: '1d',
      function: {
        criticalOrImportant: 'yes',
        reason: 'Customers cannot pay or be paid while it is down.',
        assessedOn: '2026-01-15',
        licensedActivity: 'payment services',
      },
      dependsOn: ['db-primary', { anyOf: ['telco'] }],
    },
  },
});
