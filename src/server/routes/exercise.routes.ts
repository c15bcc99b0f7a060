import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../http/problem.ts';
import type { ExerciseService } from '../services/exercise.service.ts';
import { exerciseAnalysisSchema } from './exercise.schema.ts';

/** `GET /api/v1/analysis/exercises`. */
export function registerExerciseRoutes(app: FastifyInstance, exercises: ExerciseService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
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
}
