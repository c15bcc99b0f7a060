/**
 * The answer of `GET /api/v1/analysis/suppliers` as a zod schema: the route validates and documents with it, and
 * the web application takes its types from it (`z.infer`). Only zod here.
 */
import { z } from 'zod';

/** One supplier's concentration, exit plan state and contracts. */
export const supplierConcentrationSchema = z.object({
  id: z.string(),
  name: z.string(),
  score: z.number().meta({
    description:
      "Over the services down: tier weight (8, 4, 2, 1 for tiers 1-4) x (1 + the service's loss / the costliest service's loss).",
  }),
  failed: z.array(z.string()).meta({
    description:
      'The vendors failed with it: its group (everything under its ultimate parent), its subcontractors down the chain, and the suppliers that rely on a failed subcontractor.',
  }),
  subcontractors: z
    .array(z.string())
    .meta({ description: 'Its subcontractors, from its contracts in force.' }),
  servicesDown: z
    .array(z.object({ id: z.string(), tier: z.int() }))
    .meta({ description: 'The services its failure takes down, by tier then id.' }),
  criticalFunctions: z.array(z.string()).meta({
    description:
      'The critical or important functions that go down with it or that a contract in force names.',
  }),
  criticalShare: z.number().nullable().meta({
    description: 'criticalFunctions over all critical or important functions; null when none is assessed so.',
  }),
  loss: z.number().nullable().meta({
    description:
      "The services down's BIA loss, each at its RTO (24h without one), in the policy's currency; null when none has BIA loss figures.",
  }),
  substitutability: z.object({ level: z.string(), reason: z.string().optional() }).nullable(),
  alternatives: z.array(z.string()),
  exitPlan: z
    .object({
      plan: z.string(),
      lastTested: z.string().nullable().meta({
        description:
          'The later of exitPlan.lastTested and the latest done Exercise of the plan; null when never tested.',
      }),
      overdue: z.boolean().meta({ description: 'Never tested, or last tested over 12 months ago.' }),
    })
    .nullable(),
  contracts: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      end: z.string().nullable(),
      ended: z.boolean(),
      services: z.array(z.string()),
    }),
  ),
});

/** `GET /api/v1/analysis/suppliers` and `lifeboat analyze suppliers --json`. */
export const supplierAnalysisSchema = z
  .object({
    suppliers: z.array(supplierConcentrationSchema).meta({ description: 'By score, highest first.' }),
    fourthParties: z
      .array(z.object({ id: z.string(), suppliers: z.array(z.string()) }))
      .meta({ description: 'Each subcontractor two or more suppliers rely on, with them.' }),
  })
  .meta({ id: 'SupplierAnalysis' });

/** The supplier analysis, as the web application reads it. */
export type SupplierAnalysisAnswer = z.infer<typeof supplierAnalysisSchema>;
