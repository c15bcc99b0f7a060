/** `analyzeImpact`: the down set, causes, restore times and objective breaches of one scenario, as plain JSON. */
import { KINDS, compareIds, servicesByTier, type EngineGraph } from './graph.ts';
import { causeChain, causeParents, computeDownSet, resolveIds } from './impact.ts';
import { computeRestoreTimes } from './restore.ts';
import type { ImpactResult } from './types.ts';

/** A breach of one objective: null when unset, true when down past it or never back, false otherwise. */
function breach(down: boolean, restore: number | null, objective: number | null): boolean | null {
  if (objective === null) return null;
  if (!down) return false;
  return restore === null || restore > objective;
}

/**
 * Impact of failing `failIds` together: every down node with its restore time and cause, every Service with its
 * breaches, and the unrecoverable nodes with the cycle that blocks them. Throws UnknownIdError for an unknown id.
 *
 * Orders: `failed` by id; `down` in recovery order (restore time ascending, unrecoverable last, ties by id);
 * `services` by tier then id; `unrecoverable` by id.
 */
export function analyzeImpact(graph: EngineGraph, failIds: readonly string[]): ImpactResult {
  const failed = resolveIds(graph, failIds, 'the failed set').sort((a, b) =>
    compareIds(graph.ids[a]!, graph.ids[b]!),
  );
  const downSet = computeDownSet(graph, failed);
  const restore = computeRestoreTimes(graph, downSet);
  const parent = causeParents(graph, downSet, failed);
  const minutes = (v: number): number | null => {
    const t = restore.restoreMinutes[v]!;
    return Number.isNaN(t) ? null : t;
  };

  const downNodes = Array.from(downSet.order).sort((a, b) => {
    const ta = restore.restoreMinutes[a]!;
    const tb = restore.restoreMinutes[b]!;
    if (ta !== tb && !(Number.isNaN(ta) && Number.isNaN(tb))) {
      if (Number.isNaN(ta)) return 1;
      if (Number.isNaN(tb)) return -1;
      return ta - tb;
    }
    return compareIds(graph.ids[a]!, graph.ids[b]!);
  });

  return {
    failed: failed.map((v) => graph.ids[v]!),
    down: downNodes.map((v) => ({
      id: graph.ids[v]!,
      kind: KINDS[graph.kinds[v]!]!,
      restoreMinutes: minutes(v),
      cause: causeChain(graph, parent, v),
    })),
    services: servicesByTier(graph).map((s) => {
      const info = graph.service.get(s)!;
      const isDown = downSet.down[s] === 1;
      const restoreMinutes = isDown ? minutes(s) : null;
      return {
        id: graph.ids[s]!,
        tier: info.tier,
        down: isDown,
        restoreMinutes,
        rtoMinutes: info.rtoMinutes,
        mtpdMinutes: info.mtpdMinutes,
        rtoBreach: breach(isDown, restoreMinutes, info.rtoMinutes),
        mtpdBreach: breach(isDown, restoreMinutes, info.mtpdMinutes),
      };
    }),
    unrecoverable: restore.unrecoverable.map(({ node, cycle }) => ({
      id: graph.ids[node]!,
      cycle: cycle.map((v) => graph.ids[v]!),
    })),
  };
}
