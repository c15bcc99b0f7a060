/**
 * Single points of failure ranked by what they take down: each node that alone brings down one or more
 * services, scored by those services weighted by tier, so one failure that stops a tier-1 service outranks
 * one that stops a few tier-4 ones. Ids only: the server and the CLI add names.
 */
import { KINDS, compareIds, type EngineGraph } from './graph.ts';
import type { SinglePoint, SpofResult } from './types.ts';

/**
 * Weight of a service of each tier in `weightedScore`: 8, 4, 2, 1 for tiers 1 to 4 (each tier counts twice the
 * next, so two tier-2 services weigh as much as one tier-1 service). A tier outside 1..4 weighs 1.
 */
export const TIER_WEIGHTS: Readonly<Record<number, number>> = { 1: 8, 2: 4, 3: 2, 4: 1 };

/**
 * Ranks the single points of failure found in `spof` (the cut sets of order 1 of its services; any maxOrder):
 * for each node, the services it takes down alone (by tier then id), their count per tier and the weighted
 * score; sorted by score, then by the number of services, then by id. Entries of `spof` that are not Services
 * (an analysis may name any failure node) are not counted.
 */
export function rankSinglePoints(graph: EngineGraph, spof: SpofResult): SinglePoint[] {
  const byNode = new Map<string, number[]>();
  for (const entry of spof.services) {
    const s = graph.index.get(entry.id);
    if (s === undefined || !graph.service.has(s)) continue;
    for (const set of entry.cutSets) {
      if (set.length !== 1) continue;
      const list = byNode.get(set[0]!);
      if (list) list.push(s);
      else byNode.set(set[0]!, [s]);
    }
  }
  const tierOf = (s: number): number => graph.service.get(s)!.tier;
  const ranked: SinglePoint[] = [];
  for (const [id, services] of byNode) {
    const v = graph.index.get(id);
    if (v === undefined) continue;
    services.sort((a, b) => tierOf(a) - tierOf(b) || compareIds(graph.ids[a]!, graph.ids[b]!));
    const byTier = { 1: 0, 2: 0, 3: 0, 4: 0 };
    let weightedScore = 0;
    for (const s of services) {
      const tier = tierOf(s);
      if (tier === 1 || tier === 2 || tier === 3 || tier === 4) byTier[tier]++;
      weightedScore += TIER_WEIGHTS[tier] ?? 1;
    }
    ranked.push({
      id,
      kind: KINDS[graph.kinds[v]!]!,
      services: services.map((s) => graph.ids[s]!),
      weightedScore,
      byTier,
    });
  }
  return ranked.sort(
    (a, b) =>
      b.weightedScore - a.weightedScore || b.services.length - a.services.length || compareIds(a.id, b.id),
  );
}
