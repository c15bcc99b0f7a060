/**
 * The answer of the exercise analysis, as a zod schema: `GET /api/v1/analysis/exercises` validates and documents
 * with it, and the web application takes its types from it. Only zod here.
 */
import { z } from 'zod';
import { EXERCISE_STATUSES, EXERCISE_TYPES } from '../../catalog/kinds/exercise.kind.ts';
import { documentSchemas } from '../../catalog/kinds.ts';

const minutes = (description: string) => z.number().nullable().meta({ description });

const exerciseServiceSchema = z.object({
  id: z.string(),
  targetMinutes: minutes("The RTO in force: the catalog's."),
  predictedMinutes: minutes(
    "When the exercise's plans, followed, bring it back (null: the scenario does not take it down, or never).",
  ),
  graphMinutes: minutes('When the dependency graph alone brings it back.'),
  achievedMinutes: minutes("From the exercise's start to its `restored` entry (null: not recorded)."),
  met: z.boolean().nullable().meta({ description: 'Achieved within the target (null: either is missing).' }),
  rpoMinutes: minutes('The RPO in force.'),
  dataLossMinutes: minutes('The data loss recorded for it.'),
  dataLossMet: z.boolean().nullable().meta({ description: 'Data loss within the RPO.' }),
});

/** `GET /api/v1/analysis/exercises`. */
export const exerciseAnalysisSchema = z
  .object({
    exercises: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        type: z.enum(EXERCISE_TYPES),
        status: z.enum(EXERCISE_STATUSES),
        date: z.string().meta({ description: 'The day it ran (its start) or is scheduled for.' }),
        plans: z.array(z.string()),
        fail: z.array(z.string()),
        services: z.array(exerciseServiceSchema),
        calibration: z
          .array(
            z.object({
              id: z.string(),
              predictedMinutes: z.number(),
              achievedMinutes: z.number(),
              ratio: z
                .number()
                .meta({ description: 'predicted / achieved: below 1, the catalog was optimistic.' }),
            }),
          )
          .meta({ description: 'Each node measured and predicted, the most optimistic first.' }),
        openFindings: z.int(),
      }),
    ),
    programme: z.array(
      z.object({
        plan: z.string(),
        tier: z.int(),
        atLeast: z.enum(EXERCISE_TYPES).meta({ description: 'The lightest exercise type that counts.' }),
        lastExercised: z.string().nullable(),
        lastType: z.enum(EXERCISE_TYPES).nullable(),
        due: z.string().nullable().meta({ description: 'null: never exercised (overdue).' }),
        overdue: z.boolean(),
        scheduled: z.string().nullable().meta({ description: 'The next planned exercise of the plan.' }),
      }),
    ),
    proven: z.array(
      z.object({
        service: z.string(),
        rtoMinutes: z.number().nullable(),
        provenMinutes: z.number().nullable(),
        exercise: z.string().nullable(),
      }),
    ),
    training: z.array(
      z.object({
        plan: z.string(),
        people: z.array(z.object({ id: z.string(), trained: z.boolean(), until: z.string().nullable() })),
      }),
    ),
  })
  .meta({ id: 'ExerciseAnalysis' });

/** The body of `POST /api/v1/exercises/{id}/record`: the events, as the domain defines them. */
export { recordBodySchema } from '../../exercises/recording.ts';

/** The answer of `POST /api/v1/exercises/{id}/record`. */
export const recordAnswerSchema = z
  .object({
    exercise: documentSchemas.Exercise.meta({
      description: 'The exercise after the merge, as GET /api/v1/documents/{id} answers it.',
    }),
    applied: z.array(z.string()).meta({ description: 'The ids of the events that changed something.' }),
    alreadyRecorded: z.array(z.string()).meta({
      description: 'The ids of the events that changed nothing (recorded before, or a field already set).',
    }),
  })
  .meta({ id: 'ExerciseRecording' });
