import { describe, expect, it } from 'vitest';
import type { ExerciseSpec } from '../catalog/kinds/exercise.kind.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { effectivePolicy } from '../bia/policy.ts';
import { buildGraph } from '../engine/index.ts';
import { node } from '../engine/testing/nodes.ts';
import { analyzeExercises, typeCounts, type ExerciseInput } from './analysis.ts';

// Leeds holds the database; `pay` (tier 1, RTO 6h, RPO 15m) and `ledger` (tier 2, RTO 1h) need it.
const graph = buildGraph([
  node('leeds', { kind: 'Site', recovery: 240 }),
  node('db', { requires: ['leeds'], restart: 30 }),
  node('pay', { requires: ['db'], tier: 1, rto: 360, rpo: 15 }),
  node('ledger', { requires: ['db'], tier: 2, rto: 60, rpo: 60 }),
]);

// The plan restores the database 15 minutes after the call, in 4h30m: both services predicted back at 4h45m;
// the graph alone brings the database back with Leeds (4h) and its restart (30m).
const plan: { id: string; spec: PlanSpec } = {
  id: 'plan-leeds',
  spec: {
    services: ['pay', 'ledger'],
    owner: 'ops',
    scenario: { description: 'Leeds is lost', fail: ['leeds'] },
    activation: 'The duty manager decides.',
    contacts: [{ id: 'ana' }, { id: 'ops' }],
    phases: {
      activation: [{ id: 'call', title: 'Call the team', owner: 'ana', duration: '15m' }],
      recovery: [
        {
          id: 'failover',
          title: 'Restore the database',
          owner: 'carol',
          duration: '4h30m',
          restores: ['db'],
        },
      ],
    },
  },
};

const exercise = (id: string, spec: Partial<ExerciseSpec>): { id: string; spec: ExerciseSpec } => ({
  id,
  spec: {
    title: id,
    type: 'parallel',
    plans: ['plan-leeds'],
    scheduled: '2026-03-14',
    status: 'done',
    started: '2026-03-14T08:00:00Z',
    ...spec,
  },
});

const failover = exercise('ex-failover', {
  participants: [{ id: 'ops' }],
  results: {
    restored: [
      { id: 'db', at: '2026-03-14T13:00:00Z' },
      { id: 'pay', at: '2026-03-14T13:10:00Z' },
      { id: 'ledger', at: '2026-03-14T13:20:00Z' },
    ],
    dataLoss: [{ service: 'pay', minutes: 20 }],
  },
  findings: [
    { id: 'slow', title: 'The failover was slow', severity: 'high', status: 'open' },
    { id: 'doc', title: 'The runbook was out of date', severity: 'low', status: 'done' },
  ],
});

function input(exercises: ExerciseInput['exercises'], today: string, extra: Partial<ExerciseInput> = {}) {
  return {
    graph,
    plans: [plan],
    exercises,
    trainings: [],
    people: new Set(['ana', 'bob', 'carol']),
    teams: new Map([['ops', ['bob']]]),
    policy: effectivePolicy(),
    today,
    ...extra,
  };
}

describe('an exercise analysed', () => {
  it('sets the achieved restore time beside the plan-followed prediction, the graph alone and the RTO', () => {
    const [result] = analyzeExercises(input([failover], '2026-06-01')).exercises;
    expect(result?.services).toEqual([
      {
        id: 'pay',
        targetMinutes: 360,
        predictedMinutes: 285,
        graphMinutes: 270,
        achievedMinutes: 310,
        met: true,
        rpoMinutes: 15,
        dataLossMinutes: 20,
        dataLossMet: false,
      },
      {
        id: 'ledger',
        targetMinutes: 60,
        predictedMinutes: 285,
        graphMinutes: 270,
        achievedMinutes: 320,
        met: false,
        rpoMinutes: 60,
        dataLossMinutes: null,
        dataLossMet: null,
      },
    ]);
    expect(result?.openFindings).toBe(1);
  });

  it('calibrates the model on each node it measured, the most optimistic first', () => {
    const [result] = analyzeExercises(input([failover], '2026-06-01')).exercises;
    expect(
      result?.calibration.map(({ id, predictedMinutes, achievedMinutes }) => [
        id,
        predictedMinutes,
        achievedMinutes,
      ]),
    ).toEqual([
      ['ledger', 285, 320],
      ['pay', 285, 310],
      ['db', 285, 300],
    ]);
    expect(result?.calibration[0]?.ratio).toBeCloseTo(285 / 320);
  });

  it('achieves nothing before the exercise is done', () => {
    const planned = exercise('ex-next', {
      status: 'planned',
      started: undefined,
      results: failover.spec.results,
    });
    const [result] = analyzeExercises(input([planned], '2026-06-01')).exercises;
    expect(result?.services.map((service) => [service.achievedMinutes, service.met])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(result?.calibration).toEqual([]);
  });
});

describe('the exercise programme', () => {
  it('orders the types so that a heavier one counts where a lighter one is asked for', () => {
    expect(typeCounts('full-interruption', 'parallel')).toBe(true);
    expect(typeCounts('parallel', 'simulation')).toBe(true);
    expect(typeCounts('tabletop', 'simulation')).toBe(false);
    expect(typeCounts('communication', 'walkthrough')).toBe(false);
  });

  it("dates a tier 1 plan's next exercise 26 weeks after its last parallel test; a later tabletop does not count", () => {
    const tabletop = exercise('ex-tabletop', { type: 'tabletop', started: '2026-05-01T09:00:00Z' });
    const planned = exercise('ex-planned', {
      status: 'planned',
      started: undefined,
      scheduled: '2026-08-01',
    });
    const analysis = analyzeExercises(input([failover, tabletop, planned], '2026-06-01'));
    expect(analysis.programme).toEqual([
      {
        plan: 'plan-leeds',
        tier: 1,
        atLeast: 'parallel',
        lastExercised: '2026-03-14',
        lastType: 'parallel',
        due: '2026-09-12',
        overdue: false,
        scheduled: '2026-08-01',
      },
    ]);
    expect(analyzeExercises(input([failover], '2026-09-13')).programme[0]?.overdue).toBe(true);
  });

  it('counts a plan never exercised as overdue', () => {
    expect(analyzeExercises(input([], '2026-06-01')).programme[0]).toMatchObject({
      lastExercised: null,
      due: null,
      overdue: true,
    });
  });
});

describe('the proven RTO', () => {
  it('is the achieved time of the latest counting exercise within the tier interval', () => {
    const proven = analyzeExercises(input([failover], '2026-06-01')).proven;
    expect(proven).toEqual([
      { service: 'pay', rtoMinutes: 360, provenMinutes: 310, exercise: 'ex-failover' },
      { service: 'ledger', rtoMinutes: 60, provenMinutes: 320, exercise: 'ex-failover' },
    ]);
  });

  it('lapses once the interval has passed, and ignores types too light for the tier', () => {
    const simulation = exercise('ex-sim', {
      type: 'simulation',
      started: '2026-05-01T08:00:00Z',
      results: {
        restored: [
          { id: 'pay', at: '2026-05-01T09:00:00Z' },
          { id: 'ledger', at: '2026-05-01T08:45:00Z' },
        ],
      },
    });
    const proven = analyzeExercises(input([failover, simulation], '2026-10-01')).proven;
    expect(proven).toEqual([
      // Tier 1 wants a parallel test within 26 weeks: the March one has lapsed, the simulation does not count.
      { service: 'pay', rtoMinutes: 360, provenMinutes: null, exercise: null },
      { service: 'ledger', rtoMinutes: 60, provenMinutes: 45, exercise: 'ex-sim' },
    ]);
  });
});

describe('training coverage', () => {
  it('names each person of the plan, trained by a session or by taking part in a done exercise', () => {
    const training = {
      id: 'tr-1',
      spec: {
        title: 'Briefing',
        plans: ['plan-leeds'],
        date: '2025-06-10',
        attendees: ['ana'],
        validFor: '52w',
      },
    };
    const coverage = analyzeExercises(input([failover], '2026-06-01', { trainings: [training] })).training;
    expect(coverage).toEqual([
      {
        plan: 'plan-leeds',
        people: [
          { id: 'ana', trained: true, until: '2026-06-09' },
          { id: 'bob', trained: true, until: '2027-03-13' },
          { id: 'carol', trained: false, until: null },
        ],
      },
    ]);
    const later = analyzeExercises(input([failover], '2026-06-10', { trainings: [training] })).training;
    expect(later[0]?.people[0]).toEqual({ id: 'ana', trained: false, until: '2026-06-09' });
  });
});
