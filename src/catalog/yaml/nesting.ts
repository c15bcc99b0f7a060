import type { CST } from 'yaml';

/**
 * How deep lists and maps may nest in a catalog file. A catalog needs about eight levels (a plan's steps are the
 * deepest); yaml composes nodes recursively, and a few thousand levels overflowed the stack, after which a
 * second such file could abort the whole process (V8 cannot compile a regular expression with the stack spent).
 */
export const MAX_NESTING = 100;

interface Nested {
  token: CST.Token | undefined;
  depth: number;
}

/**
 * The offset of the first list or map nested deeper than `limit` in a file's syntax tokens, or undefined. The
 * tokens come from yaml's `Parser`, which keeps its own stack, so they can be measured before anything recursive
 * runs; the walk does not recurse either.
 */
export function tooDeep(tokens: readonly CST.Token[], limit = MAX_NESTING): number | undefined {
  const stack: Nested[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as Nested;
    if (!token) continue;
    if (token.type === 'document') stack.push({ token: token.value, depth });
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > limit) return token.offset;
      for (const item of token.items) {
        if ('key' in item) stack.push({ token: item.key ?? undefined, depth: depth + 1 });
        stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
