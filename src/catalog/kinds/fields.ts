/** Schema pieces that several kinds share: durations, instants, dependsOn lists, owner references. */
import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from '../duration.ts';
import { idSchema } from '../metadata.schema.ts';
import { ref, withFormat } from '../registry.ts';

/** A duration string such as `45m`, `4h`, `2d`, `1w` or `1h30m`. */
export const durationSchema = withFormat(
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, {
      message: 'a duration is a number with a unit, largest first: 45m, 4h, 2d, 1w, 1h30m',
    })
    .meta({ pattern: DURATION_PATTERN, examples: ['4h', '1h30m'] }),
  'duration',
);

/** An ISO 8601 date and time with a zone (`2025-03-14T09:12:00Z` or `...+01:00`). */
export const instantSchema = withFormat(z.iso.datetime({ offset: true }), 'instant');

/** An ISO 8601 calendar date (`2026-05-01`). */
export const dateSchema = withFormat(z.iso.date(), 'date');

/** A reference to a Team or Person: who is responsible, who carries something out. */
export const ownerRef = () => ref(idSchema, ['Team', 'Person']);

/** A reference to any failure node (Service, Component, Site, Vendor). */
export const failureRef = () => ref(idSchema, 'failure');

/** Ids listed once: the engine cannot take a redundancy group that names a member twice. */
function distinctMembers(ids: readonly string[], context: z.core.$RefinementCtx<readonly string[]>): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id))
      context.addIssue({
        code: 'custom',
        path: [index],
        message: `"${id}" is listed twice in this redundancy group: list each member once`,
        input: id,
      });
    seen.add(id);
  });
}

const groupMembers = () =>
  z
    .array(ref(idSchema, 'failure', { dependency: true }))
    .min(1)
    .superRefine(distinctMembers);

/** One item of `dependsOn`: a required id, `{anyOf: [ids]}` or `{atLeast: k, of: [ids]}`. */
export const dependencySchema = z.union([
  ref(idSchema, 'failure', { dependency: true }).meta({
    description: 'Required: this node is down while that one is down.',
  }),
  z
    .strictObject({ anyOf: groupMembers() })
    .meta({ description: 'Redundancy group satisfied while at least one member is up.' }),
  z
    .strictObject({ atLeast: z.int().min(1), of: groupMembers() })
    .refine((group) => group.atLeast <= group.of.length, {
      message: 'atLeast must not exceed the number of members in of',
      path: ['atLeast'],
    })
    .meta({ description: 'Redundancy group satisfied while at least `atLeast` members are up.' }),
]);

/** A `dependsOn` item. */
export type Dependency = z.infer<typeof dependencySchema>;

/** Fields every failure node (Service, Component, Site, Vendor) may have. */
export const failureNodeFields = {
  dependsOn: withFormat(z.array(dependencySchema), 'dependencies').optional().meta({
    title: 'Depends on',
    description: 'What it needs to run: required ids, `anyOf` and `atLeast`/`of` redundancy groups.',
  }),
  recovery: durationSchema.optional().meta({
    title: 'Recovery time',
    description:
      'Time to restore it after it failed itself, once its dependencies are back; unknown when absent (analyses ' +
      'then give a lower bound).',
  }),
  restart: durationSchema.optional().meta({
    title: 'Restart time',
    description: 'Time to bring it back after a dependency failed; default 0m.',
  }),
  activation: durationSchema.optional().meta({
    title: 'Activation time',
    description:
      'Makes it a standby: healthy but not serving until activated, which takes this long (0m or absent: ' +
      'active). A standby does not count as an up member of a redundancy group until it is activated.',
  }),
};

/** Where the copies of a Component's data are, so a failure's data loss can be worked out (ISO 22301 8.3). */
export const dataSchema = z
  .strictObject({
    backup: z
      .strictObject({
        interval: durationSchema.meta({
          description: 'Time between two backups: the most that a restore loses.',
        }),
        at: failureRef().meta({
          description: 'The failure node that holds the copies (a backup library, a site).',
        }),
      })
      .optional(),
    replicas: z
      .array(
        z.strictObject({
          id: ref(idSchema, ['Component']).meta({ description: 'The Component that holds the replica.' }),
          lag: durationSchema.meta({
            description: 'How far the replica trails: what a failover to it loses.',
          }),
        }),
      )
      .optional(),
  })
  .meta({
    title: 'Data copies',
    description:
      'For a Component that holds data: its backup (interval and where the copies are) and its replicas (with ' +
      'their lag). A database or storage Component without it gets a warning, and its loss is unknown.',
  });
