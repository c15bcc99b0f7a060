/**
 * Counts the minimal cut sets of a coherent gate network without listing them: a binary decision diagram (BDD,
 * Bryant, "Graph-based algorithms for Boolean function manipulation", IEEE Trans. Computers C-35(8), 1986) of the
 * top event, then the zero-suppressed BDD (ZBDD, Minato 1993) of its minimal solutions by Rauzy's `minsol` and
 * `without` ("New algorithms for fault trees analysis", Reliability Engineering and System Safety 40, 1993), then
 * a count of the ZBDD's paths per order. Variables are ordered by first appearance in a depth-first walk of the
 * tree, the usual cheap heuristic; the BDD is abandoned past a node budget so the caller can report a skip.
 */
import type { GateNetwork } from '../cut-sets.ts';

const FALSE = 0;
const TRUE = 1;

/** Hash-consed decision-diagram nodes in typed arrays (used for both the BDD and the ZBDD). */
class NodeStore {
  level = new Int32Array(1 << 16);
  high = new Int32Array(1 << 16);
  low = new Int32Array(1 << 16);
  size = 2;
  private table = new Int32Array(1 << 17).fill(-1);
  constructor(
    private readonly zeroSuppressed: boolean,
    private readonly limit: number,
  ) {
    this.level[0] = this.level[1] = 0x7fffffff;
  }
  private slot(level: number, high: number, low: number): number {
    const mask = this.table.length - 1;
    let h = (Math.imul(level, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b) ^ Math.imul(low, 0xc2b2ae35)) & mask;
    for (;;) {
      const at = this.table[h]!;
      if (at < 0 || (this.level[at] === level && this.high[at] === high && this.low[at] === low)) return h;
      h = (h + 1) & mask;
    }
  }
  make(level: number, high: number, low: number): number {
    if (this.zeroSuppressed ? high === FALSE : high === low) return low;
    const h = this.slot(level, high, low);
    const found = this.table[h]!;
    if (found >= 0) return found;
    if (this.size >= this.limit) throw new BudgetExceeded();
    if (this.size === this.level.length) {
      for (const key of ['level', 'high', 'low'] as const) {
        const next = new Int32Array(this.size * 2);
        next.set(this[key]);
        this[key] = next;
      }
    }
    const node = this.size++;
    this.level[node] = level;
    this.high[node] = high;
    this.low[node] = low;
    this.table[h] = node;
    if (this.size * 2 > this.table.length) this.rehash();
    return node;
  }
  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    for (let node = 2; node < this.size; node++) {
      this.table[this.slot(this.level[node]!, this.high[node]!, this.low[node]!)] = node;
    }
  }
}

class BudgetExceeded extends Error {}

/** A fixed-size, direct-mapped computed table: a miss only costs a recomputation (as in CUDD's cache). */
class LossyCache {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  constructor(bits: number) {
    this.keys = new Float64Array(1 << bits).fill(-1);
    this.values = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }
  private readonly shift: number;
  private slot(key: number): number {
    // Multiplicative hashing keeps the high bits of the product, which depend on every bit of the key.
    const mixed = (key | 0) ^ Math.imul((key / 0x100000000) | 0, 0x85ebca6b);
    return Math.imul(mixed, 0x9e3779b1) >>> this.shift;
  }
  get(key: number): number | undefined {
    const h = this.slot(key);
    return this.keys[h] === key ? this.values[h] : undefined;
  }
  set(key: number, value: number): void {
    const h = this.slot(key);
    this.keys[h] = key;
    this.values[h] = value;
  }
}

/** The count of minimal cut sets up to `maxOrder`, by order; undefined when a diagram outgrows `nodeLimit`. */
export function countMinimalCutSets(
  net: GateNetwork,
  top: number,
  maxOrder: number,
  nodeLimit = 4_000_000,
): { total: number; byOrder: number[] } | undefined {
  try {
    const zbdd = new NodeStore(true, nodeLimit);
    const root = minimalSolutions(net, top, nodeLimit, zbdd);
    const memo = new Map<number, Float64Array>();
    const count = (z: number): Float64Array => {
      if (z === FALSE) return new Float64Array(maxOrder + 1);
      if (z === TRUE) {
        const one = new Float64Array(maxOrder + 1);
        one[0] = 1;
        return one;
      }
      const known = memo.get(z);
      if (known) return known;
      const out = count(zbdd.low[z]!).slice();
      const high = count(zbdd.high[z]!);
      for (let k = 1; k <= maxOrder; k++) out[k]! += high[k - 1]!;
      memo.set(z, out);
      return out;
    };
    const byOrder = Array.from(count(root));
    return { total: byOrder.reduce((a, b) => a + b, 0), byOrder };
  } catch (error) {
    if (error instanceof BudgetExceeded) return undefined;
    throw error;
  }
}

function minimalSolutions(net: GateNetwork, top: number, nodeLimit: number, zbdd: NodeStore): number {
  // Variable order: events by first appearance in a depth-first walk from the top.
  const levelOf = new Int32Array(net.eventNames.length).fill(-1);
  let levels = 0;
  const visited = new Uint8Array(net.gateCount);
  const walk = (g: number): void => {
    visited[g] = 1;
    for (let i = net.inputStart[g]!; i < net.inputStart[g + 1]!; i++) {
      const x = net.inputs[i]!;
      if (x < 0) {
        if (levelOf[~x] === -1) levelOf[~x] = levels++;
      } else if (!visited[x]) walk(x);
    }
  };
  walk(top);

  const bdd = new NodeStore(false, nodeLimit);
  const cache = new LossyCache(20);
  const apply = (isAnd: boolean, f: number, g: number): number => {
    if (f === g) return f;
    if (f <= TRUE || g <= TRUE) {
      const [c, other] = f <= TRUE ? [f, g] : [g, f];
      if (isAnd) return c === TRUE ? other : FALSE;
      return c === TRUE ? TRUE : other;
    }
    if (f > g) [f, g] = [g, f];
    const key = (f * 0x4000000 + g) * 2 + (isAnd ? 1 : 0);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const lf = bdd.level[f]!;
    const lg = bdd.level[g]!;
    const level = Math.min(lf, lg);
    const [fh, fl] = lf === level ? [bdd.high[f]!, bdd.low[f]!] : [f, f];
    const [gh, gl] = lg === level ? [bdd.high[g]!, bdd.low[g]!] : [g, g];
    const result = bdd.make(level, apply(isAnd, fh, gh), apply(isAnd, fl, gl));
    cache.set(key, result);
    return result;
  };
  const gateBdd = new Map<number, number>();
  const build = (g: number): number => {
    const known = gateBdd.get(g);
    if (known !== undefined) return known;
    const inputs: number[] = [];
    for (let i = net.inputStart[g]!; i < net.inputStart[g + 1]!; i++) {
      const x = net.inputs[i]!;
      inputs.push(x < 0 ? bdd.make(levelOf[~x]!, TRUE, FALSE) : build(x));
    }
    const t = net.threshold[g]!;
    // atLeast(j, inputs[i..]) = inputs[i] AND atLeast(j-1, inputs[i+1..]) OR atLeast(j, inputs[i+1..]).
    let suffix: number[] = [TRUE];
    for (let j = 1; j <= t; j++) suffix.push(FALSE);
    for (let i = inputs.length - 1; i >= 0; i--) {
      const next = [TRUE];
      for (let j = 1; j <= t; j++)
        next.push(apply(false, apply(true, inputs[i]!, suffix[j - 1]!), suffix[j]!));
      suffix = next;
    }
    gateBdd.set(g, suffix[t]!);
    return suffix[t]!;
  };
  const f = build(top);

  const withoutCache = new LossyCache(20);
  // without(P, Q): the sets of P that contain no set of Q.
  const without = (p: number, q: number): number => {
    if (p === FALSE || q === FALSE || p === q) return p === q ? FALSE : p;
    if (q === TRUE) return FALSE;
    if (p === TRUE) return TRUE;
    const key = p * 0x4000000 + q;
    const hit = withoutCache.get(key);
    if (hit !== undefined) return hit;
    const lp = zbdd.level[p]!;
    const lq = zbdd.level[q]!;
    let result: number;
    if (lp < lq) result = zbdd.make(lp, without(zbdd.high[p]!, q), without(zbdd.low[p]!, q));
    else if (lp > lq) result = without(p, zbdd.low[q]!);
    else {
      const high = without(without(zbdd.high[p]!, zbdd.high[q]!), zbdd.low[q]!);
      result = zbdd.make(lp, high, without(zbdd.low[p]!, zbdd.low[q]!));
    }
    withoutCache.set(key, result);
    return result;
  };
  const minsolCache = new Map<number, number>();
  const minsol = (node: number): number => {
    if (node <= TRUE) return node;
    const hit = minsolCache.get(node);
    if (hit !== undefined) return hit;
    const low = minsol(bdd.low[node]!);
    const result = zbdd.make(bdd.level[node]!, without(minsol(bdd.high[node]!), low), low);
    minsolCache.set(node, result);
    return result;
  };
  return minsol(f);
}
