/**
 * One dependency order of the whole graph, computed once per graph and kept across scenarios: every node after
 * the nodes it depends on (required dependencies and members of its groups), except inside a cycle. It is the
 * strongly connected components of the dependency graph, inputs first (Tarjan 1972, `componentsFrom`, the same
 * search the cut sets use), flattened. A node in a cycle (a component of several nodes, or one depending on
 * itself) is flagged: a scenario that takes one down computes its restore times another way (restore.ts).
 *
 * Edits keep the order while they can (graph.ts): a node added last has nothing after it; an edited node whose
 * new dependencies all come before it keeps its place (and a node that left a cycle merely stays flagged, which
 * only sends its scenarios the other way). Any other edit drops the order, and the next scenario computes it again.
 */
import { componentsFrom, type GateNetwork } from './cut-sets.ts';
import { DEAD, type DependencyOrder, type EngineGraph } from './graph.ts';

/** The graph's dependency order (see the file header), computed on first use after an edit that broke it. */
export function dependencyOrderOf(graph: EngineGraph): DependencyOrder {
  graph.dependencyOrder ??= computeDependencyOrder(graph);
  return graph.dependencyOrder;
}

/** Nodes as gates whose inputs are their required dependencies and the members of their live groups. */
function dependencyNetwork(graph: EngineGraph): GateNetwork {
  const { n, reqFirst, reqCount, reqPool, groupFirst, groupCount, condThreshold, condMemberFirst, condSize } =
    graph;
  const inputStart = new Int32Array(n + 1);
  let total = 0;
  for (let v = 0; v < n; v++) {
    inputStart[v] = total;
    total += reqCount[v]!;
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (condThreshold[c] !== DEAD) total += condSize[c]!;
    }
  }
  inputStart[n] = total;
  const inputs = new Int32Array(total);
  for (let v = 0, at = 0; v < n; v++) {
    for (let i = reqFirst[v]!, end = i + reqCount[v]!; i < end; i++) inputs[at++] = reqPool[i]!;
    for (let c = groupFirst[v]!, end = c + groupCount[v]!; c < end; c++) {
      if (condThreshold[c] === DEAD) continue;
      for (let i = condMemberFirst[c]!, e2 = i + condSize[c]!; i < e2; i++)
        inputs[at++] = graph.memberPool[i]!;
    }
  }
  return { eventNames: [], gateCount: n, threshold: new Int32Array(n), inputStart, inputs };
}

function computeDependencyOrder(graph: EngineGraph): DependencyOrder {
  const { n } = graph;
  const net = dependencyNetwork(graph);
  const { components } = componentsFrom(
    net,
    Array.from({ length: n }, (_, v) => v),
  );
  const byRank = new Int32Array(n);
  const rank = new Int32Array(n);
  const cyclic = new Uint8Array(n);
  let r = 0;
  for (const component of components) {
    for (const v of component) {
      byRank[r] = v;
      rank[v] = r++;
      if (component.length > 1) cyclic[v] = 1;
    }
    if (component.length === 1) {
      const v = component[0]!;
      for (let i = net.inputStart[v]!, end = net.inputStart[v + 1]!; i < end; i++) {
        if (net.inputs[i] === v) cyclic[v] = 1;
      }
    }
  }
  return { byRank, rank, cyclic, length: n };
}
