import { catalogPolicy } from '../bia/current.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { FrozenVersion } from '../catalog/versions.ts';
import { objectivePlans, objectiveRisks, objectiveScenarios, objectivesGap } from '../plans/objectives.ts';
import type { ObjectivesGap } from '../plans/objectives.ts';
import { reminderContext, reminderDocument } from '../reminders/context.ts';
import { CHECKS_BY_ID } from './registry.ts';
import type { CheckId, ComplianceContext, ComplianceInput } from './types.ts';

/** The context every check of one evaluation reads. */
export function complianceContext(input: ComplianceInput): ComplianceContext {
  const policy = catalogPolicy(input.documents);
  const base = reminderContext(input.documents, policy, input.at);
  let gap: ObjectivesGap | undefined = input.objectivesGap;
  const none: readonly FrozenVersion[] = [];
  return {
    ...base,
    input,
    at: input.at,
    scopeOf(check: CheckId) {
      const defaults = CHECKS_BY_ID.get(check)!.defaults;
      const set = policy.compliance.checks[check];
      return { tiers: set?.tiers ?? defaults.tiers, severity: set?.severity ?? defaults.severity };
    },
    tierOf(serviceId: string) {
      const document = base.byId.get(serviceId);
      return document?.kind === 'Service' ? document.spec.tier : 4;
    },
    pathOf(document: CatalogDocument) {
      return reminderDocument(document).path;
    },
    versionsOf(id: string) {
      return input.versions?.get(id) ?? none;
    },
    objectivesGap() {
      gap ??= objectivesGap(
        base.graph(),
        objectiveScenarios(
          base.nodes().values(),
          objectivePlans(input.documents),
          objectiveRisks(input.documents),
        ),
      );
      return gap;
    },
  };
}
