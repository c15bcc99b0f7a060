import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration.ts';
import { idSchema } from './metadata.schema.ts';

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

/** The types of component. */
export const COMPONENT_TYPES = [
  'server',
  'vm',
  'container',
  'database',
  'storage',
  'network',
  'application',
  'cloud',
  'saas',
  'power',
  'facility',
  'other',
] as const;

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
  type: z.enum(['data-centre', 'cloud-region', 'colocation', 'office', 'other']).optional(),
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
