import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuthError } from '../auth/auth-error.ts';
import type { AuthErrorCode } from '../auth/auth-error.ts';
import { CatalogError } from '../services/errors.ts';
import type { CatalogErrorCode, FieldError } from '../services/errors.ts';
import { describeFieldErrors } from '../services/validation.ts';
import { HeavyWorkError } from '../services/work-errors.ts';

/** RFC 9457 problem details, as every error response carries them. */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });

const STATUS_OF: Record<CatalogErrorCode, { status: number; title: string }> = {
  invalid: { status: 400, title: 'Invalid request' },
  'unstorable-text': { status: 422, title: 'Unstorable text' },
  'not-found': { status: 404, title: 'Not found' },
  'already-exists': { status: 409, title: 'Id already in use' },
  'version-required': { status: 428, title: 'Version required' },
  'version-conflict': { status: 409, title: 'Version conflict' },
  'invalid-reference': { status: 422, title: 'Invalid reference' },
  referenced: { status: 409, title: 'Still referenced' },
  forbidden: { status: 403, title: 'Forbidden' },
  conflict: { status: 409, title: 'Conflict' },
};

const AUTH_STATUS: Record<AuthErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  503: 'Service unavailable',
};

/** Sends a problem+json answer. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  fields: { type?: string; title?: string; detail: string; [extension: string]: unknown },
): FastifyReply {
  const { type, title, ...rest } = fields;
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: type ?? 'about:blank',
      title: title ?? TITLES[status] ?? 'Error',
      status,
      ...rest,
      instance: reply.request.url,
      requestId: reply.request.id,
    });
}

/** `/spec/dependsOn/0` -> `spec.dependsOn[0]`. */
function pointerToPath(pointer: string, root: string): string {
  const parts = pointer.split('/').filter((part) => part !== '');
  const path = parts
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
  return path || root;
}

/** Every error leaves the server as problem+json; a 5xx never shows its stack or its SQL. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof CatalogError) {
      const { status, title } = STATUS_OF[error.code];
      return sendProblem(reply, status, {
        type: `urn:lifeboat:problem:${error.code}`,
        title,
        detail: error.detail,
        ...error.extensions,
      });
    }
    if (error instanceof AuthError) {
      if (error.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(error.retryAfterSeconds));
      return sendProblem(reply, AUTH_STATUS[error.code], {
        type: `urn:lifeboat:problem:${error.code}`,
        detail: error.detail,
      });
    }
    if (error instanceof HeavyWorkError) {
      if (error.status >= 500) request.log.error({ err: error }, 'analysis failed');
      if (error.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(error.retryAfterSeconds));
      return sendProblem(reply, error.status, {
        type: `urn:lifeboat:problem:${error.code}`,
        ...(error.status === 500 && { title: 'Analysis failed' }),
        detail: error.detail,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const issues = error.validation as readonly { instancePath: string; message?: string }[];
      const errors: FieldError[] = issues.map((issue) => ({
        path: pointerToPath(issue.instancePath, where),
        message: issue.message ?? 'is not valid',
      }));
      return sendProblem(reply, 400, {
        type: 'urn:lifeboat:problem:invalid',
        detail: `The request ${where} is not valid: ${describeFieldErrors(errors)}`,
        errors,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, status, { detail: error.message });
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, 500, {
      title: 'Internal server error',
      detail: `Something went wrong on the server; it has been logged with request id ${request.id}.`,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, { detail: `There is no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
