import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { FRAMEWORK_IDS } from '../vocabulary.ts';
import { dateSchema } from './fields.ts';

/**
 * A statement about a framework requirement no compliance check covers (a "manual" requirement, see
 * docs/compliance.md): what the organisation does to meet it, who says so and when. The compliance page and
 * the auditor's evidence pack show it beside the requirement.
 */
export const statementSpecSchema = z.strictObject({
  framework: z
    .enum(FRAMEWORK_IDS)
    .meta({ title: 'Framework', description: 'iso22301, nist-800-34, dora or nis2.' }),
  clause: z.string().trim().min(1).max(40).meta({
    title: 'Clause',
    description: 'The requirement, as the framework numbers it: 7.4, 3.1, Art. 24(6).',
  }),
  text: z
    .string()
    .trim()
    .min(1)
    .max(10_000)
    .meta({ title: 'Statement', description: 'How the requirement is met, and where the evidence is kept.' }),
  madeBy: ref(idSchema, ['Person']).meta({
    title: 'Made by',
    description: 'The Person who makes the statement.',
  }),
  date: dateSchema.meta({ title: 'Date', description: 'When it was made.' }),
});

/** A Statement's spec. */
export type StatementSpec = z.infer<typeof statementSpecSchema>;

/** The Statement kind. */
export const statementKind = defineKind({
  kind: 'Statement',
  plural: 'statements',
  title: 'Statement',
  singular: 'compliance statement',
  spec: statementSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['framework', 'clause', 'madeBy', 'date'],
  form: ['framework', 'clause', 'text', 'madeBy', 'date'],
  filters: ['framework'],
  example: {
    metadata: { id: 'statement-iso-7-4', name: 'Communication (ISO 22301 7.4)' },
    spec: {
      framework: 'iso22301',
      clause: '7.4',
      text: 'Internal and external communication follows the crisis communication procedure, reviewed yearly.',
      madeBy: 'ana',
      date: '2026-03-01',
    },
  },
});
