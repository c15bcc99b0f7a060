/** The entry of a heavy-work thread: keeps the engine graph of the last catalog state it was given. */
import { buildGraph } from '../../engine/index.ts';
import type { EngineGraph } from '../../engine/index.ts';
import type { GraphRef, HeavyTask, TaskOutcome } from './heavy-work.tasks.ts';
import { decodeNodes, runTask } from './heavy-work.tasks.ts';

let cached: { generation: string; graph: EngineGraph } | undefined;

function graphOf(ref: GraphRef): EngineGraph {
  if (cached?.generation !== ref.generation) {
    if (!ref.bytes) throw new Error(`the graph of ${ref.generation} was not sent to the worker`);
    cached = undefined;
    cached = { generation: ref.generation, graph: buildGraph(decodeNodes(ref.bytes)) };
  }
  return cached.graph;
}

/** Runs one task; `cancel[0]` turns 1 when the request that asked for it has gone. */
export default function run(message: { task: HeavyTask; cancel: Int32Array }): Promise<TaskOutcome> {
  return runTask(message.task, graphOf, () => Atomics.load(message.cancel, 0) === 1);
}
