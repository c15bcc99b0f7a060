/** Fault-tree import and counting: the engine's MEF reader (the one module that parses XML) and the ZBDD count. */
export { countMinimalCutSets } from './count.ts';
export { NonCoherentError, faultTreeNetwork, findTop, type FaultTree, type Formula } from './fault-tree.ts';
export { readMef } from './mef.ts';
