/**
 * Rules about how things come back: standbys in redundancy groups (an error when a group cannot run on its
 * active members), data without copies and depended-on nodes without a recovery time (warnings: the analyses
 * still run and say their figures are unknown or bounds).
 */
import { parseDuration } from '../duration.ts';
import { FAILURE_KINDS } from '../kinds.ts';
import type { CatalogDocument } from '../kinds.ts';
import type { Dependency } from '../kinds.schema.ts';
import { referencesOf } from '../references.ts';
import { DATA_COMPONENT_TYPES } from '../vocabulary.ts';
import type { CheckedDocument } from './document-rules.ts';
import type { Finding } from './finding.ts';
import type { IdIndex } from './reference-rules.ts';

/** Whether a document is a standby: it has an activation time over zero. */
export function isStandby(document: CatalogDocument | undefined): boolean {
  const activation = (document?.spec as { activation?: string } | undefined)?.activation;
  return activation !== undefined && (parseDuration(activation) ?? 0) > 0;
}

function groupOf(item: Dependency): { k: number; of: string[] } | undefined {
  if (typeof item === 'string') return undefined;
  return 'anyOf' in item ? { k: 1, of: item.anyOf } : { k: item.atLeast, of: item.of };
}

/**
 * An error for each redundancy group whose active members cannot satisfy it in normal operation: standbys do
 * not serve until activated, so `anyOf: [a-standby]` or `atLeast: 2` over one active member and one standby
 * would leave the node down before anything failed.
 */
export function checkStandbyGroups(
  documents: readonly CheckedDocument[],
  index: IdIndex,
  errors: Finding[],
): void {
  for (const { document, source } of documents) {
    if (!document || !FAILURE_KINDS.includes(document.kind)) continue;
    const dependsOn = (document.spec as { dependsOn?: Dependency[] }).dependsOn ?? [];
    dependsOn.forEach((item, position) => {
      const group = groupOf(item);
      if (!group) return;
      const standbys = group.of.filter((id) => isStandby(index.get(id)?.document));
      const active = group.of.length - standbys.length;
      if (active >= group.k) return;
      errors.push({
        file: source.file,
        ...source.locate(['spec', 'dependsOn', position]),
        message:
          `the group needs ${group.k} active member${group.k === 1 ? '' : 's'} but has ${active}: ` +
          `${standbys.join(', ')} ${standbys.length === 1 ? 'is a standby' : 'are standbys'} (activation), ` +
          `so "${document.metadata.id}" would be down before anything fails; add an active member or lower atLeast`,
      });
    });
  }
}

/**
 * Warnings that make analyses honest: a database or storage Component without `data` (its loss in a failure is
 * unknown), and a failure node that others depend on without a `recovery` time (restore times through it are
 * lower bounds).
 */
export function checkRecoveryData(documents: readonly CheckedDocument[], warnings: Finding[]): void {
  const dependedOn = new Set<string>();
  for (const { document } of documents) {
    if (!document) continue;
    for (const reference of referencesOf(document))
      if (reference.dependency && reference.id !== document.metadata.id) dependedOn.add(reference.id);
  }
  for (const { document, source } of documents) {
    if (!document || !FAILURE_KINDS.includes(document.kind)) continue;
    const spec = document.spec as { type?: string; data?: unknown; recovery?: string };
    const { id } = document.metadata;
    if (
      document.kind === 'Component' &&
      DATA_COMPONENT_TYPES.includes(spec.type ?? '') &&
      spec.data === undefined
    )
      warnings.push({
        file: source.file,
        ...source.locate(['spec', 'type']),
        message: `${spec.type} "${id}" has no data: set its backup and replicas, or its data loss in a failure is unknown`,
      });
    if (spec.recovery === undefined && dependedOn.has(id))
      warnings.push({
        file: source.file,
        ...source.locate(['metadata', 'id']),
        message: `"${id}" has no recovery time and other nodes depend on it: restore times through it are only lower bounds`,
      });
  }
}
