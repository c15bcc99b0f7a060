import { describe, expect, it } from 'vitest';
import type { ExerciseSpec, RecordEvent } from '../api/exercises';
import {
  applyEvent,
  elapsedText,
  makeEvent,
  mergeView,
  nextBatch,
  queueKey,
  readQueue,
  refusedEvent,
  stepKey,
  viewOf,
  waitingText,
  withoutEvents,
  writeQueue,
} from './record-model';

const planned: ExerciseSpec = {
  title: 'Leeds failover',
  type: 'parallel',
  plans: ['plan-leeds'],
  scheduled: '2026-10-17',
  status: 'planned',
};

const running: ExerciseSpec = {
  ...planned,
  status: 'running',
  started: '2026-10-17T07:00:00Z',
  results: {
    steps: [
      {
        plan: 'plan-leeds',
        step: 'open-bridge',
        started: '2026-10-17T07:00:00Z',
        finished: '2026-10-17T07:20:00Z',
        outcome: 'done',
      },
    ],
    restored: [{ id: 'payments', at: '2026-10-17T08:40:00Z' }],
  },
  findings: [{ id: 'slow-bridge', title: 'The bridge was slow', severity: 'low', status: 'open' }],
};

let sequence = 0;
const event = (body: Parameters<typeof makeEvent>[0], at: string): RecordEvent =>
  makeEvent(body, new Date(at), `event-${++sequence}`);

/** A Storage of one map, as localStorage would behave. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('mergeView', () => {
  it("shows the server's records with the waiting events on top, marked as waiting", () => {
    const view = mergeView(running, [
      event({ type: 'step-started', plan: 'plan-leeds', step: 'assess-site' }, '2026-10-17T07:21:00Z'),
      event({ type: 'restored', node: 'core-banking' }, '2026-10-17T13:50:00Z'),
      event({ type: 'finding', title: 'Replica lagged', severity: 'high' }, '2026-10-17T09:00:00Z'),
    ]);
    expect(view.started).toEqual({ at: '2026-10-17T07:00:00Z', waiting: false });
    expect(view.steps.get(stepKey('plan-leeds', 'open-bridge'))).toMatchObject({
      finished: { at: '2026-10-17T07:20:00Z', waiting: false },
      outcome: 'done',
    });
    expect(view.steps.get(stepKey('plan-leeds', 'assess-site'))).toEqual({
      started: { at: '2026-10-17T07:21:00.000Z', waiting: true },
    });
    expect(view.restored.get('payments')?.waiting).toBe(false);
    expect(view.restored.get('core-banking')).toEqual({ at: '2026-10-17T13:50:00.000Z', waiting: true });
    expect(view.findings.map((finding) => [finding.title, finding.waiting])).toEqual([
      ['The bridge was slow', false],
      ['Replica lagged', true],
    ]);
  });

  it('keeps the first recorded value of each field, as the server does, so a second tap changes nothing', () => {
    const view = mergeView(running, [
      event({ type: 'exercise-started' }, '2026-10-17T07:05:00Z'),
      event({ type: 'restored', node: 'payments' }, '2026-10-17T09:00:00Z'),
      event(
        { type: 'step-finished', plan: 'plan-leeds', step: 'open-bridge', outcome: 'failed' },
        '2026-10-17T07:30:00Z',
      ),
      event(
        {
          type: 'step-finished',
          plan: 'plan-leeds',
          step: 'assess-site',
          outcome: 'skipped',
          notes: 'No one on site',
        },
        '2026-10-17T07:40:00Z',
      ),
      event(
        { type: 'step-finished', plan: 'plan-leeds', step: 'assess-site', outcome: 'done' },
        '2026-10-17T07:50:00Z',
      ),
    ]);
    expect(view.started?.at).toBe('2026-10-17T07:00:00Z');
    expect(view.restored.get('payments')?.at).toBe('2026-10-17T08:40:00Z');
    expect(view.steps.get(stepKey('plan-leeds', 'open-bridge'))).toMatchObject({
      finished: { at: '2026-10-17T07:20:00Z' },
      outcome: 'done',
    });
    expect(view.steps.get(stepKey('plan-leeds', 'assess-site'))).toEqual({
      finished: { at: '2026-10-17T07:40:00.000Z', waiting: true },
      outcome: 'skipped',
    });
  });

  it('starts a planned exercise and finishes it, and shows a finding once however often its event is applied', () => {
    const finding = event({ type: 'finding', title: 'No dial-in number' }, '2026-10-17T07:03:00Z');
    const view = mergeView(planned, [
      event({ type: 'exercise-started' }, '2026-10-17T07:00:00Z'),
      finding,
      finding,
    ]);
    expect(view.status).toBe('running');
    expect(view.started).toEqual({ at: '2026-10-17T07:00:00.000Z', waiting: true });
    expect(view.findings).toHaveLength(1);
    const finished = applyEvent(view, event({ type: 'exercise-finished' }, '2026-10-17T15:30:00Z'));
    expect(finished.status).toBe('done');
    expect(finished.finished?.waiting).toBe(true);
    // A cancelled exercise stays cancelled whatever is tapped (the server refuses it with 409).
    expect(
      mergeView({ ...planned, status: 'cancelled' }, [
        finding,
        event({ type: 'exercise-started' }, '2026-10-17T07:00:00Z'),
      ]).status,
    ).toBe('cancelled');
  });

  it('shows a finding once when the server already has it and its answer is still on the way', () => {
    const finding = event({ type: 'finding', title: 'No dial-in number' }, '2026-10-17T07:03:00Z');
    const stored: ExerciseSpec = {
      ...running,
      findings: [{ id: `f-${finding.id}`, title: 'No dial-in number', severity: 'medium', status: 'open' }],
    };
    expect(mergeView(stored, [finding]).findings).toEqual([
      { key: `f-${finding.id}`, title: 'No dial-in number', severity: 'medium', waiting: false },
    ]);
  });

  it('leaves the server document as it was', () => {
    const before = JSON.stringify(running);
    mergeView(running, [event({ type: 'restored', node: 'online-banking' }, '2026-10-17T14:20:00Z')]);
    expect(JSON.stringify(running)).toBe(before);
    expect(viewOf(running).restored.has('online-banking')).toBe(false);
  });
});

describe('the queue', () => {
  it('survives a reload through storage, per exercise, and forgets the key once nothing waits', () => {
    const storage = memoryStorage();
    const queue = [
      event({ type: 'exercise-started' }, '2026-10-17T07:00:00Z'),
      event({ type: 'restored', node: 'payments' }, '2026-10-17T08:40:00Z'),
    ];
    writeQueue(storage, 'ex-leeds', queue);
    expect(readQueue(storage, 'ex-leeds')).toEqual(queue);
    expect(readQueue(storage, 'ex-other')).toEqual([]);
    writeQueue(storage, 'ex-leeds', []);
    expect(storage.items.has(queueKey('ex-leeds'))).toBe(false);
  });

  it('reads damaged storage as an empty queue and drops entries that are not events', () => {
    const storage = memoryStorage();
    storage.setItem(queueKey('ex-leeds'), '{not json');
    expect(readQueue(storage, 'ex-leeds')).toEqual([]);
    const good = event({ type: 'restored', node: 'payments' }, '2026-10-17T08:40:00Z');
    storage.setItem(queueKey('ex-leeds'), JSON.stringify([good, { id: 'x', type: 'unknown' }, 42]));
    expect(readQueue(storage, 'ex-leeds')).toEqual([good]);
  });

  it('drops the events the server applied or had already recorded and keeps the rest in order', () => {
    const [a, b, c] = [1, 2, 3].map((minute) =>
      event({ type: 'restored', node: `node-${minute}` }, `2026-10-17T08:0${minute}:00Z`),
    ) as [RecordEvent, RecordEvent, RecordEvent];
    expect(withoutEvents([a, b, c], [c.id, a.id])).toEqual([b]);
  });

  it('sends the oldest events first, at most a batch, and leaves out those the server refused', () => {
    const queue = [1, 2, 3, 4].map((minute) =>
      event({ type: 'restored', node: `node-${minute}` }, `2026-10-17T08:0${minute}:00Z`),
    );
    expect(nextBatch(queue, 2)).toEqual(queue.slice(0, 2));
    expect(nextBatch(queue, 2, new Set([queue[0]!.id, queue[2]!.id]))).toEqual([queue[1], queue[3]]);
  });

  it('makes events with the time given and the id given, unchanged by a retry', () => {
    const made = makeEvent(
      { type: 'step-started', plan: 'p', step: 's' },
      new Date('2026-10-17T07:00:00Z'),
      'abc',
    );
    expect(made).toEqual({
      type: 'step-started',
      plan: 'p',
      step: 's',
      id: 'abc',
      at: '2026-10-17T07:00:00.000Z',
    });
  });
});

describe('refusedEvent', () => {
  const batch = [1, 2, 3].map((minute) =>
    event({ type: 'restored', node: `node-${minute}` }, `2026-10-17T08:0${minute}:00Z`),
  );
  const problem = (errors: { path: string; event?: string }[]) => ({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'bad event',
    errors: errors.map((error) => ({ ...error, message: 'bad' })),
  });

  it('finds the refused event by the id the problem names, else by its place in the batch', () => {
    expect(refusedEvent(problem([{ path: 'events[0]', event: batch[2]!.id }]), batch)).toBe(batch[2]);
    expect(refusedEvent(problem([{ path: 'events[1].type' }]), batch)).toBe(batch[1]);
  });

  it('names the only event of a batch of one, and none when the problem does not say', () => {
    expect(refusedEvent(problem([]), batch.slice(0, 1))).toBe(batch[0]);
    expect(refusedEvent(problem([{ path: 'events' }]), batch)).toBeUndefined();
    expect(refusedEvent(problem([{ path: 'events[9]' }]), batch)).toBeUndefined();
  });
});

describe('texts', () => {
  it('says how many events wait, or that everything is recorded', () => {
    expect(waitingText(0)).toBe('All recorded');
    expect(waitingText(3)).toBe('3 waiting to send');
  });

  it('shows the time since the start as hours, minutes and seconds', () => {
    expect(elapsedText('2026-10-17T07:00:00Z', new Date('2026-10-17T08:02:05Z'))).toBe('1:02:05');
    expect(elapsedText('2026-10-17T07:00:00Z', new Date('2026-10-17T06:59:00Z'))).toBe('0:00:00');
  });
});
