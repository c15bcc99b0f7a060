import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatTextPath, unstorableText } from '../../catalog/storable-text.ts';
import type { FieldError } from '../services/errors.ts';
import { describeFieldErrors } from '../services/validation.ts';
import { sendProblem } from './problem.ts';

/**
 * Refuses, before any schema sees it, a JSON body or query string holding text no database stores faithfully: a
 * NUL character (PostgreSQL refuses it, so one stored value would break every list that reads it) or a lone
 * surrogate (SQLite turns it into U+FFFD). 422 with the path of every such string, on both databases alike.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const errors: FieldError[] = [];
    for (const [where, value] of [
      ['query', request.query],
      ['body', typeof request.body === 'object' ? request.body : undefined],
    ] as const) {
      for (const problem of unstorableText(value, 20 - errors.length))
        errors.push({ path: formatTextPath([where, ...problem.path]), message: problem.message });
    }
    if (errors.length === 0) return;
    // A document body is named as its fields are elsewhere (spec.onCall), not as body.spec.onCall.
    const named = errors.map((error) => ({ ...error, path: error.path.replace(/^body\./, '') }));
    return sendProblem(reply, 422, {
      type: 'urn:lifeboat:problem:unstorable-text',
      title: 'Unstorable text',
      detail: `The request holds text that cannot be stored: ${describeFieldErrors(named)}`,
      errors: named,
    });
  });
}
