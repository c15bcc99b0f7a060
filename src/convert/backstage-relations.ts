/**
 * How the entities of a Backstage catalog refer to each other, as Lifeboat dependencies: entity refs, Locations,
 * a System's parts, `dependsOn`, consumed APIs and owners.
 */
import path from 'node:path';
import type { Dependency } from '../catalog/kinds/fields.ts';
import type { Manifest } from './manifests.ts';
import { asText, asTextList, bump, problemAt } from './manifests.ts';
import type { ConvertProblem, ConvertSummary } from './types.ts';

/** One entity as read: its kind (lowercase, as refs compare it), namespace, name and manifest. */
export interface Entity {
  manifest: Manifest;
  /** The entity ref: `component:default/artist-lookup`, lowercase. */
  ref: string;
  kind: string;
  /** The kind as written: `Component`. */
  kindName: string;
  namespace: string;
  name: string;
  spec: Record<string, unknown>;
}

/**
 * An entity ref `[kind:][namespace/]name` as a full, lowercase ref; undefined when it has no kind and the field
 * gives none (Backstage refuses such a `dependsOn` entry too).
 */
export function parseEntityRef(
  text: string,
  defaultKind: string | undefined,
  defaultNamespace: string,
): string | undefined {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : defaultKind;
  const rest = colon > 0 ? text.slice(colon + 1) : text;
  if (!kind || rest === '') return undefined;
  const slash = rest.indexOf('/');
  const namespace = slash > 0 ? rest.slice(0, slash) : defaultNamespace;
  const name = slash > 0 ? rest.slice(slash + 1) : rest;
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

/** Counts a relation that came to nothing, and says why when there is something to say. */
export function skipRelation(summary: ConvertSummary, reason: string): void {
  summary.relations.read += 1;
  summary.relations.skipped += 1;
  bump(summary.skipped, reason);
}

/** Whether a target with wildcards (`*` within a folder, `**` across folders, as Backstage allows) matches an input. */
function globMatches(target: string, inputNames: ReadonlySet<string>): boolean {
  if (!target.includes('*')) return false;
  const pattern = target
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) =>
      part === '**/'
        ? '(?:.*/)?'
        : part === '**'
          ? '.*'
          : part === '*'
            ? '[^/]*'
            : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  const regex = new RegExp(`^${pattern}$`);
  return [...inputNames].some((name) => regex.test(name));
}

/** Location entities: each target among the inputs was read already; any other is named, not followed. */
export function checkLocation(
  entity: Entity,
  inputNames: ReadonlySet<string>,
  problems: ConvertProblem[],
): void {
  const targets = [asText(entity.spec.target), ...asTextList(entity.spec.targets)].filter(
    (target): target is string => target !== undefined,
  );
  const field = entity.spec.targets === undefined ? 'target' : 'targets';
  targets.forEach((target, index) => {
    const at = field === 'targets' ? ['spec', 'targets', index] : ['spec', 'target'];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || entity.spec.type === 'url') {
      problems.push(
        problemAt(
          entity.manifest,
          at,
          'warning',
          `Location target "${target}" is a URL: not followed (download it and convert the files)`,
        ),
      );
      return;
    }
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(entity.manifest.file), target));
    if (!inputNames.has(resolved) && !globMatches(resolved, inputNames)) {
      problems.push(
        problemAt(
          entity.manifest,
          at,
          'warning',
          `Location target "${target}" is not among the inputs: not followed (convert its folder, or name the file too)`,
        ),
      );
    }
  });
}

/**
 * A System's parts as its Service's dependencies: each a required id, but parts that provide the same APIs
 * stand in for each other (two regions of one API), so they form an `anyOf` group, as they do for consumers.
 */
export function addParts(
  parts: ReadonlySet<string>,
  provides: ReadonlyMap<string, string>,
  dependsOn: Map<string, Dependency>,
): void {
  const alike = new Map<string, string[]>();
  for (const part of parts) {
    const apis = provides.get(part);
    if (apis) alike.set(apis, [...(alike.get(apis) ?? []), part]);
    else dependsOn.set(part, part);
  }
  for (const group of alike.values()) {
    const members = group.sort();
    dependsOn.set(members.join(','), members.length === 1 ? members[0]! : { anyOf: members });
  }
}

/** A document's `dependsOn` field, in a fixed order, or nothing when it has no dependency. */
export function dependencyList(dependsOn: Map<string, Dependency>): { dependsOn?: Dependency[] } {
  if (dependsOn.size === 0) return {};
  return {
    dependsOn: [...dependsOn.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, value]) => value),
  };
}

/** The id a converted entity got, by its ref. */
export type IdOf = (ref: string | undefined) => string | undefined;
/** The document kind an entity ref's kind becomes, when it becomes one. */
export type KindOf = (ref: string) => string | undefined;

/** The Team or Person an entity's `spec.owner` names (a Group unless the ref says `user:`). */
export function ownerOf(
  entity: Entity,
  idOf: IdOf,
  kindOf: KindOf,
  problems: ConvertProblem[],
): string | undefined {
  const owner = asText(entity.spec.owner);
  if (!owner) return undefined;
  const ref = parseEntityRef(owner, 'group', entity.namespace)!;
  const kind = kindOf(ref);
  if (idOf(ref) && (kind === 'Team' || kind === 'Person')) return idOf(ref);
  problems.push(
    problemAt(
      entity.manifest,
      ['spec', 'owner'],
      'warning',
      `owner "${owner}" (${ref}) is not a Group or User in the inputs: left out`,
    ),
  );
  return undefined;
}

/** `spec.dependsOn`: each entry names its kind (`component:`, `resource:`); each known one a required id. */
export function addDependsOn(
  entity: Entity,
  idOf: IdOf,
  kindOf: KindOf,
  dependsOn: Map<string, Dependency>,
  summary: ConvertSummary,
  problems: ConvertProblem[],
): void {
  const id = idOf(entity.ref)!;
  asTextList(entity.spec.dependsOn).forEach((target, index) => {
    const at = ['spec', 'dependsOn', index];
    const ref = parseEntityRef(target, undefined, entity.namespace);
    if (!ref) {
      skipRelation(summary, 'dependsOn entry without a kind');
      problems.push(
        problemAt(
          entity.manifest,
          at,
          'error',
          `dependsOn "${target}" names no kind: write component:${target} or resource:${target}`,
        ),
      );
      return;
    }
    const targetId = idOf(ref);
    const kind = kindOf(ref);
    if (!targetId || (kind !== 'Component' && kind !== 'Service') || targetId === id) {
      skipRelation(summary, 'unknown relation target');
      problems.push(
        problemAt(
          entity.manifest,
          at,
          'warning',
          `dependsOn "${target}" is not a Component, Resource or System in the inputs: no dependency made`,
        ),
      );
      return;
    }
    summary.relations.read += 1;
    summary.relations.used += 1;
    dependsOn.set(targetId, targetId);
  });
}

/** `spec.consumesApis`: a dependency on the Component that provides each API, `anyOf` when several do. */
export function addConsumedApis(
  entity: Entity,
  id: string,
  providers: ReadonlyMap<string, string[]>,
  dependsOn: Map<string, Dependency>,
  summary: ConvertSummary,
  problems: ConvertProblem[],
): void {
  asTextList(entity.spec.consumesApis).forEach((api, index) => {
    const ref = parseEntityRef(api, 'api', entity.namespace)!;
    const from = [...new Set(providers.get(ref) ?? [])].filter((provider) => provider !== id).sort();
    if (from.length === 0) {
      skipRelation(summary, 'API provided by no component');
      problems.push(
        problemAt(
          entity.manifest,
          ['spec', 'consumesApis', index],
          'warning',
          `API "${api}" is provided by no Component in the inputs: no dependency made`,
        ),
      );
      return;
    }
    summary.relations.read += 1;
    summary.relations.used += 1;
    dependsOn.set(from.join(','), from.length === 1 ? from[0]! : { anyOf: from });
  });
}
