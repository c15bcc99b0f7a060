import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WorkContext } from '../services/heavy-work.ts';

/**
 * Who asks for heavy work (the signed-in user, else the client address) and a signal that fires when the client
 * goes away before the answer is sent, so queued work is dropped and running work told to stop.
 */
export function workContext(request: FastifyRequest, reply: FastifyReply): WorkContext {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort();
  });
  return { user: request.principal?.userId ?? `address ${request.ip}`, signal: gone.signal };
}
