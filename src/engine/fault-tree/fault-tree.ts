/**
 * Fault trees as the Open-PSA Model Exchange Format (MEF) describes them, restricted to what the Aralia
 * benchmark uses: gates defined by Boolean formulas (and, or, atleast, not, xor) over gates and basic events.
 * `faultTreeNetwork` turns a coherent tree into the gate network the cut-set code runs on.
 */
import type { GateNetwork } from '../cut-sets.ts';

/** A MEF Boolean formula: an operator over sub-formulas, or a reference to a gate or a basic event. */
export type Formula =
  | { op: 'and'; args: Formula[] }
  | { op: 'or'; args: Formula[] }
  | { op: 'not'; args: Formula[] }
  | { op: 'xor'; args: Formula[] }
  | { op: 'atleast'; min: number; args: Formula[] }
  | { op: 'gate'; name: string }
  | { op: 'basic-event'; name: string };

/** A fault tree: its gates by name (each one formula) and its top gate. */
export interface FaultTree {
  name: string;
  gates: Map<string, Formula>;
  top: string;
}

/** A fault tree that uses negation (`not`, `xor`): its cut sets are not minimal cut sets of a monotone function. */
export class NonCoherentError extends Error {
  override readonly name = 'NonCoherentError';
  constructor(tree: string, op: string) {
    super(`fault tree "${tree}" is not coherent (it uses "${op}"); only and, or and atleast are supported`);
  }
}

/** The gate no other gate references; throws when there is not exactly one. */
export function findTop(name: string, gates: Map<string, Formula>): string {
  const referenced = new Set<string>();
  const walk = (f: Formula): void => {
    if (f.op === 'gate') referenced.add(f.name);
    else if (f.op !== 'basic-event') f.args.forEach(walk);
  };
  gates.forEach(walk);
  const tops = [...gates.keys()].filter((g) => !referenced.has(g));
  if (tops.length !== 1) {
    throw new Error(
      `fault tree "${name}" needs exactly one unreferenced (top) gate, found ${tops.length}: ${tops.join(', ')}`,
    );
  }
  return tops[0]!;
}

/** The gate network of a coherent fault tree; the top is gate 0. Throws NonCoherentError on not/xor. */
export function faultTreeNetwork(tree: FaultTree): { network: GateNetwork; top: number } {
  const eventIndex = new Map<string, number>();
  const gateIndex = new Map<string, number>();
  const thresholds: number[] = [];
  const inputLists: number[][] = [];
  const newGate = (): number => {
    thresholds.push(0);
    inputLists.push([]);
    return thresholds.length - 1;
  };
  const named = (name: string): number => {
    let g = gateIndex.get(name);
    if (g === undefined) {
      g = newGate();
      gateIndex.set(name, g);
    }
    return g;
  };
  // An input code: a gate index, or ~event.
  const input = (f: Formula): number => {
    switch (f.op) {
      case 'gate':
        if (!tree.gates.has(f.name)) throw new Error(`fault tree "${tree.name}": unknown gate "${f.name}"`);
        return named(f.name);
      case 'basic-event': {
        let e = eventIndex.get(f.name);
        if (e === undefined) eventIndex.set(f.name, (e = eventIndex.size));
        return ~e;
      }
      case 'and':
      case 'or':
      case 'atleast':
      case 'not':
      case 'xor': {
        const g = newGate();
        define(g, f);
        return g;
      }
    }
  };
  const define = (g: number, f: Formula): void => {
    switch (f.op) {
      case 'not':
      case 'xor':
        throw new NonCoherentError(tree.name, f.op);
      case 'gate':
      case 'basic-event':
        thresholds[g] = 1;
        inputLists[g] = [input(f)];
        return;
      case 'and':
      case 'or':
        inputLists[g] = f.args.map(input);
        thresholds[g] = f.op === 'or' ? 1 : f.args.length;
        return;
      case 'atleast':
        inputLists[g] = f.args.map(input);
        thresholds[g] = f.min;
        return;
    }
  };
  named(tree.top);
  for (let done = 0; done < gateIndex.size; done++) {
    const [name, g] = [...gateIndex.entries()][done]!;
    define(g, tree.gates.get(name)!);
  }
  const inputStart = new Int32Array(thresholds.length + 1);
  inputLists.forEach((list, g) => (inputStart[g + 1] = inputStart[g]! + list.length));
  return {
    network: {
      eventNames: [...eventIndex.keys()],
      gateCount: thresholds.length,
      threshold: Int32Array.from(thresholds),
      inputStart,
      inputs: Int32Array.from(inputLists.flat()),
    },
    top: 0,
  };
}
