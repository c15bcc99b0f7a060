import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../http/problem.ts';
import { httpRequestDuration, metricsRegistry, startProcessMetrics } from '../metrics.ts';

/** Whether `header` is `Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * Times every request by route pattern (`/api/v1/plans/:id`, so the label set stays small whatever the URLs),
 * and serves `GET /metrics` in the Prometheus text format to a scraper holding LIFEBOAT_METRICS_TOKEN. Without a
 * token the route answers 404: metrics are then off, or served on their own port (LIFEBOAT_METRICS_PORT).
 */
export function registerMetricsRoutes(app: FastifyInstance, options: { token?: string | undefined }): void {
  app.addHook('onResponse', (request, reply, done) => {
    httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  const { token } = options;
  if (token) startProcessMetrics();
  app.get(
    '/metrics',
    {
      // The route checks its own token: a scraper is not a user.
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Metrics in the Prometheus text format (Authorization: Bearer LIFEBOAT_METRICS_TOKEN)',
        description:
          'Request latency by route, job runs and failures, event-loop lag, graph cache lookups, emails and webhook deliveries. 404 unless LIFEBOAT_METRICS_TOKEN is set; with LIFEBOAT_METRICS_PORT the metrics are served on that port of 127.0.0.1 instead.',
      },
    },
    async (request, reply) => {
      if (!token) {
        return sendProblem(reply, 404, {
          detail:
            'Metrics are not served here: set LIFEBOAT_METRICS_TOKEN to serve them at /metrics, or LIFEBOAT_METRICS_PORT to serve them on a port of 127.0.0.1',
        });
      }
      if (!bearerMatches(request.headers.authorization, token)) {
        return sendProblem(reply.header('www-authenticate', 'Bearer realm="metrics"'), 401, {
          type: 'urn:lifeboat:problem:metrics-token',
          detail: 'Send the metrics token: Authorization: Bearer <LIFEBOAT_METRICS_TOKEN>',
        });
      }
      const text = await metricsRegistry.metrics();
      return reply.type(metricsRegistry.contentType).send(text);
    },
  );
}
