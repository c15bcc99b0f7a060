import { createRequire } from 'node:module';
import os from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { EngineGraph } from '../../engine/index.ts';
import type { ObjectiveScenario } from '../../plans/objectives.ts';
import type { CostBasis } from '../../bia/business-impact.ts';
import type { ObjectivesAnswer } from '../../plans/objectives-answer.ts';
import { CatalogError } from './errors.ts';
import type { EngineState } from './graph-provider.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { ConvertFormat, ConvertInput, ConvertResult } from '../../convert/types.ts';
import type {
  CheckedUpload,
  CheckedUploadWire,
  ComplianceTaskInput,
  ConvertedWire,
  GraphRef,
  HeavyTask,
  RiskTaskInput,
  SupplierTaskInput,
  TaskOutcome,
} from './heavy-work.tasks.ts';
import { encodeNodes, runTask } from './heavy-work.tasks.ts';
import { HeavyWorkError } from './work-errors.ts';

/** How much heavy work runs at once and how much may wait. */
export interface HeavyWorkOptions {
  /** Worker threads; 0 runs the same work inline on the event loop (for comparison, and the CLI). */
  threads: number;
  /** Heavy requests one user may have running or waiting at once (default 6: the dashboard asks for several analyses at once). */
  perUser?: number;
  /** Heavy requests that may wait, all users together. */
  maxQueued?: number;
  /** How long running work may take to notice a cancellation before its thread is stopped. */
  cancelGraceMs?: number;
  /** The cut-set work budget in engine steps (the engine's default when absent). */
  workBudget?: number;
}

/** Who asked for the work, and the signal that fires when they have gone. */
export interface WorkContext {
  user: string;
  signal?: AbortSignal;
}

/** LIFEBOAT_WORKERS (a thread count, 0 for inline), else one thread per core but one, at least 1, at most 4. */
export function heavyWorkOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): HeavyWorkOptions {
  const text = env.LIFEBOAT_WORKERS?.trim();
  const threads = text ? Number(text) : Math.min(4, Math.max(1, os.availableParallelism() - 1));
  if (!Number.isInteger(threads) || threads < 0 || threads > 64)
    throw new Error(`LIFEBOAT_WORKERS must be a number of threads from 0 to 64, got "${text}"`);
  return { threads };
}

/**
 * The worker entry beside this file, with the same extension: `.ts` while the server runs from source through
 * tsx, whose loader the threads then need too (a loader registered with `register()` does not reach workers).
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const extension = /\.[cm]?[jt]s$/.exec(import.meta.url)?.[0] ?? '.js';
  const filename = new URL(`./heavy-work.worker${extension}`, import.meta.url).href;
  if (!extension.endsWith('ts')) return { filename, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsx] };
}

interface Job {
  task: HeavyTask;
  inlineGraph: (() => EngineGraph) | undefined;
  cancel: Int32Array;
  stop: AbortController;
  started: boolean;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: unknown) => void;
}

const cancelled = () => new HeavyWorkError('cancelled', 'The request was closed before its work finished');

const ENGINE_ERRORS = {
  UnknownIdError: true,
  AnalysisBudgetError: true,
  AnalysisCancelledError: true,
  EngineInputError: true,
};

/** An error from a task (by class name: a thread sends back names, not classes), as the HTTP layer maps it. */
function taskError(error: { name: string; message: string }): Error {
  switch (error.name) {
    case 'UnknownIdError':
      return new CatalogError('invalid', error.message);
    case 'AnalysisBudgetError':
      return new HeavyWorkError('analysis-budget', error.message);
    case 'AnalysisCancelledError':
      return cancelled();
    case 'EngineInputError':
      return new HeavyWorkError(
        'analysis-failed',
        `The stored catalog cannot be analysed: ${error.message}; correct that document and try again`,
      );
    default:
      return new Error(`${error.name}: ${error.message}`);
  }
}

/**
 * Heavy work (cut sets, large impact analyses, parsing an uploaded catalog, rendering PDF packs) in a bounded
 * pool of worker threads (piscina), so the event loop keeps answering. Each user may have `perUser` requests
 * running or waiting, and at most `maxQueued` wait in all; past either, a 429 with Retry-After. The queue is this
 * module's, not piscina's, so work whose client has gone leaves it at once; running work is told through a flag
 * in shared memory, and its thread is stopped when it has not noticed within `cancelGraceMs`.
 */
export function createHeavyWork(options: HeavyWorkOptions) {
  const slots = Math.max(1, options.threads);
  const perUser = options.perUser ?? 6;
  const maxQueued = options.maxQueued ?? 64;
  const graceMs = options.cancelGraceMs ?? 2000;
  let pool: Piscina | undefined;
  const queue: Job[] = [];
  const byUser = new Map<string, number>();
  const stats = { running: 0, completed: 0, cancelled: 0, refused: 0 };
  let averageMs = 1000;

  function threads(): Piscina {
    if (!pool) {
      pool = new Piscina({
        ...workerEntry(),
        minThreads: 0,
        maxThreads: options.threads,
        idleTimeout: 5 * 60_000,
      });
      // A thread that dies (out of memory, stopped) fails its task only; piscina starts another.
      pool.on('error', () => undefined);
    }
    return pool;
  }

  async function execute(job: Job): Promise<TaskOutcome> {
    if (options.threads > 0)
      return threads().run(
        { task: job.task, cancel: job.cancel },
        { signal: job.stop.signal },
      ) as Promise<TaskOutcome>;
    // Inline: one turn of the event loop first, so a request queued meanwhile can still be cancelled.
    await nextTurn();
    const graphOf = () => {
      if (!job.inlineGraph) throw new Error('inline work was given no graph');
      return job.inlineGraph();
    };
    return runTask(job.task, graphOf, () => Atomics.load(job.cancel, 0) === 1);
  }

  function pump(): void {
    while (stats.running < slots && queue.length > 0) {
      const job = queue.shift()!;
      job.started = true;
      stats.running += 1;
      const started = performance.now();
      execute(job)
        .then(job.resolve, (error: unknown) => job.reject(job.stop.signal.aborted ? cancelled() : error))
        .finally(() => {
          stats.running -= 1;
          stats.completed += 1;
          averageMs = 0.8 * averageMs + 0.2 * (performance.now() - started);
          pump();
        });
    }
  }

  function retryAfterSeconds(): number {
    const ahead = queue.length + stats.running;
    return Math.min(60, Math.max(1, Math.ceil((averageMs * ahead) / slots / 1000)));
  }

  async function submit(task: HeavyTask, context: WorkContext, inlineGraph?: () => EngineGraph) {
    const { user, signal } = context;
    if (signal?.aborted) throw cancelled();
    const mine = byUser.get(user) ?? 0;
    if (mine >= perUser || queue.length >= maxQueued) {
      stats.refused += 1;
      throw new HeavyWorkError(
        'too-much-work',
        mine >= perUser
          ? `You already have ${mine} analyses, imports or packs in progress (at most ${perUser}); wait for one to finish`
          : `The server has ${queue.length} analyses, imports or packs waiting (at most ${maxQueued}); try again shortly`,
        retryAfterSeconds(),
      );
    }
    byUser.set(user, mine + 1);
    const job = {
      task,
      inlineGraph,
      cancel: new Int32Array(new SharedArrayBuffer(4)),
      stop: new AbortController(),
      started: false,
    } as Job;
    const onAbort = () => {
      stats.cancelled += 1;
      if (!job.started) {
        queue.splice(queue.indexOf(job), 1);
        job.reject(cancelled());
        return;
      }
      Atomics.store(job.cancel, 0, 1);
      // Work that does not check the flag (or not often enough) loses its thread; piscina starts another.
      setTimeout(() => job.stop.abort(), graceMs).unref();
    };
    try {
      const outcome = await new Promise<TaskOutcome>((resolve, reject) => {
        job.resolve = resolve;
        job.reject = reject;
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(job);
        pump();
      });
      if (!outcome.ok) throw taskError(outcome.error);
      return outcome.value;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      const left = (byUser.get(user) ?? 1) - 1;
      if (left > 0) byUser.set(user, left);
      else byUser.delete(user);
    }
  }

  /** The graph of a catalog state as a task names it: in shared memory for the threads, encoded once. */
  const transfers = new WeakMap<EngineState, GraphRef>();
  function graphRef(state: EngineState): GraphRef {
    if (options.threads === 0) return { generation: state.generation };
    let ref = transfers.get(state);
    if (!ref)
      transfers.set(state, (ref = { generation: state.generation, bytes: encodeNodes(state.nodesJson()) }));
    return ref;
  }

  return {
    /** Cut sets of every service or one, as the JSON answer. */
    async spof(state: EngineState, spof: { service?: string; maxOrder: number }, context: WorkContext) {
      const budget = options.workBudget;
      const task: HeavyTask = {
        type: 'spof',
        graph: graphRef(state),
        options: { ...spof, ...(budget !== undefined && { workBudget: budget }) },
      };
      return (await submit(task, context, state.graph)) as string;
    },

    /** The top `limit` single points of failure, ranked by the services they take down weighted by tier. */
    async singlePoints(state: EngineState, limit: number, servicesPerPoint: number, context: WorkContext) {
      const task: HeavyTask = { type: 'single-points', graph: graphRef(state), limit, servicesPerPoint };
      return (await submit(task, context, state.graph)) as string;
    },

    /** The objectives gap over `scenarios` (sites, vendors, plans), as the JSON answer with each service's place. */
    async objectives(state: EngineState, scenarios: ObjectiveScenario[], context: WorkContext) {
      const task: HeavyTask = { type: 'objectives', graph: graphRef(state), scenarios };
      return (await submit(task, context, state.graph)) as ObjectivesAnswer;
    },

    /** The risk register's analysis (scores, Monte Carlo quantification, suggested risks), as the JSON answer. */
    async risk(state: EngineState, input: RiskTaskInput, context: WorkContext) {
      return (await submit({ type: 'risk', graph: graphRef(state), input }, context, state.graph)) as string;
    },

    /** The supplier concentration analysis (suppliers ranked, fourth parties), as the JSON answer. */
    async suppliers(state: EngineState, input: SupplierTaskInput, context: WorkContext) {
      return (await submit(
        { type: 'suppliers', graph: graphRef(state), input },
        context,
        state.graph,
      )) as string;
    },

    /**
     * An impact analysis, as the JSON answer; with a plan's scenario, restore times follow the plan; with the BIA
     * (`business`), the answer says what the scenario costs.
     */
    async impact(
      state: EngineState,
      fail: string[],
      context: WorkContext,
      scenario?: ObjectiveScenario,
      business?: CostBasis,
    ) {
      const task: HeavyTask = {
        type: 'impact',
        graph: graphRef(state),
        fail,
        ...(scenario && { scenario }),
        ...(business && { business }),
      };
      return (await submit(task, context, state.graph)) as string;
    },

    /** The compliance report of an input (for one framework, or all), as the JSON answer. */
    async compliance(input: ComplianceTaskInput, framework: string | undefined, context: WorkContext) {
      const task: HeavyTask = { type: 'compliance', input, ...(framework !== undefined && { framework }) };
      return (await submit(task, context)) as string;
    },

    /** Parses and checks an uploaded catalog. */
    async checkCatalog(file: string, text: string, context: WorkContext): Promise<CheckedUpload> {
      const { documentSlices, ...checked } = (await submit(
        { type: 'check-catalog', file, text },
        context,
      )) as CheckedUploadWire;
      // A slice per turn of the event loop: health checks and sign-ins are answered between them.
      const documents: CatalogDocument[] = [];
      for (const slice of documentSlices) {
        for (const document of JSON.parse(slice) as CatalogDocument[]) documents.push(document);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return { ...checked, documents };
    },

    /** Converts uploaded files of a format (`lifeboat import --from`'s conversion) into catalog documents. */
    async convert(
      format: ConvertFormat,
      inputs: ConvertInput[],
      mapping: ConvertInput | undefined,
      context: WorkContext,
    ): Promise<ConvertResult> {
      const { documentSlices, ...converted } = (await submit(
        { type: 'convert', format, inputs, ...(mapping && { mapping }) },
        context,
      )) as ConvertedWire;
      // A slice per turn of the event loop, as a parsed upload's.
      const documents: CatalogDocument[] = [];
      for (const slice of documentSlices) {
        for (const document of JSON.parse(slice) as CatalogDocument[]) documents.push(document);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return { ...converted, documents };
    },

    /** Renders a plan pack as PDF. */
    async packPdf(model: Extract<HeavyTask, { type: 'pack-pdf' }>['model'], context: WorkContext) {
      return Buffer.from((await submit({ type: 'pack-pdf', model }, context)) as Uint8Array);
    },

    /** Renders an exercise report as PDF. */
    async exerciseReportPdf(
      model: Extract<HeavyTask, { type: 'exercise-report-pdf' }>['model'],
      context: WorkContext,
    ) {
      return Buffer.from((await submit({ type: 'exercise-report-pdf', model }, context)) as Uint8Array);
    },

    /** Renders an auditor's evidence pack as PDF. */
    async evidencePackPdf(
      model: Extract<HeavyTask, { type: 'evidence-pack-pdf' }>['model'],
      context: WorkContext,
    ) {
      return Buffer.from((await submit({ type: 'evidence-pack-pdf', model }, context)) as Uint8Array);
    },

    /** Renders a management review report as PDF. */
    async managementReviewPdf(
      model: Extract<HeavyTask, { type: 'management-review-pdf' }>['model'],
      context: WorkContext,
    ) {
      return Buffer.from((await submit({ type: 'management-review-pdf', model }, context)) as Uint8Array);
    },

    /** Running work and counts since start: running, completed, cancelled, refused; and how many wait. */
    stats: () => ({ ...stats, queued: queue.length, threads: options.threads }),

    /** Stops the threads; waiting work is refused. */
    async close(): Promise<void> {
      for (const job of queue.splice(0)) job.reject(cancelled());
      await pool?.destroy();
      pool = undefined;
    },
  };
}

/** The heavy-work pool's interface. */
export type HeavyWork = ReturnType<typeof createHeavyWork>;

/** Maps an engine error thrown inline (outside a task) like a task's. */
export function engineErrorOf(error: unknown): unknown {
  return error instanceof Error && error.name in ENGINE_ERRORS ? taskError(error) : error;
}
