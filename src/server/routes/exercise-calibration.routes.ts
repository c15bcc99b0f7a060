import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import type { ExerciseCalibration } from '../services/exercise-calibration.ts';

const current = z.number().nullable().meta({ description: "The catalog's value in minutes (null: none)." });
const measured = z.number().meta({ description: 'What the exercise measured, in minutes.' });

const nodeSchema = z.object({
  id: z.string(),
  field: z.enum(['recovery', 'restart']).meta({
    description:
      '`recovery` for a node the scenario failed, `restart` for one down through its dependencies.',
  }),
  currentMinutes: current,
  measuredMinutes: measured,
});
const stepSchema = z.object({
  plan: z.string(),
  step: z.string(),
  currentMinutes: current,
  measuredMinutes: measured,
});

/** `GET /api/v1/exercises/{id}/calibration`. */
export const calibrationProposalSchema = z
  .object({
    exercise: z.string(),
    nodes: z.array(nodeSchema).meta({ description: 'Own node durations, the most optimistic first.' }),
    steps: z.array(stepSchema).meta({ description: 'Plan step durations, the most optimistic first.' }),
  })
  .meta({ id: 'CalibrationProposal' });

/** `POST /api/v1/exercises/{id}/calibration/apply`: the changes chosen from the proposal. */
export const calibrationChoiceSchema = z.strictObject({
  nodes: z.array(idSchema).max(10_000).default([]).meta({ description: 'Ids of proposed nodes.' }),
  steps: z
    .array(z.strictObject({ plan: idSchema, step: idSchema }))
    .max(10_000)
    .default([])
    .meta({ description: 'Proposed plan steps.' }),
});

/** What applying wrote. */
export const appliedCalibrationSchema = z
  .object({
    exercise: z.string(),
    nodes: z.array(nodeSchema),
    steps: z.array(stepSchema),
    documents: z
      .array(z.object({ kind: z.string(), id: z.string(), version: z.int() }))
      .meta({ description: 'Each document changed, with its new version.' }),
  })
  .meta({ id: 'AppliedCalibration' });

const tags = ['exercises'];
const params = z.object({ id: idSchema });

/** The calibration of a done exercise: its proposal, and applying the changes a manager chooses. */
export function registerExerciseCalibrationRoutes(
  app: FastifyInstance,
  calibration: ExerciseCalibration,
): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  route.get(
    '/api/v1/exercises/:id/calibration',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: "The node and step durations a done exercise measured that differ from the catalog's",
        description:
          "A node's own duration runs from the last of its down dependencies back to its own restore; a step's " +
          'from its start to its finish. Empty until the exercise is done. See docs/exercises.md, "Calibration".',
        params,
        response: { 200: calibrationProposalSchema, 404: problemSchema },
      },
    },
    async (request) => calibration.proposal(request.params.id),
  );

  route.post(
    '/api/v1/exercises/:id/calibration/apply',
    {
      // No `kind`: changing catalog durations from an exercise is for a manager or an admin.
      config: { access: 'catalog:write' },
      schema: {
        tags,
        summary: 'Write the chosen measured durations to the catalog, in one transaction',
        description:
          'The proposal is computed again on the server; each changed document is an ordinary audited update. ' +
          '400 names a choice that is not in the proposal, 409 when the exercise is not done or a value changed ' +
          'meanwhile; nothing is written then.',
        params,
        body: calibrationChoiceSchema,
        response: {
          200: appliedCalibrationSchema,
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request) => calibration.apply(request.params.id, request.body, actorOf(request)),
  );
}
