/**
 * Bounded work for analyses whose cost can grow much faster than the catalog (cut sets): a count of elementary
 * steps against a budget, and a cooperative cancellation check polled every 65,536 steps. Work is counted,
 * never timed, so the engine stays free of clocks and gives the same answer on every machine.
 */
import { AnalysisCancelledError } from './errors.ts';

/** How much work an analysis may do, and how its caller can stop it. */
export interface AnalysisLimits {
  /** Elementary steps allowed (candidate cut sets built, interval ends merged); default DEFAULT_WORK_BUDGET. */
  workBudget?: number;
  /** Polled every POLL_EVERY steps; returning true stops the analysis with AnalysisCancelledError. */
  isCancelled?: () => boolean;
  /** The same as `isCancelled`, for callers that hold an AbortSignal. */
  signal?: AbortSignal;
}

/**
 * The default budget: about 3 s of CPU on the bench machine, where a step costs about 50 ns (measured on MOCUS
 * at order 2 and on the order-1 pass; docs/benchmarks.md). Order 1 for every service of the 250k-document
 * catalog of the benchmarks needs about 45M steps; MOCUS at order 2 for the tier-1 services of 100k nodes, 1.4M.
 */
export const DEFAULT_WORK_BUDGET = 60_000_000;

/** Steps between two cancellation checks: frequent enough to stop within milliseconds. */
export const POLL_EVERY = 1 << 16;

/** Counts steps; throws the error `exhausted` builds past the budget, AnalysisCancelledError when cancelled. */
export class WorkMeter {
  /** Steps spent so far. */
  used = 0;
  /** The analysis target in progress (an index the caller gives meaning to), for the budget error. */
  target = -1;
  readonly budget: number;
  private nextPoll: number;
  private readonly isCancelled: (() => boolean) | undefined;
  private readonly signal: AbortSignal | undefined;
  private readonly exhausted: (meter: WorkMeter) => Error;

  constructor(limits: AnalysisLimits, exhausted: (meter: WorkMeter) => Error) {
    const budget = limits.workBudget ?? DEFAULT_WORK_BUDGET;
    if (!(budget > 0)) throw new RangeError(`workBudget must be a number of steps > 0, got ${budget}`);
    this.budget = budget;
    this.isCancelled = limits.isCancelled;
    this.signal = limits.signal;
    this.exhausted = exhausted;
    this.nextPoll = Math.min(POLL_EVERY, budget);
  }

  /** Adds `steps` of work; checks the budget and cancellation whenever a poll point is crossed. */
  spend(steps: number): void {
    this.used += steps;
    if (this.used >= this.nextPoll) this.poll();
  }

  /** Checks cancellation and the budget now. */
  poll(): void {
    if (this.signal?.aborted === true || this.isCancelled?.() === true) throw new AnalysisCancelledError();
    if (this.used > this.budget) throw this.exhausted(this);
    this.nextPoll = Math.min(this.used + POLL_EVERY, this.budget + 1);
  }
}

/** A meter without a budget or cancellation, for callers that bound nothing (tests, the fault-tree bench). */
export function unboundedMeter(): WorkMeter {
  return new WorkMeter({ workBudget: Infinity }, () => new Error('unreachable: no budget'));
}
