import type { FastifyRequest } from 'fastify';

/** Query parameters that carry a secret: one-time password links, and the sign-in provider's code and state. */
const SECRET_PARAMETERS = /([?&](?:token|code|state)=)[^&#]*/gi;
/** Path segments that are secrets: the call tree's acknowledgement links. */
const SECRET_PATHS = /(\/ack\/)[^/?#]+/gi;

/**
 * `url` as the logs may show it: acknowledgement tokens, one-time link tokens and sign-in codes replaced with
 * `[redacted]`. A log line is read by more people than the one the link was sent to.
 */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PATHS, '$1[redacted]').replace(SECRET_PARAMETERS, '$1[redacted]');
}

/** The request as a log line shows it: Fastify's default fields, the URL redacted. */
export function requestLogFields(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
