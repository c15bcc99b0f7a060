/**
 * The answers of the analysis routes, as zod schemas: the routes validate and document with them, and the web
 * application takes its types from them (`z.infer`), so the two cannot drift. Only zod here.
 */
import { z } from 'zod';
import { businessImpactSchema } from './bia.schema.ts';

/** The kinds of node the engine computes on. */
export const failureKindSchema = z.enum(['Service', 'Component', 'Site', 'Vendor']);

/** A service in an impact answer: down or not, when it is back, its objectives and whether they are breached. */
export const impactServiceSchema = z.object({
  id: z.string(),
  tier: z.int(),
  down: z.boolean(),
  restoreMinutes: z.number().nullable(),
  restoreKnown: z
    .boolean()
    .meta({ description: 'False when restoreMinutes is a lower bound: it waited on an unknown duration.' }),
  rtoMinutes: z.number().nullable(),
  rpoMinutes: z.number().nullable(),
  mtpdMinutes: z.number().nullable(),
  rtoBreach: z.boolean().nullable().meta({
    description:
      'True: late (or the lower bound already is) or never back; null: no RTO, or a bound within it.',
  }),
  mtpdBreach: z.boolean().nullable(),
  dataLossMinutes: z.number().nullable().meta({
    description: 'The largest loss among the down data nodes it depends on; null when unbounded or unknown.',
  }),
  dataLossKnown: z
    .boolean()
    .meta({ description: 'False when a down data node it depends on says nothing of its copies.' }),
  rpoBreach: z.boolean().nullable().meta({
    description:
      'True: loss over the RPO or unbounded; null: no RPO, or the loss unknown and not already over it.',
  }),
});

/** Nodes that can never come back, with the dependency cycle that blocks them. */
export const unrecoverableSchema = z.array(z.object({ id: z.string(), cycle: z.array(z.string()) }));

/** `POST /api/v1/analysis/impact`. */
export const impactSchema = z
  .object({
    failed: z.array(z.string()),
    down: z.array(
      z.object({
        id: z.string(),
        kind: failureKindSchema,
        restoreMinutes: z.number().nullable(),
        restoreKnown: z.boolean(),
        cause: z.array(z.string()),
      }),
    ),
    services: z.array(impactServiceSchema),
    unrecoverable: unrecoverableSchema,
    unknown: z.array(z.string()).meta({
      description:
        'Failed nodes without a recovery time, and down data nodes that say nothing of their copies.',
    }),
    activations: z
      .array(z.object({ id: z.string(), readyMinutes: z.number() }))
      .meta({ description: 'Standbys the scenario activates, and the minute each is ready to serve.' }),
    businessImpact: businessImpactSchema,
  })
  .meta({ id: 'ImpactResult' });

/** `GET /api/v1/analysis/spof`. */
export const spofSchema = z
  .object({
    maxOrder: z.int(),
    services: z.array(z.object({ id: z.string(), cutSets: z.array(z.array(z.string())) })),
  })
  .meta({ id: 'SpofResult' });

const tierCountsSchema = z.object({ 1: z.int(), 2: z.int(), 3: z.int(), 4: z.int() });

/** `GET /api/v1/analysis/single-points`. */
export const singlePointsSchema = z
  .object({
    total: z.int().meta({ description: 'How many nodes take down at least one service alone.' }),
    points: z.array(
      z.object({
        id: z.string(),
        kind: failureKindSchema,
        name: z.string(),
        weightedScore: z.number(),
        byTier: tierCountsSchema,
        serviceCount: z.int(),
        services: z.array(z.object({ id: z.string(), name: z.string(), tier: z.int() })),
      }),
    ),
  })
  .meta({ id: 'SinglePoints' });

/** How one service fares in one scenario of the objectives gap. */
export const objectiveResultSchema = z.object({
  scenario: z.string(),
  down: z.boolean(),
  restoreMinutes: z
    .number()
    .nullable()
    .meta({ description: 'Null when the service stays up or never comes back.' }),
  restoreKnown: z
    .boolean()
    .meta({ description: 'False when restoreMinutes is a lower bound: it waited on an unknown duration.' }),
  dataLossMinutes: z
    .number()
    .nullable()
    .meta({ description: '0 when the service stays up; null when the loss is unbounded or unknown.' }),
  rtoBreach: z
    .boolean()
    .nullable()
    .meta({ description: 'True: breached; null: no RTO, or within it only as a lower bound; false: met.' }),
  rpoBreach: z.boolean().nullable(),
});

/** `GET /api/v1/analysis/objectives`. */
export const objectivesSchema = z
  .object({
    scenarios: z.array(
      z.object({
        id: z.string(),
        source: z.enum(['site', 'vendor', 'plan', 'risk']),
        fail: z.array(z.string()),
      }),
    ),
    services: z.array(
      z.object({
        id: z.string(),
        tier: z.int(),
        rtoMinutes: z.number().nullable(),
        rpoMinutes: z.number().nullable(),
        results: z.array(objectiveResultSchema).meta({ description: 'One per scenario, in scenario order.' }),
      }),
    ),
  })
  .meta({ id: 'ObjectivesGap' });

/** `GET /api/v1/graph`. */
export const graphSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: failureKindSchema,
      name: z.string(),
      tier: z.int().optional(),
      type: z.string().optional(),
    }),
  ),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      group: z.object({ index: z.int(), k: z.int(), of: z.int() }).optional(),
    }),
  ),
  truncated: z.boolean(),
});

/** What `GET /api/v1/analysis/single-points` answers. */
export type SinglePoints = z.infer<typeof singlePointsSchema>;

/** What `GET /api/v1/analysis/objectives` answers. */
export type ObjectivesAnswer = z.infer<typeof objectivesSchema>;

/** What `GET /api/v1/graph` answers. */
export type GraphData = z.infer<typeof graphSchema>;
