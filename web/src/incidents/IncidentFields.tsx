/** The parts of an incident the generic form does not cover: what failed (required to create one). */
import type { CatalogDocument, DocumentOf } from '../api/catalog';
import type { FieldError } from '../api/client';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { MultiRefSelect } from '../catalog/RefSelect';
import { errorsAt } from '../plans/editor-model';

/** The spec paths these fields place errors on. */
export const INCIDENT_FIELD_PATHS = ['spec.failed'];

/** "What failed": the failure nodes the disruption took out. */
export function IncidentFields({
  draft,
  onChange,
  errors,
}: {
  draft: DocumentOf<'Incident'>;
  onChange: (draft: CatalogDocument) => void;
  errors: readonly FieldError[];
}) {
  return (
    <MultiRefSelect
      label="What failed"
      description="The failure nodes the disruption took out (services, components, sites, vendors)"
      required
      kinds={FAILURE_KINDS}
      value={draft.spec.failed ?? []}
      error={errorsAt(errors, 'spec.failed')}
      onChange={(failed) => onChange({ ...draft, spec: { ...draft.spec, failed } })}
    />
  );
}
