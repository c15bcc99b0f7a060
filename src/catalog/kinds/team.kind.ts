import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';

/** A team: its members, its lead and how to reach whoever is on call. */
export const teamSpecSchema = z.strictObject({
  members: z
    .array(ref(idSchema, ['Person']))
    .optional()
    .meta({ title: 'Members', description: 'Person ids.' }),
  lead: ref(idSchema, ['Person']).optional().meta({ title: 'Lead', description: 'A Person id.' }),
  onCall: z
    .string()
    .max(500)
    .optional()
    .meta({ title: 'On call', description: 'On-call phone number or rota.' }),
  email: z.email().optional().meta({ title: 'Email', description: "The team's address." }),
});

/** A Team's spec. */
export type TeamSpec = z.infer<typeof teamSpecSchema>;

/** The Team kind. */
export const teamKind = defineKind({
  kind: 'Team',
  plural: 'teams',
  title: 'Teams',
  singular: 'team',
  spec: teamSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['lead', 'onCall', 'email'],
  form: ['lead', 'members', 'onCall', 'email'],
  example: {
    metadata: { id: 'ops', name: 'Operations', labels: { area: 'it' } },
    spec: { onCall: '+44 20 7946 0001' },
  },
});
