import { z } from 'zod';
import { parseDuration } from '../duration.ts';
import { defineKind, withFormat } from '../registry.ts';
import { EXERCISE_TYPES } from './exercise.kind.ts';
import { ENTITY_TYPES } from '../../suppliers/codes.ts';
import { countrySchema, currencySchema, leiSchema } from '../../suppliers/fields.ts';
import { durationSchema } from './fields.ts';
import { CHECK_IDS, SEVERITIES } from '../vocabulary.ts';

/** One named level of a 1..n scale (impact, likelihood), with what it means. */
const levelSchema = z.strictObject({
  level: z.int().min(1).max(9),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2_000).optional(),
});

/** Levels listed once each, from 1 up without gaps, so a level number always has a name. */
function countedLevels(levels: readonly { level: number }[], context: z.core.$RefinementCtx<unknown>): void {
  levels.forEach((entry, index) => {
    if (entry.level !== index + 1)
      context.addIssue({
        code: 'custom',
        path: [index, 'level'],
        message: `levels are numbered 1, 2, 3... in order: expected ${index + 1} here, not ${entry.level}`,
      });
  });
}

const levelsSchema = z.array(levelSchema).min(2).max(9).superRefine(countedLevels);

/** The organisation's business impact analysis method (ISO 22301 clause 8.2.2). */
const impactSchema = z
  .strictObject({
    categories: z
      .array(
        z.strictObject({
          id: z
            .string()
            .regex(/^[a-z][a-z0-9-]*$/, 'a category id is lowercase letters, digits and hyphens')
            .max(63),
          name: z.string().trim().min(1).max(100),
        }),
      )
      .min(1)
      .max(20)
      .optional()
      .meta({
        description: 'Impact categories. Default: financial, customers, regulatory, reputational, safety.',
      }),
    levels: levelsSchema.optional().meta({
      description: 'Impact levels, 1 the least. Default: 1 Minimal, 2 Minor, 3 Moderate, 4 Major, 5 Severe.',
    }),
    horizons: z
      .array(durationSchema)
      .min(1)
      .max(20)
      .superRefine((horizons, context) => {
        horizons.forEach((horizon, index) => {
          if (index === 0) return;
          const before = parseDuration(horizons[index - 1]!) ?? 0;
          if ((parseDuration(horizon) ?? 0) <= before)
            context.addIssue({
              code: 'custom',
              path: [index],
              message: `horizons go from the shortest to the longest: "${horizon}" comes after "${horizons[index - 1]}"`,
            });
        });
      })
      .optional()
      .meta({ description: 'Outage lengths the assessments answer for. Default: 1h, 4h, 1d, 3d, 1w, 4w.' }),
    tolerance: z
      .int()
      .min(1)
      .max(9)
      .optional()
      .meta({ description: 'The impact level that is no longer tolerable: it sets the MTPD. Default 4.' }),
  })
  .meta({
    title: 'Impact scales',
    description: 'Categories, levels, horizons and the tolerance of the BIA.',
  });

/** How risks are scored and quantified (ISO 22301 clause 8.2.3, ISO 31000). */
const riskPolicySchema = z
  .strictObject({
    likelihood: levelsSchema
      .optional()
      .meta({ description: 'Likelihood levels, 1 the least. Default: 1 Rare ... 5 Almost certain.' }),
    impact: levelsSchema
      .optional()
      .meta({ description: 'Impact levels, 1 the least. Default: 1 Minimal ... 5 Severe.' }),
    appetite: z
      .int()
      .min(1)
      .max(81)
      .optional()
      .meta({ description: 'The highest acceptable likelihood x impact score. Default 9.' }),
    runs: z
      .int()
      .min(100)
      .max(1_000_000)
      .optional()
      .meta({ description: 'Years simulated per risk by the quantification. Default 10,000.' }),
  })
  .meta({ title: 'Risk scales', description: 'Likelihood and impact levels, appetite, simulation runs.' });

/** The exercise programme (ISO 22301 clause 8.5, DORA Art. 11(6)): how often each tier's plans are exercised. */
const exercisePolicySchema = z
  .strictObject({
    interval: durationSchema.optional().meta({
      description:
        'The longest time between two exercises of a plan for a tier the programme does not list (or no tier). Default 52w.',
    }),
    tiers: z
      .array(
        z.strictObject({
          tier: withFormat(z.int().min(1).max(4), 'tier'),
          interval: durationSchema.optional().meta({ description: 'Default the programme interval.' }),
          atLeast: z
            .enum(EXERCISE_TYPES)
            .optional()
            .meta({
              description:
                'The lightest type that counts (communication < walkthrough < tabletop < simulation < restore-test ' +
                '< parallel < full-interruption); default any.',
            }),
        }),
      )
      .max(4)
      .superRefine((tiers, context) => {
        const seen = new Set<number>();
        tiers.forEach((entry, index) => {
          if (seen.has(entry.tier))
            context.addIssue({
              code: 'custom',
              path: [index, 'tier'],
              message: `tier ${entry.tier} is listed twice in the exercise programme`,
            });
          seen.add(entry.tier);
        });
      })
      .optional()
      .meta({
        description:
          'Per tier, the interval and the lightest type that counts; when given, it replaces the defaults: tier 1 ' +
          'every 26w, parallel or heavier; tier 2 every 52w, simulation or heavier; tiers 3 and 4 every 52w, any type.',
      }),
    trainingValidFor: durationSchema.optional().meta({
      description:
        'How long a training session or an exercise keeps a person trained on a plan. Default 52w.',
    }),
  })
  .meta({
    title: 'Exercise programme',
    description: 'Exercise intervals and types per tier, training validity.',
  });

/** How the compliance checks apply (docs/compliance.md): per check, the tiers it covers and its severity. */
const compliancePolicySchema = z
  .strictObject({
    checks: z
      .array(
        z.strictObject({
          check: z.enum(CHECK_IDS).meta({ description: 'The check: C01 ... C17.' }),
          tiers: z
            .array(withFormat(z.int().min(1).max(4), 'tier'))
            .max(4)
            .optional()
            .meta({
              description: "The service tiers it applies to, for a check by tier. Default the check's own.",
            }),
          severity: z.enum(SEVERITIES).optional().meta({
            description: "How much a failure matters: high, medium or low. Default the check's own.",
          }),
        }),
      )
      .max(CHECK_IDS.length)
      .superRefine((checks, context) => {
        const seen = new Set<string>();
        checks.forEach((entry, index) => {
          if (seen.has(entry.check))
            context.addIssue({
              code: 'custom',
              path: [index, 'check'],
              message: `${entry.check} is listed twice in the compliance policy`,
            });
          seen.add(entry.check);
        });
      })
      .optional()
      .meta({ description: 'Per check, the tiers and the severity; checks not listed keep their defaults.' }),
  })
  .meta({
    title: 'Compliance checks',
    description: 'The tiers each compliance check covers and its severity.',
  });

/** An entity of a group in the register's scope, besides the organisation itself (DORA register B_01.02). */
const entitySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  lei: leiSchema,
  country: countrySchema,
  type: z.enum(ENTITY_TYPES).meta({ description: 'Its entity type, as for the organisation.' }),
  parent: leiSchema.optional().meta({
    description:
      "The LEI of its direct parent: the organisation's or another entity's; default the organisation.",
  }),
  totalAssets: z.number().min(0).optional().meta({
    description: "Its total assets, in the policy's currency (the register asks it of financial entities).",
  }),
});

/** Who the organisation is: its name and currency, and what the DORA register of information needs of it. */
const organisationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    currency: currencySchema.meta({
      description: 'ISO 4217 code of the money amounts (BIA losses, risk losses, total assets).',
    }),
    lei: leiSchema
      .optional()
      .meta({ description: 'Its Legal Entity Identifier (ISO 17442), check digits verified.' }),
    country: countrySchema.optional().meta({ description: 'Where it is established, ISO 3166-1 alpha-2.' }),
    entityType: z
      .enum(ENTITY_TYPES)
      .optional()
      .meta({
        description:
          "Its type in the register's list: credit-institution, investment-firm, payment-institution, " +
          'insurance-undertaking... (docs/suppliers.md lists them with their codes).',
      }),
    competentAuthority: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: 'The supervisor it reports to (BaFin, Central Bank of Ireland...).' }),
    totalAssets: z
      .number()
      .min(0)
      .optional()
      .meta({ description: "Its total assets, in the policy's currency." }),
    entities: z
      .array(entitySchema)
      .max(1_000)
      .optional()
      .meta({ description: 'The other entities of its group in scope of the register, each with its LEI.' }),
  })
  .superRefine((organisation, context) => {
    const leis = new Map<string, string>();
    if (organisation.lei) leis.set(organisation.lei, 'the organisation');
    for (const [index, entity] of (organisation.entities ?? []).entries()) {
      const first = leis.get(entity.lei);
      if (first)
        context.addIssue({
          code: 'custom',
          path: ['entities', index, 'lei'],
          message: `the LEI is already ${first}'s: each entity in scope is listed once`,
          input: entity.lei,
        });
      else leis.set(entity.lei, `"${entity.name}"`);
    }
    for (const [index, entity] of (organisation.entities ?? []).entries()) {
      if (entity.parent === undefined) continue;
      if (entity.parent === entity.lei)
        context.addIssue({
          code: 'custom',
          path: ['entities', index, 'parent'],
          message: 'an entity is not its own parent: leave parent out when the organisation is',
          input: entity.parent,
        });
      else if (!leis.has(entity.parent))
        context.addIssue({
          code: 'custom',
          path: ['entities', index, 'parent'],
          message: "the parent is neither the organisation's LEI nor another entity's",
          input: entity.parent,
        });
    }
  });

/** The organisation's continuity policy: BIA scales, tiers, review interval, risk scales. At most one. */
export const policySpecSchema = z
  .strictObject({
    organisation: organisationSchema.optional().meta({
      title: 'Organisation',
      description:
        'Its name, the currency of every amount, and what the DORA register of information says of it (LEI, ' +
        'country, entity type, authority, total assets, the entities in scope).',
    }),
    impact: impactSchema.optional(),
    workRecovery: durationSchema.optional().meta({
      title: 'Work recovery time',
      description:
        'Time needed after recovery to verify and catch up (WRT): suggested RTO = MTPD - WRT. Default 0m.',
    }),
    reviewInterval: durationSchema.optional().meta({
      title: 'Review interval',
      description: 'How old an assessment or a risk review may get before it is due again. Default 52w.',
    }),
    tiers: z
      .array(
        z.strictObject({
          tier: withFormat(z.int().min(1).max(4), 'tier'),
          mtpdUpTo: durationSchema.meta({
            description: 'The longest MTPD that still puts a service in this tier.',
          }),
        }),
      )
      .min(1)
      .max(4)
      .superRefine((tiers, context) => {
        tiers.forEach((entry, index) => {
          if (index === 0) return;
          const before = tiers[index - 1]!;
          if (
            entry.tier <= before.tier ||
            (parseDuration(entry.mtpdUpTo) ?? 0) <= (parseDuration(before.mtpdUpTo) ?? 0)
          )
            context.addIssue({
              code: 'custom',
              path: [index],
              message: `tiers go from 1 up with longer MTPDs: tier ${entry.tier} (${entry.mtpdUpTo}) comes after tier ${before.tier} (${before.mtpdUpTo})`,
            });
        });
      })
      .optional()
      .meta({ title: 'Tiers', description: 'Tier by MTPD. Default: 1 up to 4h, 2 up to 1d, 3 up to 1w.' }),
    risk: riskPolicySchema.optional(),
    exercises: exercisePolicySchema.optional(),
    compliance: compliancePolicySchema.optional(),
  })
  .superRefine((spec, context) => {
    const levels = spec.impact?.levels?.length ?? 5;
    const tolerance = spec.impact?.tolerance;
    if (tolerance !== undefined && tolerance > levels)
      context.addIssue({
        code: 'custom',
        path: ['impact', 'tolerance'],
        message: `the tolerance ${tolerance} is not one of the ${levels} impact levels`,
      });
  });

/** A Policy's spec. */
export type PolicySpec = z.infer<typeof policySpecSchema>;

/** The Policy kind: at most one per catalog; defaults stand in for whatever it leaves out. */
export const policyKind = defineKind({
  kind: 'Policy',
  plural: 'policies',
  title: 'Policy',
  singular: 'policy',
  spec: policySpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['workRecovery', 'reviewInterval'],
  form: ['workRecovery', 'reviewInterval'],
  example: {
    metadata: { id: 'policy', name: 'Continuity policy' },
    spec: {
      organisation: {
        name: 'Example Ltd',
        currency: 'EUR',
        lei: '5299000EXAMPLEBANK10',
        country: 'DE',
        entityType: 'credit-institution',
        competentAuthority: 'BaFin',
        totalAssets: 5_000_000_000,
        entities: [
          {
            name: 'Example Payments GmbH',
            lei: '5299000EXAMPLEPAYS14',
            country: 'DE',
            type: 'payment-institution',
            parent: '5299000EXAMPLEBANK10',
            totalAssets: 40_000_000,
          },
        ],
      },
      impact: { horizons: ['1h', '4h', '1d', '3d', '1w', '4w'], tolerance: 4 },
      workRecovery: '30m',
      reviewInterval: '52w',
      tiers: [
        { tier: 1, mtpdUpTo: '4h' },
        { tier: 2, mtpdUpTo: '1d' },
        { tier: 3, mtpdUpTo: '1w' },
      ],
      exercises: { interval: '52w', tiers: [{ tier: 1, interval: '26w', atLeast: 'parallel' }] },
    },
  },
});
