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
 * Sets are kept as sorted lists of disjoint intervals over a numbering of the events (interval labelling, after
 * Agrawal, Borgida and Jagadish, "Efficient management of transitive relationships in large data and knowledge
 * bases", SIGMOD 1989) along heavy paths of a spanning forest of the dependencies (see `numberEvents`): a chain
 * of required dependencies of any length is one interval, and the part of a set that follows a tree path is at
 * most log2(gates) + 1 intervals. Unions and thresholds are one sweep over the inputs' interval ends. A set is
 * dropped once every gate reading it is done, so memory follows the frontier of the search. The work is the
 * interval ends swept plus the events listed in the answer.
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
  // Each end is a step; a few more per gate for the list it allocates (weights measured against MOCUS's steps).
  meter.spend(ends + 8);
  if (nonEmpty < t) return EMPTY;
  if (t === 1 && nonEmpty === 1) for (const list of inputs) if (list.length > 0) return list;
  // The common shapes (a node on a few dependencies, an anyOf of two) merge in one linear pass, no sort.
  if (t === 1 && inputs.length <= 4) {
    let out = EMPTY;
    for (const list of inputs) out = merge(out, list, 1);
    return out;
  }
  if (t === 2 && inputs.length === 2) return merge(inputs[0]!, inputs[1]!, 2);
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

/**
 * Numbers the events so that the sets are few intervals. Each OR gate (threshold 1, a node) picks as its tree
 * parent its deepest input among those that finished before it in the search (so the choice has no cycle, and
 * long chains of dependencies become tree paths rather than, say, every component hanging off its site); an OR
 * gate's set holds each input's, so the sets grow along these trees. Other gates (groups) are roots. The gates are then numbered in preorder of the trees walked from the roots down
 * to the readers, heaviest subtree first (heavy-path decomposition, Sleator and Tarjan, "A data structure for
 * dynamic trees", JCSS 26(3), 1983): every path from a gate to its root crosses at most log2(gates) light
 * edges, so the part of a set that follows its tree path is at most that many intervals plus one, and a chain
 * of any length is one. An event takes the number of the first gate reading it in that order.
 */
function numberEvents(
  net: GateNetwork,
  postorder: Int32Array,
  meter: WorkMeter,
): { position: Int32Array; eventAt: Int32Array } {
  const { inputStart, inputs } = net;
  const count = postorder.length;
  const finishedAt = new Int32Array(net.gateCount).fill(-1);
  for (let i = 0; i < count; i++) finishedAt[postorder[i]!] = i;
  // Tree parent (as a postorder index) of each gate, -1 for a root; subtree sizes, readers before inputs.
  const parent = new Int32Array(count).fill(-1);
  const depth = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const g = postorder[i]!;
    // Only an OR (threshold 1) holds each input's set; a group's set is not its members', so it is a root.
    if (net.threshold[g] !== 1) continue;
    for (let j = inputStart[g]!; j < inputStart[g + 1]!; j++) {
      const x = inputs[j]!;
      if (x < 0) continue;
      const at = finishedAt[x]!;
      if (at < i && (parent[i] === -1 || depth[at]! > depth[parent[i]!]!)) parent[i] = at;
    }
    depth[i] = parent[i]! >= 0 ? depth[parent[i]!]! + 1 : 0;
  }
  const size = new Int32Array(count).fill(1);
  const heavy = new Int32Array(count).fill(-1);
  for (let i = count - 1; i >= 0; i--) {
    const p = parent[i]!;
    if (p < 0) continue;
    size[p]! += size[i]!;
    if (heavy[p] === -1 || size[i]! > size[heavy[p]!]!) heavy[p] = i;
  }
  // Children lists (CSR), then an iterative preorder: a light child waits on the stack, the heavy one is next.
  const childStart = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) if (parent[i]! >= 0) childStart[parent[i]! + 1]!++;
  for (let i = 0; i < count; i++) childStart[i + 1]! += childStart[i]!;
  const children = new Int32Array(Math.max(childStart[count]!, 1));
  const fill = childStart.slice(0, count);
  for (let i = 0; i < count; i++) if (parent[i]! >= 0) children[fill[parent[i]!]!++] = i;
  meter.spend(3 * count);

  const position = new Int32Array(net.eventNames.length).fill(-1);
  const eventAt = new Int32Array(net.eventNames.length);
  let positions = 0;
  const stack: number[] = [];
  // Small trees first: shared roots such as sites, each a tree of its own, end up next to each other.
  const roots: number[] = [];
  for (let i = 0; i < count; i++) if (parent[i]! < 0) roots.push(i);
  roots.sort((a, b) => size[a]! - size[b]! || a - b);
  for (const root of roots) {
    stack.push(root);
    while (stack.length > 0) {
      for (let i = stack.pop()!; i !== -1; i = heavy[i]!) {
        const g = postorder[i]!;
        for (let j = inputStart[g]!; j < inputStart[g + 1]!; j++) {
          const e = ~inputs[j]!;
          if (e >= 0 && position[e] === -1) {
            position[e] = positions;
            eventAt[positions++] = e;
          }
        }
        for (let c = childStart[i]!; c < childStart[i + 1]!; c++) {
          if (children[c] !== heavy[i]) stack.push(children[c]!);
        }
      }
    }
  }
  return { position, eventAt };
}

/** The union (`t` = 1) or the intersection (`t` = 2) of two interval lists, by one merge of their ends. */
function merge(a: Intervals, b: Intervals, t: 1 | 2): Intervals {
  if (t === 1 && a.length === 0) return b;
  if (t === 1 && b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  let count = 0;
  // Ends in position order, a close before an open at the same position, as in `atLeast`.
  while (i < a.length || j < b.length) {
    const x = i < a.length ? 2 * a[i]! + (i % 2 === 0 ? 1 : 0) : Infinity;
    const y = j < b.length ? 2 * b[j]! + (j % 2 === 0 ? 1 : 0) : Infinity;
    const key = x <= y ? x : y;
    if (x <= y) i++;
    else j++;
    const position = Math.floor(key / 2);
    if (key % 2 === 1) {
      if (++count === t) {
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
  const { position, eventAt } = numberEvents(net, postorder, meter);
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
    // Listing an event, then naming and sorting it by id (analyzeSpof), costs a few steps.
    meter.spend(4 * size);
    const events = new Int32Array(size);
    let at = 0;
    for (let j = 0; j < list.length; j += 2) {
      for (let p = list[j]!; p < list[j + 1]!; p++) events[at++] = eventAt[p]!;
    }
    return events.sort();
  });
}
