import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from './scc.ts';

/** Which nodes each node reaches (itself included), by brute force. */
function reach(adjacency: number[][]): Set<number>[] {
  return adjacency.map((_, start) => {
    const seen = new Set([start]);
    const stack = [start];
    for (let node = stack.pop(); node !== undefined; node = stack.pop())
      for (const next of adjacency[node] ?? [])
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
    return seen;
  });
}

const sorted = (components: number[][]) =>
  components.map((c) => [...c].sort((a, b) => a - b)).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

describe('stronglyConnectedComponents', () => {
  it('groups a cycle together and leaves the nodes outside it alone', () => {
    expect(sorted(stronglyConnectedComponents([[1], [2], [0, 3], []]))).toEqual([[0, 1, 2], [3]]);
  });

  it('handles a chain of 100,000 nodes without overflowing the stack', () => {
    const adjacency = Array.from({ length: 100_000 }, (_, i) => (i + 1 < 100_000 ? [i + 1] : [0]));
    expect(stronglyConnectedComponents(adjacency)).toHaveLength(1);
  });

  it('puts two nodes in the same component exactly when each reaches the other (random graphs)', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), {
        minLength: n,
        maxLength: n,
      }),
    );
    fc.assert(
      fc.property(graph, (adjacency) => {
        const reaches = reach(adjacency);
        const componentOf = new Map<number, number>();
        stronglyConnectedComponents(adjacency).forEach((component, c) =>
          component.forEach((node) => componentOf.set(node, c)),
        );
        for (let a = 0; a < adjacency.length; a++)
          for (let b = 0; b < adjacency.length; b++) {
            const mutual = (reaches[a]?.has(b) ?? false) && (reaches[b]?.has(a) ?? false);
            expect(componentOf.get(a) === componentOf.get(b)).toBe(mutual);
          }
      }),
    );
  });
});
