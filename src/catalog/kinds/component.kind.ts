import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { COMPONENT_TYPES } from '../vocabulary.ts';
import { dataSchema, failureNodeFields, ownerRef } from './fields.ts';

/** A piece of infrastructure: a server, database, network link, SaaS tenant, power feed... */
export const componentSpecSchema = z.strictObject({
  type: z.enum(COMPONENT_TYPES).meta({ title: 'Type' }),
  site: ref(idSchema, ['Site'], { dependency: true })
    .optional()
    .meta({ title: 'Site', description: 'The Site it runs in; counts as a required dependency.' }),
  owner: ownerRef().optional().meta({ title: 'Owner', description: 'The Team or Person responsible.' }),
  vendor: ref(idSchema, ['Vendor']).optional().meta({
    title: 'Vendor',
    description:
      'The Vendor that supplies it (informational: add the vendor to dependsOn if its outage takes this down).',
  }),
  data: dataSchema.optional(),
  ...failureNodeFields,
});

/** A Component's spec. */
export type ComponentSpec = z.infer<typeof componentSpecSchema>;

/** The Component kind. */
export const componentKind = defineKind({
  kind: 'Component',
  plural: 'components',
  title: 'Components',
  singular: 'component',
  spec: componentSpecSchema,
  failureNode: true,
  ownerWritable: true,
  columns: ['type', 'site', 'owner', 'vendor'],
  form: ['type', 'site', 'owner', 'vendor', 'recovery', 'restart', 'activation', 'dependsOn'],
  filters: ['type', 'site', 'owner', 'vendor'],
  missing: ['owner', 'site'],
  example: {
    metadata: { id: 'db-primary', name: 'Core database', labels: { env: 'prod' } },
    spec: {
      type: 'database',
      site: 'dc-north',
      owner: 'ops',
      vendor: 'telco',
      recovery: '4h',
      restart: '30m',
    },
  },
});
