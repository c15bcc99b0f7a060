/** `analyzeImpact`: the down set, causes, restore times, objective breaches and data loss of one scenario, as plain JSON. */
import { spreadDataLoss } from './data-loss.ts';
import { EngineInputError, UnknownIdError } from './errors.ts';
import { KINDS, brokenAtRest, compareIds, servicesByTier, type EngineGraph } from './graph.ts';
import { causePositions, computeDownSet, positionsOf, resolveIds } from './impact.ts';
import { computeRestoreTimes } from './restore.ts';
import type { ImpactOptions, ImpactResult, RestoredAt } from './types.ts';

/**
 * A breach of one objective: null when unset; true when down past it (or a lower bound already past it) or never
 * back; false when up, or back in time exactly; null when only a lower bound is within it.
 */
function breach(
  down: boolean,
  restore: number | null,
  known: boolean,
  objective: number | null,
): boolean | null {
  if (objective === null) return null;
  if (!down) return false;
  if (restore === null || restore > objective) return true;
  return known ? false : null;
}

/** An RPO breach: null when unset; true when the loss is over it or unbounded; null when unknown otherwise. */
function rpoBreach(loss: number, unknown: boolean, rpo: number | null): boolean | null {
  if (rpo === null) return null;
  if (loss > rpo) return true;
  return unknown ? null : false;
}

/** A plan's restore times by node index; an unknown id is an UnknownIdError, a bad minute an EngineInputError. */
function plannedRestores(
  graph: EngineGraph,
  restoredAt: ReadonlyMap<string, number | RestoredAt> | undefined,
): Map<number, RestoredAt> {
  const out = new Map<number, RestoredAt>();
  for (const [id, value] of restoredAt ?? []) {
    const v = graph.index.get(id);
    if (v === undefined) throw new UnknownIdError(id, 'restoredAt');
    const step = typeof value === 'number' ? { minutes: value, known: true } : value;
    if (!Number.isFinite(step.minutes) || step.minutes < 0) {
      throw new EngineInputError(
        id,
        `restoredAt must be a finite number of minutes >= 0, got ${step.minutes}`,
      );
    }
    out.set(v, { minutes: step.minutes, known: step.known });
  }
  return out;
}

/**
 * Impact of failing `failIds` together: every down node with its restore time and cause, every Service with its
 * breaches and data loss, the unrecoverable nodes with the cycle that blocks them, what is unknown, and the
 * standbys activated. `options.restoredAt` gives the minutes at which a plan's steps restore nodes. Throws
 * UnknownIdError for an unknown id.
 *
 * Orders: `failed` by id; `down` in recovery order (restore time ascending, unrecoverable last, ties by id);
 * `services` by tier then id; `unrecoverable` and `unknown` by id; `activations` by ready minute, then id.
 */
export function analyzeImpact(
  graph: EngineGraph,
  failIds: readonly string[],
  options: ImpactOptions = {},
): ImpactResult {
  const { ids } = graph;
  const byId = (a: number, b: number): number => compareIds(ids[a]!, ids[b]!);
  const failed = resolveIds(graph, failIds, 'the failed set').sort(byId);
  const downSet = computeDownSet(graph, failed);
  const restore = computeRestoreTimes(graph, downSet, plannedRestores(graph, options.restoredAt));
  const dataLoss = spreadDataLoss(graph, downSet);
  const { order } = downSet;
  const position = positionsOf(graph, downSet);
  // A node down with nothing failed (a group only standbys could satisfy) starts its own cause chains.
  const atRest = [...new Set([...brokenAtRest(graph)].map((c) => graph.condOwner[c]!))]
    .filter((v) => downSet.isFailed[v] === 0)
    .sort(byId);
  const { parent, visited } = causePositions(graph, downSet, [...failed, ...atRest], position);
  // Each chain is its parent's plus the node: the search lists parents first.
  const chains = new Array<string[] | undefined>(order.length);
  for (const p of visited) {
    const id = ids[order[p]!]!;
    chains[p] = parent[p]! < 0 ? [id] : [...chains[parent[p]!]!, id];
  }
  const { minutes: times, bound } = restore;
  const minutes = (p: number): number | null => (Number.isNaN(times[p]!) ? null : times[p]!);
  const known = (p: number): boolean => bound === null || bound[p] === 0;

  const downPositions = Array.from(order.keys()).sort((a, b) => {
    const ta = times[a]!;
    const tb = times[b]!;
    if (ta !== tb && !(Number.isNaN(ta) && Number.isNaN(tb))) {
      if (Number.isNaN(ta)) return 1;
      if (Number.isNaN(tb)) return -1;
      return ta - tb;
    }
    return byId(order[a]!, order[b]!);
  });
  const { nodes: activated, readyMinutes: ready } = restore.activations;
  const unknown = [...new Set([...restore.unknownSources, ...dataLoss.unknownNodes])].sort(byId);

  return {
    failed: failed.map((v) => ids[v]!),
    down: downPositions.map((p) => {
      const v = order[p]!;
      return {
        id: ids[v]!,
        kind: KINDS[graph.kinds[v]!]!,
        restoreMinutes: minutes(p),
        restoreKnown: known(p),
        cause: chains[p] ?? [ids[v]!],
      };
    }),
    services: servicesByTier(graph).map((s) => {
      const info = graph.service.get(s)!;
      const isDown = downSet.down[s] === 1;
      const restoreMinutes = isDown ? minutes(position[s]!) : null;
      const restoreKnown = !isDown || known(position[s]!);
      const loss = Math.max(0, dataLoss.lossOf(s));
      const lossUnknown = dataLoss.unknownOf(s);
      return {
        id: graph.ids[s]!,
        tier: info.tier,
        down: isDown,
        restoreMinutes,
        restoreKnown,
        rtoMinutes: info.rtoMinutes,
        rpoMinutes: info.rpoMinutes,
        mtpdMinutes: info.mtpdMinutes,
        rtoBreach: breach(isDown, restoreMinutes, restoreKnown, info.rtoMinutes),
        mtpdBreach: breach(isDown, restoreMinutes, restoreKnown, info.mtpdMinutes),
        dataLossMinutes: lossUnknown || loss === Infinity ? null : loss,
        dataLossKnown: !lossUnknown,
        rpoBreach: rpoBreach(loss, lossUnknown, info.rpoMinutes),
      };
    }),
    unrecoverable: restore.unrecoverable.map(({ node, cycle }) => ({
      id: graph.ids[node]!,
      cycle: cycle.map((v) => graph.ids[v]!),
    })),
    unknown: unknown.map((v) => graph.ids[v]!),
    activations: Array.from(activated.keys())
      .sort((a, b) => ready[a]! - ready[b]! || byId(activated[a]!, activated[b]!))
      .map((i) => ({ id: graph.ids[activated[i]!]!, readyMinutes: ready[i]! })),
  };
}
