import type { Document, Node, Pair } from 'yaml';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq } from 'yaml';

/**
 * How much aliases may add to one file's data, in values and characters (each value counts 1, each string and
 * map key its length). A file without aliases never weighs more than its own length, so the work after a parse
 * (schemas, references, storage) stays proportional to the upload plus at most this much.
 */
export const ALIAS_ALLOWANCE = 1_000_000;

/** The most a file's data may weigh once its aliases are expanded: its own length plus the allowance. */
export function expansionLimit(text: string): number {
  return text.length + ALIAS_ALLOWANCE;
}

const grouped = new Intl.NumberFormat('en-US');

/**
 * Whether plain data (as js-yaml builds it) weighs at most `limit`. Shared objects count each time they are
 * reached, as they would once written out; the walk stops as soon as the limit is passed, so it costs at most
 * `limit` steps, even on data that refers to itself.
 */
export function plainDataWithin(values: readonly unknown[], limit: number): boolean {
  let weight = 0;
  const stack: unknown[] = [...values];
  while (stack.length > 0) {
    const value = stack.pop();
    weight += 1;
    if (typeof value === 'string') weight += value.length;
    else if (Array.isArray(value)) for (const item of value as unknown[]) stack.push(item);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        weight += key.length;
        stack.push(record[key]);
      }
    }
    if (weight > limit) return false;
  }
  return true;
}

/** How much a file's aliases have added to its data so far, shared by the documents of one file. */
export interface ExpansionBudget {
  used: number;
}

/** A problem found by `expandAliases`, at an offset in the file. */
export interface AliasProblem {
  offset: number;
  message: string;
}

/** Stops the walk once the allowance is spent: one finding is enough, and going on would cost what is refused. */
class AllowanceSpent extends Error {}

/**
 * One pass over a parsed document in source order, linear in its size. It reports aliases to missing anchors,
 * aliases inside their own anchor, map keys that repeat or are not written out, and the first alias past the
 * file's allowance, each at its own offset. It also replaces each alias by the node it names, so `toJS` never
 * looks one up: yaml's lookup scans the document's anchors and aliases from its start for each alias, which made
 * a file of many aliases take minutes. A node reached twice is then copied twice, within the allowance.
 */
export function expandAliases(document: Document.Parsed, budget: ExpansionBudget): AliasProblem[] {
  const problems: AliasProblem[] = [];
  const anchors = new Map<string, Node>();
  const weights = new Map<Node, number>();
  const open = new Set<Node>();
  const offsetOf = (node: unknown, fallback: number) => (node as Node | null)?.range?.[0] ?? fallback;

  /** The weight an alias adds, and the node to put in its place (undefined when it names nothing usable). */
  function resolve(alias: Node & { source: string }): { weight: number; target?: Node } {
    const at = offsetOf(alias, 0);
    const target = anchors.get(alias.source);
    if (!target) {
      problems.push({
        offset: at,
        message: `YAML syntax: unknown alias *${alias.source}: no anchor &${alias.source} before it`,
      });
      return { weight: 1 };
    }
    if (open.has(target)) {
      problems.push({
        offset: at,
        message: `YAML alias *${alias.source} is inside its own anchor &${alias.source}: catalog data cannot contain itself`,
      });
      return { weight: 1 };
    }
    const weight = weights.get(target) ?? 1;
    budget.used += weight;
    if (budget.used > ALIAS_ALLOWANCE) {
      problems.push({
        offset: at,
        message:
          `YAML alias *${alias.source}: the file's aliases would add more than ` +
          `${grouped.format(ALIAS_ALLOWANCE)} values and characters to its data, the most a file may add ` +
          `(this one adds ${grouped.format(weight)}); write the data out, or use fewer aliases`,
      });
      throw new AllowanceSpent();
    }
    return { weight, target };
  }

  /** The weight of a child, replacing it through `put` when it is an alias. */
  function child(node: unknown, put: (target: Node) => void): number {
    if (isAlias(node)) {
      const { weight, target } = resolve(node);
      if (target) put(target);
      return weight;
    }
    return weigh(node);
  }

  function pairWeight(pair: Pair, seen: Map<unknown, true>, mapStart: number): number {
    const key = pair.key;
    let keyWeight = 1;
    if (isCollection(key) || isAlias(key)) {
      problems.push({
        offset: offsetOf(key, mapStart),
        message: 'YAML syntax: a map key must be written out as a name, not a list, a map or an alias',
      });
    } else {
      const value = isScalar(key) ? key.value : null;
      // As yaml's `uniqueKeys` compares them, by value (NaN never equals itself), but once per map, not per key.
      if (seen.has(value) && !(typeof value === 'number' && Number.isNaN(value)))
        problems.push({ offset: offsetOf(key, mapStart), message: 'YAML syntax: map keys must be unique' });
      seen.set(value, true);
      keyWeight = weigh(key);
    }
    return keyWeight + child(pair.value, (target) => (pair.value = target));
  }

  function weigh(node: unknown): number {
    if (node === null || node === undefined) return 1;
    const anchored = node as Node;
    if (anchored.anchor) {
      anchors.set(anchored.anchor, anchored);
      open.add(anchored);
    }
    let weight = 1;
    if (isScalar(node)) {
      if (typeof node.value === 'string') weight += node.value.length;
    } else if (isSeq(node)) {
      const { items } = node;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        weight += isPair(item)
          ? pairWeight(item, new Map(), offsetOf(node, 0))
          : child(item, (target) => (items[i] = target));
      }
    } else if (isMap(node)) {
      const seen = new Map<unknown, true>();
      for (const pair of node.items) weight += pairWeight(pair, seen, offsetOf(node, 0));
    }
    if (anchored.anchor) {
      open.delete(anchored);
      weights.set(anchored, weight);
    }
    return weight;
  }

  try {
    child(document.contents, (target) => (document.contents = target as typeof document.contents));
  } catch (error) {
    if (!(error instanceof AllowanceSpent)) throw error;
  }
  return problems;
}
