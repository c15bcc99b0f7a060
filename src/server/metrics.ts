import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics, served at /metrics in the Prometheus text format. Metrics describe the process, not one
 * application instance, so they live in one registry per process: any module counts what it does here (the
 * notifier counts emails and webhook deliveries, the job queue its runs) without the counters being passed around.
 */
export const metricsRegistry = new Registry();

/** How long requests take, by method, route pattern (`/api/v1/plans/:id`, never the URL) and status code. */
export const httpRequestDuration = new Histogram({
  name: 'lifeboat_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Background job runs by job and result (`ok` or `failed`); a retried job counts each attempt. */
export const jobRuns = new Counter({
  name: 'lifeboat_job_runs_total',
  help: 'Background job runs, by job and result (ok or failed)',
  labelNames: ['job', 'result'] as const,
  registers: [metricsRegistry],
});

/** Catalog graph lookups: `hit` (current), `replay` (brought up to date from the audit log) or `miss` (reloaded). */
export const graphCacheLookups = new Counter({
  name: 'lifeboat_graph_cache_lookups_total',
  help: 'Catalog graph cache lookups, by result (hit, replay or miss)',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});

/** Emails by category (`digest`, `invitation`, `call-tree`, ...) and how they left: `smtp` or `outbox`. */
export const emailsSent = new Counter({
  name: 'lifeboat_emails_total',
  help: 'Emails, by category and delivery (smtp, or outbox when no SMTP server is configured)',
  labelNames: ['category', 'delivery'] as const,
  registers: [metricsRegistry],
});

/** Webhook delivery attempts by event and result (`ok` for a 2xx answer, else `failed`). */
export const webhookDeliveries = new Counter({
  name: 'lifeboat_webhook_deliveries_total',
  help: 'Webhook delivery attempts, by event and result (ok or failed)',
  labelNames: ['event', 'result'] as const,
  registers: [metricsRegistry],
});

let defaultsStarted = false;

/**
 * Starts the process metrics (event-loop lag, memory, CPU, handles) once: they sample in the background, so only
 * a server that serves /metrics starts them.
 */
export function startProcessMetrics(): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics({ register: metricsRegistry });
}
