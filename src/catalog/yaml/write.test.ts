import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../check/check-catalog.ts';
import type { CatalogDocument } from '../kinds.ts';
import { readCatalogSources } from './read.ts';
import { stringifyDocument, writeCatalogStream, writeCatalogYaml } from './write.ts';

const component: CatalogDocument = {
  // Keys deliberately out of order: the writer puts them in the catalog's order.
  spec: {
    dependsOn: [{ of: ['h1', 'h2', 'h3'], atLeast: 2 }, 'san', { anyOf: ['a', 'b'] }],
    restart: '10m',
    type: 'vm',
    site: 'dc',
  },
  metadata: { labels: { zone: 'b', env: 'prod' }, name: 'Web 1', id: 'web-1' },
  kind: 'Component',
  apiVersion: 'lifeboat/v1',
};

const team: CatalogDocument = { apiVersion: 'lifeboat/v1', kind: 'Team', metadata: { id: 'ops' }, spec: {} };

function parseBack(files: Map<string, string>): CatalogDocument[] {
  const checked = checkCatalog([...files].map(([file, text]) => ({ file, text })));
  expect(checked.errors).toEqual([]);
  return checked.documents.map((located) => located.document);
}

describe('stringifyDocument', () => {
  it('writes keys in catalog order, labels sorted, id lists on one line', () => {
    expect(stringifyDocument(component)).toBe(
      [
        'apiVersion: lifeboat/v1',
        'kind: Component',
        'metadata:',
        '  id: web-1',
        '  name: Web 1',
        '  labels:',
        '    env: prod',
        '    zone: b',
        'spec:',
        '  type: vm',
        '  site: dc',
        '  dependsOn:',
        '    - atLeast: 2',
        '      of: [h1, h2, h3]',
        '    - san',
        '    - anyOf: [a, b]',
        '  restart: 10m',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty spec as {} and quotes strings that would read back as another type', () => {
    const labelled: CatalogDocument = {
      ...team,
      metadata: { id: 'ops', labels: { oncall: 'true', code: '0123' } },
    };
    expect(stringifyDocument(labelled)).toContain(
      '  labels:\n    code: "0123"\n    oncall: "true"\nspec: {}\n',
    );
  });
});

describe('writeCatalogYaml', () => {
  it('writes one file per kind, in catalog order, documents sorted by id', () => {
    const files = writeCatalogYaml([team, component, { ...component, metadata: { id: 'app-1' } }]);
    expect([...files.keys()]).toEqual(['components.yaml', 'teams.yaml']);
    const ids = [...(files.get('components.yaml') ?? '').matchAll(/^ {2}id: (.+)$/gm)].map((m) => m[1]);
    expect(ids).toEqual(['app-1', 'web-1']);
  });

  it('round-trips the example catalog: documents read back equal, and writing again gives the same bytes', async () => {
    const original = checkCatalog(await readCatalogSources('examples/northbank')).documents.map(
      (d) => d.document,
    );
    const files = writeCatalogYaml(original.toReversed());
    const again = parseBack(files);
    expect(again).toHaveLength(original.length);
    const byId = (docs: CatalogDocument[]) => new Map(docs.map((d) => [d.metadata.id, d]));
    expect(byId(again)).toEqual(byId(original));
    expect(writeCatalogYaml(again)).toEqual(files);
    expect(writeCatalogStream(again)).toBe([...files.values()].join('---\n'));
  });
});
