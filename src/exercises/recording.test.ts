import { describe, expect, it } from 'vitest';
import type { ExerciseSpec } from '../catalog/kinds/exercise.kind.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { parseRecordBody, recordEvents } from './recording.ts';
import type { RecordEvent, RecordingContext } from './recording.ts';

const plan: PlanSpec = {
  services: ['pay'],
  owner: 'ops',
  scenario: { description: 'Leeds is lost', fail: ['leeds'] },
  activation: 'The duty manager decides.',
  phases: {
    activation: [{ id: 'call', title: 'Call the team', owner: 'ana' }],
    recovery: [{ id: 'restore', title: 'Restore pay', owner: 'bob', restores: ['pay'] }],
  },
};

const context: RecordingContext = {
  plans: new Map([['plan-leeds', plan]]),
  kinds: new Map([
    ['pay', 'Service'],
    ['ana', 'Person'],
  ]),
};

const planned: ExerciseSpec = {
  title: 'Leeds failover',
  type: 'parallel',
  plans: ['plan-leeds'],
  scheduled: '2026-03-14',
  status: 'planned',
};

const T = (time: string) => `2026-03-14T${time}:00Z`;

/** Records events that must be accepted, and answers the merge. */
function record(spec: ExerciseSpec, events: RecordEvent[]) {
  const result = recordEvents(spec, events, context);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('recordEvents', () => {
  it('starts a planned exercise: sets started and makes it running', () => {
    const result = record(planned, [{ id: 'e1', type: 'exercise-started', at: T('08:00') }]);
    expect(result.spec).toMatchObject({ status: 'running', started: T('08:00') });
    expect(result).toMatchObject({ applied: ['e1'], alreadyRecorded: [] });
    expect(planned.status).toBe('planned');
  });

  it('finishes an exercise: sets finished and makes it done', () => {
    const running = { ...planned, status: 'running' as const, started: T('08:00') };
    const result = record(running, [{ id: 'e2', type: 'exercise-finished', at: T('15:00') }]);
    expect(result.spec).toMatchObject({ status: 'done', started: T('08:00'), finished: T('15:00') });
  });

  it('does not set a done exercise back to running when a late start arrives', () => {
    const done = { ...planned, status: 'done' as const, started: T('08:00'), finished: T('15:00') };
    const result = record(done, [{ id: 'late', type: 'exercise-started', at: T('08:02') }]);
    expect(result.spec).toEqual(done);
    expect(result).toMatchObject({ applied: [], alreadyRecorded: ['late'] });
  });

  it('records a step started and then finished into one entry, with its outcome and notes', () => {
    const result = record(planned, [
      { id: 's1', type: 'step-started', at: T('08:00'), plan: 'plan-leeds', step: 'call' },
      {
        id: 's2',
        type: 'step-finished',
        at: T('08:20'),
        plan: 'plan-leeds',
        step: 'call',
        outcome: 'done',
        notes: 'Two people did not answer.',
      },
    ]);
    expect(result.spec.results?.steps).toEqual([
      {
        plan: 'plan-leeds',
        step: 'call',
        started: T('08:00'),
        finished: T('08:20'),
        outcome: 'done',
        notes: 'Two people did not answer.',
      },
    ]);
    expect(result.applied).toEqual(['s1', 's2']);
  });

  it('keeps a started step without an outcome (it has not finished), and takes a finish recorded before the start', () => {
    const started = record(planned, [
      { id: 's1', type: 'step-started', at: T('09:00'), plan: 'plan-leeds', step: 'restore' },
    ]);
    expect(started.spec.results?.steps).toEqual([
      { plan: 'plan-leeds', step: 'restore', started: T('09:00') },
    ]);
    const finishedFirst = record(planned, [
      {
        id: 's2',
        type: 'step-finished',
        at: T('10:00'),
        plan: 'plan-leeds',
        step: 'restore',
        outcome: 'failed',
      },
      { id: 's1', type: 'step-started', at: T('09:00'), plan: 'plan-leeds', step: 'restore' },
    ]);
    expect(finishedFirst.spec.results?.steps).toEqual([
      { plan: 'plan-leeds', step: 'restore', started: T('09:00'), finished: T('10:00'), outcome: 'failed' },
    ]);
  });

  it('keeps the first recorded value of each field: a second finish of a step changes only by adding its notes', () => {
    const first = record(planned, [
      { id: 'a', type: 'step-finished', at: T('08:20'), plan: 'plan-leeds', step: 'call', outcome: 'done' },
    ]);
    const second = record(first.spec, [
      {
        id: 'b',
        type: 'step-finished',
        at: T('08:25'),
        plan: 'plan-leeds',
        step: 'call',
        outcome: 'failed',
        notes: 'The bridge line was busy.',
      },
      {
        id: 'c',
        type: 'step-finished',
        at: T('08:30'),
        plan: 'plan-leeds',
        step: 'call',
        outcome: 'skipped',
      },
    ]);
    expect(second.spec.results?.steps).toEqual([
      {
        plan: 'plan-leeds',
        step: 'call',
        finished: T('08:20'),
        outcome: 'done',
        notes: 'The bridge line was busy.',
      },
    ]);
    expect(second).toMatchObject({ applied: ['b'], alreadyRecorded: ['c'] });
  });

  it('appends different notes to a step once each', () => {
    const finish = (id: string, notes: string): RecordEvent => ({
      id,
      type: 'step-finished',
      at: T('08:20'),
      plan: 'plan-leeds',
      step: 'call',
      outcome: 'done',
      notes,
    });
    const result = record(planned, [finish('a', 'First.'), finish('b', 'Second.'), finish('a', 'First.')]);
    expect(result.spec.results?.steps?.[0]?.notes).toBe('First.\n\nSecond.');
    const again = record(result.spec, [finish('b', 'Second.'), finish('a', 'First.')]);
    expect(again).toMatchObject({ applied: [], alreadyRecorded: ['b', 'a'] });
  });

  it('records when a node was back, the first time only', () => {
    const result = record(planned, [
      { id: 'r1', type: 'restored', at: T('13:00'), node: 'pay' },
      { id: 'r2', type: 'restored', at: T('13:30'), node: 'pay' },
    ]);
    expect(result.spec.results?.restored).toEqual([{ id: 'pay', at: T('13:00') }]);
    expect(result).toMatchObject({ applied: ['r1'], alreadyRecorded: ['r2'] });
  });

  it('records a finding with an id from its event, open and medium unless told', () => {
    const result = record(planned, [
      { id: 'f1', type: 'finding', at: T('10:00'), title: 'The runbook is out of date' },
      {
        id: 'f2',
        type: 'finding',
        at: T('11:00'),
        title: 'No key for the safe',
        severity: 'critical',
        description: 'The safe holding the recovery keys could not be opened.',
      },
    ]);
    expect(result.spec.findings).toEqual([
      { id: 'f-f1', title: 'The runbook is out of date', severity: 'medium', status: 'open' },
      {
        id: 'f-f2',
        title: 'No key for the safe',
        severity: 'critical',
        status: 'open',
        description: 'The safe holding the recovery keys could not be opened.',
      },
    ]);
  });

  it('changes nothing when a whole batch is replayed, even after other events', () => {
    const batch: RecordEvent[] = [
      { id: 'e1', type: 'exercise-started', at: T('08:00') },
      { id: 's1', type: 'step-started', at: T('08:00'), plan: 'plan-leeds', step: 'call' },
      { id: 'f1', type: 'finding', at: T('08:10'), title: 'Nobody had the bridge number' },
      { id: 'r1', type: 'restored', at: T('13:00'), node: 'pay' },
    ];
    const first = record(planned, batch);
    const later = record(first.spec, [
      { id: 's2', type: 'step-finished', at: T('08:20'), plan: 'plan-leeds', step: 'call', outcome: 'done' },
    ]);
    const replayed = record(later.spec, batch);
    expect(replayed.spec).toEqual(later.spec);
    expect(replayed).toMatchObject({ applied: [], alreadyRecorded: ['e1', 's1', 'f1', 'r1'] });
    expect(replayed.spec.findings).toHaveLength(1);
    expect(replayed.spec.results?.steps).toHaveLength(1);
  });

  it('refuses the whole batch for one bad event, naming it: an unknown step, a plan not exercised, a node that cannot fail', () => {
    const result = recordEvents(
      planned,
      [
        { id: 'ok', type: 'exercise-started', at: T('08:00') },
        { id: 'bad-step', type: 'step-started', at: T('08:00'), plan: 'plan-leeds', step: 'nope' },
        { id: 'bad-plan', type: 'step-started', at: T('08:00'), plan: 'plan-york', step: 'call' },
        { id: 'bad-node', type: 'restored', at: T('09:00'), node: 'ana' },
        { id: 'no-node', type: 'restored', at: T('09:00'), node: 'ghost' },
      ],
      context,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'events[1]', event: 'bad-step', message: 'the plan "plan-leeds" has no step "nope"' },
        {
          path: 'events[2]',
          event: 'bad-plan',
          message: `"plan-york" is not one of the exercise's plans (plan-leeds)`,
        },
        {
          path: 'events[3]',
          event: 'bad-node',
          message: '"ana" is a Person; only a Service, Component, Site or Vendor can be restored',
        },
        { path: 'events[4]', event: 'no-node', message: 'no document has the id "ghost"' },
      ],
    });
  });

  it('names the event that would make the exercise invalid: a step finished before it started', () => {
    const result = recordEvents(
      planned,
      [
        { id: 's1', type: 'step-started', at: T('09:00'), plan: 'plan-leeds', step: 'call' },
        {
          id: 's2',
          type: 'step-finished',
          at: T('08:00'),
          plan: 'plan-leeds',
          step: 'call',
          outcome: 'done',
        },
      ],
      context,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: 'events[1]', event: 's2' });
    expect(result.errors[0]?.message).toContain('spec.results.steps.0.finished');
  });

  it('refuses a finding event whose id cannot be a finding id', () => {
    const result = recordEvents(
      planned,
      [{ id: 'Upper_Case', type: 'finding', at: T('08:00'), title: 'x' }],
      context,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toContain('"f-Upper_Case", which is not a valid id');
  });
});

describe('parseRecordBody', () => {
  it('reads valid events, dropping an identical copy of one', () => {
    const event = { id: 'e1', type: 'exercise-started', at: T('08:00') };
    expect(parseRecordBody({ events: [event, { ...event }] })).toEqual({ ok: true, events: [event] });
  });

  it('names each bad event by its id: unknown type, bad instant, missing field, id reused for another event', () => {
    const result = parseRecordBody({
      events: [
        { id: 'a', type: 'exercise-paused', at: T('08:00') },
        { id: 'b', type: 'exercise-started', at: 'yesterday' },
        { id: 'c', type: 'step-finished', at: T('08:00'), plan: 'plan-leeds', step: 'call' },
        { id: 'd', type: 'exercise-started', at: T('08:00') },
        { id: 'd', type: 'exercise-finished', at: T('09:00') },
        { type: 'exercise-started', at: T('08:00') },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.path, error.event])).toEqual([
      ['events[0]', 'a'],
      ['events[1]', 'b'],
      ['events[2]', 'c'],
      ['events[4]', 'd'],
      ['events[5]', undefined],
    ]);
    expect(result.errors[0]?.message).toContain('it must be one of exercise-started');
    expect(result.errors[1]?.message).toMatch(/^at: /);
    expect(result.errors[2]?.message).toMatch(/^outcome: /);
    expect(result.errors[4]?.message).toMatch(/^id: /);
  });

  it('refuses an empty batch and one of more than 500 events', () => {
    expect(parseRecordBody({ events: [] })).toMatchObject({ ok: false, errors: [{ path: 'events' }] });
    const many = Array.from({ length: 501 }, (_, i) => ({
      id: `e${i}`,
      type: 'exercise-started',
      at: T('08:00'),
    }));
    expect(parseRecordBody({ events: many })).toMatchObject({ ok: false });
    expect(parseRecordBody([])).toMatchObject({ ok: false });
  });
});
