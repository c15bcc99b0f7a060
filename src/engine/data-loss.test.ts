import { describe, expect, it } from 'vitest';
import { analyzeImpact } from './analyze-impact.ts';
import { EngineInputError } from './errors.ts';
import { buildGraph } from './graph.ts';
import { node } from './testing/nodes.ts';
import type { ImpactResult } from './types.ts';

type Loss = Pick<
  ImpactResult['services'][number],
  'rpoMinutes' | 'dataLossMinutes' | 'dataLossKnown' | 'rpoBreach'
>;

function lossOf(result: ImpactResult, id: string): Loss {
  const s = result.services.find((x) => x.id === id)!;
  return {
    rpoMinutes: s.rpoMinutes,
    dataLossMinutes: s.dataLossMinutes,
    dataLossKnown: s.dataLossKnown,
    rpoBreach: s.rpoBreach,
  };
}

describe('data loss', () => {
  const nodes = [
    node('vault', { kind: 'Site' }),
    node('r1'),
    node('r2'),
    node('db', {
      data: {
        backup: { intervalMinutes: 1440, at: 'vault' },
        replicas: [
          { id: 'r1', lagMinutes: 5 },
          { id: 'r2', lagMinutes: 15 },
        ],
      },
    }),
    node('app', { requires: ['db'] }),
    node('pay', { tier: 1, requires: ['app'], rpo: 10 }),
  ];
  const graph = buildGraph(nodes);

  it('loses the smallest lag of a replica that is not down', () => {
    expect(lossOf(analyzeImpact(graph, ['db']), 'pay')).toEqual({
      rpoMinutes: 10,
      dataLossMinutes: 5,
      dataLossKnown: true,
      rpoBreach: false,
    });
    // r1 is down too: r2 lags 15 minutes, over the RPO of 10.
    expect(lossOf(analyzeImpact(graph, ['db', 'r1']), 'pay')).toMatchObject({
      dataLossMinutes: 15,
      rpoBreach: true,
    });
  });

  it('falls back to the backup interval when every replica is down, and to everything when the backup is too', () => {
    expect(lossOf(analyzeImpact(graph, ['db', 'r1', 'r2']), 'pay')).toMatchObject({
      dataLossMinutes: 1440,
      dataLossKnown: true,
      rpoBreach: true,
    });
    expect(lossOf(analyzeImpact(graph, ['db', 'r1', 'r2', 'vault']), 'pay')).toEqual({
      rpoMinutes: 10,
      dataLossMinutes: null,
      dataLossKnown: true,
      rpoBreach: true,
    });
  });

  it('loses nothing when no data node it depends on is down, even when the service is down', () => {
    expect(lossOf(analyzeImpact(graph, ['app']), 'pay')).toEqual({
      rpoMinutes: 10,
      dataLossMinutes: 0,
      dataLossKnown: true,
      rpoBreach: false,
    });
  });

  it('takes the largest loss among the down data nodes it depends on, through groups too', () => {
    const twoStores = buildGraph([
      node('a', { data: { replicas: [{ id: 'b', lagMinutes: 1 }] } }),
      node('b', { data: { replicas: [{ id: 'a', lagMinutes: 1 }] } }),
      node('files', { holdsData: true, data: { backup: { intervalMinutes: 60, at: 'b' } } }),
      node('api', { anyOf: [['a', 'b']] }),
      node('shop', { tier: 1, requires: ['api', 'files'], rpo: 30 }),
    ]);
    // a is down (shop stays up through b) and loses 1 minute; files loses 60: the largest counts.
    const result = analyzeImpact(twoStores, ['a', 'files']);
    expect(lossOf(result, 'shop')).toMatchObject({ dataLossMinutes: 60, rpoBreach: true });
    expect(lossOf(analyzeImpact(twoStores, ['a']), 'shop')).toMatchObject({
      dataLossMinutes: 1,
      rpoBreach: false,
    });
  });

  it('makes the loss unknown for a down data node without data, and names it', () => {
    const unknown = buildGraph([
      node('db', { holdsData: true }),
      node('svc', { tier: 2, requires: ['db'], rpo: 60 }),
      node('no-rpo', { tier: 3, requires: ['db'] }),
    ]);
    const result = analyzeImpact(unknown, ['db']);
    expect(lossOf(result, 'svc')).toEqual({
      rpoMinutes: 60,
      dataLossMinutes: null,
      dataLossKnown: false,
      rpoBreach: null,
    });
    expect(lossOf(result, 'no-rpo')).toMatchObject({ dataLossKnown: false, rpoBreach: null });
    expect(result.unknown).toEqual(['db']);
  });

  it('still breaches when a known loss is already over the RPO beside an unknown one', () => {
    const mixed = buildGraph([
      node('db', { holdsData: true }),
      node('files', { data: { backup: { intervalMinutes: 120, at: 'db' } } }),
      node('svc', { tier: 2, requires: ['db', 'files'], rpo: 60 }),
    ]);
    expect(lossOf(analyzeImpact(mixed, ['files']), 'svc')).toMatchObject({ dataLossMinutes: 120 });
    expect(lossOf(analyzeImpact(mixed, ['db', 'files']), 'svc')).toEqual({
      rpoMinutes: 60,
      dataLossMinutes: null,
      dataLossKnown: false,
      rpoBreach: true,
    });
  });

  it('rejects data that names an unknown node, naming it', () => {
    expect(() =>
      buildGraph([node('db', { data: { backup: { intervalMinutes: 60, at: 'vualt' } } })]),
    ).toThrow(EngineInputError);
    expect(() => buildGraph([node('db', { data: { replicas: [{ id: 'r9', lagMinutes: 1 }] } })])).toThrow(
      /"db".*"r9"/,
    );
  });
});
