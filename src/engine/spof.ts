/**
 * Single points of failure and minimal cut sets of services. The catalog maps onto a fault tree as the Aralia
 * README describes: a node is down when its own basic event occurs OR a required dependency is down OR a group
 * has more than n - k members down (an at-least gate with threshold n - k + 1). Every node is a basic event
 * (every failure node can fail, not only leaves), so order 1 finds the dominators of a service in the dependency
 * graph with redundancy taken into account, and order 2 the pairs, such as two "redundant" servers in one rack.
 *
 * Order 1 alone takes the fast path of single-failures.ts (one pass for every service at once); higher orders
 * run bounded MOCUS (cut-sets.ts). Both count their work against a budget and poll a cancellation check.
 */
import { minimalCutSets, type GateNetwork } from './cut-sets.ts';
import { AnalysisBudgetError } from './errors.ts';
import { DEAD, compareIds, servicesByTier, type EngineGraph } from './graph.ts';
import { resolveIds } from './impact.ts';
import { singleFailureSets } from './single-failures.ts';
import type { SpofResult } from './types.ts';
import { WorkMeter, type AnalysisLimits } from './work.ts';

/**
 * The catalog as a gate network: gate v (0 <= v < n) is "node v is down" (threshold 1 over event v, its required
 * dependencies' gates and its groups' gates); gate n + c is "group c is broken". Event v is node v's own failure.
 */
export function catalogNetwork(graph: EngineGraph): GateNetwork {
  const { n } = graph;
  const gateCount = n + graph.condCount;
  const inputStart = new Int32Array(gateCount + 1);
  let total = 0;
  for (let v = 0; v < n; v++) {
    inputStart[v] = total;
    total += 1 + graph.reqCount[v]! + graph.groupCount[v]!;
  }
  for (let c = 0; c < graph.condCount; c++) {
    inputStart[n + c] = total;
    if (graph.condThreshold[c] !== DEAD) total += graph.condSize[c]!;
  }
  inputStart[gateCount] = total;
  const inputs = new Int32Array(total);
  const threshold = new Int32Array(gateCount).fill(1);
  for (let v = 0; v < n; v++) {
    let at = inputStart[v]!;
    inputs[at++] = ~v;
    for (let i = graph.reqFirst[v]!, end = i + graph.reqCount[v]!; i < end; i++)
      inputs[at++] = graph.reqPool[i]!;
    for (let c = graph.groupFirst[v]!, end = c + graph.groupCount[v]!; c < end; c++) inputs[at++] = n + c;
  }
  for (let c = 0; c < graph.condCount; c++) {
    if (graph.condThreshold[c] === DEAD) continue;
    threshold[n + c] = graph.condThreshold[c]!;
    let at = inputStart[n + c]!;
    for (let i = graph.condMemberFirst[c]!, end = i + graph.condSize[c]!; i < end; i++) {
      inputs[at++] = graph.memberPool[i]!;
    }
  }
  return { eventNames: graph.ids.slice(0, n), gateCount, threshold, inputStart, inputs };
}

/** Orders cut sets by size, then lexicographically by id. */
export function compareCutSets(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const order = compareIds(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Options of `analyzeSpof`: the nodes to analyse (any failure nodes; default every Service), the largest order,
 * and the limits (work budget, cancellation) of AnalysisLimits.
 */
export interface SpofOptions extends AnalysisLimits {
  service?: string;
  services?: readonly string[];
  maxOrder?: number;
}

/**
 * Minimal cut sets up to `maxOrder` (default 2) of every Service (by tier then id) or of those named; each set
 * sorted by id, each list by size then lexicographically; the node itself is left out of its own cut sets.
 * Throws UnknownIdError for an unknown `service`, RangeError for a bad `maxOrder`, AnalysisBudgetError past
 * the work budget and AnalysisCancelledError when `isCancelled` (or `signal`) says so.
 */
export function analyzeSpof(graph: EngineGraph, options: SpofOptions = {}): SpofResult {
  const maxOrder = options.maxOrder ?? 2;
  if (!Number.isInteger(maxOrder) || maxOrder < 1) {
    throw new RangeError(`maxOrder must be a whole number >= 1, got ${maxOrder}`);
  }
  const named = options.service !== undefined ? [options.service] : options.services;
  const targets = named === undefined ? servicesByTier(graph) : resolveIds(graph, named, '--service');
  const meter = new WorkMeter(
    options,
    (m) =>
      new AnalysisBudgetError({
        budget: m.budget,
        maxOrder,
        service: m.target >= 0 ? graph.ids[targets[m.target]!] : undefined,
        services: targets.length,
      }),
  );
  const network = catalogNetwork(graph);
  if (maxOrder === 1) {
    const singles = singleFailureSets(network, targets, meter);
    return {
      maxOrder,
      services: targets.map((s, i) => {
        const ids: string[] = [];
        for (const e of singles[i]!) if (e !== s) ids.push(graph.ids[e]!);
        return { id: graph.ids[s]!, cutSets: ids.sort(compareIds).map((id) => [id]) };
      }),
    };
  }
  const families = minimalCutSets(network, targets, maxOrder, meter);
  return {
    maxOrder,
    services: targets.map((s, i) => {
      meter.target = i;
      meter.spend(4 * families[i]!.length);
      return {
        id: graph.ids[s]!,
        cutSets: families[i]!.filter((set) => !(set.length === 1 && set[0] === s))
          .map((set) => set.map((e) => graph.ids[e]!).sort(compareIds))
          .sort(compareCutSets),
      };
    }),
  };
}
