import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMetricsServer } from '../src/server/metrics-server.ts';
import { createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
let t: TestApp;
let off: TestApp;

beforeAll(async () => {
  t = await createTestApp('sqlite', { metricsToken: TOKEN });
  off = await createTestApp('sqlite');
});
afterAll(async () => {
  await t.close();
  await off.close();
});

/** The value of one sample line, `name{labels} value`, or undefined when the line is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split('\n')
    .find(
      (candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)),
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

it('serves Prometheus metrics to the token holder: latency by route pattern, graph cache, process lag', async () => {
  await seedFixtures(t.app);
  for (const id of ['payments', 'no-such-service'])
    await t.app.inject({ method: 'GET', url: `/api/v1/services/${id}` });
  await t.app.inject({ method: 'GET', url: '/api/v1/analysis/spof' });
  await t.app.inject({ method: 'GET', url: '/api/v1/analysis/spof' });

  const response = await t.server.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = response.body;
  // One series per route pattern, never per URL: both ids land in the same route's histogram.
  expect(
    sample(text, 'lifeboat_http_request_duration_seconds_count', {
      route: '/api/v1/services/:id',
      status_code: '200',
    }),
  ).toBeGreaterThanOrEqual(1);
  expect(
    sample(text, 'lifeboat_http_request_duration_seconds_count', {
      route: '/api/v1/services/:id',
      status_code: '404',
    }),
  ).toBeGreaterThanOrEqual(1);
  expect(text).not.toContain('no-such-service');
  expect(sample(text, 'lifeboat_graph_cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
  expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  expect(text).toContain('# TYPE lifeboat_job_runs_total counter');
  expect(text).toContain('# TYPE lifeboat_emails_total counter');
  expect(text).toContain('# TYPE lifeboat_webhook_deliveries_total counter');
});

it('refuses /metrics without the token or with a wrong one, and a user token is not a metrics token', async () => {
  const none = await t.server.inject({ method: 'GET', url: '/metrics' });
  expect(none.statusCode).toBe(401);
  expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
  expect(none.json()).toMatchObject({
    detail: 'Send the metrics token: Authorization: Bearer <LIFEBOAT_METRICS_TOKEN>',
  });
  const wrong = await t.server.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${TOKEN}x` },
  });
  expect(wrong.statusCode).toBe(401);
  const asAdmin = await t.as('admin').inject({ method: 'GET', url: '/metrics' });
  expect(asAdmin.statusCode).toBe(401);
});

it('answers 404 at /metrics when no token is set, saying how to turn metrics on', async () => {
  const response = await off.server.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(404);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json<{ detail: string }>().detail).toContain('LIFEBOAT_METRICS_TOKEN');
});

it('serves metrics without a token on a port of its own bound to 127.0.0.1, and nothing else there', async () => {
  const server: Server = await startMetricsServer(0);
  try {
    const address = server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    const port = typeof address === 'object' && address ? address.port : 0;
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE lifeboat_http_request_duration_seconds histogram');
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
