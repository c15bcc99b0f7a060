/** The Aralia fault trees: the engine's order-2 minimal cut sets (and full counts) against SCRAM's reference. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { minimalCutSets } from '../src/engine/cut-sets.ts';
import { countMinimalCutSets } from '../src/engine/fault-tree/count.ts';
import { NonCoherentError, faultTreeNetwork } from '../src/engine/fault-tree/fault-tree.ts';
import { readMef } from '../src/engine/fault-tree/mef.ts';
import { compareCutSets } from '../src/engine/spof.ts';

interface Reference {
  coherent: boolean;
  basicEvents?: number | null;
  gates?: number | null;
  upToOrder2?: { count: number; cutSets: string[][] };
  all?: {
    products?: number;
    productsCountedOnly?: number;
    unsolved?: string;
    scramWallSeconds?: Record<string, number>;
  };
  scramWallSeconds: Record<string, number>;
}

/** One model's row of the comparison. */
export interface AraliaRow {
  model: string;
  coherent: boolean;
  events: number | null;
  gates: number | null;
  order2: number | null;
  order2Reference: number | null;
  order2Match: boolean | null;
  order2Ms: number | null;
  scramOrder2Seconds: number | null;
  allCount: number | null;
  allReference: number | null;
  allMatch: boolean | null;
  allMs: number | null;
  scramAllSeconds: number | null;
  note: string;
}

function best(times: Record<string, number> | undefined, suffix: string): number | null {
  const values = Object.entries(times ?? {})
    .filter(([key]) => key.endsWith(suffix))
    .map(([, v]) => v);
  return values.length === 0 ? null : Math.min(...values);
}

/** Runs every model; `countNodeLimit` bounds the full count (a model whose diagrams outgrow it is reported as skipped). */
export function runAralia(
  dir: string,
  countNodeLimit: number,
  log: (line: string) => void,
  beforeEach: () => void = () => {},
): AraliaRow[] {
  if (!existsSync(dir)) return [];
  const references = JSON.parse(readFileSync(path.join(dir, 'reference.json'), 'utf8')) as Record<
    string,
    Reference
  >;
  const rows: AraliaRow[] = [];
  for (const [model, ref] of Object.entries(references)) {
    const row: AraliaRow = {
      model,
      coherent: ref.coherent,
      events: null,
      gates: null,
      order2: null,
      order2Reference: ref.upToOrder2?.count ?? null,
      order2Match: null,
      order2Ms: null,
      scramOrder2Seconds: best(ref.scramWallSeconds, '.L2'),
      allCount: null,
      allReference: ref.all?.products ?? ref.all?.productsCountedOnly ?? null,
      allMatch: null,
      allMs: null,
      scramAllSeconds: best(ref.all?.scramWallSeconds, ''),
      note: '',
    };
    rows.push(row);
    beforeEach();
    try {
      const tree = readMef(readFileSync(path.join(dir, 'models', `${model}.xml`), 'utf8'));
      const { network, top } = faultTreeNetwork(tree);
      row.events = network.eventNames.length;
      row.gates = tree.gates.size;
      let t = performance.now();
      const sets = minimalCutSets(network, [top], 2)[0]!.map((s) =>
        s.map((e) => network.eventNames[e]!).sort(),
      );
      row.order2Ms = performance.now() - t;
      row.order2 = sets.length;
      if (ref.upToOrder2) {
        row.order2Match =
          JSON.stringify(sets.sort(compareCutSets)) === JSON.stringify(ref.upToOrder2.cutSets);
      }
      t = performance.now();
      const counted = countMinimalCutSets(network, top, 20, countNodeLimit);
      row.allMs = performance.now() - t;
      if (counted === undefined) {
        row.allMs = null;
        row.note = `full count skipped: BDD past ${countNodeLimit.toLocaleString('en')} nodes`;
      } else {
        row.allCount = counted.total;
        if (row.allReference !== null) row.allMatch = counted.total === row.allReference;
      }
    } catch (error) {
      if (error instanceof NonCoherentError) row.note = 'non-coherent (not/xor): out of scope';
      else throw error;
    }
    log(
      `aralia ${model}: order2 ${row.order2} (${row.order2Match}) ${row.order2Ms?.toFixed(0)} ms, all ${row.allCount} (${row.allMatch}) ${row.allMs?.toFixed(0)} ms ${row.note}`,
    );
  }
  return rows;
}
