import { describe, expect, it } from 'vitest';
import type { IncidentSpec } from '../catalog/kinds.schema.ts';
import { analyzeImpact, buildGraph } from '../engine/index.ts';
import type { EngineNode } from '../engine/index.ts';
import { incidentFigures, listActions, objectivesInForce } from './incident-figures.ts';
import type { Objectives } from './incident-figures.ts';

const nodes: EngineNode[] = [
  { id: 'san', kind: 'Component', requires: [], groups: [], recoveryMinutes: 300, restartMinutes: 0 },
  {
    id: 'bank',
    kind: 'Service',
    requires: ['san'],
    groups: [],
    recoveryMinutes: 0,
    restartMinutes: 60,
    service: { tier: 1, rtoMinutes: 240, rpoMinutes: 15, mtpdMinutes: 720 },
  },
  {
    id: 'web',
    kind: 'Service',
    requires: [],
    groups: [],
    recoveryMinutes: 0,
    restartMinutes: 0,
    service: { tier: 2, rtoMinutes: 60, rpoMinutes: null, mtpdMinutes: null },
  },
];
const spec: IncidentSpec = {
  title: 'SAN failure',
  started: '2024-11-12T06:40:00Z',
  detected: '2024-11-12T06:52:00Z',
  resolved: '2024-11-12T15:40:00+01:00',
  failed: ['san'],
  dataLossMinutes: 12,
};

/** The bank's objectives as they stood when the incident started. */
const inForce = (): Objectives => ({
  rtoMinutes: 240,
  rpoMinutes: 15,
  mtpdMinutes: 720,
  asOf: '2024-01-01T00:00:00.000Z',
  basis: 'in-force',
});

describe('incidentFigures', () => {
  it('compares the real downtime with RTO and MTPD, the data loss with RPO, and the engine with reality', () => {
    const figures = incidentFigures(spec, analyzeImpact(buildGraph(nodes), spec.failed), inForce);
    expect(figures).toEqual({
      durationMinutes: 480,
      detectionMinutes: 12,
      services: [
        {
          id: 'bank',
          tier: 1,
          actualDowntimeMinutes: 480,
          rtoMinutes: 240,
          mtpdMinutes: 720,
          rpoMinutes: 15,
          rtoMet: false,
          mtpdMet: true,
          dataLossMinutes: 12,
          rpoMet: true,
          objectivesAsOf: '2024-01-01T00:00:00.000Z',
          objectivesBasis: 'in-force',
          predictedRestoreMinutes: 360,
          predictionErrorMinutes: 120,
        },
      ],
    });
  });

  it('leaves what cannot be known yet as null while the incident is open', () => {
    const { resolved: _, dataLossMinutes: __, ...open } = spec;
    const [bank] = incidentFigures(open, analyzeImpact(buildGraph(nodes), open.failed), inForce).services;
    expect(bank).toMatchObject({
      actualDowntimeMinutes: null,
      rtoMet: null,
      rpoMet: null,
      predictionErrorMinutes: null,
    });
  });
});

describe('objectivesInForce', () => {
  const history = [
    { at: '2024-01-01T00:00:00.000Z', spec: { rto: '4h', rpo: '15m', mtpd: '12h' } },
    { at: '2025-03-01T00:00:00.000Z', spec: { rto: '1h', rpo: '5m', mtpd: '12h' } },
  ];
  const today = { rto: '30m' };

  it('takes the version in force when the incident started, not a later one', () => {
    expect(objectivesInForce(history, '2024-11-12T07:40:00+01:00', today)).toEqual({
      rtoMinutes: 240,
      rpoMinutes: 15,
      mtpdMinutes: 720,
      asOf: '2024-01-01T00:00:00.000Z',
      basis: 'in-force',
    });
    expect(objectivesInForce(history, '2025-03-02T00:00:00Z', today)).toMatchObject({ rtoMinutes: 60 });
  });

  it('takes the earliest known version, and says so, for a service recorded after the incident started', () => {
    expect(objectivesInForce(history, '2023-06-01T00:00:00Z', today)).toMatchObject({
      rtoMinutes: 240,
      asOf: '2024-01-01T00:00:00.000Z',
      basis: 'earliest-known',
    });
    const recreated = [{ at: '2023-01-01T00:00:00.000Z', spec: null }, ...history];
    expect(objectivesInForce(recreated, '2023-06-01T00:00:00Z', today).basis).toBe('earliest-known');
  });

  it("falls back to today's objectives when nothing is recorded", () => {
    expect(objectivesInForce([], '2024-01-01T00:00:00Z', today)).toEqual({
      rtoMinutes: 30,
      rpoMinutes: null,
      mtpdMinutes: null,
      asOf: null,
      basis: 'current',
    });
  });
});

describe('listActions', () => {
  it('lists open actions soonest due first and marks the ones past their date as overdue', () => {
    const incidents = [
      {
        id: 'inc-b',
        spec: {
          ...spec,
          actions: [
            { title: 'Later', owner: 'ana', due: '2025-06-30', status: 'open' as const },
            { title: 'Done', owner: 'ana', due: '2025-01-01', status: 'done' as const },
          ],
        },
      },
      {
        id: 'inc-a',
        spec: {
          ...spec,
          actions: [{ title: 'Soon', owner: 'bob', due: '2025-03-01', status: 'open' as const }],
        },
      },
    ];
    const open = listActions(incidents, new Date('2025-04-01T00:00:00Z'), 'open');
    expect(open.map((a) => [a.incident, a.title, a.overdue])).toEqual([
      ['inc-a', 'Soon', true],
      ['inc-b', 'Later', false],
    ]);
  });
});
