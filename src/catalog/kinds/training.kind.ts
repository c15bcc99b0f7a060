import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { dateSchema, durationSchema } from './fields.ts';

/** A training session on one or more plans (ISO 22301 clause 7.2): who attended, and for how long it counts. */
export const trainingSpecSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).meta({ title: 'Title' }),
  plans: z
    .array(ref(idSchema, ['Plan']))
    .min(1)
    .meta({ title: 'Plans', description: 'The Plans the session covers.' }),
  date: dateSchema.meta({ title: 'Date' }),
  attendees: z
    .array(ref(idSchema, ['Person']))
    .min(1)
    .meta({ title: 'Attendees', description: 'The People who attended.' }),
  validFor: durationSchema.optional().meta({
    title: 'Valid for',
    description: "How long the session keeps its attendees trained; default the policy's (52w).",
  }),
});

/** A Training's spec. */
export type TrainingSpec = z.infer<typeof trainingSpecSchema>;

/** The Training kind. */
export const trainingKind = defineKind({
  kind: 'Training',
  plural: 'trainings',
  title: 'Training',
  singular: 'training session',
  spec: trainingSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['date', 'plans', 'validFor'],
  form: ['title', 'plans', 'date', 'attendees', 'validFor'],
  example: {
    metadata: { id: 'training-dc-north-2026', name: 'North data centre plan briefing' },
    spec: {
      title: 'North data centre plan briefing',
      plans: ['plan-dc-north'],
      date: '2026-02-10',
      attendees: ['ana'],
    },
  },
});
