import type { EffectivePolicy } from '../bia/policy.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { reminderContext } from './context.ts';
import { REMINDER_SOURCES } from './registry.ts';
import type { ReminderItem, ReminderSource } from './types.ts';

/**
 * Everything due or overdue on `today` (YYYY-MM-DD) and whom it is for, from every reminder source. `documents`
 * are the catalog as clients read it: plans and impact assessments with their derived approval status.
 */
export function dueItems(
  documents: readonly CatalogDocument[],
  policy: EffectivePolicy,
  today: string,
  sources: readonly ReminderSource[] = REMINDER_SOURCES,
): ReminderItem[] {
  const context = reminderContext(documents, policy, today);
  return sources.flatMap((source) => source.items(context));
}
