import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { isEuCountry } from '../../suppliers/codes.ts';
import { countrySchema, identifierSchema } from '../../suppliers/fields.ts';
import { dateSchema, failureNodeFields } from './fields.ts';

/** How hard a supplier is to replace (DORA register, B_07.01.0050), from the easiest. */
export const SUBSTITUTABILITY_LEVELS = ['easy', 'medium', 'highly-complex', 'not-substitutable'] as const;

/** A supplier: cloud provider, telecom, SaaS vendor, outsourcer. */
export const vendorSpecSchema = z
  .strictObject({
    contact: z
      .string()
      .max(200)
      .optional()
      .meta({ title: 'Contact', description: 'Who to call at the supplier.' }),
    email: z.email().optional().meta({ title: 'Email' }),
    phone: z.string().max(50).optional().meta({ title: 'Phone' }),
    url: z
      .url({ protocol: /^https?$/, error: 'a web address starting with http:// or https://' })
      .optional()
      .meta({ title: 'Web site', description: 'http or https; a status page is the most useful.' }),
    identifier: identifierSchema.optional(),
    country: countrySchema.optional().meta({
      title: 'Country',
      description: 'Where its headquarters are, ISO 3166-1 alpha-2 (`IE`, `GB`, `US`).',
    }),
    personType: z.enum(['legal', 'individual']).optional().meta({
      title: 'Person type',
      description: 'A legal person (the default) or an individual acting in a business capacity.',
    }),
    parent: ref(idSchema, ['Vendor']).optional().meta({
      title: 'Ultimate parent',
      description: 'The Vendor at the top of its group, when it is not its own ultimate parent.',
    }),
    substitutability: z
      .strictObject({
        level: z.enum(SUBSTITUTABILITY_LEVELS).meta({
          description: 'How hard it is to replace: easy, medium, highly-complex or not-substitutable.',
        }),
        reason: z
          .enum(['no-alternative', 'difficult-migration', 'both'])
          .optional()
          .meta({
            description:
              'Why, for highly-complex or not-substitutable: no real alternative, a difficult migration or ' +
              'reintegration, or both.',
          }),
      })
      .optional()
      .meta({ title: 'Substitutability', description: 'How hard it would be to replace, and why.' }),
    alternatives: z
      .array(ref(idSchema, ['Vendor']))
      .optional()
      .meta({
        title: 'Alternatives',
        description: 'Vendors that could take over its services (considered in the exit plan).',
      }),
    exitPlan: z
      .strictObject({
        plan: ref(idSchema, ['Plan']).meta({ description: 'The Plan that moves away from the supplier.' }),
        lastTested: dateSchema.optional().meta({ description: 'When the exit plan was last tested.' }),
      })
      .optional()
      .meta({
        title: 'Exit plan',
        description:
          'The plan for leaving the supplier and when it was last tested (DORA Art. 28(8)); a supplier of a ' +
          'critical or important function needs one tested within 12 months.',
      }),
    lastAudit: dateSchema.optional().meta({
      title: 'Last audit',
      description:
        "The date of the organisation's last audit of the supplier (not a certificate or the supplier's own report).",
    }),
    ...failureNodeFields,
  })
  .superRefine((spec, context) => {
    const { identifier, personType = 'legal', country } = spec;
    if (!identifier || personType !== 'legal') return;
    if (identifier.type !== 'LEI' && identifier.type !== 'EUID')
      context.addIssue({
        code: 'custom',
        path: ['identifier', 'type'],
        message:
          'a legal person is identified by an LEI or an EUID (or set personType: individual for a person acting ' +
          'in a business capacity)',
        input: identifier.type,
      });
    else if (identifier.type === 'EUID' && country !== undefined && !isEuCountry(country))
      context.addIssue({
        code: 'custom',
        path: ['identifier', 'type'],
        message: `an EUID identifies EU companies only; a supplier in ${country} is identified by its LEI`,
        input: identifier.type,
      });
  });

/** A Vendor's spec. */
export type VendorSpec = z.infer<typeof vendorSpecSchema>;

/** The Vendor kind. */
export const vendorKind = defineKind({
  kind: 'Vendor',
  plural: 'vendors',
  title: 'Vendors',
  singular: 'vendor',
  spec: vendorSpecSchema,
  failureNode: true,
  ownerWritable: false,
  columns: ['contact', 'email', 'phone'],
  form: [
    'contact',
    'email',
    'phone',
    'url',
    'country',
    'personType',
    'parent',
    'alternatives',
    'lastAudit',
    'recovery',
    'restart',
    'activation',
    'dependsOn',
  ],
  example: {
    metadata: { id: 'telco', name: 'Telco Ltd' },
    spec: {
      contact: 'NOC',
      phone: '+44 20 7946 0003',
      identifier: { type: 'LEI', code: '9695000CLOUDYSERVS17' },
      country: 'FR',
      personType: 'legal',
      substitutability: { level: 'highly-complex', reason: 'difficult-migration' },
      lastAudit: '2025-11-20',
    },
  },
});
