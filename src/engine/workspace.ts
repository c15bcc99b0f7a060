/**
 * Scratch arrays indexed by node, kept with the graph and reused by every scenario computed on it, so that one
 * scenario allocates in proportion to what it reaches, not to the size of the graph. (A fresh typed array of n
 * entries per call costs a fill of n entries, and on a large heap the external memory it adds brings on full
 * garbage collections: at a million nodes, most of the time a small scenario took.)
 *
 * Nothing is cleared between calls. A reader relies on one of two rules: it reads an entry only for a node it
 * knows the current call wrote (a node of the current down set, written before it is read), or it compares the
 * entry of a stamp array with the stamp it took from `nextStamp` for this call (older calls wrote older stamps).
 * No result handed to a caller points into these arrays. The computations that use them are synchronous and never
 * nested on one slot, so one workspace per graph is enough (a graph is never shared between threads).
 */
import type { EngineGraph } from './graph.ts';

/** Int32 slots. */
export const QUEUE = 0;
export const WAITS = 1;
export const POSITION = 2;
export const UNKNOWN_QUEUE = 3;
/** Int32 stamp slots (compared with a stamp from `nextStamp`). */
export const NEEDED = 4;
export const LOSS_REACHED = 5;
export const UNKNOWN_REACHED = 6;
export const PLANNED = 7;
const INT_SLOTS = 8;
const FIRST_STAMP_SLOT = NEEDED;
/** Float64 slots of two entries per node (`2v` and `2v + 1`: a lower bound and an upper one, side by side). */
export const TIMES = 0;
export const PLAN = 1;
/** Float64 slots of one entry per node. */
export const LOSS = 2;
/** Entries per node of each Float64 slot. */
const FLOAT_WIDTH = [2, 2, 1];
/** Uint8 slots. */
export const STATE = 0;
const BYTE_SLOTS = 1;

/** The scratch arrays of one graph (see the file header); get it with `workspaceOf`. */
export class Workspace {
  private stamp = 0;
  private readonly ints: (Int32Array | undefined)[] = new Array<undefined>(INT_SLOTS).fill(undefined);
  private readonly floats: (Float64Array | undefined)[] = FLOAT_WIDTH.map(() => undefined);
  private readonly bytes: (Uint8Array | undefined)[] = new Array<undefined>(BYTE_SLOTS).fill(undefined);

  constructor(readonly size: number) {}

  /** The Int32Array of `slot`, `size` entries, created on first use. */
  int32(slot: number): Int32Array {
    return (this.ints[slot] ??= new Int32Array(this.size));
  }

  /** The Float64Array of `slot`, `size` entries (twice that for a slot of pairs), created on first use. */
  float64(slot: number): Float64Array {
    return (this.floats[slot] ??= new Float64Array(this.size * FLOAT_WIDTH[slot]!));
  }

  /** The Uint8Array of `slot`, `size` entries, created on first use. */
  uint8(slot: number): Uint8Array {
    return (this.bytes[slot] ??= new Uint8Array(this.size));
  }

  /** A stamp no entry of a stamp slot holds yet. */
  nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      for (let slot = FIRST_STAMP_SLOT; slot < INT_SLOTS; slot++) this.ints[slot]?.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

/** The workspace of `graph`, created on first use and replaced by a larger one once nodes are added. */
export function workspaceOf(graph: EngineGraph): Workspace {
  const current = graph.workspace;
  if (current !== undefined && current.size >= graph.n) return current;
  // Grow by half again so that a run of `addNode` calls does not reallocate on every call.
  const size = current === undefined ? graph.n : Math.max(graph.n, current.size + (current.size >> 1));
  graph.workspace = new Workspace(size);
  return graph.workspace;
}
