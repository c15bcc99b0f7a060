import type { ConvertSummary } from './types.ts';

/** A summary with nothing counted yet. */
export function emptySummary(): ConvertSummary {
  return {
    documents: {},
    items: { read: 0, skipped: 0 },
    relations: { read: 0, used: 0, skipped: 0 },
    skipped: {},
  };
}
