import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import type { Actor } from '../services/catalog.service.ts';
import type { ExerciseRecording } from '../services/exercise-recording.ts';
import type { ExerciseService } from '../services/exercise.service.ts';
import { exerciseAnalysisSchema, recordAnswerSchema, recordBodySchema } from './exercise.schema.ts';

/** `GET /api/v1/analysis/exercises` and `POST /api/v1/exercises/{id}/record`. */
export function registerExerciseRoutes(
  app: FastifyInstance,
  exercises: ExerciseService,
  recording: ExerciseRecording,
  auth: Pick<AuthService, 'ownerScope'>,
): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  route.get(
    '/api/v1/analysis/exercises',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['analysis'],
        summary:
          'Each exercise achieved against predicted against target, the proven RTOs, the exercise programme and training coverage',
        description:
          "The target is the catalog's RTO; due dates and validity are judged on the server's date (UTC). " +
          'Computed once per catalog state and day.',
        response: { 200: exerciseAnalysisSchema, 401: problemSchema },
      },
    },
    async () => exercises.analysis(),
  );

  /** A service owner records within a scope: their Person and their teams. */
  async function recorder(request: FastifyRequest): Promise<Actor> {
    const name = actorOf(request);
    const principal = request.principal;
    if (principal?.role !== 'owner') return name;
    return { name, ownerScope: await auth.ownerScope(principal.email) };
  }

  route.post(
    '/api/v1/exercises/:id/record',
    {
      // A service owner may record the exercises they take part in; the recording service checks which.
      config: { access: 'catalog:write', ownerScoped: true },
      // The body schema documents the events; the service validates them so that each problem names its event.
      attachValidation: true,
      schema: {
        tags: ['exercises'],
        summary: 'Record events of a running exercise (steps, restored nodes, findings), merged first-wins',
        description:
          'Events carry a client-made id and are idempotent: per field the first recorded value wins, so a ' +
          'replayed event changes nothing and is listed in alreadyRecorded. One invalid event (400, naming it) ' +
          'records nothing; a cancelled exercise answers 409; a request that changes nothing writes nothing.',
        params: z.object({ id: idSchema }),
        body: recordBodySchema,
        response: {
          200: recordAnswerSchema,
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request) => {
      // A bad id answers as on every route; problems with the body are left to the recording service.
      if (request.validationError && request.validationError.validationContext !== 'body')
        throw request.validationError;
      return recording.record(request.params.id, request.body, await recorder(request));
    },
  );
}
