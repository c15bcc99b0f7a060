/**
 * How a converted document meets the stored document with the same id on a re-import: the source owns what it
 * produced (name, description, its labels, the spec fields it wrote, the plain dependencies between its own
 * items); everything added by hand (objectives, recovery times, redundancy groups, dependencies on hand-made
 * documents, other labels) stays. Pure: documents in, a document out.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { Dependency } from '../catalog/kinds/fields.ts';
import { SOURCE_LABEL } from './types.ts';

/** The source a document came from (its `lifeboat.io/source` label), if any. */
export function sourceOf(document: { metadata: { labels?: Record<string, string> | undefined } }) {
  return document.metadata.labels?.[SOURCE_LABEL];
}

/** The members of a redundancy group. */
function membersOf(item: Exclude<Dependency, string>): readonly string[] {
  return 'anyOf' in item ? item.anyOf : item.of;
}

/**
 * `dependsOn` after a re-import. Stored items keep their place: every redundancy group; a plain id when the
 * source still lists it (and no group holds it), or when it names a document that is not this source's (added by
 * hand). Then the source's new items in its order: plain ids no kept group holds, groups not already there. A
 * plain id the source no longer lists and that names one of its own documents goes: the relation was removed at
 * the source. Merging the answer with the same input again gives the same list.
 */
export function mergeDependsOn(
  stored: readonly Dependency[],
  incoming: readonly Dependency[],
  isSourceDocument: (id: string) => boolean,
): Dependency[] {
  const storedGroups = stored.filter((item): item is Exclude<Dependency, string> => typeof item !== 'string');
  const grouped = new Set(storedGroups.flatMap(membersOf));
  const incomingIds = new Set(incoming.filter((item): item is string => typeof item === 'string'));
  const merged: Dependency[] = [];
  const plain = new Set<string>();
  for (const item of stored) {
    if (typeof item !== 'string') merged.push(item);
    else if (!plain.has(item) && ((incomingIds.has(item) && !grouped.has(item)) || !isSourceDocument(item))) {
      plain.add(item);
      merged.push(item);
    }
  }
  for (const item of incoming) {
    if (typeof item === 'string') {
      if (plain.has(item) || grouped.has(item)) continue;
      plain.add(item);
      merged.push(item);
    } else if (!storedGroups.some((group) => isDeepStrictEqual(group, item))) merged.push(item);
  }
  return merged;
}

/**
 * A converted document merged into the stored one of the same kind and id. Name and description come from the
 * source when it gives them; labels are the stored ones with the source's on top; the spec is the stored spec
 * with every field the source produced written over it, and `dependsOn` merged by `mergeDependsOn`.
 * `isSourceDocument` says whether an id is a document of this source (produced now or labelled with it).
 */
export function mergeSourced(
  stored: CatalogDocument,
  incoming: CatalogDocument,
  isSourceDocument: (id: string) => boolean,
): CatalogDocument {
  const { version: _v, createdAt: _c, updatedAt: _u, ...storedMetadata } = stored.metadata;
  const metadata = { ...storedMetadata };
  if (incoming.metadata.name !== undefined) metadata.name = incoming.metadata.name;
  if (incoming.metadata.description !== undefined) metadata.description = incoming.metadata.description;
  if (incoming.metadata.labels !== undefined)
    metadata.labels = { ...storedMetadata.labels, ...incoming.metadata.labels };
  const storedSpec = stored.spec as Record<string, unknown>;
  const incomingSpec = incoming.spec as Record<string, unknown>;
  const spec: Record<string, unknown> = { ...storedSpec, ...incomingSpec };
  if (Array.isArray(storedSpec.dependsOn) || Array.isArray(incomingSpec.dependsOn)) {
    const dependsOn = mergeDependsOn(
      (storedSpec.dependsOn ?? []) as Dependency[],
      (incomingSpec.dependsOn ?? []) as Dependency[],
      isSourceDocument,
    );
    if (dependsOn.length > 0) spec.dependsOn = dependsOn;
    else delete spec.dependsOn;
  }
  return { ...stored, metadata, spec } as CatalogDocument;
}

/** One field a re-import changes: where (`spec.type`, `metadata.labels.env`) and its value before and after. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/**
 * The fields that differ between two versions of a document, shallow: name, description, each label, each spec
 * field (a changed `dependsOn` is one change with both lists). Values compared as data, key order aside.
 */
export function fieldChanges(before: CatalogDocument, after: CatalogDocument): FieldChange[] {
  const changes: FieldChange[] = [];
  const compare = (path: string, a: unknown, b: unknown) => {
    if (isDeepStrictEqual(a, b)) return;
    changes.push({ path, ...(a !== undefined && { before: a }), ...(b !== undefined && { after: b }) });
  };
  compare('metadata.name', before.metadata.name, after.metadata.name);
  compare('metadata.description', before.metadata.description, after.metadata.description);
  const labelsBefore: Record<string, string> = before.metadata.labels ?? {};
  const labelsAfter: Record<string, string> = after.metadata.labels ?? {};
  for (const key of new Set([...Object.keys(labelsBefore), ...Object.keys(labelsAfter)]))
    compare(`metadata.labels.${key}`, labelsBefore[key], labelsAfter[key]);
  const specBefore = before.spec as Record<string, unknown>;
  const specAfter = after.spec as Record<string, unknown>;
  for (const key of new Set([...Object.keys(specBefore), ...Object.keys(specAfter)]))
    compare(`spec.${key}`, specBefore[key], specAfter[key]);
  return changes;
}
