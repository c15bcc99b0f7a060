/**
 * The actions page's view of `GET /api/v1/actions`: filtered by source and owner (the server keeps the order,
 * soonest due first), counted, and each linked to the document it comes from.
 */
import type { ActionSource } from '../../../src/plans/actions.ts';
import type { TrackedActionAnswer } from '../../../src/server/routes/plan.schema.ts';

export { ACTION_SOURCES } from '../../../src/plans/actions.ts';
export type { ActionSource };

/** One action of any source. */
export type TrackedAction = TrackedActionAnswer;

/** The filters the page reads from its URL. */
export interface ActionFilters {
  source?: ActionSource | undefined;
  owner?: string | undefined;
}

/** The actions the filters keep, in the server's order. */
export function filterActions(actions: readonly TrackedAction[], filters: ActionFilters): TrackedAction[] {
  return actions.filter(
    (action) =>
      (filters.source === undefined || action.source === filters.source) &&
      (filters.owner === undefined || action.owner === filters.owner),
  );
}

/** How many actions there are and how many of them are overdue. */
export function countActions(actions: readonly TrackedAction[]): { total: number; overdue: number } {
  return { total: actions.length, overdue: actions.filter((action) => action.overdue).length };
}

/** The owners named in the actions, each once, in id order (for the owner filter). */
export function ownersOf(actions: readonly TrackedAction[]): string[] {
  return [...new Set(actions.map((action) => action.owner))].sort();
}

/** The page of the document an action comes from. */
export function sourcePath(action: Pick<TrackedAction, 'source' | 'document'>): string {
  const plural = { incident: 'incidents', risk: 'risks', exercise: 'exercises' }[action.source];
  return `/${plural}/${encodeURIComponent(action.document)}`;
}

/** A stable key for an action: its source document and position there. */
export function actionKey(action: Pick<TrackedAction, 'source' | 'document' | 'index'>): string {
  return `${action.source}/${action.document}/${action.index}`;
}
