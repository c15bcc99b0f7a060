import { describe, expect, it } from 'vitest';
import { checkCatalog } from './check/check-catalog.ts';
import { toEngineNodes } from './engine-input.ts';
import type { CatalogDocument } from './kinds.ts';
import { readCatalogSources } from './yaml/read.ts';

const meta = (id: string) => ({ apiVersion: 'lifeboat/v1' as const, metadata: { id } });

const documents: CatalogDocument[] = [
  { ...meta('dc'), kind: 'Site', spec: { type: 'data-centre', recovery: '4w' } },
  {
    ...meta('db'),
    kind: 'Component',
    spec: {
      type: 'database',
      site: 'dc',
      recovery: '1h30m',
      restart: '15m',
      dependsOn: ['dc', 'san', { anyOf: ['host-a', 'host-b'] }, { atLeast: 2, of: ['n1', 'n2', 'n3'] }],
    },
  },
  {
    ...meta('payments'),
    kind: 'Service',
    spec: { type: 'business', tier: 1, rto: '4h', mtpd: '1d', dependsOn: ['db'] },
  },
  { ...meta('cloud'), kind: 'Vendor', spec: {} },
  { ...meta('ops'), kind: 'Team', spec: { members: ['ann'] } },
  { ...meta('ann'), kind: 'Person', spec: { team: 'ops' } },
];

describe('toEngineNodes', () => {
  it('makes a component site a required dependency, first, without repeating it', () => {
    const db = toEngineNodes(documents).find((node) => node.id === 'db');
    expect(db?.requires).toEqual(['dc', 'san']);
  });

  it('turns anyOf into a group with k = 1 and atLeast into a group with its k', () => {
    const db = toEngineNodes(documents).find((node) => node.id === 'db');
    expect(db?.groups).toEqual([
      { k: 1, of: ['host-a', 'host-b'] },
      { k: 2, of: ['n1', 'n2', 'n3'] },
    ]);
  });

  it('converts durations to minutes and defaults missing ones to 0', () => {
    const nodes = toEngineNodes(documents);
    expect(nodes.find((node) => node.id === 'db')).toMatchObject({ recoveryMinutes: 90, restartMinutes: 15 });
    expect(nodes.find((node) => node.id === 'dc')).toMatchObject({
      recoveryMinutes: 40_320,
      restartMinutes: 0,
    });
    expect(nodes.find((node) => node.id === 'cloud')).toMatchObject({
      recoveryMinutes: 0,
      restartMinutes: 0,
    });
  });

  it('gives services their tier and objectives in minutes, null when unset, and no service field to others', () => {
    const nodes = toEngineNodes(documents);
    expect(nodes.find((node) => node.id === 'payments')?.service).toEqual({
      tier: 1,
      rtoMinutes: 240,
      rpoMinutes: null,
      mtpdMinutes: 1440,
    });
    expect(nodes.find((node) => node.id === 'db')?.service).toBeUndefined();
  });

  it('skips teams and people, which cannot fail, and keeps document order', () => {
    expect(toEngineNodes(documents).map((node) => [node.id, node.kind])).toEqual([
      ['dc', 'Site'],
      ['db', 'Component'],
      ['payments', 'Service'],
      ['cloud', 'Vendor'],
    ]);
  });
});

describe('toEngineNodes on the example catalog', () => {
  it('yields nodes whose every dependency is another node, with all 26 services', async () => {
    const checked = checkCatalog(await readCatalogSources('examples/northbank'));
    expect(checked.errors).toEqual([]);
    const nodes = toEngineNodes(checked.documents.map((located) => located.document));
    const ids = new Set(nodes.map((node) => node.id));
    const dangling = nodes.flatMap((node) =>
      [...node.requires, ...node.groups.flatMap((g) => g.of)].filter((id) => !ids.has(id)),
    );
    expect(dangling).toEqual([]);
    expect(nodes.filter((node) => node.service).length).toBe(26);
  });
});
