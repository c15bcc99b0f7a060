import { afterAll, beforeAll, expect, it } from 'vitest';
import { KIND_NAMES, KINDS } from '../src/catalog/kinds.ts';
import { ROLES } from '../src/server/auth/roles.ts';
import type { Role } from '../src/server/auth/roles.ts';
import { body, createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';

/**
 * Who may call each route, written out by hand: the test compares it with what the server does, so a rule that
 * changes or a new route without an entry here fails.
 */
const READ = ['admin', 'manager', 'owner', 'viewer', 'auditor'] as const;
const WRITE = ['admin', 'manager'] as const;
const OWNER_WRITE = ['admin', 'manager', 'owner'] as const;
const AUDIT = ['admin', 'manager', 'auditor'] as const;
type Rule = 'public' | readonly Role[];

/** Each kind's routes: readable by every role, writable by managers, and by owners where the registry says so. */
const KIND_RULES: Record<string, Rule> = {};
for (const kind of KIND_NAMES) {
  const { plural, ownerWritable } = KINDS[kind];
  const write = ownerWritable ? OWNER_WRITE : WRITE;
  KIND_RULES[`GET /api/v1/${plural}`] = READ;
  KIND_RULES[`POST /api/v1/${plural}`] = write;
  KIND_RULES[`GET /api/v1/${plural}/{id}`] = READ;
  KIND_RULES[`PUT /api/v1/${plural}/{id}`] = write;
  KIND_RULES[`DELETE /api/v1/${plural}/{id}`] = write;
}

const EXPECTED: Record<string, Rule> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': READ,
  'GET /api/v1/auth/config': 'public',
  'GET /api/v1/auth/oidc/login': 'public',
  'GET /api/v1/auth/oidc/callback': 'public',
  ...KIND_RULES,
  'GET /api/v1/documents/{id}': READ,
  'GET /api/v1/audit': AUDIT,
  'GET /api/v1/audit/verify': AUDIT,
  'POST /api/v1/analysis/impact': READ,
  'GET /api/v1/analysis/spof': READ,
  'GET /api/v1/analysis/single-points': READ,
  'GET /api/v1/analysis/objectives': READ,
  'GET /api/v1/analysis/bia': READ,
  'GET /api/v1/analysis/risk': READ,
  'GET /api/v1/analysis/suppliers': READ,
  'GET /api/v1/analysis/compliance': READ,
  'GET /api/v1/analysis/compliance/trend': READ,
  'GET /api/v1/reports/compliance-evidence': READ,
  'GET /api/v1/reports/management-review': READ,
  'GET /api/v1/exports/dora': AUDIT,
  'GET /api/v1/exports/dora/problems': AUDIT,
  'GET /api/v1/analysis/exercises': READ,
  'POST /api/v1/exercises/{id}/record': OWNER_WRITE,
  'GET /api/v1/exercises/{id}/calibration': READ,
  'GET /api/v1/exercises/{id}/report': READ,
  'POST /api/v1/exercises/{id}/calibration/apply': WRITE,
  'GET /api/v1/graph': READ,
  'POST /api/v1/catalog/import': WRITE,
  'GET /api/v1/catalog/export': READ,
  'POST /api/v1/imports/preview': WRITE,
  'POST /api/v1/imports/apply': WRITE,
  'POST /api/v1/plans/{id}/approve': WRITE,
  'GET /api/v1/plans/due': READ,
  'GET /api/v1/plans/{id}/versions': READ,
  'GET /api/v1/plans/{id}/versions/{number}': READ,
  'GET /api/v1/plans/{id}/recovery-order': READ,
  'GET /api/v1/plans/{id}/pack': READ,
  'GET /api/v1/incidents/{id}/figures': READ,
  'GET /api/v1/incidents/{id}/call-tree': READ,
  'POST /api/v1/plans/{id}/invoke': OWNER_WRITE,
  'POST /api/v1/ack/{token}': 'public',
  'GET /api/v1/actions': READ,
  'GET /api/v1/assessments/requested': READ,
  'POST /api/v1/assessments/{id}/submit': OWNER_WRITE,
  'POST /api/v1/assessments/{id}/approve': WRITE,
  'POST /api/v1/assessments/{id}/return': WRITE,
  'GET /api/v1/assessments/{id}/history': READ,
  'GET /api/v1/assessments/{id}/versions': READ,
  'GET /api/v1/assessments/{id}/versions/{number}': READ,
  'GET /api/v1/campaigns/{id}/progress': READ,
  'GET /api/v1/admin/outbox': ['admin'],
  'GET /api/v1/admin/outbox/{id}': ['admin'],
  'GET /api/v1/admin/webhooks': ['admin'],
  'POST /api/v1/admin/webhooks': ['admin'],
  'GET /api/v1/admin/webhooks/{id}': ['admin'],
  'PUT /api/v1/admin/webhooks/{id}': ['admin'],
  'DELETE /api/v1/admin/webhooks/{id}': ['admin'],
  'POST /api/v1/admin/webhooks/{id}/rotate-secret': ['admin'],
  'POST /api/v1/admin/webhooks/{id}/test': ['admin'],
  'GET /api/v1/admin/webhooks/{id}/deliveries': ['admin'],
  'GET /api/v1/me/notifications': READ,
  'PUT /api/v1/me/notifications': READ,
  'GET /api/v1/admin/users': ['admin'],
  'POST /api/v1/admin/users/invite': ['admin'],
  'PATCH /api/v1/admin/users/{id}': ['admin'],
  'POST /api/v1/admin/users/{id}/reset-password': ['admin'],
  'POST /api/v1/auth/set-password': 'public',
  'POST /api/v1/me/password': READ,
  'GET /api/v1/me/sessions': READ,
  'DELETE /api/v1/me/sessions/{id}': READ,
  'GET /api/v1/me/tokens': READ,
  'POST /api/v1/me/tokens': READ,
  'DELETE /api/v1/me/tokens/{id}': READ,
};

let t: TestApp;
let routes: string[];
beforeAll(async () => {
  t = await createTestApp('sqlite');
  await seedFixtures(t.app);
  const spec = body<{ paths: Record<string, Record<string, unknown>> }>(
    await t.server.inject({ method: 'GET', url: '/api/openapi.json' }),
  );
  routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
});
afterAll(async () => {
  await t.close();
});

it('has an access rule in this table for every route of the OpenAPI document, and no stale entry', () => {
  expect([...routes].sort()).toEqual(Object.keys(EXPECTED).sort());
});

/** The route-level verdict of one request: refused for lack of credentials, for the role, or let through. */
function verdict(status: number, type: unknown): 'unauthenticated' | 'not-permitted' | 'allowed' {
  if (status === 401 && type === 'urn:lifeboat:problem:unauthenticated') return 'unauthenticated';
  if (status === 403 && type === 'urn:lifeboat:problem:not-permitted') return 'not-permitted';
  return 'allowed';
}

it('lets exactly the allowed roles through every route, and no credentials only through public ones', async () => {
  const mismatches: string[] = [];
  for (const route of routes) {
    const [method, path] = route.split(' ') as [string, string];
    // The id of a document nobody else refers to, so an allowed delete does not change what later rows see.
    const url = path.replace('{id}', 'no-such-document');
    const rule = EXPECTED[route] ?? [];
    for (const role of [null, ...ROLES]) {
      const response = await t.as(role).inject({
        method,
        url,
        ...(method !== 'GET' && method !== 'DELETE' && { payload: {} }),
      });
      const isProblem = String(response.headers['content-type'] ?? '').includes('application/problem+json');
      const type = isProblem ? response.json<{ type?: unknown }>().type : undefined;
      const got = verdict(response.statusCode, type);
      const expected =
        rule === 'public'
          ? 'allowed'
          : role === null
            ? 'unauthenticated'
            : rule.includes(role)
              ? 'allowed'
              : 'not-permitted';
      if (got !== expected)
        mismatches.push(
          `${route} as ${role ?? 'anonymous'}: expected ${expected}, got ${got} (${response.statusCode})`,
        );
    }
  }
  expect(mismatches).toEqual([]);
});
