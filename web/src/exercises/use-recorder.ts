/**
 * The recorder: each tap becomes an event kept in localStorage until the server has it. A sender flushes the
 * queue on each tap, when the browser comes back online and every few seconds while events wait.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { MAX_RECORD_EVENTS, recordEvents } from '../api/exercises';
import type { RecordEvent, RecordEventBody } from '../api/exercises';
import { keys } from '../api/queries';
import { makeEvent, nextBatch, readQueue, refusedEvent, withoutEvents, writeQueue } from './record-model';

/** How often waiting events are sent again. */
const RETRY_MS = 5_000;

/** An event the server refused (400): nothing of its batch was written; the user may discard it. */
export interface RefusedEvent {
  event: RecordEvent;
  detail: string;
}

/** What the recording page reads and calls. */
export interface Recorder {
  /** The events not yet recorded by the server, oldest first. */
  waiting: RecordEvent[];
  refused: RefusedEvent | undefined;
  /** Why the server turns every recording away (403, 404, 409 cancelled), until it accepts one. */
  blocked: string | undefined;
  /** Records a tap now: applied on the page at once, sent as soon as the server can be reached. */
  record: (body: RecordEventBody) => void;
  /** Forgets the refused event. */
  discardRefused: () => void;
  /** Forgets every waiting event (for an exercise the server no longer takes recordings for). */
  discardAll: () => void;
}

/**
 * A fresh event id: 128 random bits in lowercase hex (the finding the server makes of an event takes its id, and
 * ids are lowercase). getRandomValues, unlike randomUUID, works on a server reached over plain HTTP too.
 */
function newEventId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/** The recorder of one exercise. */
export function useRecorder(exerciseId: string): Recorder {
  const queryClient = useQueryClient();
  const [waiting, setWaiting] = useState(() => readQueue(localStorage, exerciseId));
  const [refused, setRefused] = useState<RefusedEvent>();
  const [blocked, setBlocked] = useState<string>();
  // The sender reads the latest queue while it awaits answers; state alone would be stale inside the loop.
  const queue = useRef(waiting);
  const refusedId = useRef<string>(undefined);
  const sending = useRef(false);

  const store = useCallback(
    (next: RecordEvent[]) => {
      queue.current = next;
      writeQueue(localStorage, exerciseId, next);
      setWaiting(next);
    },
    [exerciseId],
  );

  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    // After a refusal that names no event, events go one at a time until the refused one is found.
    let isolate = false;
    try {
      for (;;) {
        const batch = nextBatch(queue.current, isolate ? 1 : MAX_RECORD_EVENTS, refusedId.current);
        if (batch.length === 0) break;
        let answer;
        try {
          answer = await recordEvents(exerciseId, batch);
        } catch (error) {
          if (isApiError(error, 400)) {
            const event = refusedEvent(error.problem, batch);
            if (event === undefined) {
              isolate = true;
              continue;
            }
            refusedId.current = event.id;
            setRefused({ event, detail: error.problem.detail });
            isolate = false;
            continue;
          }
          if (isApiError(error, 403, 404, 409, 422)) setBlocked(error.problem.detail);
          // Anything else (no network, a busy or failing server): the events stay and go on the next try.
          break;
        }
        setBlocked(undefined);
        queryClient.setQueryData(keys.document('exercises', exerciseId), answer.exercise);
        const answered = new Set([...answer.applied, ...answer.alreadyRecorded]);
        store(withoutEvents(queue.current, answered));
        // A server that answers for none of the batch would be asked the same forever.
        if (!batch.some((event) => answered.has(event.id))) break;
      }
    } finally {
      sending.current = false;
    }
  }, [exerciseId, queryClient, store]);

  const record = useCallback(
    (body: RecordEventBody) => {
      store([...queue.current, makeEvent(body, new Date(), newEventId())]);
      void flush();
    },
    [flush, store],
  );

  const discardRefused = useCallback(() => {
    const id = refusedId.current;
    refusedId.current = undefined;
    setRefused(undefined);
    if (id !== undefined) store(withoutEvents(queue.current, [id]));
  }, [store]);

  const discardAll = useCallback(() => {
    refusedId.current = undefined;
    setRefused(undefined);
    setBlocked(undefined);
    store([]);
  }, [store]);

  // Send what a reload found waiting, and again whenever the browser says it is back online.
  useEffect(() => {
    void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [flush]);

  // Every few seconds while events wait (a refused one alone waits for the user, and a refusal of every
  // recording for the next tap or the browser coming back online).
  const pending = blocked === undefined && waiting.some((event) => event.id !== refused?.event.id);
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [pending, flush]);

  return { waiting, refused, blocked, record, discardRefused, discardAll };
}
