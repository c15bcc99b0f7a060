import { z } from 'zod';
import { defineKind } from '../registry.ts';
import { SITE_TYPES } from '../vocabulary.ts';
import { failureNodeFields } from './fields.ts';

/** A place things run: a data centre, a cloud region, an office. */
export const siteSpecSchema = z.strictObject({
  type: z.enum(SITE_TYPES).optional().meta({ title: 'Type' }),
  location: z.string().max(500).optional().meta({ title: 'Location', description: 'Free text.' }),
  ...failureNodeFields,
});

/** A Site's spec. */
export type SiteSpec = z.infer<typeof siteSpecSchema>;

/** The Site kind. */
export const siteKind = defineKind({
  kind: 'Site',
  plural: 'sites',
  title: 'Sites',
  singular: 'site',
  spec: siteSpecSchema,
  failureNode: true,
  ownerWritable: false,
  columns: ['type', 'location', 'recovery'],
  form: ['type', 'location', 'recovery', 'restart', 'activation', 'dependsOn'],
  filters: ['type'],
  example: {
    metadata: { id: 'dc-north', name: 'North data centre', description: 'Primary site' },
    spec: { type: 'data-centre', location: 'Leeds', recovery: '1d' },
  },
});
