/**
 * The catalog checker's continuity warnings on a document being edited (RTO over MTPD, a tier-1 service without
 * objectives, no owner), shown as you type and before saving: the same rules `lifeboat check` runs.
 */
import { Alert, List } from '@mantine/core';
import { serviceContinuityWarnings } from '../../../src/catalog/check/continuity-rules.ts';
import type { ContinuityWarning } from '../../../src/catalog/check/continuity-rules.ts';
import type { CatalogDocument } from '../api/catalog';

/** The warnings the checker would give this draft (none for kinds it has no continuity rules for). */
export function continuityWarningsOf(draft: CatalogDocument): ContinuityWarning[] {
  return draft.kind === 'Service' ? serviceContinuityWarnings(draft) : [];
}

/** The warnings as a list; saving stays possible, as `lifeboat check` only warns. */
export function ContinuityWarnings({ draft }: { draft: CatalogDocument }) {
  const warnings = continuityWarningsOf(draft);
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" title="Continuity warnings" data-testid="continuity-warnings">
      <List size="sm">
        {warnings.map((warning) => (
          <List.Item key={`${warning.path.join('.')} ${warning.message}`} data-path={warning.path.join('.')}>
            {warning.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
