import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';

/** A person who can be reached in a disruption. */
export const personSpecSchema = z.strictObject({
  email: z.email().optional().meta({ title: 'Email' }),
  phone: z.string().max(50).optional().meta({ title: 'Phone' }),
  role: z
    .string()
    .max(200)
    .optional()
    .meta({ title: 'Role', description: 'Job title or role in continuity.' }),
  team: ref(idSchema, ['Team']).optional().meta({ title: 'Team', description: 'A Team id.' }),
  deputy: ref(idSchema, ['Person'])
    .optional()
    .meta({ title: 'Deputy', description: 'The Person who stands in.' }),
});

/** A Person's spec. */
export type PersonSpec = z.infer<typeof personSpecSchema>;

/** The Person kind. */
export const personKind = defineKind({
  kind: 'Person',
  plural: 'people',
  title: 'People',
  singular: 'person',
  spec: personSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['role', 'team', 'email', 'phone'],
  form: ['role', 'email', 'phone', 'team', 'deputy'],
  filters: ['team'],
  example: {
    metadata: { id: 'ana', name: 'Ana Silva' },
    spec: { email: 'ana@example.org', phone: '+44 20 7946 0002', role: 'Service owner', team: 'ops' },
  },
});
