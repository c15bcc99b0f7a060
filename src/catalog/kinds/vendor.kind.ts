import { z } from 'zod';
import { defineKind } from '../registry.ts';
import { failureNodeFields } from './fields.ts';

/** A supplier: cloud provider, telecom, SaaS vendor, outsourcer. */
export const vendorSpecSchema = z.strictObject({
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
  ...failureNodeFields,
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
  form: ['contact', 'email', 'phone', 'url', 'recovery', 'restart', 'activation', 'dependsOn'],
  example: {
    metadata: { id: 'telco', name: 'Telco Ltd' },
    spec: { contact: 'NOC', phone: '+44 20 7946 0003' },
  },
});
