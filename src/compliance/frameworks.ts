import type { CheckId, FrameworkId } from './types.ts';

/** A requirement of a framework and the checks that evidence it (none: a manual requirement). */
export interface Requirement {
  clause: string;
  title: string;
  checks: readonly CheckId[];
}

/** A framework: its requirements in the order the text numbers them. */
export interface Framework {
  id: FrameworkId;
  title: string;
  requirements: readonly Requirement[];
}

/** Every framework. */
export const FRAMEWORKS: readonly Framework[] = [];
