import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportService } from '../src/server/services/import.service.ts';
import { validateDocument } from '../src/server/services/validation.ts';
import { runCli } from './support/cli.ts';
import { body, createTestApp, seedFixtures } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { FIXTURES } from './support/fixtures.ts';
import { describeEachDatabase } from './support/test-databases.ts';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

describeEachDatabase('hardening against hostile input', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seedFixtures(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  const team = (metadata: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
    apiVersion: 'lifeboat/v1',
    kind: 'Team',
    metadata: { id: 'night-shift', ...metadata },
    spec,
  });

  async function exportYaml(): Promise<string> {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/export' });
    expect(response.statusCode).toBe(200);
    return response.body;
  }

  async function importYaml(yaml: string) {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      payload: yaml,
    });
  }

  it('refuses a NUL byte or a lone surrogate anywhere in a document with 422 naming the field, and lists keep working', async () => {
    const attempts: [Record<string, unknown>, string][] = [
      [team({}, { onCall: 'call\u0000me' }), 'spec.onCall'],
      [team({ name: 'Night\u0000shift' }), 'metadata.name'],
      [team({ description: 'x\u0000' }), 'metadata.description'],
      [team({ labels: { area: 'it\u0000' } }), 'metadata.labels.area'],
      [team({ labels: { 'are\u0000a': 'it' } }), 'metadata.labels["are\\u0000a"]'],
      [team({ name: 'lone \uD800 surrogate' }), 'metadata.name'],
      [
        {
          ...FIXTURES.Plan,
          metadata: { id: 'plan-nul' },
          spec: { ...FIXTURES.Plan.spec, activation: 'call\u0000me' },
        },
        'spec.activation',
      ],
    ];
    for (const [document, path] of attempts) {
      const kind = (document as { kind: string }).kind;
      const response = await t.app.inject({
        method: 'POST',
        url: kind === 'Plan' ? '/api/v1/plans' : '/api/v1/teams',
        payload: document,
      });
      expect(response.statusCode, JSON.stringify(document)).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = body<Problem>(response);
      expect(problem.errors?.map((error) => error.path)).toEqual([path]);
      expect(problem.detail).toContain(path);
    }
    // An update is refused the same way.
    const update = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/teams/ops',
      headers: { 'if-match': '"1"' },
      payload: { ...FIXTURES.Team, spec: { onCall: '\u0000' } },
    });
    expect(update.statusCode).toBe(422);
    expect(body<Problem>(update).errors?.[0]?.path).toBe('spec.onCall');
    // A NUL in a search or a label filter is refused too, and a stored catalog still lists and filters.
    const search = await t.app.inject({ method: 'GET', url: '/api/v1/teams?q=a%00b' });
    expect(search.statusCode).toBe(422);
    expect(body<Problem>(search).errors?.[0]?.path).toBe('query.q');
    for (const url of [
      '/api/v1/teams?label=area=it',
      '/api/v1/teams?q=oper',
      '/api/v1/components?site=dc-north',
      '/api/v1/teams',
    ]) {
      const list = await t.app.inject({ method: 'GET', url });
      expect(list.statusCode, url).toBe(200);
      expect(body<{ items: { metadata: { id: string } }[] }>(list).items.length, url).toBeGreaterThan(0);
    }
    const teams = body<{ items: { metadata: { id: string } }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/teams' }),
    );
    expect(teams.items.map((item) => item.metadata.id)).toEqual(['ops']);
  });

  it('refuses a NUL in an imported catalog with 422 naming the file position and field', async () => {
    const yaml = (await exportYaml()).replace('name: Operations', 'name: "Opera\\0tions"');
    expect(yaml).toContain('Opera\\0tions');
    const response = await importYaml(yaml);
    expect(response.statusCode).toBe(422);
    const problem = body<{ errors: { line: number; message: string }[] }>(response);
    expect(problem.errors.map((error) => error.message)).toEqual([
      'metadata.name holds a NUL character (U+0000), which cannot be stored; remove it',
    ]);
    const team = body<{ metadata: { name: string } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/teams/ops' }),
    );
    expect(team.metadata.name).toBe('Operations');
  });

  it('refuses a NUL in the service layer too (lifeboat import, and any caller past the HTTP check)', async () => {
    const input = team({ name: 'Night\u0000shift' });
    expect(() => validateDocument('Team', input)).toThrow(
      expect.objectContaining({
        code: 'unstorable-text',
        extensions: { errors: [expect.objectContaining({ path: 'metadata.name' })] },
      }),
    );
    const importer = createImportService({ database: t.database, now: () => new Date() });
    await expect(importer.importDocuments([FIXTURES.Team, input], { actor: 'test' })).rejects.toThrow(
      'documents[1].metadata.name: holds a NUL character (U+0000)',
    );
  });

  it('finds names holding _, % and \\ by search, literally', async () => {
    for (const [id, name] of [
      ['under', 'snake_case team'],
      ['percent', '100% team'],
      ['slash', 'back\\slash team'],
      ['plain', 'snakeXcase 1000 backslash team'],
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        payload: team({ id, name }),
      });
      expect(response.statusCode).toBe(201);
    }
    const search = async (q: string) =>
      body<{ items: { metadata: { id: string } }[] }>(
        await t.app.inject({ method: 'GET', url: `/api/v1/teams?q=${encodeURIComponent(q)}` }),
      ).items.map((item) => item.metadata.id);
    expect(await search('_')).toEqual(['under']);
    expect(await search('snake_case')).toEqual(['under']);
    expect(await search('%')).toEqual(['percent']);
    expect(await search('0% t')).toEqual(['percent']);
    expect(await search('\\')).toEqual(['slash']);
    expect(await search('k\\s')).toEqual(['slash']);
  });

  it('refuses a vendor url that is not http or https (javascript:, data:, vbscript:) and accepts https', async () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'ftp://files.example',
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/vendors',
        payload: { ...FIXTURES.Vendor, metadata: { id: 'evil' }, spec: { url } },
      });
      expect(response.statusCode, url).toBe(400);
      const problem = body<Problem>(response);
      expect(problem.errors?.[0]?.path).toBe('spec.url');
      expect(problem.detail).toContain('http');
    }
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/v1/vendors',
      payload: { ...FIXTURES.Vendor, metadata: { id: 'good' }, spec: { url: 'https://status.example.com/' } },
    });
    expect(good.statusCode).toBe(201);
  });

  it('exports labels named like built-in object properties, and a re-import keeps them', async () => {
    const labels = { constructor: 'a', toString: 'b', valueOf: 'c', hasOwnProperty: 'd', env: 'prod' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload: team({ labels }),
    });
    expect(created.statusCode).toBe(201);
    const yaml = await exportYaml();
    for (const key of Object.keys(labels)) expect(yaml).toContain(`${key}: `);
    const imported = await importYaml(yaml);
    expect(imported.statusCode).toBe(200);
    expect(body(imported)).toMatchObject({ updated: 0, deleted: 0 });
    const stored = body<{ metadata: { labels: Record<string, string> } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/teams/night-shift' }),
    );
    expect(stored.metadata.labels).toEqual(labels);
  });

  it('re-importing an unchanged export changes nothing, whatever key order documents were written in', async () => {
    // Keys in an order other than the schema's: the export writes them in schema order.
    const service = {
      apiVersion: 'lifeboat/v1',
      kind: 'Service',
      metadata: { labels: { zone: 'b', area: 'a' }, name: 'Ledger', id: 'ledger' },
      spec: {
        dependsOn: [{ of: ['db-primary', 'telco'], atLeast: 1 }],
        mtpd: '1d',
        rto: '4h',
        tier: 2,
        type: 'business',
        owner: 'ana',
      },
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/services', payload: service })).statusCode,
    ).toBe(201);
    const plan = body<{ metadata: { version: number } }>(
      await t.app.inject({ method: 'POST', url: '/api/v1/plans', payload: FIXTURES.Plan }),
    );
    const approved = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans/plan-dc-north/approve',
      headers: { 'if-match': `"${plan.metadata.version}"` },
    });
    expect(approved.statusCode).toBe(200);
    const before = body<{ metadata: { version: number }; spec: { status?: string } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north' }),
    );
    expect(before.spec.status).toBe('approved');
    // A row written by an earlier version or another write path may hold its keys in any order.
    const row = await t.database.db
      .selectFrom('documents')
      .select('spec')
      .where('id', '=', 'ledger')
      .executeTakeFirstOrThrow();
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const reordered = JSON.stringify(reversed(JSON.parse(row.spec)));
    expect(reordered).not.toBe(row.spec);
    await t.database.db
      .updateTable('documents')
      .set({ spec: reordered })
      .where('id', '=', 'ledger')
      .execute();
    const ledgerBefore = body<{ metadata: { version: number } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/services/ledger' }),
    );
    const auditBefore = body<{ items: unknown[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=500' }),
    ).items.length;

    const imported = await importYaml(await exportYaml());
    expect(imported.statusCode).toBe(200);
    expect(body(imported)).toMatchObject({ created: 0, updated: 0, deleted: 0 });

    const after = body<{ metadata: { version: number }; spec: { status?: string } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/plans/plan-dc-north' }),
    );
    expect(after.metadata.version).toBe(before.metadata.version);
    expect(after.spec.status).toBe('approved');
    const auditAfter = body<{ items: unknown[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=500' }),
    ).items.length;
    expect(auditAfter).toBe(auditBefore);
    const ledgerAfter = body<{ metadata: { version: number } }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/services/ledger' }),
    );
    expect(ledgerAfter.metadata.version).toBe(ledgerBefore.metadata.version);
  });
});

describe('lifeboat check', () => {
  it('reports a NUL or a lone surrogate in a catalog file as an error at its line and column', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lifeboat-hardening-'));
    try {
      const file = path.join(dir, 'teams.yaml');
      await writeFile(
        file,
        [
          'apiVersion: lifeboat/v1',
          'kind: Team',
          'metadata:',
          '  id: ops',
          '  name: "Opera\\0tions"',
          'spec:',
          '  onCall: "\\uD800 call"',
          '',
        ].join('\n'),
      );
      const result = await runCli(['check', file], { NO_COLOR: '1' });
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(
        `${file}:5:9: error: metadata.name holds a NUL character (U+0000), which cannot be stored; remove it`,
      );
      expect(result.stdout + result.stderr).toContain(
        `${file}:7:11: error: spec.onCall holds an unpaired surrogate (U+D800)`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
