import type { FastifyInstance } from 'fastify';
import type { LifeboatDatabase } from '../db/database.ts';
import { sendProblem } from '../http/problem.ts';

/** `GET /healthz`: the process answers. `GET /readyz`: and its database does too. */
export function registerHealthRoutes(app: FastifyInstance, database: LifeboatDatabase): void {
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Liveness' } },
    () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'Readiness: the database answers' },
    },
    async (_, reply) => {
      if (await database.ping()) return { status: 'ready', database: database.dialect };
      return sendProblem(reply, 503, { detail: `The ${database.dialect} database does not answer` });
    },
  );
}
