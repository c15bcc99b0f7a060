/**
 * What `check` accepts, the analyses survive: random catalogs (fast-check) go through the checker and the
 * import route; an accepted one must get a 2xx with consistent content from every analysis route, and a refused
 * one must be refused by the API too, with nothing written.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../src/catalog/check/check-catalog.ts';
import { formatDuration } from '../src/catalog/duration.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';

const FAILURE_KINDS = ['Service', 'Component', 'Site', 'Vendor'] as const;
type FailureKind = (typeof FAILURE_KINDS)[number];

interface NodeShape {
  kind: FailureKind;
  deps: ({ required: number } | { anyOf: number[] } | { atLeast: number; of: number[] })[];
  site: number | undefined;
  recovery: number | undefined;
  restart: number | undefined;
  tier: number;
  rto: number | undefined;
  mtpd: number | undefined;
}

/** Minutes from nothing to weeks, and the edges: 0 and a duration of years. */
const minutes = fc.oneof(
  fc.constantFrom(0, 1, 15, 60, 240, 1440, 10_080, 525_600),
  fc.integer({ min: 0, max: 100_000 }),
);

function shapeOf(n: number): fc.Arbitrary<NodeShape> {
  const id = fc.nat({ max: n - 1 });
  const members = fc.array(id, { minLength: 1, maxLength: 4 });
  const dependency = fc.oneof(
    { weight: 4, arbitrary: id.map((required) => ({ required })) },
    { weight: 2, arbitrary: members.map((anyOf) => ({ anyOf })) },
    {
      weight: 1,
      arbitrary: members.chain((of) =>
        fc.integer({ min: 1, max: of.length }).map((atLeast) => ({ atLeast, of })),
      ),
    },
  );
  return fc.record({
    kind: fc.constantFrom(...FAILURE_KINDS),
    deps: fc.array(dependency, { maxLength: 3 }),
    site: fc.option(id, { nil: undefined }),
    recovery: fc.option(minutes, { nil: undefined }),
    restart: fc.option(minutes, { nil: undefined }),
    tier: fc.integer({ min: 1, max: 4 }),
    rto: fc.option(minutes, { nil: undefined }),
    mtpd: fc.option(minutes, { nil: undefined }),
  });
}

const catalogArb = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    nodes: fc.array(shapeOf(n), { minLength: n, maxLength: n }),
    fail: fc.array(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: 3 }),
    planFail: fc.nat({ max: n - 1 }),
    restores: fc.array(fc.nat({ max: n - 1 }), { maxLength: 3 }),
  }),
);

type Catalog = typeof catalogArb extends fc.Arbitrary<infer C> ? C : never;

const PREFIX: Record<FailureKind, string> = { Service: 'svc', Component: 'cmp', Site: 'site', Vendor: 'ven' };

/** The id of node i: its kind's prefix and its index. */
function nodeIds(catalog: Catalog): string[] {
  return catalog.nodes.map((node, i) => `${PREFIX[node.kind]}-${i}`);
}

/** The catalog as documents; references to node i use its id. */
function documentsOf(catalog: Catalog): Record<string, unknown>[] {
  const ids = nodeIds(catalog);
  const idOf = (i: number) => ids[i] ?? 'missing';
  const docs: Record<string, unknown>[] = [
    { apiVersion: 'lifeboat/v1', kind: 'Team', metadata: { id: 'ops' }, spec: {} },
  ];
  catalog.nodes.forEach((node, i) => {
    const spec: Record<string, unknown> = {};
    // Kept to what check can accept: no reference to the node itself, each group member once (the refusals
    // have tests of their own).
    const others = (members: number[]) => [...new Set(members.filter((m) => m !== i))].map(idOf);
    const dependsOn = node.deps.flatMap((dep): unknown[] => {
      if ('required' in dep) return dep.required === i ? [] : [idOf(dep.required)];
      const members = others('anyOf' in dep ? dep.anyOf : dep.of);
      if (members.length === 0) return [];
      return 'anyOf' in dep
        ? [{ anyOf: members }]
        : [{ atLeast: Math.min(dep.atLeast, members.length), of: members }];
    });
    if (dependsOn.length > 0) spec.dependsOn = dependsOn;
    if (node.recovery !== undefined) spec.recovery = formatDuration(node.recovery);
    if (node.restart !== undefined) spec.restart = formatDuration(node.restart);
    if (node.kind === 'Service') {
      Object.assign(spec, { type: 'it', tier: node.tier, owner: 'ops' });
      if (node.rto !== undefined) spec.rto = formatDuration(node.rto);
      if (node.mtpd !== undefined) spec.mtpd = formatDuration(node.mtpd);
    }
    if (node.kind === 'Component') {
      spec.type = 'server';
      if (node.site !== undefined && catalog.nodes[node.site]?.kind === 'Site') spec.site = idOf(node.site);
    }
    docs.push({ apiVersion: 'lifeboat/v1', kind: node.kind, metadata: { id: idOf(i) }, spec });
  });
  const services = ids.filter((id) => id.startsWith('svc-'));
  if (services.length > 0) {
    docs.push({
      apiVersion: 'lifeboat/v1',
      kind: 'Plan',
      metadata: { id: 'plan-a' },
      spec: {
        services: [services[0]],
        owner: 'ops',
        scenario: { description: 'A random failure', fail: [idOf(catalog.planFail)] },
        activation: 'Always',
        phases: {
          recovery: [{ id: 'fix', title: 'Fix it', duration: '1h', restores: catalog.restores.map(idOf) }],
        },
      },
    });
  }
  docs.push({
    apiVersion: 'lifeboat/v1',
    kind: 'Incident',
    metadata: { id: 'inc-a' },
    spec: {
      title: 'A random incident',
      started: '2025-01-01T00:00:00Z',
      resolved: '2025-01-02T00:00:00Z',
      failed: [...new Set(catalog.fail.map(idOf))],
    },
  });
  return docs;
}

/** JSON is YAML: one document per JSON line, separated by `---`. */
function yamlOf(documents: Record<string, unknown>[]): string {
  return documents.map((document) => JSON.stringify(document)).join('\n---\n');
}

let t: TestApp;
let accepted = 0;
beforeAll(async () => {
  t = await createTestApp('sqlite');
});
afterAll(async () => {
  await t.close();
});

async function get(url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  return response;
}

describe('a catalog that passes check', () => {
  it('gets a 2xx with consistent content from every analysis route; one check refuses, the API refuses too', async () => {
    await fc.assert(
      fc.asyncProperty(catalogArb, async (catalog) => {
        const documents = documentsOf(catalog);
        const text = yamlOf(documents);
        const checked = checkCatalog([{ file: 'random.yaml', text }]);
        const imported = await t.app.inject({
          method: 'POST',
          url: '/api/v1/catalog/import?prune=true',
          headers: { 'content-type': 'application/yaml' },
          payload: text,
        });
        if (checked.errors.length > 0) {
          expect(imported.statusCode, imported.body).toBe(422);
          return;
        }
        expect(imported.statusCode, imported.body).toBe(200);
        accepted += 1;
        const ids = new Set(documents.map((document) => (document.metadata as { id: string }).id));
        const serviceIds = [...ids].filter((id) => id.startsWith('svc-'));
        const failIds = [...new Set(catalog.fail.map((i) => nodeIds(catalog)[i] ?? ''))];

        const impact = await t.app.inject({
          method: 'POST',
          url: '/api/v1/analysis/impact',
          payload: { fail: failIds },
        });
        expect(impact.statusCode, impact.body).toBe(200);
        const result = body<{
          failed: string[];
          down: { id: string; restoreMinutes: number | null }[];
          services: { id: string; down: boolean }[];
        }>(impact);
        const down = new Set(result.down.map((node) => node.id));
        for (const id of failIds) expect(down.has(id)).toBe(true);
        expect(result.services.map((service) => service.id).sort()).toEqual([...serviceIds].sort());
        for (const service of result.services) expect(service.down).toBe(down.has(service.id));
        for (const node of result.down)
          expect(node.restoreMinutes === null || node.restoreMinutes >= 0).toBe(true);

        for (const maxOrder of [1, 2]) {
          const spof = await get(`/api/v1/analysis/spof?maxOrder=${maxOrder}`);
          expect(spof.statusCode, spof.body).toBe(200);
          const sets = body<{ services: { id: string; cutSets: string[][] }[] }>(spof);
          for (const service of sets.services) {
            for (const cut of service.cutSets) {
              expect(cut.length).toBeLessThanOrEqual(maxOrder);
              for (const id of cut) expect(ids.has(id)).toBe(true);
            }
          }
          // A single point of failure really takes its service down.
          if (maxOrder === 1) {
            const first = sets.services.find((service) => service.cutSets.length > 0);
            const cut = first?.cutSets[0];
            if (first && cut) {
              const check = await t.app.inject({
                method: 'POST',
                url: '/api/v1/analysis/impact',
                payload: { fail: cut },
              });
              const after = body<{ services: { id: string; down: boolean }[] }>(check);
              expect(after.services.find((service) => service.id === first.id)?.down).toBe(true);
            }
          }
        }

        for (const id of ids) {
          if (id === 'ops' || id === 'plan-a' || id === 'inc-a') continue;
          const graph = await get(`/api/v1/graph?around=${id}&depth=2`);
          expect(graph.statusCode, graph.body).toBe(200);
        }
        if (ids.has('plan-a')) {
          const order = await get('/api/v1/plans/plan-a/recovery-order');
          expect(order.statusCode, order.body).toBe(200);
          const pack = await get('/api/v1/plans/plan-a/pack?format=html');
          expect(pack.statusCode, pack.body.slice(0, 500)).toBe(200);
        }
        const figures = await get('/api/v1/incidents/inc-a/figures');
        expect(figures.statusCode, figures.body).toBe(200);
        for (const url of ['/api/v1/plans/due', '/api/v1/actions']) {
          const answer = await get(url);
          expect(answer.statusCode, answer.body).toBe(200);
        }
      }),
      { numRuns: 60 },
    );
    // Most random catalogs must pass check, or the property says little about the analyses.
    expect(accepted).toBeGreaterThan(30);
  });

  it('refuses a redundancy group that lists a member twice, in check and in the API, naming the id', async () => {
    const text = yamlOf([
      { apiVersion: 'lifeboat/v1', kind: 'Site', metadata: { id: 'a' }, spec: {} },
      {
        apiVersion: 'lifeboat/v1',
        kind: 'Site',
        metadata: { id: 'b' },
        spec: { dependsOn: [{ anyOf: ['a', 'a'] }] },
      },
    ]);
    const checked = checkCatalog([{ file: 'dup.yaml', text }]);
    expect(checked.errors.map((finding) => finding.message).join('\n')).toContain('"a" is listed twice');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      payload: text,
    });
    expect(imported.statusCode).toBe(422);
    expect(imported.body).toContain('listed twice');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      payload: {
        apiVersion: 'lifeboat/v1',
        kind: 'Site',
        metadata: { id: 'dup-site' },
        spec: { dependsOn: [{ atLeast: 1, of: ['svc-0', 'svc-0'] }] },
      },
    });
    // A body that fails its kind's schema is a 400 naming the field, as for any other schema error.
    expect(created.statusCode).toBe(400);
    expect(created.body).toContain('listed twice');
    const spof = await get('/api/v1/analysis/spof?maxOrder=1');
    expect(spof.statusCode).toBe(200);
  });
});
