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

describe('standbys, unknown recovery and data', () => {
  it('marks a missing recovery unknown, carries a standby activation and a component data copies', () => {
    const nodes = toEngineNodes([
      { ...meta('york'), kind: 'Site', spec: { recovery: '4w', activation: '2h' } },
      { ...meta('telco'), kind: 'Vendor', spec: {} },
      {
        ...meta('db'),
        kind: 'Component',
        spec: {
          type: 'database',
          recovery: '4h',
          data: { backup: { interval: '1d', at: 'york' }, replicas: [{ id: 'db-york', lag: '5m' }] },
        },
      },
      { ...meta('san'), kind: 'Component', spec: { type: 'storage', recovery: '1d' } },
      { ...meta('app'), kind: 'Component', spec: { type: 'application', recovery: '1h', activation: '0m' } },
    ]);
    const byId = new Map(nodes.map((node) => [node.id, node]));
    expect(byId.get('york')).toMatchObject({ activationMinutes: 120, recoveryMinutes: 40_320 });
    expect(byId.get('york')?.recoveryKnown).toBeUndefined();
    expect(byId.get('telco')).toMatchObject({ recoveryKnown: false, recoveryMinutes: 0 });
    expect(byId.get('db')).toMatchObject({
      holdsData: true,
      data: { backup: { intervalMinutes: 1440, at: 'york' }, replicas: [{ id: 'db-york', lagMinutes: 5 }] },
    });
    // Storage holds data even without copies written down: its loss is then unknown.
    expect(byId.get('san')).toMatchObject({ holdsData: true });
    expect(byId.get('san')?.data).toBeUndefined();
    // activation: 0m is an active member, not a standby; an application holds no data.
    expect(byId.get('app')?.activationMinutes).toBeUndefined();
    expect(byId.get('app')?.holdsData).toBeUndefined();
  });
});
