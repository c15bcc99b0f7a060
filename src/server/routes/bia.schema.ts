/**
 * The answers of the BIA analysis, as zod schemas: `GET /api/v1/analysis/bia`, and the `businessImpact` of the
 * impact answers. The routes validate and document with them and the web application takes its types from them.
 * Only zod here.
 */
import { z } from 'zod';

/** One service in the BIA analysis; null where there is no value. */
const biaServiceSchema = z.object({
  id: z.string(),
  assessment: z
    .string()
    .nullable()
    .meta({ description: 'The id of its current (latest approved) assessment.' }),
  levels: z
    .array(z.int().nullable())
    .meta({ description: "The impact level at each of the policy's horizons (null: no current BIA)." }),
  loss: z.array(z.number().nullable()).meta({
    description:
      "The money lost after an outage of each horizon, in the policy's currency (null: no figures).",
  }),
  derivedMtpdMinutes: z
    .number()
    .nullable()
    .meta({ description: 'The first horizon at which the impact reaches the tolerance.' }),
  mtpdMinutes: z.number().nullable().meta({ description: 'The declared MTPD, else the derived one.' }),
  suggestedRtoMinutes: z
    .number()
    .nullable()
    .meta({ description: 'The derived MTPD less the work recovery time.' }),
  suggestedTier: z
    .int()
    .nullable()
    .meta({ description: 'The first policy tier whose MTPD bound is not before the derived MTPD.' }),
});

/** `GET /api/v1/analysis/bia`. */
export const biaAnalysisSchema = z
  .object({
    tolerance: z.int().meta({ description: 'The impact level that is no longer tolerable.' }),
    horizons: z.array(z.number()).meta({ description: "The policy's horizons, in minutes." }),
    services: z.array(biaServiceSchema),
  })
  .meta({ id: 'BiaAnalysis' });

/** What a scenario costs: `businessImpact` in the impact answers. */
export const businessImpactSchema = z
  .object({
    currency: z.string().meta({ description: "The policy's currency (ISO 4217)." }),
    totalLoss: z.number().nullable().meta({
      description:
        'The sum of the losses of the down services with a current BIA; null when one is unbounded (never back).',
    }),
    lossKnown: z.boolean().meta({
      description:
        'False when the total is a lower bound (a restore time is one, or a BIA gives no loss figures) or unbounded.',
    }),
    peakLevel: z.int().meta({ description: 'The highest impact level a down service reaches.' }),
    toleranceReachedAtMinutes: z.number().nullable().meta({
      description:
        'The first horizon at which a service still down is at the tolerance; null when none is in this scenario.',
    }),
    services: z.array(
      z.object({
        id: z.string(),
        outageMinutes: z.number().nullable().meta({ description: 'Its restore time; null when never back.' }),
        level: z.int().meta({ description: 'The impact level its outage reaches.' }),
        loss: z
          .number()
          .nullable()
          .meta({ description: 'Null when unbounded or when its BIA gives no figures.' }),
      }),
    ),
  })
  .meta({ id: 'BusinessImpact' });
