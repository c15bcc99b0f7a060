import type { EngineGroup, EngineNode } from '../engine/types.ts';
import { parseDuration } from './duration.ts';
import type { CatalogDocument, DocumentOf } from './kinds.ts';
import { KINDS } from './kinds.ts';
import type { Dependency } from './kinds.schema.ts';
import { referencesOf } from './references.ts';
import { DATA_COMPONENT_TYPES } from './vocabulary.ts';

function minutes(duration: string | undefined): number | null {
  return duration === undefined ? null : (parseDuration(duration) ?? null);
}

/** Required ids and groups of a `dependsOn` list; a repeated required id is kept once. */
function dependencies(dependsOn: readonly Dependency[] | undefined, first: string[]) {
  const requires = new Set(first);
  const groups: EngineGroup[] = [];
  for (const item of dependsOn ?? []) {
    if (typeof item === 'string') requires.add(item);
    else if ('anyOf' in item) groups.push({ k: 1, of: [...item.anyOf] });
    else groups.push({ k: item.atLeast, of: [...item.of] });
  }
  return { requires: [...requires], groups };
}

/**
 * Adapts validated catalog documents to the engine's nodes: a Component's `site` becomes a required
 * dependency, `anyOf` a group with k = 1, `atLeast` a group with k; durations become minutes (0 when
 * unset, and a missing recovery marked unknown); a standby carries its activation, a Component that holds data its
 * copies; services carry their tier and objectives (null when unset). Kinds that cannot fail are skipped.
 */
export function toEngineNodes(documents: Iterable<CatalogDocument>): EngineNode[] {
  const nodes: EngineNode[] = [];
  for (const document of documents) {
    if (!KINDS[document.kind].failureNode) continue;
    const { spec } = document as DocumentOf<EngineNode['kind']>;
    // References marked as dependencies outside dependsOn (a component's site) are required too.
    const implied = referencesOf(document)
      .filter((ref) => ref.dependency && ref.path[1] !== 'dependsOn')
      .map((ref) => ref.id);
    const node: EngineNode = {
      id: document.metadata.id,
      kind: document.kind as EngineNode['kind'],
      ...dependencies(spec.dependsOn, implied),
      recoveryMinutes: minutes(spec.recovery) ?? 0,
      restartMinutes: minutes(spec.restart) ?? 0,
    };
    // A missing recovery time is unknown, not zero: the engine then gives lower bounds.
    if (spec.recovery === undefined) node.recoveryKnown = false;
    const activation = minutes(spec.activation) ?? 0;
    if (activation > 0) node.activationMinutes = activation;
    if (document.kind === 'Component') {
      const { data, type } = document.spec;
      if (data !== undefined || DATA_COMPONENT_TYPES.includes(type)) node.holdsData = true;
      if (data !== undefined)
        node.data = {
          ...(data.backup && {
            backup: { intervalMinutes: minutes(data.backup.interval) ?? 0, at: data.backup.at },
          }),
          ...(data.replicas && {
            replicas: data.replicas.map((replica) => ({
              id: replica.id,
              lagMinutes: minutes(replica.lag) ?? 0,
            })),
          }),
        };
    }
    if (document.kind === 'Service')
      node.service = {
        tier: document.spec.tier,
        rtoMinutes: minutes(document.spec.rto),
        rpoMinutes: minutes(document.spec.rpo),
        mtpdMinutes: minutes(document.spec.mtpd),
      };
    nodes.push(node);
  }
  return nodes;
}
