import { z } from 'zod';
import { idSchema } from '../metadata.schema.ts';
import { defineKind, ref } from '../registry.ts';
import { dateSchema, durationSchema, failureRef, instantSchema, ownerRef } from './fields.ts';

/** One step of a plan: who does what, for how long, after which other steps of the same plan. */
export const planStepSchema = z.strictObject({
  id: idSchema.meta({ description: 'Unique within the plan; other steps name it in `after`.' }),
  title: z.string().trim().min(1).max(300),
  owner: ownerRef().optional().meta({ description: 'The Person or Team who carries the step out.' }),
  duration: durationSchema.optional().meta({ description: 'How long the step takes.' }),
  after: z
    .array(idSchema)
    .optional()
    .meta({ description: 'Steps of this plan that must be finished before this one starts.' }),
  restores: z.array(failureRef()).optional().meta({
    description:
      'Failure nodes this step brings back; lets Lifeboat check the written order against the dependency graph.',
  }),
  details: z.string().max(10_000).optional(),
});

/** A plan step. */
export type PlanStep = z.infer<typeof planStepSchema>;

/** The phases of a plan, in the order NIST SP 800-34 section 3.5 gives them. */
export const PLAN_PHASES = ['activation', 'recovery', 'reconstitution'] as const;

/** A continuity plan: what to do when its scenario happens (ISO 22301 clause 8.4.4, NIST SP 800-34 section 3.5). */
export const planSpecSchema = z
  .strictObject({
    services: z
      .array(ref(idSchema, ['Service']))
      .min(1)
      .meta({ title: 'Services protected', description: 'The Services the plan protects.' }),
    owner: ownerRef().meta({ title: 'Owner', description: 'The Team or Person who keeps the plan true.' }),
    scenario: z
      .strictObject({
        description: z.string().trim().min(1).max(10_000),
        fail: z
          .array(failureRef())
          .min(1)
          .meta({ description: 'The failure nodes the disruption takes out (e.g. a data centre).' }),
      })
      .meta({ title: 'Scenario', description: 'The disruption the plan answers.' }),
    activation: z
      .string()
      .trim()
      .min(1)
      .max(10_000)
      .meta({ title: 'Activation criteria', description: 'When to invoke the plan and who decides.' }),
    contacts: z
      .array(
        z.strictObject({
          id: ownerRef().meta({ description: 'A Person or Team.' }),
          role: z.string().max(200).optional().meta({ description: 'What they do in this plan.' }),
          escalateAfter: durationSchema.optional().meta({
            description: 'Move on to the next contact (or the deputy) when there is no answer within this.',
          }),
        }),
      )
      .optional()
      .meta({ title: 'Call tree', description: 'The call tree: people and teams to reach, in order.' }),
    phases: z
      .strictObject({
        activation: z.array(planStepSchema).optional().meta({ description: 'Activation and notification.' }),
        recovery: z.array(planStepSchema).optional(),
        reconstitution: z
          .array(planStepSchema)
          .optional()
          .meta({ description: 'Return to normal operations.' }),
      })
      .optional()
      .meta({ title: 'Steps', description: 'The steps, by phase (NIST SP 800-34 section 3.5).' }),
    status: z
      .enum(['draft', 'approved', 'retired'])
      .optional()
      .meta({
        title: 'Status',
        description:
          'Worked out by the server: approved while the plan says what its latest approved version says, draft ' +
          'otherwise. Only retired is kept from what a client or a file writes; approval goes through ' +
          'POST /api/v1/plans/{id}/approve.',
      }),
    approvedBy: z
      .string()
      .max(200)
      .optional()
      .meta({ title: 'Approved by', description: 'Worked out by the server from the approved version.' }),
    approvedAt: instantSchema
      .optional()
      .meta({ title: 'Approved at', description: 'Worked out by the server from the approved version.' }),
    reviewInterval: durationSchema
      .optional()
      .meta({ title: 'Review interval', description: 'Default 52w (ISO 22301 clause 9.3).' }),
    lastReviewed: dateSchema
      .optional()
      .meta({ title: 'Last reviewed', description: 'The date of the last review.' }),
  })
  .superRefine((spec, context) => {
    const seen = new Set<string>();
    for (const phase of PLAN_PHASES) {
      for (const [index, step] of (spec.phases?.[phase] ?? []).entries()) {
        if (seen.has(step.id))
          context.addIssue({
            code: 'custom',
            path: ['phases', phase, index, 'id'],
            message: `the step id "${step.id}" is used twice in this plan`,
          });
        seen.add(step.id);
      }
    }
    for (const phase of PLAN_PHASES) {
      for (const [index, step] of (spec.phases?.[phase] ?? []).entries()) {
        for (const [i, before] of (step.after ?? []).entries()) {
          if (!seen.has(before))
            context.addIssue({
              code: 'custom',
              path: ['phases', phase, index, 'after', i],
              message: `no step of this plan has the id "${before}"`,
            });
        }
      }
    }
  });

/** A plan's spec. */
export type PlanSpec = z.infer<typeof planSpecSchema>;

/** The Plan kind: it has a page of its own (recovery order, approval, versions). */
export const planKind = defineKind({
  kind: 'Plan',
  plural: 'plans',
  title: 'Plans',
  singular: 'plan',
  spec: planSpecSchema,
  failureNode: false,
  ownerWritable: true,
  approval: { outsideContent: ['lastReviewed'], keptStatus: ['retired'] },
  columns: ['status', 'owner', 'lastReviewed'],
  form: ['services', 'owner', 'activation', 'reviewInterval', 'lastReviewed'],
  filters: ['owner'],
  page: true,
  example: {
    metadata: { id: 'plan-dc-north', name: 'Loss of the North data centre' },
    spec: {
      services: ['payments'],
      owner: 'ops',
      scenario: { description: 'The North data centre is lost', fail: ['dc-north'] },
      activation: 'Any outage of dc-north over 30 minutes; the on-call manager decides.',
      contacts: [{ id: 'ana', escalateAfter: '15m' }, { id: 'ops' }],
      phases: {
        activation: [{ id: 'call', title: 'Call the team', owner: 'ana', duration: '15m' }],
        recovery: [
          { id: 'restore-db', title: 'Restore the database', owner: 'ops', duration: '4h', after: ['call'] },
        ],
      },
    },
  },
});
