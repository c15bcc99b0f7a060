/**
 * Cut sets of order 1 of many tops at once, in time near-linear in the network for catalogs shaped like real
 * estates: for each gate, the set of basic events whose failure alone makes it true. For a monotone network
 * with thresholds this set obeys, gate by gate,
 *
 *   S(g) = { e : at least threshold(g) of g's inputs hold e },  an event input e holding just { e },
 *
 * (a node's gate has threshold 1, so its set is its own event plus the union of its dependencies' sets; a
 * k-of-n group breaks at n - k + 1 down members, so it keeps the events found in at least n - k + 1 members'
 * sets: the intersection for anyOf). For one failed event this is exactly the catalog's propagation rule, so the
 * least solution of these equations, computed inputs first over strongly connected components and by Kleene
 * iteration inside a cycle (as cut-sets.ts does), gives the order-1 cut sets MOCUS gives, without building
 * families of sets.
 *
 * Sets are kept as sorted lists of disjoint intervals over a numbering of the events in the depth-first
 * postorder of the gates (interval labelling, after Agrawal, Borgida and Jagadish, "Efficient management of
 * transitive relationships in large data and knowledge bases", SIGMOD 1989): a chain of required dependencies
 * is numbered consecutively, so a node's set along a chain of any length is one interval, and a tree-shaped
 * estate needs a handful per set. Unions and thresholds are one sweep over the inputs' interval ends. A set is
 * dropped once every gate reading it is done, so memory follows the frontier of the search.
 */
import { componentsFrom, type GateNetwork } from './cut-sets.ts';
import { unboundedMeter, type WorkMeter } from './work.ts';

/** A set of event positions: `[lo0, hi0, lo1, hi1, ...]`, half-open, sorted, disjoint and not touching. */
type Intervals = Int32Array;

const EMPTY: Intervals = new Int32Array(0);

/**
 * The positions held by at least `t` of the input sets (`t` = 1 is the union, `t` = inputs the intersection).
 * One sweep over the interval ends, sorted as numbers: `2 * position + 1` opens, `2 * position` closes, so at
 * one position every close comes before every open and the count after them is that position's coverage.
 */
function atLeast(t: number, inputs: readonly Intervals[], meter: WorkMeter): Intervals {
  let ends = 0;
  let nonEmpty = 0;
  for (const list of inputs) {
    ends += list.length;
    if (list.length > 0) nonEmpty++;
  }
  meter.spend(ends + 1);
  if (nonEmpty < t) return EMPTY;
  if (t === 1 && nonEmpty === 1) for (const list of inputs) if (list.length > 0) return list;
  const keys = new Float64Array(ends);
  let at = 0;
  for (const list of inputs) {
    for (let i = 0; i < list.length; i += 2) {
      keys[at++] = 2 * list[i]! + 1;
      keys[at++] = 2 * list[i + 1]!;
    }
  }
  keys.sort();
  const out: number[] = [];
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const position = Math.floor(key / 2);
    if (key % 2 === 1) {
      if (++count === t) {
        // Reopening where the last span closed extends it: spans never touch.
        if (out.length > 0 && out[out.length - 1] === position) out.pop();
        else out.push(position);
      }
    } else if (count-- === t) out.push(position);
  }
  return Int32Array.from(out);
}

function sameIntervals(a: Intervals, b: Intervals): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * For each top gate, the basic events whose failure alone makes it true (its minimal cut sets of order 1), in
 * increasing event index. Gates must have a threshold >= 1 (the catalog's always do). The meter counts the work
 * (interval ends swept, events listed) and may stop it; its `target` is the position in `tops` being computed.
 */
export function singleFailureSets(
  net: GateNetwork,
  tops: readonly number[],
  meter: WorkMeter = unboundedMeter(),
): Int32Array[] {
  const { components, topOf, postorder } = componentsFrom(net, tops, meter);
  const { inputStart, inputs, threshold } = net;
  // Number the events in the order their first reader finishes: a chain's events get consecutive positions.
  const position = new Int32Array(net.eventNames.length).fill(-1);
  const eventAt = new Int32Array(net.eventNames.length);
  let positions = 0;
  for (const g of postorder) {
    for (let i = inputStart[g]!; i < inputStart[g + 1]!; i++) {
      const e = ~inputs[i]!;
      if (e >= 0 && position[e] === -1) {
        position[e] = positions;
        eventAt[positions++] = e;
      }
    }
  }

  const sets = new Map<number, Intervals>();
  const readers = new Int32Array(net.gateCount);
  for (const g of postorder) {
    for (let i = inputStart[g]!; i < inputStart[g + 1]!; i++) if (inputs[i]! >= 0) readers[inputs[i]!]!++;
  }
  const isTop = new Uint8Array(net.gateCount);
  for (const t of tops) isTop[t] = 1;

  const evaluate = (g: number): Intervals => {
    const t = threshold[g]!;
    if (t < 1) throw new RangeError(`gate ${g} has threshold ${t}; order-1 sets need thresholds >= 1`);
    const lists: Intervals[] = [];
    for (let i = inputStart[g]!; i < inputStart[g + 1]!; i++) {
      const x = inputs[i]!;
      if (x < 0) {
        const p = position[~x]!;
        lists.push(Int32Array.of(p, p + 1));
      } else lists.push(sets.get(x) ?? EMPTY);
    }
    return atLeast(t, lists, meter);
  };
  const selfLoop = (g: number): boolean => {
    for (let i = inputStart[g]!; i < inputStart[g + 1]!; i++) if (inputs[i] === g) return true;
    return false;
  };

  components.forEach((component, at) => {
    meter.target = topOf[at]!;
    if (component.length === 1 && !selfLoop(component[0]!)) {
      sets.set(component[0]!, evaluate(component[0]!));
    } else {
      // Least fixed point: every set starts empty and only grows, so rounds stop once none changes.
      for (let changed = true; changed;) {
        changed = false;
        for (const g of component) {
          const next = evaluate(g);
          if (!sameIntervals(next, sets.get(g) ?? EMPTY)) changed = true;
          sets.set(g, next);
        }
      }
    }
    for (const g of component) {
      for (let i = inputStart[g]!; i < inputStart[g + 1]!; i++) {
        const x = inputs[i]!;
        if (x >= 0 && --readers[x]! === 0 && !isTop[x]) sets.delete(x);
      }
    }
  });

  return tops.map((top, i) => {
    meter.target = i;
    const list = sets.get(top) ?? EMPTY;
    let size = 0;
    for (let j = 0; j < list.length; j += 2) size += list[j + 1]! - list[j]!;
    meter.spend(size);
    const events = new Int32Array(size);
    let at = 0;
    for (let j = 0; j < list.length; j += 2) {
      for (let p = list[j]!; p < list[j + 1]!; p++) events[at++] = eventAt[p]!;
    }
    return events.sort();
  });
}
