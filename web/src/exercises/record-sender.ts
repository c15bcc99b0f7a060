/**
 * Sending the waiting events: the oldest first, a batch at a time, until nothing waits, the server cannot be reached,
 * or it turns every recording away. An event it refuses (400, nothing of the batch written) is set aside for the
 * user and the others go on without it. No React, no storage: the recorder passes what to read and what to do.
 */
import { isApiError } from '../api/client';
import { MAX_RECORD_EVENTS } from '../api/exercises';
import type { RecordAnswer, RecordEvent } from '../api/exercises';
import { nextBatch, refusedEvent } from './record-model';

/** What a flush reads and does. */
export interface SendHooks {
  /** The queue as it is now: a tap may add events while an answer is awaited. */
  queue: () => readonly RecordEvent[];
  /** The events the server refused, left out until the user discards them. */
  refused: () => ReadonlySet<string>;
  send: (batch: readonly RecordEvent[]) => Promise<RecordAnswer>;
  /** The server recorded (or had recorded) these events: drop them and take its document. */
  answered: (answer: RecordAnswer, ids: ReadonlySet<string>) => void;
  /** The server refused this event (400) for `detail`. */
  refuse: (event: RecordEvent, detail: string) => void;
  /** The server turns every recording away for `detail` (403, 404, 409, 422), or took one again (undefined). */
  block: (detail: string | undefined) => void;
}

/** Sends what waits; resolves when nothing more can be sent now. */
export async function sendWaiting(hooks: SendHooks, max = MAX_RECORD_EVENTS): Promise<void> {
  // After a refusal that names no event, events go one at a time until the refused one is found.
  let isolate = false;
  for (;;) {
    const batch = nextBatch(hooks.queue(), isolate ? 1 : max, hooks.refused());
    if (batch.length === 0) return;
    let answer: RecordAnswer;
    try {
      answer = await hooks.send(batch);
    } catch (error) {
      if (isApiError(error, 400)) {
        const event = refusedEvent(error.problem, batch);
        if (event === undefined) isolate = true;
        else hooks.refuse(event, error.problem.detail);
        continue;
      }
      if (isApiError(error, 403, 404, 409, 422)) hooks.block(error.problem.detail);
      // Anything else (no network, a busy or failing server): the events stay and go on the next try.
      return;
    }
    hooks.block(undefined);
    const ids = new Set([...answer.applied, ...answer.alreadyRecorded]);
    hooks.answered(answer, ids);
    // A server that answers for none of the batch would be asked the same forever.
    if (!batch.some((event) => ids.has(event.id))) return;
  }
}
