import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { ICT_SERVICE_TYPE_CODES } from '../../suppliers/codes.ts';
import { countrySchema, currencySchema, leiSchema } from '../../suppliers/fields.ts';
import { dateSchema } from './fields.ts';

/** How a contractual arrangement stands to others (DORA register B_02.01.0020). */
export const CONTRACT_TYPES = ['standalone', 'overarching', 'subsequent'] as const;

/** Why an arrangement ended (B_02.02.0090), in the register's order. */
export const TERMINATION_REASONS = [
  'expired',
  'provider-breach',
  'provider-impediment',
  'data-security',
  'authority',
  'other',
] as const;

/** How much the organisation relies on the ICT service (B_02.02.0180), from the least. */
export const RELIANCE_LEVELS = ['not-significant', 'low', 'material', 'full'] as const;

const ictServiceType = () =>
  z.enum(ICT_SERVICE_TYPE_CODES).meta({
    description:
      'The ICT service type of Annex III to Regulation (EU) 2024/2956: S01 project management ... S17 IaaS, ' +
      'S18 PaaS, S19 SaaS.',
  });

const days = () => z.int().min(0).max(36_500);

/**
 * A contractual arrangement with an ICT supplier (DORA Art. 28(3)): the register of information's row, as the
 * continuity manager keeps it beside the supplier it binds.
 */
export const contractSpecSchema = z
  .strictObject({
    reference: z
      .string()
      .min(1)
      .max(255)
      .regex(/^\S(.*\S)?$/, 'a reference has no leading or trailing spaces')
      .meta({
        title: 'Reference',
        description:
          'The contract reference number, unique among the contracts and never changed (the key of the register).',
      }),
    type: z.enum(CONTRACT_TYPES).meta({
      title: 'Type',
      description:
        'standalone; overarching (a framework agreement others sit under); or subsequent (under an overarching one).',
    }),
    overarching: ref(idSchema, ['Contract']).optional().meta({
      title: 'Overarching contract',
      description: 'For a subsequent contract (and only then): the overarching Contract it sits under.',
    }),
    vendor: ref(idSchema, ['Vendor']).meta({
      title: 'Supplier',
      description: 'The Vendor that provides it.',
    }),
    entity: leiSchema.optional().meta({
      title: 'Signing entity',
      description:
        "The LEI of the entity in scope that signed it and uses it (the Policy's organisation or one of its " +
        'entities); default the organisation.',
    }),
    services: z
      .array(ref(idSchema, ['Service']))
      .optional()
      .meta({
        title: 'Functions supported',
        description: 'The business Services (the functions, in the register) that rely on it.',
      }),
    ictServiceType: ictServiceType().meta({ title: 'ICT service type' }),
    start: dateSchema.meta({ title: 'Start', description: 'The date it took effect.' }),
    end: dateSchema.optional().meta({
      title: 'End',
      description:
        'The date it ends or ended (the actual date when terminated early); absent when open-ended.',
    }),
    terminationReason: z
      .enum(TERMINATION_REASONS)
      .optional()
      .meta({
        title: 'Termination reason',
        description:
          'Why it ended, once the end has passed: expired (not renewed), provider-breach, provider-impediment, ' +
          'data-security, authority (requested by a supervisor) or other.',
      }),
    noticePeriods: z
      .strictObject({
        entity: days()
          .optional()
          .meta({ description: 'Days of notice the organisation must give to end it.' }),
        provider: days().optional().meta({ description: 'Days of notice the supplier must give.' }),
      })
      .optional()
      .meta({ title: 'Notice periods', description: 'Days of notice each side must give to terminate.' }),
    governingLaw: countrySchema
      .optional()
      .meta({ title: 'Governing law', description: 'The country whose law governs it.' }),
    provisionCountry: countrySchema.optional().meta({
      title: 'Country of provision',
      description: 'The country the service is provided from.',
    }),
    data: z
      .strictObject({
        stored: z.boolean().meta({ description: 'Whether the supplier stores the organisation’s data.' }),
        storageLocations: z
          .array(countrySchema)
          .optional()
          .meta({ description: 'The countries where the data is at rest.' }),
        processingLocations: z
          .array(countrySchema)
          .optional()
          .meta({ description: 'The countries where the data is processed.' }),
        sensitivity: z
          .enum(['low', 'medium', 'high'])
          .optional()
          .meta({ description: 'How sensitive the data is.' }),
      })
      .optional()
      .meta({
        title: 'Data',
        description: 'Whether the supplier stores data, where, and how sensitive it is.',
      }),
    reliance: z.enum(RELIANCE_LEVELS).optional().meta({
      title: 'Reliance',
      description: 'How much the organisation relies on the service: not-significant, low, material or full.',
    }),
    annualCost: z
      .strictObject({
        amount: z
          .number()
          .min(0)
          .meta({ description: 'The annual expense, or the estimated cost of the past year.' }),
        currency: currencySchema,
      })
      .optional()
      .meta({
        title: 'Annual cost',
        description: 'Annual expense or estimated cost, with its ISO 4217 currency.',
      }),
    subcontractors: z
      .array(
        z.strictObject({
          vendor: ref(idSchema, ['Vendor']).meta({ description: 'The subcontractor, a Vendor.' }),
          ictServiceType: ictServiceType(),
          rank: z
            .int()
            .min(2)
            .max(99)
            .meta({
              description:
                'Its place in the supply chain: 2 for a subcontractor of the supplier, 3 for a subcontractor of a ' +
                'rank-2 one, and so on (the supplier itself is rank 1).',
            }),
        }),
      )
      .optional()
      .meta({
        title: 'Subcontractors',
        description:
          'The supply chain below the supplier: who provides part of the service, and at which rank.',
      }),
  })
  .superRefine((spec, context) => {
    if (spec.type === 'subsequent' && spec.overarching === undefined)
      context.addIssue({
        code: 'custom',
        path: ['type'],
        message: 'a subsequent contract names its overarching contract in overarching',
        input: spec.type,
      });
    if (spec.type !== 'subsequent' && spec.overarching !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['overarching'],
        message: `only a subsequent contract sits under an overarching one; this one is ${spec.type}`,
        input: spec.overarching,
      });
    if (spec.end !== undefined && spec.end < spec.start)
      context.addIssue({
        code: 'custom',
        path: ['end'],
        message: `the contract ends before it starts (${spec.start})`,
        input: spec.end,
      });
    const ranks = new Set((spec.subcontractors ?? []).map((entry) => entry.rank));
    for (const [index, entry] of (spec.subcontractors ?? []).entries()) {
      if (entry.rank > 2 && !ranks.has(entry.rank - 1))
        context.addIssue({
          code: 'custom',
          path: ['subcontractors', index, 'rank'],
          message: `a rank-${entry.rank} subcontractor works for one of rank ${entry.rank - 1}, and none is listed`,
          input: entry.rank,
        });
      if (entry.vendor === spec.vendor)
        context.addIssue({
          code: 'custom',
          path: ['subcontractors', index, 'vendor'],
          message: 'the supplier itself is rank 1: list only its subcontractors here',
          input: entry.vendor,
        });
    }
  });

/** A Contract's spec. */
export type ContractSpec = z.infer<typeof contractSpecSchema>;

/**
 * The Contract kind. Like its Vendor, only admins and continuity managers write it: a contract binds the whole
 * organisation and feeds the regulator's register, so it has no owner scope.
 */
export const contractKind = defineKind({
  kind: 'Contract',
  plural: 'contracts',
  title: 'Contracts',
  singular: 'contract',
  spec: contractSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['reference', 'vendor', 'type', 'ictServiceType', 'end'],
  form: [
    'reference',
    'type',
    'overarching',
    'vendor',
    'entity',
    'services',
    'ictServiceType',
    'start',
    'end',
    'terminationReason',
    'governingLaw',
    'provisionCountry',
    'reliance',
  ],
  filters: ['vendor', 'type', 'ictServiceType'],
  missing: ['end', 'services'],
  example: {
    metadata: { id: 'ctr-telco-network', name: 'Telco network services agreement' },
    spec: {
      reference: 'CTR-2024-017',
      type: 'standalone',
      vendor: 'telco',
      entity: '5299000EXAMPLEBANK10',
      services: ['payments'],
      ictServiceType: 'S10',
      start: '2024-01-01',
      end: '2027-12-31',
      noticePeriods: { entity: 90, provider: 180 },
      governingLaw: 'IE',
      provisionCountry: 'IE',
      data: {
        stored: true,
        storageLocations: ['IE'],
        processingLocations: ['IE', 'FR'],
        sensitivity: 'medium',
      },
      reliance: 'material',
      annualCost: { amount: 120_000, currency: 'EUR' },
    },
  },
});
