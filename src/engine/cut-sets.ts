/**
 * Minimal cut sets up to an order k over a monotone gate network, the one structure both the catalog (through
 * `catalogNetwork`) and imported fault trees (through `faultTreeNetwork`) are turned into.
 *
 * Each gate's truncated minimal family is computed once, bottom-up (families.ts), over the strongly connected
 * components of the gates the requested tops reach, inputs first (Tarjan, "Depth-first search and linear graph
 * algorithms", SIAM J. Comput. 1(2), 1972). A catalog may hold dependency cycles; the catalog's semantics is a
 * least fixed point, so inside a cyclic component every family starts false and the component is re-evaluated
 * until nothing changes (Kleene iteration: families only grow, and there are finitely many sets of order <= k).
 * A family is dropped once every gate that reads it is done, so memory follows the frontier, not the cone.
 */
import { FALSE, MAX_EVENTS, atLeastFamilies, sameFamily, type Family } from './families.ts';
import { unboundedMeter, type WorkMeter } from './work.ts';

/** A monotone Boolean network: gate g is true when at least `threshold[g]` of its inputs are true. */
export interface GateNetwork {
  /** Basic events, by index. */
  eventNames: string[];
  gateCount: number;
  threshold: Int32Array;
  /** Inputs of gate g: `inputs[inputStart[g] .. inputStart[g + 1])`; `i >= 0` is a gate, `~e` an event. */
  inputStart: Int32Array;
  inputs: Int32Array;
}

/**
 * The gates reachable from `tops`, grouped in strongly connected components, inputs before their readers;
 * `topOf[i]` is the position in `tops` of the top whose search found component i (its cone holds it), and
 * `postorder` lists the gates in the order their search finished (inputs before readers, outside cycles).
 */
export function componentsFrom(
  net: GateNetwork,
  tops: readonly number[],
  meter?: WorkMeter,
): { components: number[][]; topOf: number[]; postorder: Int32Array } {
  const index = new Int32Array(net.gateCount).fill(-1);
  const low = new Int32Array(net.gateCount);
  const onStack = new Uint8Array(net.gateCount);
  const stack: number[] = [];
  const components: number[][] = [];
  const topOf: number[] = [];
  const postorder = new Int32Array(net.gateCount);
  let finished = 0;
  let counter = 0;
  // Iterative Tarjan: `frames` holds (gate, next input position).
  const frameGate: number[] = [];
  const framePos: number[] = [];
  for (let t = 0; t < tops.length; t++) {
    const top = tops[t]!;
    if (index[top] !== -1) continue;
    if (meter) meter.target = t;
    frameGate.push(top);
    framePos.push(net.inputStart[top]!);
    index[top] = low[top] = counter++;
    stack.push(top);
    onStack[top] = 1;
    while (frameGate.length > 0) {
      const f = frameGate.length - 1;
      const g = frameGate[f]!;
      const pos = framePos[f]!;
      if (pos < net.inputStart[g + 1]!) {
        framePos[f] = pos + 1;
        const x = net.inputs[pos]!;
        if (x < 0) continue;
        if (index[x] === -1) {
          index[x] = low[x] = counter++;
          stack.push(x);
          onStack[x] = 1;
          frameGate.push(x);
          framePos.push(net.inputStart[x]!);
        } else if (onStack[x]) low[g] = Math.min(low[g]!, index[x]!);
        continue;
      }
      frameGate.pop();
      framePos.pop();
      postorder[finished++] = g;
      meter?.spend(net.inputStart[g + 1]! - net.inputStart[g]! + 1);
      if (frameGate.length > 0) {
        const parent = frameGate[frameGate.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[g]!);
      }
      if (low[g] === index[g]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== g);
        // As popped, the last found first: along the search tree, inputs before readers, so one round of the
        // fixed-point iteration carries a change around a cycle of dependencies, not one step of it.
        components.push(component);
        topOf.push(t);
      }
    }
  }
  return { components, topOf, postorder: postorder.subarray(0, finished) };
}

/**
 * For each top gate, its minimal cut sets of order <= maxOrder, as sorted event-index arrays. The meter counts
 * the work and may stop it (its `target` is set to the position in `tops` whose cone is being computed).
 */
export function minimalCutSets(
  net: GateNetwork,
  tops: readonly number[],
  maxOrder: number,
  meter: WorkMeter = unboundedMeter(),
): Family[] {
  if (!Number.isInteger(maxOrder) || maxOrder < 1) {
    throw new RangeError(`maxOrder must be a whole number >= 1, got ${maxOrder}`);
  }
  if (net.eventNames.length > MAX_EVENTS)
    throw new RangeError(`at most ${MAX_EVENTS} basic events are supported`);
  const { components, topOf } = componentsFrom(net, tops, meter);
  const families = new Map<number, Family>();
  const readers = new Int32Array(net.gateCount);
  for (const component of components) {
    for (const g of component) {
      for (let i = net.inputStart[g]!; i < net.inputStart[g + 1]!; i++) {
        const x = net.inputs[i]!;
        if (x >= 0) readers[x]!++;
      }
    }
  }
  const isTop = new Uint8Array(net.gateCount);
  for (const t of tops) isTop[t] = 1;

  const evaluate = (g: number): Family => {
    const inputs: Family[] = [];
    for (let i = net.inputStart[g]!; i < net.inputStart[g + 1]!; i++) {
      const x = net.inputs[i]!;
      inputs.push(x < 0 ? [[~x]] : (families.get(x) ?? FALSE));
    }
    return atLeastFamilies(net.threshold[g]!, inputs, maxOrder, meter);
  };
  const selfLoop = (g: number): boolean => {
    for (let i = net.inputStart[g]!; i < net.inputStart[g + 1]!; i++) if (net.inputs[i] === g) return true;
    return false;
  };

  components.forEach((component, at) => {
    meter.target = topOf[at]!;
    if (component.length === 1 && !selfLoop(component[0]!)) {
      const g = component[0]!;
      families.set(g, evaluate(g));
    } else {
      for (let changed = true; changed;) {
        changed = false;
        for (const g of component) {
          const next = evaluate(g);
          meter.spend(next.length);
          if (!sameFamily(next, families.get(g) ?? FALSE)) changed = true;
          families.set(g, next);
        }
      }
    }
    for (const g of component) {
      for (let i = net.inputStart[g]!; i < net.inputStart[g + 1]!; i++) {
        const x = net.inputs[i]!;
        if (x >= 0 && --readers[x]! === 0 && !isTop[x]) families.delete(x);
      }
    }
  });
  return tops.map((t) => families.get(t) ?? FALSE);
}
