import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration.ts';
import { idSchema } from './metadata.schema.ts';
import { COMPONENT_TYPES, SITE_TYPES } from './vocabulary.ts';

/** A duration string such as `45m`, `4h`, `2d`, `1w` or `1h30m`. */
export const durationSchema = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, {
    message: 'a duration is a number with a unit, largest first: 45m, 4h, 2d, 1w, 1h30m',
  })
  .meta({ pattern: DURATION_PATTERN, examples: ['4h', '1h30m'] });

/** One item of `dependsOn`: a required id, `{anyOf: [ids]}` or `{atLeast: k, of: [ids]}`. */
export const dependencySchema = z.union([
  idSchema.meta({ description: 'Required: this node is down while that one is down.' }),
  z
    .strictObject({ anyOf: z.array(idSchema).min(1) })
    .meta({ description: 'Redundancy group satisfied while at least one member is up.' }),
  z
    .strictObject({ atLeast: z.int().min(1), of: z.array(idSchema).min(1) })
    .refine((group) => group.atLeast <= group.of.length, {
      message: 'atLeast must not exceed the number of members in of',
      path: ['atLeast'],
    })
    .meta({ description: 'Redundancy group satisfied while at least `atLeast` members are up.' }),
]);

/** A `dependsOn` item. */
export type Dependency = z.infer<typeof dependencySchema>;

/** Fields every failure node (Service, Component, Site, Vendor) may have. */
const failureNodeFields = {
  dependsOn: z.array(dependencySchema).optional(),
  recovery: durationSchema.optional().meta({
    description: 'Time to restore this node after it failed itself, once its dependencies are back.',
  }),
  restart: durationSchema.optional().meta({
    description: 'Time to bring this node back when it went down only because a dependency did.',
  }),
};

export { COMPONENT_TYPES, SITE_TYPES };

/** A service provided to the organisation: business (what users see) or IT (what supports it). */
export const serviceSpecSchema = z.strictObject({
  type: z.enum(['business', 'it']),
  tier: z.int().min(1).max(4).meta({ description: 'Criticality, 1 the most critical.' }),
  owner: idSchema.optional().meta({ description: 'The Team or Person responsible.' }),
  rto: durationSchema.optional().meta({ description: 'Recovery time objective.' }),
  rpo: durationSchema
    .optional()
    .meta({ description: 'Recovery point objective: data loss allowed, as time.' }),
  mtpd: durationSchema.optional().meta({ description: 'Maximum tolerable period of disruption.' }),
  ...failureNodeFields,
});

/** A piece of infrastructure: a server, database, network link, SaaS tenant, power feed... */
export const componentSpecSchema = z.strictObject({
  type: z.enum(COMPONENT_TYPES),
  site: idSchema.optional().meta({ description: 'The Site it runs in; counts as a required dependency.' }),
  owner: idSchema.optional().meta({ description: 'The Team or Person responsible.' }),
  vendor: idSchema.optional().meta({ description: 'The Vendor that supplies it (informational).' }),
  ...failureNodeFields,
});

/** A place things run: a data centre, a cloud region, an office. */
export const siteSpecSchema = z.strictObject({
  type: z.enum(SITE_TYPES).optional(),
  location: z.string().max(500).optional(),
  ...failureNodeFields,
});

/** A supplier: cloud provider, telecom, SaaS vendor, outsourcer. */
export const vendorSpecSchema = z.strictObject({
  contact: z.string().max(200).optional().meta({ description: 'Who to call at the supplier.' }),
  email: z.email().optional(),
  phone: z.string().max(50).optional(),
  url: z.url().optional(),
  ...failureNodeFields,
});

/** A team: its members, its lead and how to reach whoever is on call. */
export const teamSpecSchema = z.strictObject({
  members: z.array(idSchema).optional().meta({ description: 'Person ids.' }),
  lead: idSchema.optional().meta({ description: 'A Person id.' }),
  onCall: z.string().max(500).optional().meta({ description: 'On-call phone number or rota.' }),
  email: z.email().optional(),
});

/** A person who can be reached in a disruption. */
export const personSpecSchema = z.strictObject({
  email: z.email().optional(),
  phone: z.string().max(50).optional(),
  role: z.string().max(200).optional().meta({ description: 'Job title or role in continuity.' }),
  team: idSchema.optional().meta({ description: 'A Team id.' }),
  deputy: idSchema.optional().meta({ description: 'The Person who stands in.' }),
});

/** An ISO 8601 date and time with a zone (`2025-03-14T09:12:00Z` or `...+01:00`). */
const instantSchema = z.iso.datetime({ offset: true });

/** One step of a plan: who does what, for how long, after which other steps of the same plan. */
export const planStepSchema = z.strictObject({
  id: idSchema.meta({ description: 'Unique within the plan; other steps name it in `after`.' }),
  title: z.string().trim().min(1).max(300),
  owner: idSchema.optional().meta({ description: 'The Person or Team who carries the step out.' }),
  duration: durationSchema.optional().meta({ description: 'How long the step takes.' }),
  after: z
    .array(idSchema)
    .optional()
    .meta({ description: 'Steps of this plan that must be finished before this one starts.' }),
  restores: z.array(idSchema).optional().meta({
    description:
      'Failure nodes this step brings back; lets Lifeboat check the written order against the dependency graph.',
  }),
  details: z.string().max(10_000).optional(),
});

/** A plan step. */
export type PlanStep = z.infer<typeof planStepSchema>;

/** The phases of a plan, in the order NIST SP 800-34 section 3.5 gives them. */
export const PLAN_PHASES = ['activation', 'recovery', 'reconstitution'] as const;

/** A continuity plan: what to do when its scenario happens (ISO 22301 clause 8.4.4, NIST SP 800-34 section 3.5). */
export const planSpecSchema = z
  .strictObject({
    services: z.array(idSchema).min(1).meta({ description: 'The Services the plan protects.' }),
    owner: idSchema.meta({ description: 'The Team or Person who keeps the plan true.' }),
    scenario: z.strictObject({
      description: z.string().trim().min(1).max(10_000),
      fail: z
        .array(idSchema)
        .min(1)
        .meta({ description: 'The failure nodes the disruption takes out (e.g. a data centre).' }),
    }),
    activation: z
      .string()
      .trim()
      .min(1)
      .max(10_000)
      .meta({ description: 'When to invoke the plan and who decides.' }),
    contacts: z
      .array(
        z.strictObject({
          id: idSchema.meta({ description: 'A Person or Team.' }),
          role: z.string().max(200).optional().meta({ description: 'What they do in this plan.' }),
          escalateAfter: durationSchema.optional().meta({
            description: 'Move on to the next contact (or the deputy) when there is no answer within this.',
          }),
        }),
      )
      .optional()
      .meta({ description: 'The call tree: people and teams to reach, in order.' }),
    phases: z
      .strictObject({
        activation: z.array(planStepSchema).optional().meta({ description: 'Activation and notification.' }),
        recovery: z.array(planStepSchema).optional(),
        reconstitution: z
          .array(planStepSchema)
          .optional()
          .meta({ description: 'Return to normal operations.' }),
      })
      .optional(),
    status: z.enum(['draft', 'approved', 'retired']).optional().meta({
      description: 'draft when absent; approval goes through POST /api/v1/plans/{id}/approve.',
    }),
    approvedBy: z.string().max(200).optional(),
    approvedAt: instantSchema.optional(),
    reviewInterval: durationSchema.optional().meta({ description: 'Default 52w (ISO 22301 clause 9.3).' }),
    lastReviewed: z.iso.date().optional().meta({ description: 'The date of the last review.' }),
  })
  .superRefine((spec, context) => {
    const seen = new Set<string>();
    for (const phase of PLAN_PHASES) {
      for (const [index, step] of (spec.phases?.[phase] ?? []).entries()) {
        if (seen.has(step.id))
          context.addIssue({
            code: 'custom',
            path: ['phases', phase, index, 'id'],
            message: `the step id "${step.id}" is used twice in this plan`,
          });
        seen.add(step.id);
      }
    }
    for (const phase of PLAN_PHASES) {
      for (const [index, step] of (spec.phases?.[phase] ?? []).entries()) {
        for (const [i, before] of (step.after ?? []).entries()) {
          if (!seen.has(before))
            context.addIssue({
              code: 'custom',
              path: ['phases', phase, index, 'after', i],
              message: `no step of this plan has the id "${before}"`,
            });
        }
      }
    }
  });

/** A plan's spec. */
export type PlanSpec = z.infer<typeof planSpecSchema>;

/** A disruption that happened: what failed, when, what it cost and what was learnt (ISO 22301 clause 10.1). */
export const incidentSpecSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  summary: z.string().max(10_000).optional(),
  started: instantSchema.meta({ description: 'When the disruption began.' }),
  detected: instantSchema.optional().meta({ description: 'When someone noticed.' }),
  resolved: instantSchema.optional().meta({ description: 'When service was restored.' }),
  failed: z.array(idSchema).min(1).meta({ description: 'The failure nodes that failed.' }),
  timeline: z
    .array(
      z.strictObject({
        at: instantSchema,
        entry: z.string().trim().min(1).max(2_000),
        by: idSchema.optional().meta({ description: 'The Person or Team.' }),
      }),
    )
    .optional(),
  dataLossMinutes: z.int().min(0).optional().meta({ description: 'Data lost, as minutes of transactions.' }),
  rootCause: z.string().max(10_000).optional(),
  lessons: z.array(z.string().trim().min(1).max(2_000)).optional(),
  actions: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(300),
        owner: idSchema.meta({ description: 'The Person or Team who carries it out.' }),
        due: z.iso.date(),
        status: z.enum(['open', 'done']),
      }),
    )
    .optional()
    .meta({ description: 'Corrective actions (ISO 22301 clause 10.1).' }),
  plan: idSchema.optional().meta({ description: 'The Plan that was invoked.' }),
});

/** An incident's spec. */
export type IncidentSpec = z.infer<typeof incidentSpecSchema>;
