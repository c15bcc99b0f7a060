import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { metricsRegistry, startProcessMetrics } from './metrics.ts';

/**
 * Serves `GET /metrics` on a port of its own (LIFEBOAT_METRICS_PORT), bound to 127.0.0.1 only: a scraper on the
 * same machine (or a sidecar) reads it without a token, and nothing outside the host can reach it.
 */
export async function startMetricsServer(port: number): Promise<Server> {
  startProcessMetrics();
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here\n');
      return;
    }
    metricsRegistry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}
