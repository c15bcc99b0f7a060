import { describe, expect, it } from 'vitest';
import { toEngineNodes } from '../catalog/engine-input.ts';
import type { ExerciseSpec } from '../catalog/kinds/exercise.kind.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { buildGraph } from '../engine/index.ts';
import { calibrationProposal } from './calibration.ts';

const document = (kind: string, id: string, spec: Record<string, unknown>) =>
  ({ apiVersion: 'lifeboat/v1', kind, metadata: { id }, spec }) as unknown as CatalogDocument;

// Leeds (recovery 4h) holds the database (restart 30m); `pay` needs it (no restart given), `ledger` too (20m).
// `web` needs db and either of two hosts, `web-leeds` (in Leeds) or `web-cloud` (up throughout); `report` needs the
// York standby database (activation 1h), which the plan's step starts.
const catalog: CatalogDocument[] = [
  document('Site', 'leeds', { recovery: '4h' }),
  document('Site', 'york', { recovery: '4h' }),
  document('Component', 'db', { type: 'database', owner: 'ops', site: 'leeds', restart: '30m' }),
  document('Component', 'db-york', {
    type: 'database',
    owner: 'ops',
    site: 'york',
    activation: '1h',
    recovery: '4h',
  }),
  document('Component', 'web-leeds', { type: 'server', owner: 'ops', site: 'leeds', restart: '10m' }),
  document('Component', 'web-cloud', { type: 'server', owner: 'ops', recovery: '1h' }),
  document('Service', 'pay', { type: 'business', tier: 1, owner: 'ops', rto: '6h', dependsOn: ['db'] }),
  document('Service', 'ledger', {
    type: 'business',
    tier: 2,
    owner: 'ops',
    restart: '20m',
    dependsOn: ['db'],
  }),
  document('Service', 'web', {
    type: 'business',
    tier: 2,
    owner: 'ops',
    restart: '5m',
    dependsOn: ['db', { anyOf: ['web-leeds', 'web-cloud'] }],
  }),
  document('Service', 'report', {
    type: 'business',
    tier: 3,
    owner: 'ops',
    restart: '15m',
    dependsOn: [{ anyOf: ['db', 'db-york'] }],
  }),
  document('Plan', 'plan-leeds', {
    services: ['pay', 'ledger'],
    owner: 'ops',
    scenario: { description: 'Leeds is lost', fail: ['leeds'] },
    activation: 'The duty manager decides.',
    phases: {
      activation: [{ id: 'call', title: 'Call the team', owner: 'ops', duration: '15m' }],
      recovery: [
        {
          id: 'start-york',
          title: 'Start the York database',
          owner: 'ops',
          duration: '1h',
          restores: ['db-york'],
        },
        { id: 'check', title: 'Check the ledger', owner: 'ops' },
      ],
    },
  }),
];
const documents = new Map(catalog.map((d) => [d.metadata.id, d]));
const graph = buildGraph(toEngineNodes(catalog));

const exercise = (spec: Partial<ExerciseSpec> = {}) => ({
  id: 'ex-1',
  spec: {
    title: 'Leeds failover',
    type: 'parallel',
    plans: ['plan-leeds'],
    scheduled: '2026-03-14',
    status: 'done',
    started: '2026-03-14T08:00:00Z',
    ...spec,
  } as ExerciseSpec,
});

const at = (time: string) => `2026-03-14T${time}:00Z`;

describe('calibrationProposal', () => {
  it("measures a failed node's recovery from the start and a dependent's restart from its last dependency back", () => {
    const proposal = calibrationProposal({
      graph,
      documents,
      exercise: exercise({
        results: {
          restored: [
            { id: 'leeds', at: at('12:10') }, // 4h10m against 4h
            { id: 'db', at: at('13:00') }, // 50m after Leeds, against 30m
            { id: 'pay', at: at('13:10') }, // 10m after the database; the catalog gives no restart
            { id: 'ledger', at: at('13:20') }, // 20m after the database, as the catalog says
          ],
        },
      }),
    });
    expect(proposal.exercise).toBe('ex-1');
    // The most optimistic first: pay had no restart at all, db took 5/3 of its 30m, Leeds 25/24 of its 4h.
    expect(proposal.nodes).toEqual([
      { id: 'pay', field: 'restart', currentMinutes: null, measuredMinutes: 10 },
      { id: 'db', field: 'restart', currentMinutes: 30, measuredMinutes: 50 },
      { id: 'leeds', field: 'recovery', currentMinutes: 240, measuredMinutes: 250 },
    ]);
  });

  it('leaves out a node whose down dependency has no recorded time, one the scenario never took down, and one back before its dependency', () => {
    const nodes = (restored: { id: string; at: string }[]) =>
      calibrationProposal({ graph, documents, exercise: exercise({ results: { restored } }) }).nodes;
    // db went down with Leeds and was not recorded back: pay's work cannot be timed.
    expect(nodes([{ id: 'pay', at: at('13:10') }])).toEqual([]);
    // web-cloud was never down in this scenario.
    expect(nodes([{ id: 'web-cloud', at: at('09:00') }])).toEqual([]);
    // db "back" before Leeds: not a measurement (Leeds itself is, 4h against 4h: no change).
    expect(
      nodes([
        { id: 'leeds', at: at('12:00') },
        { id: 'db', at: at('11:00') },
      ]),
    ).toEqual([]);
  });

  it('times a group only when it was needed, and waits for a standby the plan brought up', () => {
    const proposal = calibrationProposal({
      graph,
      documents,
      exercise: exercise({
        results: {
          restored: [
            { id: 'leeds', at: at('12:00') },
            { id: 'db', at: at('12:30') },
            // web went down with db; web-cloud was up all along, so web never waited on its group: 20m after
            // db, against 5m.
            { id: 'web', at: at('12:50') },
            // report waits for db-york, whose step finished at 09:30 (db came later): 10m after, against 15m.
            { id: 'report', at: at('09:40') },
          ],
          steps: [
            {
              plan: 'plan-leeds',
              step: 'start-york',
              started: at('08:15'),
              finished: at('09:30'),
              outcome: 'done',
            },
          ],
        },
      }),
    });
    expect(proposal.nodes).toEqual([
      { id: 'web', field: 'restart', currentMinutes: 5, measuredMinutes: 20 },
      { id: 'report', field: 'restart', currentMinutes: 15, measuredMinutes: 10 },
    ]);
  });

  it('leaves out a node a plan step restores, and one whose needed group has no member back', () => {
    const restoredByStep = calibrationProposal({
      graph,
      documents,
      // db-york is restored by the step start-york: it is measured as that step, not as a node.
      exercise: exercise({ results: { restored: [{ id: 'db-york', at: at('09:30') }] } }),
    });
    expect(restoredByStep.nodes).toEqual([]);
    const groupNeverBack = calibrationProposal({
      graph,
      documents,
      exercise: exercise({
        results: {
          // Neither db nor db-york is recorded back (the step failed): report cannot be measured.
          restored: [{ id: 'report', at: at('09:40') }],
          steps: [{ plan: 'plan-leeds', step: 'start-york', started: at('08:15'), outcome: 'failed' }],
        },
      }),
    });
    expect(groupNeverBack).toEqual({ exercise: 'ex-1', nodes: [], steps: [] });
  });

  it('proposes each recorded step with a start and a finish whose duration differs, most optimistic first', () => {
    const proposal = calibrationProposal({
      graph,
      documents,
      exercise: exercise({
        results: {
          steps: [
            {
              plan: 'plan-leeds',
              step: 'call',
              started: at('08:00'),
              finished: at('08:15'),
              outcome: 'done',
            },
            {
              plan: 'plan-leeds',
              step: 'start-york',
              started: at('08:15'),
              finished: at('09:45'),
              outcome: 'done',
            },
            {
              plan: 'plan-leeds',
              step: 'check',
              started: at('09:45'),
              finished: at('10:00'),
              outcome: 'done',
            },
          ],
        },
      }),
    });
    // call took its 15m; check had no duration (infinitely optimistic); start-york 1h30m against 1h.
    expect(proposal.steps).toEqual([
      { plan: 'plan-leeds', step: 'check', currentMinutes: null, measuredMinutes: 15 },
      { plan: 'plan-leeds', step: 'start-york', currentMinutes: 60, measuredMinutes: 90 },
    ]);
  });

  it('proposes nothing for an exercise that is not done', () => {
    const proposal = calibrationProposal({
      graph,
      documents,
      exercise: exercise({
        status: 'running',
        results: {
          restored: [{ id: 'leeds', at: at('12:10') }],
          steps: [
            {
              plan: 'plan-leeds',
              step: 'call',
              started: at('08:00'),
              finished: at('09:00'),
              outcome: 'done',
            },
          ],
        },
      }),
    });
    expect(proposal).toEqual({ exercise: 'ex-1', nodes: [], steps: [] });
  });
});
