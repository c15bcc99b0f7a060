import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DIGEST_FREQUENCIES } from '../../reminders/digest.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import type { ReminderService } from '../services/reminder.service.ts';

/** A user's notification preferences: how often their reminder digest comes. */
export const notificationPreferencesSchema = z.strictObject({
  digest: z.enum(DIGEST_FREQUENCIES).meta({
    description:
      'How often your reminder digest comes: `daily`, `weekly` (on Mondays) or `off`. Daily until you choose.',
  }),
});

/** `GET/PUT /api/v1/me/notifications`: every signed-in user's own digest preference. */
export function registerNotificationPreferenceRoutes(
  app: FastifyInstance,
  reminders: ReminderService,
  now: () => Date,
): void {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    '/api/v1/me/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary: 'Your notification preferences: how often your reminder digest comes',
        response: { 200: notificationPreferencesSchema, 401: problemSchema },
      },
    },
    async (request) => ({ digest: await reminders.preference(request.principal!.userId) }),
  );

  route.put(
    '/api/v1/me/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary: 'Set how often your reminder digest comes (daily, weekly or off); audited',
        body: notificationPreferencesSchema,
        response: { 200: notificationPreferencesSchema, 400: problemSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const digest = await reminders.setPreference(principal, request.body.digest, {
        actor: actorOf(request),
        now: now(),
      });
      return { digest };
    },
  );
}
