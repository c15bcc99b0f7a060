/**
 * Families of cut sets truncated at an order k, with subsumption: the algebra of bounded MOCUS (Fussell and
 * Vesely, "A new methodology for obtaining cut sets for fault trees", Trans. Am. Nucl. Soc. 15, 1972) done
 * bottom-up. For a monotone function, every minimal cut set of order <= k of an AND/OR/at-least gate is the union
 * of minimal cut sets of order <= k of its inputs, so truncating each intermediate family at k loses nothing
 * (Rauzy, "New algorithms for fault trees analysis", Reliability Engineering and System Safety 40, 1993, on
 * truncation). A family here is always minimal (no set contains another) and duplicate-free.
 *
 * Work is counted on an optional WorkMeter in candidate sets (each one built, copied or compared), before the
 * loop that builds them, so a product too large for the budget stops before it starts.
 */
import type { WorkMeter } from './work.ts';

/** A cut set: basic-event indices in increasing order. */
export type CutSet = readonly number[];
/** A minimal family of cut sets; `[]` is false (no cut set), `[[]]` is true. */
export type Family = readonly CutSet[];

/** The constant true (the empty set is a cut set). */
export const TRUE: Family = [[]];
/** The constant false. */
export const FALSE: Family = [];

const PAIR_BASE = 2 ** 26;

/** Event indices must stay below this for the numeric keys of small sets. */
export const MAX_EVENTS = PAIR_BASE;

/** A hashable key: numbers for sets of size <= 2 (the common, hot case), a string beyond. */
export function setKey(s: CutSet): number | string {
  switch (s.length) {
    case 0:
      return -1;
    case 1:
      return s[0]!;
    case 2:
      return (s[0]! + 1) * PAIR_BASE + s[1]!;
    default:
      return s.join(',');
  }
}

function hasProperSubsetIn(s: CutSet, kept: Set<number | string>): boolean {
  if (s.length === 0) return false;
  if (kept.has(-1)) return true;
  if (s.length === 1) return false;
  if (s.length === 2) return kept.has(s[0]!) || kept.has(s[1]!);
  const full = (1 << s.length) - 1;
  for (let mask = 1; mask < full; mask++) {
    const subset: number[] = [];
    for (let i = 0; i < s.length; i++) if (mask & (1 << i)) subset.push(s[i]!);
    if (kept.has(setKey(subset))) return true;
  }
  return false;
}

/** Removes duplicates and every set that contains another one. */
export function minimize(sets: CutSet[]): Family {
  if (sets.length <= 1) return sets;
  sets.sort((a, b) => a.length - b.length);
  const kept = new Set<number | string>();
  const out: CutSet[] = [];
  for (const s of sets) {
    const key = setKey(s);
    if (kept.has(key) || hasProperSubsetIn(s, kept)) continue;
    kept.add(key);
    out.push(s);
  }
  return out;
}

/** OR of families. */
export function orFamilies(families: readonly Family[], meter?: WorkMeter): Family {
  const nonEmpty = families.filter((f) => f.length > 0);
  if (nonEmpty.length === 0) return FALSE;
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  meter?.spend(nonEmpty.reduce((sum, f) => sum + f.length, 0));
  const all: CutSet[] = [];
  for (const f of nonEmpty) for (const s of f) all.push(s);
  return minimize(all);
}

/** The sorted union of two sets, or undefined when it has more than `k` elements. */
function unionCapped(a: CutSet, b: CutSet, k: number): CutSet | undefined {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
    if (out.length > k) return undefined;
  }
  return out;
}

/** AND of two families, truncated at order k. */
export function andFamilies(a: Family, b: Family, k: number, meter?: WorkMeter): Family {
  if (a.length === 0 || b.length === 0) return FALSE;
  if (a.length === 1 && a[0]!.length === 0) return b;
  if (b.length === 1 && b[0]!.length === 0) return a;
  if (k === 2) return andOrder2(a, b, meter);
  meter?.spend(a.length * b.length);
  const out: CutSet[] = [];
  for (const x of a) {
    for (const y of b) {
      const u = unionCapped(x, y, k);
      if (u !== undefined) out.push(u);
    }
  }
  return minimize(out);
}

/**
 * AND at order 2 without the |A| x |B| loop: a product of order <= 2 is a common single, two singles, a pair of
 * one side holding a single of the other, or a pair common to both; every other product has order > 2.
 */
function andOrder2(a: Family, b: Family, meter?: WorkMeter): Family {
  const singlesA = new Set<number>();
  const singlesB = new Set<number>();
  for (const s of a) if (s.length === 1) singlesA.add(s[0]!);
  for (const s of b) if (s.length === 1) singlesB.add(s[0]!);
  meter?.spend(a.length + b.length + singlesA.size * singlesB.size);
  const out: CutSet[] = [];
  for (const x of singlesA) {
    for (const y of singlesB) out.push(x === y ? [x] : x < y ? [x, y] : [y, x]);
  }
  const pairsB = new Set<number>();
  for (const s of b) if (s.length === 2) pairsB.add(setKey(s) as number);
  for (const s of a) {
    if (s.length === 2 && (singlesB.has(s[0]!) || singlesB.has(s[1]!) || pairsB.has(setKey(s) as number)))
      out.push(s);
  }
  for (const s of b) if (s.length === 2 && (singlesA.has(s[0]!) || singlesA.has(s[1]!))) out.push(s);
  return minimize(out);
}

/** At least `t` of the input families, truncated at order k (OR is t = 1, AND is t = inputs.length). */
export function atLeastFamilies(t: number, inputs: readonly Family[], k: number, meter?: WorkMeter): Family {
  if (t <= 0) return TRUE;
  if (t > inputs.length) return FALSE;
  if (t === 1) return orFamilies(inputs, meter);
  if (t === inputs.length) return inputs.reduce((acc, f) => andFamilies(acc, f, k, meter), TRUE);
  // atLeast(j, inputs[i..]) = inputs[i] AND atLeast(j-1, inputs[i+1..]) OR atLeast(j, inputs[i+1..]),
  // computed from the last input backwards; suffix[j] holds atLeast(j, inputs[i+1..]).
  let suffix: Family[] = [TRUE];
  for (let j = 1; j <= t; j++) suffix.push(FALSE);
  for (let i = inputs.length - 1; i >= 0; i--) {
    const next: Family[] = [TRUE];
    const available = inputs.length - i;
    // One step per cell, so a wide group with a middling k (n x t cells of small families) is counted too.
    meter?.spend(t);
    for (let j = 1; j <= t; j++) {
      next.push(
        j > available
          ? FALSE
          : orFamilies([andFamilies(inputs[i]!, suffix[j - 1]!, k, meter), suffix[j]!], meter),
      );
    }
    suffix = next;
  }
  return suffix[t]!;
}

/** Whether two minimal families hold the same sets. */
export function sameFamily(a: Family, b: Family): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(setKey));
  return b.every((s) => keys.has(setKey(s)));
}
