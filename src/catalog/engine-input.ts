import type { EngineGroup, EngineNode } from '../engine/types.ts';
import { parseDuration } from './duration.ts';
import type { CatalogDocument } from './kinds.ts';
import type { Dependency } from './kinds.schema.ts';

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
 * unset); services carry their tier and objectives (null when unset). Teams, People, Plans and Incidents are skipped.
 */
export function toEngineNodes(documents: Iterable<CatalogDocument>): EngineNode[] {
  const nodes: EngineNode[] = [];
  for (const document of documents) {
    if (
      document.kind === 'Team' ||
      document.kind === 'Person' ||
      document.kind === 'Plan' ||
      document.kind === 'Incident'
    )
      continue;
    const { spec } = document;
    const site =
      document.kind === 'Component' && document.spec.site !== undefined ? [document.spec.site] : [];
    const node: EngineNode = {
      id: document.metadata.id,
      kind: document.kind,
      ...dependencies(spec.dependsOn, site),
      recoveryMinutes: minutes(spec.recovery) ?? 0,
      restartMinutes: minutes(spec.restart) ?? 0,
    };
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
