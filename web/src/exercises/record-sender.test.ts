import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import type { ExerciseDocument, RecordAnswer, RecordEvent } from '../api/exercises';
import { makeEvent, withoutEvents } from './record-model';
import { sendWaiting } from './record-sender';

const exercise = { kind: 'Exercise', metadata: { id: 'ex-leeds' } } as ExerciseDocument;

const events = (count: number): RecordEvent[] =>
  Array.from({ length: count }, (_, index) =>
    makeEvent(
      { type: 'restored', node: `node-${index}` },
      new Date('2026-10-17T08:00:00Z'),
      `event-${index}`,
    ),
  );

const problem = (status: number, errors: { path: string; event?: string }[] = []) =>
  new ApiError({
    type: 'about:blank',
    title: 'Refused',
    status,
    detail: `refused with ${status}`,
    errors: errors.map((error) => ({ ...error, message: 'bad' })),
  });

/**
 * A phone's queue against a server that records what `answer` lets through: the batches it was sent, what it
 * recorded, what was refused or blocked, as the recorder would keep them.
 */
function phone(queue: RecordEvent[], answer: (batch: readonly RecordEvent[]) => RecordAnswer | Error) {
  const state = {
    queue,
    batches: [] as string[][],
    recorded: [] as string[],
    refused: new Map<string, string>(),
    blocked: undefined as string | undefined,
  };
  const hooks = {
    queue: () => state.queue,
    refused: () => new Set(state.refused.keys()),
    send: (batch: readonly RecordEvent[]) => {
      state.batches.push(batch.map((event) => event.id));
      const result = answer(batch);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
    answered: (result: RecordAnswer, ids: ReadonlySet<string>) => {
      state.recorded.push(...result.applied);
      state.queue = withoutEvents(state.queue, ids);
    },
    refuse: (event: RecordEvent, detail: string) => void state.refused.set(event.id, detail),
    block: (detail: string | undefined) => void (state.blocked = detail),
  };
  return { state, hooks };
}

const recordAll = (batch: readonly RecordEvent[]): RecordAnswer => ({
  exercise,
  applied: batch.map((event) => event.id),
  alreadyRecorded: [],
});

describe('sendWaiting', () => {
  it('sends the oldest first in batches until nothing waits, and the events tapped meanwhile too', async () => {
    const { state, hooks } = phone(events(5), (batch) => {
      // A tap while the first answer is on its way.
      if (state.batches.length === 1) state.queue = [...state.queue, ...events(6).slice(5)];
      return recordAll(batch);
    });
    await sendWaiting(hooks, 2);
    expect(state.batches).toEqual([
      ['event-0', 'event-1'],
      ['event-2', 'event-3'],
      ['event-4', 'event-5'],
    ]);
    expect(state.queue).toEqual([]);
    expect(state.recorded).toHaveLength(6);
  });

  it('drops events the server had already recorded, as it does those it applies', async () => {
    const { state, hooks } = phone(events(2), (batch) => ({
      exercise,
      applied: [],
      alreadyRecorded: batch.map((event) => event.id),
    }));
    await sendWaiting(hooks);
    expect(state.queue).toEqual([]);
  });

  it('keeps every event when the server cannot be reached, for the next try', async () => {
    const { state, hooks } = phone(events(3), () => problem(0));
    await sendWaiting(hooks);
    expect(state.batches).toHaveLength(1);
    expect(state.queue).toHaveLength(3);
    expect(state.refused.size).toBe(0);
  });

  it('sets aside the events the server refuses and records the others', async () => {
    const bad = new Set(['event-1', 'event-3']);
    const { state, hooks } = phone(events(4), (batch) => {
      const index = batch.findIndex((event) => bad.has(event.id));
      return index < 0
        ? recordAll(batch)
        : problem(400, [{ path: `events[${index}]`, event: batch[index]!.id }]);
    });
    await sendWaiting(hooks);
    expect([...state.refused.keys()]).toEqual(['event-1', 'event-3']);
    expect(state.recorded).toEqual(['event-0', 'event-2']);
    expect(state.queue.map((event) => event.id)).toEqual(['event-1', 'event-3']);
  });

  it('sends one event at a time to find the refused one when the problem does not name it', async () => {
    const { state, hooks } = phone(events(3), (batch) =>
      batch.some((event) => event.id === 'event-1') ? problem(400) : recordAll(batch),
    );
    await sendWaiting(hooks);
    expect(state.batches).toEqual([['event-0', 'event-1', 'event-2'], ['event-0'], ['event-1'], ['event-2']]);
    expect([...state.refused]).toEqual([['event-1', 'refused with 400']]);
    expect(state.recorded).toEqual(['event-0', 'event-2']);
  });

  it('stops when the server turns every recording away, and clears that once it records again', async () => {
    let cancelled = true;
    const { state, hooks } = phone(events(2), (batch) => (cancelled ? problem(409) : recordAll(batch)));
    await sendWaiting(hooks);
    expect(state.blocked).toBe('refused with 409');
    expect(state.batches).toHaveLength(1);
    expect(state.queue).toHaveLength(2);
    cancelled = false;
    await sendWaiting(hooks);
    expect(state.blocked).toBeUndefined();
    expect(state.queue).toEqual([]);
  });

  it('stops rather than ask forever when an answer names none of the events sent', async () => {
    const { state, hooks } = phone(events(2), () => ({ exercise, applied: [], alreadyRecorded: [] }));
    await sendWaiting(hooks);
    expect(state.batches).toHaveLength(1);
    expect(state.queue).toHaveLength(2);
  });
});
