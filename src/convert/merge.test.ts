import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { Dependency } from '../catalog/kinds/fields.ts';
import { fieldChanges, mergeDependsOn, mergeSourced } from './merge.ts';

/** Ids of this source's documents in these examples: the app servers, databases and caches. */
const fromSource = (id: string) => /^(app|db|cache)-/.test(id);

function service(spec: Record<string, unknown>, labels?: Record<string, string>): CatalogDocument {
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'Service',
    metadata: { id: 'shop', name: 'Shop', ...(labels && { labels }) },
    spec,
  } as CatalogDocument;
}

describe('mergeDependsOn', () => {
  it('keeps a hand-made redundancy group and leaves out the source ids it already holds', () => {
    const stored: Dependency[] = [{ anyOf: ['app-a', 'app-b'] }, 'db-1'];
    expect(mergeDependsOn(stored, ['app-a', 'app-b', 'db-1'], fromSource)).toEqual(stored);
  });

  it('keeps ids of documents not from this source, drops this source ids it no longer lists, adds new ones last', () => {
    const stored: Dependency[] = ['db-1', 'hsm', { atLeast: 2, of: ['app-a', 'app-b', 'app-c'] }];
    expect(mergeDependsOn(stored, ['cache-1', 'app-a'], fromSource)).toEqual([
      'hsm',
      { atLeast: 2, of: ['app-a', 'app-b', 'app-c'] },
      'cache-1',
    ]);
  });

  it('gives the same list when merged again with the same input', () => {
    const incoming: Dependency[] = ['app-a', 'cache-1', 'db-2'];
    const once = mergeDependsOn([{ anyOf: ['app-a', 'hsm'] }, 'db-1', 'tape-library'], incoming, fromSource);
    expect(mergeDependsOn(once, incoming, fromSource)).toEqual(once);
  });
});

describe('mergeSourced', () => {
  it('writes the source fields and labels over the stored document and keeps hand-added fields and labels', () => {
    const stored = service(
      { type: 'business', tier: 2, rto: '4h', rpo: '15m', recovery: '2h', dependsOn: ['db-1', 'hsm'] },
      { 'lifeboat.io/source': 'csv', env: 'prod', team: 'old' },
    );
    const incoming = service(
      { type: 'it', tier: 1, dependsOn: ['db-1'] },
      { 'lifeboat.io/source': 'csv', team: 'web' },
    );
    const merged = mergeSourced(stored, incoming, fromSource);
    expect(merged.metadata).toEqual({
      id: 'shop',
      name: 'Shop',
      labels: { 'lifeboat.io/source': 'csv', env: 'prod', team: 'web' },
    });
    expect(merged.spec).toEqual({
      type: 'it',
      tier: 1,
      rto: '4h',
      rpo: '15m',
      recovery: '2h',
      dependsOn: ['db-1', 'hsm'],
    });
  });

  it('leaves dependsOn out when nothing is left of it', () => {
    const merged = mergeSourced(
      service({ type: 'it', tier: 3, dependsOn: ['db-1'] }),
      service({ type: 'it', tier: 3 }),
      fromSource,
    );
    expect(merged.spec).toEqual({ type: 'it', tier: 3 });
  });
});

describe('fieldChanges', () => {
  it('lists each changed name, label and spec field with its value before and after', () => {
    const before = service({ type: 'it', tier: 2, rto: '4h' }, { env: 'prod' });
    const after = service({ type: 'it', tier: 1 }, { env: 'test', zone: 'a' });
    expect(fieldChanges(before, after)).toEqual([
      { path: 'metadata.labels.env', before: 'prod', after: 'test' },
      { path: 'metadata.labels.zone', after: 'a' },
      { path: 'spec.tier', before: 2, after: 1 },
      { path: 'spec.rto', before: '4h' },
    ]);
  });
});
