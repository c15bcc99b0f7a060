import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createImportService } from '../src/server/services/import.service.ts';
import { FIXTURE_ORDER, FIXTURES } from './support/fixtures.ts';
import { body, createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';

const EXISTING = new Set<string>(FIXTURE_ORDER.map((kind) => FIXTURES[kind].metadata.id));

let t: TestApp;
let routes: { method: string; path: string }[];
beforeAll(async () => {
  t = await createTestApp('sqlite');
  await seedFixtures(t.app);
  const spec = body<{ paths: Record<string, Record<string, unknown>> }>(
    await t.server.inject({ method: 'GET', url: '/api/openapi.json' }),
  );
  routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
});
afterAll(async () => {
  await t.close();
});

const hugeString = fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n));
const weirdText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '-',
    'UPPER',
    'a--b',
    'a'.repeat(64),
    '../../etc/passwd',
    '%00',
    '%',
    '\u0000',
    'null',
    '0',
    '-1',
    '1e309',
    'NaN',
    '💥🔥',
    'dc-north\n',
  ),
);
/** Ids that are malformed or name nothing stored, so no fuzzed request can change an existing document. */
const badId = fc
  .oneof(
    weirdText,
    hugeString.map((s) => s.slice(0, 5000)),
  )
  .filter((id) => !EXISTING.has(id));

const deepNesting = fc
  .integer({ min: 100, max: 20_000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
const documentLike = fc.record(
  {
    apiVersion: fc.oneof(fc.constant('lifeboat/v1'), fc.jsonValue()),
    kind: fc.oneof(
      fc.constantFrom('Service', 'Component', 'Site', 'Vendor', 'Team', 'Person', 'Gadget'),
      fc.jsonValue(),
    ),
    metadata: fc.oneof(
      fc.record(
        {
          id: badId,
          name: fc.oneof(weirdText, fc.jsonValue()),
          version: fc.oneof(fc.integer(), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    ),
    spec: fc.oneof(
      fc.record(
        {
          type: fc.jsonValue(),
          tier: fc.oneof(fc.integer(), fc.double(), fc.string()),
          dependsOn: fc.oneof(fc.array(fc.oneof(badId, fc.jsonValue()), { maxLength: 5 }), fc.jsonValue()),
          rto: fc.oneof(weirdText, fc.jsonValue()),
          owner: fc.oneof(badId, fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
);
const payload = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  documentLike.map((value) => JSON.stringify(value)),
  fc
    .record({ fail: fc.oneof(fc.array(badId, { maxLength: 5 }), fc.jsonValue()) })
    .map((value) => JSON.stringify(value)),
  fc
    .record({ email: fc.oneof(weirdText, fc.jsonValue()), password: fc.oneof(weirdText, fc.jsonValue()) })
    .map((value) => JSON.stringify(value)),
  deepNesting,
  hugeString.map((s) => JSON.stringify({ big: s })),
  weirdText, // not JSON at all
);
const queryValue = fc.oneof(
  weirdText,
  fc.integer().map(String),
  fc.double().map(String),
  hugeString.map((s) => s.slice(0, 3000)),
);
const query = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'limit',
      'cursor',
      'q',
      'label',
      'kind',
      'id',
      'maxOrder',
      'service',
      'around',
      'depth',
      'direction',
      'prune',
      'dryRun',
    ),
    weirdText,
  ),
  fc.oneof(queryValue, fc.array(queryValue, { maxLength: 3 })),
  { maxKeys: 4 },
);

const request = fc.record({
  route: fc.nat(),
  method: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), { freq: 5 }),
  id: badId,
  query,
  payload: fc.option(payload, { freq: 4 }),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'text/plain',
    'application/yaml',
    'application/x-www-form-urlencoded',
    '',
  ),
  ifMatch: fc.option(fc.oneof(weirdText, fc.integer().map(String)), { freq: 2 }),
  role: fc.constantFrom('admin', 'admin', 'admin', 'manager', 'owner', 'viewer', 'auditor', null),
});

it('answers 10,000 malformed requests across every route without a 5xx, always as problem+json, and changes nothing', async () => {
  const exporter = createImportService({ database: t.database, now: () => new Date() });
  const before = JSON.stringify(await exporter.exportDocuments());
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const route = routes[r.route % routes.length]!;
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(r.query))
        for (const v of [value].flat()) search.append(key, v);
      const url = `${route.path.replace('{id}', encodeURIComponent(r.id))}${search.size > 0 ? `?${search.toString()}` : ''}`;
      const method = r.method ?? route.method;
      const headers: Record<string, string> = {};
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.ifMatch !== null)
        // Header values must be printable ASCII to be sent at all.
        headers['if-match'] = [...r.ifMatch].map((c) => (c < ' ' || c > '~' ? '?' : c)).join('');
      const response = await t.as(r.role).inject({
        method,
        url,
        headers,
        ...(r.payload !== null && method !== 'GET' && { payload: r.payload }),
      });
      const where = `${method} ${url.slice(0, 120)} -> ${response.statusCode}`;
      if (response.statusCode >= 500) failures.push(`${where}: ${response.body.slice(0, 300)}`);
      if (response.statusCode >= 400) {
        const type = String(response.headers['content-type'] ?? '');
        const detail = type.includes('application/problem+json')
          ? (response.json<{ detail?: unknown }>().detail ?? '')
          : '';
        if (typeof detail !== 'string' || detail === '')
          failures.push(`${where}: not problem+json with a detail (${type})`);
      }
      // Every request is checked; failures are collected and shown together (a counterexample of huge strings is unreadable).
    }),
    { numRuns: 10_000, seed: 20261121 },
  );
  expect(failures).toEqual([]);
  expect(JSON.stringify(await exporter.exportDocuments())).toBe(before);
  // Generous: ten thousand requests on a loaded two-core machine; this bounds a hang, it measures nothing.
}, 600_000);
