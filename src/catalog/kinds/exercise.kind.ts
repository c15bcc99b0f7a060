import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { dateSchema, failureRef, instantSchema, ownerRef } from './fields.ts';

/**
 * The exercise types, from the lightest to the heaviest (NIST SP 800-34 section 3.5.2, NIST SP 800-84): a
 * communication test reaches the call tree; a walkthrough reads the plan through; a tabletop discusses a
 * scenario; a simulation performs the steps against a simulated disruption; a restore test restores from the
 * copies; a parallel test brings up the recovery side beside production; a full interruption shuts production
 * down. A type counts wherever a lighter one is asked for.
 */
export const EXERCISE_TYPES = [
  'communication',
  'walkthrough',
  'tabletop',
  'simulation',
  'restore-test',
  'parallel',
  'full-interruption',
] as const;

/** An exercise type. */
export type ExerciseType = (typeof EXERCISE_TYPES)[number];

/** Where an exercise stands. */
export const EXERCISE_STATUSES = ['planned', 'running', 'done', 'cancelled'] as const;

/** What an exercise recorded: each step's times, when each node was back, the data lost. */
const resultsSchema = z
  .strictObject({
    steps: z
      .array(
        z.strictObject({
          plan: ref(idSchema, ['Plan']).meta({ description: 'The Plan the step belongs to.' }),
          step: idSchema.meta({ description: "The step's id in that plan." }),
          started: instantSchema.optional(),
          finished: instantSchema.optional(),
          outcome: z
            .enum(['done', 'failed', 'skipped'])
            .optional()
            .meta({ description: 'How the step ended; absent while it has not finished.' }),
          notes: z.string().max(10_000).optional(),
        }),
      )
      .optional()
      .meta({ description: 'The steps as they were carried out.' }),
    restored: z
      .array(
        z.strictObject({
          id: failureRef().meta({ description: 'A failure node in scope.' }),
          at: instantSchema.meta({ description: 'When it was back.' }),
        }),
      )
      .optional()
      .meta({ description: 'When each service or component in scope was back.' }),
    dataLoss: z
      .array(
        z.strictObject({
          service: ref(idSchema, ['Service']),
          minutes: z.int().min(0).meta({ description: 'Data lost, as minutes of transactions.' }),
        }),
      )
      .optional()
      .meta({ description: 'The data each service lost.' }),
  })
  .meta({ title: 'Results', description: 'Step times, restore times and data loss as recorded.' });

/** A test of one or more plans (ISO 22301 clause 8.5, NIST SP 800-84). */
export const exerciseSpecSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300).meta({ title: 'Title' }),
    type: z.enum(EXERCISE_TYPES).meta({ title: 'Type', description: 'From the lightest: communication ...' }),
    plans: z
      .array(ref(idSchema, ['Plan']))
      .min(1)
      .meta({ title: 'Plans', description: 'The Plans exercised.' }),
    scenario: z
      .strictObject({
        fail: z
          .array(failureRef())
          .min(1)
          .meta({ description: 'The failure nodes the exercise takes out (or pretends to).' }),
      })
      .optional()
      .meta({ title: 'Scenario', description: "What fails; default the first plan's scenario." }),
    scheduled: dateSchema.meta({ title: 'Scheduled' }),
    status: z.enum(EXERCISE_STATUSES).meta({ title: 'Status' }),
    facilitator: ref(idSchema, ['Person']).optional().meta({ title: 'Facilitator' }),
    participants: z
      .array(
        z.strictObject({
          id: ownerRef().meta({ description: 'A Person or Team.' }),
          role: z.string().max(200).optional(),
        }),
      )
      .optional()
      .meta({ title: 'Participants' }),
    started: instantSchema.optional().meta({ title: 'Started', description: 'When the exercise began.' }),
    finished: instantSchema.optional().meta({ title: 'Finished' }),
    objectives: z.string().max(10_000).optional().meta({ title: 'Objectives' }),
    results: resultsSchema.optional(),
    findings: z
      .array(
        z.strictObject({
          id: idSchema.meta({ description: 'Unique within the exercise.' }),
          title: z.string().trim().min(1).max(300),
          severity: z.enum(['low', 'medium', 'high', 'critical']),
          owner: ownerRef().optional().meta({ description: 'The Person or Team who acts on it.' }),
          due: dateSchema.optional(),
          status: z.enum(['open', 'done']),
          description: z.string().max(10_000).optional(),
        }),
      )
      .optional()
      .meta({ title: 'Findings', description: 'What went wrong or could be better, and who acts on it.' }),
    summary: z.string().max(20_000).optional().meta({ title: 'Summary' }),
    lessons: z.array(z.string().trim().min(1).max(2_000)).optional().meta({ title: 'Lessons learnt' }),
  })
  .superRefine((spec, context) => {
    if (spec.started && spec.finished && Date.parse(spec.finished) < Date.parse(spec.started))
      context.addIssue({
        code: 'custom',
        path: ['finished'],
        message: `the exercise finished (${spec.finished}) before it started (${spec.started})`,
      });
    const seen = new Set<string>();
    for (const [index, finding] of (spec.findings ?? []).entries()) {
      if (seen.has(finding.id))
        context.addIssue({
          code: 'custom',
          path: ['findings', index, 'id'],
          message: `the finding id "${finding.id}" is used twice in this exercise`,
        });
      seen.add(finding.id);
    }
    for (const [index, step] of (spec.results?.steps ?? []).entries()) {
      if (!spec.plans.includes(step.plan))
        context.addIssue({
          code: 'custom',
          path: ['results', 'steps', index, 'plan'],
          message: `"${step.plan}" is not one of the exercise's plans (${spec.plans.join(', ')})`,
        });
      if (step.started && step.finished && Date.parse(step.finished) < Date.parse(step.started))
        context.addIssue({
          code: 'custom',
          path: ['results', 'steps', index, 'finished'],
          message: `the step finished (${step.finished}) before it started (${step.started})`,
        });
    }
    for (const [index, entry] of (spec.results?.restored ?? []).entries()) {
      if (spec.started && Date.parse(entry.at) < Date.parse(spec.started))
        context.addIssue({
          code: 'custom',
          path: ['results', 'restored', index, 'at'],
          message: `"${entry.id}" was back (${entry.at}) before the exercise started (${spec.started})`,
        });
    }
  });

/** An Exercise's spec. */
export type ExerciseSpec = z.infer<typeof exerciseSpecSchema>;

/** The Exercise kind: it has a page of its own (achieved against predicted against target, findings). */
export const exerciseKind = defineKind({
  kind: 'Exercise',
  plural: 'exercises',
  title: 'Exercises',
  singular: 'exercise',
  spec: exerciseSpecSchema,
  failureNode: false,
  ownerWritable: false,
  columns: ['type', 'status', 'scheduled'],
  form: ['title', 'type', 'plans', 'scheduled', 'status', 'facilitator', 'started', 'finished', 'objectives'],
  filters: ['type', 'status'],
  page: true,
  example: {
    metadata: { id: 'ex-2026-dc-north', name: 'North data centre failover test' },
    spec: {
      title: 'North data centre failover test',
      type: 'parallel',
      plans: ['plan-dc-north'],
      scheduled: '2026-03-14',
      status: 'done',
      facilitator: 'ana',
      participants: [{ id: 'ops', role: 'Recovery team' }],
      started: '2026-03-14T08:00:00Z',
      finished: '2026-03-14T13:30:00Z',
      results: {
        steps: [
          {
            plan: 'plan-dc-north',
            step: 'call',
            started: '2026-03-14T08:00:00Z',
            finished: '2026-03-14T08:20:00Z',
            outcome: 'done',
          },
          {
            plan: 'plan-dc-north',
            step: 'restore-db',
            started: '2026-03-14T08:20:00Z',
            finished: '2026-03-14T12:50:00Z',
            outcome: 'done',
          },
        ],
        restored: [{ id: 'payments', at: '2026-03-14T13:00:00Z' }],
        dataLoss: [{ service: 'payments', minutes: 10 }],
      },
      findings: [
        {
          id: 'slow-restore',
          title: 'The database restore took 4h30m, not 4h',
          severity: 'high',
          owner: 'ops',
          due: '2026-06-30',
          status: 'open',
        },
      ],
      lessons: ['Stage the backup copies at the recovery site before the test.'],
    },
  },
});
