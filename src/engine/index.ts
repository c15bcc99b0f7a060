/** The continuity engine's public API: pure functions over plain data (fault-tree import: ./fault-tree/index.ts). */
export type * from './types.ts';
export { AnalysisBudgetError, AnalysisCancelledError, EngineInputError, UnknownIdError } from './errors.ts';
export { addNode, buildGraph, updateNode, type EngineGraph, type ServiceInfo } from './graph.ts';
export { computeDownSet, causeParents, causeChain, resolveIds, type DownSet } from './impact.ts';
export { computeRestoreTimes, type PlannedRestores, type RestoreTimes } from './restore.ts';
export { computeDataLoss, type DataLoss } from './data-loss.ts';
export { analyzeImpact } from './analyze-impact.ts';
export { analyzeSpof, catalogNetwork, compareCutSets, type SpofOptions } from './spof.ts';
export { rankSinglePoints, TIER_WEIGHTS } from './single-points.ts';
export { minimalCutSets, type GateNetwork } from './cut-sets.ts';
export { singleFailureSets } from './single-failures.ts';
export { DEFAULT_WORK_BUDGET, WorkMeter, type AnalysisLimits } from './work.ts';
