import { describe, expect, it } from 'vitest';
import { parseCatalogText } from './parse.ts';

const text = [
  'apiVersion: lifeboat/v1', // 1
  'kind: Component', // 2
  'metadata:', // 3
  '  id: db-primary', // 4
  'spec:', // 5
  '  type: database', // 6
  '  dependsOn:', // 7
  '    - host-a', // 8
  '    - anyOf: [san-a, san-b]', // 9
  '---', // 10
  '# a comment-only document is skipped', // 11
  '---', // 12
  'apiVersion: lifeboat/v1', // 13
  'kind: Site', // 14
  'metadata: {id: dc-north}', // 15
  'spec: {}', // 16
].join('\n');

describe('parseCatalogText', () => {
  it('reads every ---separated document as plain data and skips empty ones', () => {
    const parsed = parseCatalogText({ file: 'c.yaml', text });
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents.map((d) => d.index)).toEqual([0, 2]);
    expect(parsed.documents[1]?.data).toEqual({
      apiVersion: 'lifeboat/v1',
      kind: 'Site',
      metadata: { id: 'dc-north' },
      spec: {},
    });
    expect(parsed.documents[1]?.position).toEqual({ line: 13, column: 1 });
  });

  it('locates a nested value at its own line and column', () => {
    const [document] = parseCatalogText({ file: 'c.yaml', text }).documents;
    expect(document?.locate(['metadata', 'id'])).toEqual({ line: 4, column: 7 });
    expect(document?.locate(['spec', 'dependsOn', 0])).toEqual({ line: 8, column: 7 });
    expect(document?.locate(['spec', 'dependsOn', 1, 'anyOf', 1])).toEqual({ line: 9, column: 22 });
  });

  it('locates a missing field at the key of its nearest present parent, and a key when asked', () => {
    const [document] = parseCatalogText({ file: 'c.yaml', text }).documents;
    expect(document?.locate(['spec', 'owner'])).toEqual({ line: 5, column: 1 });
    expect(document?.locate(['spec', 'type'], { key: true })).toEqual({ line: 6, column: 3 });
  });

  it('reports a YAML syntax error at its position and keeps the other documents', () => {
    const broken = 'a: [1, 2\nb: 3\n---\napiVersion: lifeboat/v1\n';
    const parsed = parseCatalogText({ file: 'bad.yaml', text: broken });
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ file: 'bad.yaml', line: 2, column: 1 });
    expect(parsed.errors[0]?.message).toMatch(/^YAML syntax: flow sequence/);
    expect(parsed.documents).toHaveLength(1);
  });

  it('reports a duplicate key as a syntax error at the second key', () => {
    const parsed = parseCatalogText({ file: 'd.yaml', text: 'kind: Site\nkind: Team\n' });
    expect(parsed.errors).toEqual([
      { file: 'd.yaml', line: 2, column: 1, message: 'YAML syntax: map keys must be unique' },
    ]);
  });

  it('reports an alias without an anchor instead of throwing', () => {
    const parsed = parseCatalogText({ file: 'e.yaml', text: 'spec:\n  owner: *nobody\n' });
    expect(parsed.errors).toEqual([
      {
        file: 'e.yaml',
        line: 2,
        column: 10,
        message: 'YAML syntax: unknown alias *nobody: no anchor &nobody before it',
      },
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseCatalogText({ file: 'empty.yaml', text: '' })).toEqual({
      documents: [],
      errors: [],
      warnings: [],
    });
  });
});
