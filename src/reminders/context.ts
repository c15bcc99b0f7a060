import type { EffectivePolicy } from '../bia/policy.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { KINDS } from '../catalog/kinds.ts';
import type { CatalogDocument, Kind } from '../catalog/kinds.ts';
import { buildGraph } from '../engine/index.ts';
import type { EngineGraph, EngineNode } from '../engine/index.ts';
import type { ReminderContext, ReminderDocument } from './types.ts';

/** The reminder context of a catalog's documents on `today` (YYYY-MM-DD). */
export function reminderContext(
  documents: readonly CatalogDocument[],
  policy: EffectivePolicy,
  today: string,
): ReminderContext {
  const byId = new Map(documents.map((document) => [document.metadata.id, document]));
  let nodes: Map<string, EngineNode> | undefined;
  let graph: EngineGraph | undefined;
  const nodesOf = () => (nodes ??= new Map(toEngineNodes(documents).map((node) => [node.id, node])));
  return {
    documents,
    byId,
    policy,
    today,
    nodes: nodesOf,
    graph: () => (graph ??= buildGraph([...nodesOf().values()])),
    peopleOf(owner) {
      const document = owner === undefined ? undefined : byId.get(owner);
      if (document?.kind === 'Person') return [document.metadata.id];
      if (document?.kind !== 'Team') return [];
      if (document.spec.lead !== undefined) return [document.spec.lead];
      return [...new Set(document.spec.members ?? [])];
    },
    ofKind<K extends Kind>(kind: K) {
      return documents.filter((document) => document.kind === kind) as Extract<
        CatalogDocument,
        { kind: K }
      >[];
    },
  };
}

/** A document as a reminder names it: its kind, id, title (its name, else its id) and page path. */
export function reminderDocument(document: CatalogDocument, title?: string): ReminderDocument {
  const { id, name } = document.metadata;
  return {
    kind: document.kind,
    id,
    title: title ?? name ?? id,
    path: `/${KINDS[document.kind].plural}/${encodeURIComponent(id)}`,
  };
}
