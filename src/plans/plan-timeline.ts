import { parseDuration } from '../catalog/duration.ts';
import { PLAN_PHASES } from '../catalog/kinds.schema.ts';
import type { PlanSpec } from '../catalog/kinds.schema.ts';

/** One step of a plan on its timeline, in minutes from the start of the disruption. */
export interface TimelineStep {
  id: string;
  phase: (typeof PLAN_PHASES)[number];
  /** When every step before it is finished; null when it waits on a loop of steps and never starts. */
  startMinutes: number | null;
  /** `startMinutes` plus its duration (an absent duration counts 0); null when it never starts. */
  endMinutes: number | null;
  /** False when its end is a lower bound: its own duration or one of a step before it is not written down. */
  known: boolean;
  /** The failure nodes it brings back. */
  restores: string[];
}

/** A plan's steps laid out in time, and when each node a step restores is back by the plan. */
export interface PlanTimeline {
  /** In the plan's written order (phase by phase). */
  steps: TimelineStep[];
  /** True when every step's end is exact. */
  known: boolean;
  /** Node id -> end of the earliest step that restores it (what `analyzeImpact` takes as `restoredAt`). */
  restoredAt: Map<string, number>;
  /** The nodes in `restoredAt` whose time is a lower bound. */
  restoredAtBound: Set<string>;
  /** Steps that never start because they wait, directly or not, on a loop of steps. */
  blocked: string[];
}

/**
 * Lays out a plan's steps in time, as the plan would run with unlimited hands: a step starts when every step of
 * an earlier phase and every step in its `after` list is finished (the convention of `checkStepOrder`), and
 * ends `duration` later. A step without a duration counts 0 and makes its end, and every end after it, a lower
 * bound. Steps caught in (or waiting on) a loop of `after` lists never start.
 */
export function planTimeline(spec: PlanSpec): PlanTimeline {
  const written: {
    id: string;
    phase: TimelineStep['phase'];
    before: string[];
    minutes: number | undefined;
    restores: string[];
  }[] = [];
  const earlier: string[] = [];
  for (const phase of PLAN_PHASES) {
    const steps = spec.phases?.[phase] ?? [];
    for (const step of steps)
      written.push({
        id: step.id,
        phase,
        before: [...earlier, ...(step.after ?? [])],
        minutes: step.duration === undefined ? undefined : parseDuration(step.duration),
        restores: step.restores ?? [],
      });
    earlier.push(...steps.map((step) => step.id));
  }
  const byId = new Map(written.map((step) => [step.id, step]));
  const done = new Map<string, { end: number | null; known: boolean }>();
  const visiting = new Set<string>();

  // Depth first over the steps before each step; a step met again while visiting closes a loop.
  const visit = (id: string): { end: number | null; known: boolean } => {
    const cached = done.get(id);
    if (cached) return cached;
    const step = byId.get(id);
    if (!step || visiting.has(id)) return { end: null, known: false };
    visiting.add(id);
    let start: number | null = 0;
    let known = step.minutes !== undefined;
    for (const before of step.before) {
      const previous = visit(before);
      if (previous.end === null || start === null) start = null;
      else start = Math.max(start, previous.end);
      known &&= previous.known;
    }
    visiting.delete(id);
    const result = { end: start === null ? null : start + (step.minutes ?? 0), known };
    done.set(id, result);
    return result;
  };

  const steps: TimelineStep[] = [];
  const restoredAt = new Map<string, number>();
  const restoredAtBound = new Set<string>();
  for (const step of written) {
    const { end, known } = visit(step.id);
    const startMinutes = end === null ? null : end - (step.minutes ?? 0);
    steps.push({
      id: step.id,
      phase: step.phase,
      startMinutes,
      endMinutes: end,
      known,
      restores: step.restores,
    });
    if (end === null) continue;
    for (const node of step.restores) {
      const current = restoredAt.get(node);
      if (current !== undefined && current <= end) continue;
      restoredAt.set(node, end);
      if (known) restoredAtBound.delete(node);
      else restoredAtBound.add(node);
    }
  }
  const blocked = steps.filter((step) => step.endMinutes === null).map((step) => step.id);
  return {
    steps,
    known: steps.every((step) => step.known),
    restoredAt,
    restoredAtBound,
    blocked,
  };
}
