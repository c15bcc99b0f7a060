/** The continuity engine's public API: pure functions over plain data (fault-tree import: ./fault-tree/index.ts). */
export type * from './types.ts';
export { EngineInputError, UnknownIdError } from './errors.ts';
export { addNode, buildGraph, updateNode, type EngineGraph, type ServiceInfo } from './graph.ts';
export { computeDownSet, causeParents, causeChain, resolveIds, type DownSet } from './impact.ts';
export { computeRestoreTimes, type RestoreTimes } from './restore.ts';
export { analyzeImpact } from './analyze-impact.ts';
export { analyzeSpof, catalogNetwork, compareCutSets, type SpofOptions } from './spof.ts';
export { minimalCutSets, type GateNetwork } from './cut-sets.ts';
