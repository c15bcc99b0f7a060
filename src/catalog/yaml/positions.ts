import type { LineCounter, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

/** A place in a source file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A path into a document: keys and list indexes, as zod and `referencesOf` report them. */
export type PathPart = string | number | symbol;

interface Found {
  node: Node;
  /** The key node of the pair holding `node`, when `node` is a map value. */
  key: Node | undefined;
}

function keyMatches(key: unknown, part: PathPart): boolean {
  const value = isScalar(key) ? key.value : key;
  return typeof part === 'number' ? value === part || value === String(part) : value === part;
}

/** Maps with many keys, indexed by key on their first lookup: a finding per key would otherwise scan the map each time. */
const keyIndexes = new WeakMap<YAMLMap, Map<unknown, Pair>>();

function pairOf(map: YAMLMap, part: PathPart): Pair | undefined {
  if (map.items.length < 16) return map.items.find((item) => isPair(item) && keyMatches(item.key, part));
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      const value = isScalar(item.key) ? item.key.value : item.key;
      if (!index.has(value)) index.set(value, item);
    }
    keyIndexes.set(map, index);
  }
  return index.get(part) ?? (typeof part === 'number' ? index.get(String(part)) : undefined);
}

/** The chain of nodes along `path`, as far as the document has them. */
function walk(root: Node, path: readonly PathPart[]): Found[] {
  const chain: Found[] = [{ node: root, key: undefined }];
  let current: Node = root;
  for (const part of path) {
    let next: Found | undefined;
    if (isMap(current)) {
      const pair = pairOf(current, part);
      if (pair && isPair(pair)) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        // A key with no value (`spec:`) still has a place: the key itself.
        next = { node: value ?? key ?? current, key: key ?? undefined };
      }
    } else if (isSeq(current) && typeof part === 'number') {
      const item = current.items[part] as Node | undefined;
      if (item) next = { node: item, key: undefined };
    }
    if (!next || isAlias(next.node)) {
      if (next) chain.push(next);
      break;
    }
    chain.push(next);
    current = next.node;
  }
  return chain;
}

/** Finds where a path points in a parsed YAML document, falling back to the nearest ancestor present. */
export function createLocator(root: Node | null, lineCounter: LineCounter, documentStart: number) {
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const startOf = (node: Node | undefined): number | undefined => node?.range?.[0];

  /**
   * The position of the value at `path`; with `key`, the position of its key instead (for unknown fields).
   * When the path does not exist (a missing field), the key of the deepest value that does.
   */
  return function locate(path: readonly PathPart[], options: { key?: boolean } = {}): Position {
    if (!root) return at(documentStart);
    const chain = walk(root, path);
    const last = chain[chain.length - 1] ?? { node: root, key: undefined };
    const complete = chain.length === path.length + 1;
    const target = complete && !options.key ? startOf(last.node) : (startOf(last.key) ?? startOf(last.node));
    return at(target ?? documentStart);
  };
}

/** Locates a path in one document. */
export type Locate = ReturnType<typeof createLocator>;
