/**
 * The recorder: each tap becomes an event kept in localStorage until the server has it. A sender flushes the
 * queue on each tap, when the browser comes back online and every few seconds while events wait.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { recordEvents } from '../api/exercises';
import type { RecordEvent, RecordEventBody } from '../api/exercises';
import { keys } from '../api/queries';
import { makeEvent, readQueue, withoutEvents, writeQueue } from './record-model';
import { sendWaiting } from './record-sender';

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
  /** The events the server refused, set aside until the user discards them. */
  refused: RefusedEvent[];
  /** Why the server turns every recording away (403, 404, 409 cancelled), until it accepts one. */
  blocked: string | undefined;
  /** Records a tap now: applied on the page at once, sent as soon as the server can be reached. */
  record: (body: RecordEventBody) => void;
  /** Forgets a refused event. */
  discardRefused: (id: string) => void;
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
  const [refused, setRefused] = useState<RefusedEvent[]>([]);
  const [blocked, setBlocked] = useState<string>();
  // The sender reads the latest queue and refusals while it awaits answers; state alone would be stale there.
  const queue = useRef(waiting);
  const refusedIds = useRef(new Set<string>());
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
    try {
      await sendWaiting({
        queue: () => queue.current,
        refused: () => refusedIds.current,
        send: (batch) => recordEvents(exerciseId, batch),
        answered: (answer, ids) => {
          queryClient.setQueryData(keys.document('exercises', exerciseId), answer.exercise);
          store(withoutEvents(queue.current, ids));
        },
        refuse: (event, detail) => {
          refusedIds.current = new Set(refusedIds.current).add(event.id);
          setRefused((before) => [...before, { event, detail }]);
        },
        block: setBlocked,
      });
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

  const discardRefused = useCallback(
    (id: string) => {
      const rest = new Set(refusedIds.current);
      rest.delete(id);
      refusedIds.current = rest;
      setRefused((before) => before.filter((refusal) => refusal.event.id !== id));
      store(withoutEvents(queue.current, [id]));
    },
    [store],
  );

  const discardAll = useCallback(() => {
    refusedIds.current = new Set();
    setRefused([]);
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

  // Every few seconds while events wait (refused ones wait for the user, and a refusal of every recording for the
  // next tap or the browser coming back online).
  const pending = blocked === undefined && waiting.some((event) => !refusedIds.current.has(event.id));
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [pending, flush]);

  return { waiting, refused, blocked, record, discardRefused, discardAll };
}
