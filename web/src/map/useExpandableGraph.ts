/** Map state shared by the map and the simulator: expansions fetched on demand, collapsed nodes. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { getGraph } from '../api/analysis';
import type { GraphData } from '../api/analysis';
import { keys } from '../api/queries';
import { notifyError } from '../app/notify';
import { visibleGraph } from './visible';

/** Expand (fetch one level around a node) and collapse (hide what lies only beyond it) over a base graph. */
export function useExpandableGraph(base: GraphData | undefined, roots: readonly string[]) {
  const queryClient = useQueryClient();
  const [expansions, setExpansions] = useState<ReadonlyMap<string, GraphData>>(new Map());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [loading, setLoading] = useState<string | null>(null);

  const graph = useMemo(
    () => visibleGraph(base, expansions, collapsed, roots),
    [base, expansions, collapsed, roots],
  );

  const expand = useCallback(
    async (id: string) => {
      setCollapsed((previous) => new Set([...previous].filter((other) => other !== id)));
      setLoading(id);
      try {
        const data = await queryClient.fetchQuery({
          queryKey: keys.graph(id, 1, 'both'),
          queryFn: ({ signal }) => getGraph(id, 1, 'both', signal),
        });
        setExpansions((previous) => new Map(previous).set(id, data));
      } catch (error) {
        notifyError(error);
      } finally {
        setLoading(null);
      }
    },
    [queryClient],
  );

  const collapse = useCallback((id: string) => {
    setExpansions((previous) => {
      const next = new Map(previous);
      next.delete(id);
      return next;
    });
    setCollapsed((previous) => new Set(previous).add(id));
  }, []);

  /** Expanded nodes collapse, others expand: what a double-click does. */
  const toggle = useCallback(
    (id: string) => {
      if (expansions.has(id) && !collapsed.has(id)) collapse(id);
      else void expand(id);
    },
    [expansions, collapsed, collapse, expand],
  );

  const reset = useCallback(() => {
    setExpansions(new Map());
    setCollapsed(new Set());
  }, []);

  return { graph, expand, collapse, toggle, reset, loading, isExpanded: (id: string) => expansions.has(id) };
}
