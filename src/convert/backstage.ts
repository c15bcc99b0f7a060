/**
 * A Backstage software catalog -> catalog documents. A System (what the business sees) becomes a Service that
 * depends on the Components and Resources that belong to it; a Component becomes an `application` Component,
 * a Resource a Component typed from its `spec.type`; a consumed API becomes a dependency on the Component that
 * provides it; Groups become Teams and Users People. APIs, Domains and Locations are read for what they say about
 * the others and produce no document. The entity model is Backstage's (backstage/backstage
 * packages/catalog-model/src/kinds/, relations as its BuiltinKindsEntityProcessor emits them).
 */
import path from 'node:path';
import { z } from 'zod';
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { Dependency } from '../catalog/kinds/fields.ts';
import { createIdAllocator } from './ids.ts';
import type { Manifest } from './manifests.ts';
import {
  asRecord,
  asText,
  asTextList,
  bump,
  carryLabels,
  countDocuments,
  newSummary,
  problemAt,
  readManifests,
  sortDocuments,
  sortProblems,
} from './manifests.ts';
import { componentTypeOf, resourceTypeOf, serviceTierOf, serviceTypeOf } from './backstage-types.ts';
import type { ConvertInput, ConvertOptions, ConvertProblem, ConvertResult, ConvertSummary } from './types.ts';
import { EXTERNAL_ID_LABEL, SOURCE_LABEL } from './types.ts';

/** The labels that carry an entity's namespace, lifecycle and own `spec.type`. */
export const BACKSTAGE_LABELS = {
  namespace: 'backstage.io/namespace',
  lifecycle: 'backstage.io/lifecycle',
  type: 'backstage.io/type',
} as const;

/** One entity as read: its kind (lowercase, as refs compare it), namespace, name and manifest. */
interface Entity {
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

/** The entity kinds that become documents, and what they become. */
const CONVERTED: Record<string, 'Service' | 'Component' | 'Team' | 'Person'> = {
  system: 'Service',
  component: 'Component',
  resource: 'Component',
  group: 'Team',
  user: 'Person',
};

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

const emailSchema = z.email();

function readEntity(manifest: Manifest, problems: ConvertProblem[]): Entity | undefined {
  const kindName = asText(manifest.data.kind);
  const metadata = asRecord(manifest.data.metadata);
  const name = asText(metadata?.name);
  if (!kindName || !name) {
    const missing = !kindName ? 'kind' : 'metadata.name';
    problems.push(
      problemAt(manifest, kindName ? ['metadata'] : [], 'error', `entity has no ${missing}: left out`),
    );
    return undefined;
  }
  const namespace = asText(metadata?.namespace) ?? 'default';
  const kind = kindName.toLowerCase();
  return {
    manifest,
    ref: `${kind}:${namespace}/${name}`.toLowerCase(),
    kind,
    kindName,
    namespace,
    name,
    spec: asRecord(manifest.data.spec) ?? {},
  };
}

/** Ids from entity names; a name used in several namespaces takes its namespace as a prefix. */
function allocateIds(entities: readonly Entity[], problems: ConvertProblem[]): Map<string, string> {
  const namespacesOf = new Map<string, Set<string>>();
  for (const entity of entities) {
    const set = namespacesOf.get(entity.name) ?? new Set<string>();
    set.add(entity.namespace);
    namespacesOf.set(entity.name, set);
  }
  const allocator = createIdAllocator();
  for (const entity of entities) {
    const shared = namespacesOf.get(entity.name)!.size > 1;
    allocator.want(entity.ref, shared ? `${entity.namespace}-${entity.name}` : entity.name);
  }
  const assigned = allocator.assign();
  const ids = new Map<string, string>();
  for (const entity of entities) {
    const { id, changed } = assigned.get(entity.ref)!;
    ids.set(entity.ref, id);
    const what = `${entity.kindName} "${entity.namespace}/${entity.name}" has id "${id}"`;
    const at = ['metadata', 'name'];
    if (changed === 'made unique') {
      problems.push(
        problemAt(entity.manifest, at, 'warning', `${what}: another entity's name gives the same id`),
      );
    } else if (namespacesOf.get(entity.name)!.size > 1) {
      problems.push(
        problemAt(entity.manifest, at, 'warning', `${what}: the name is used in several namespaces`),
      );
    } else if (changed === 'sanitised') {
      problems.push(
        problemAt(entity.manifest, at, 'warning', `${what}: an id is lowercase letters, digits and hyphens`),
      );
    }
  }
  return ids;
}

/** Counts a relation that came to nothing, and says why when there is something to say. */
function skipRelation(summary: ConvertSummary, reason: string): void {
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
function checkLocation(entity: Entity, inputNames: ReadonlySet<string>, problems: ConvertProblem[]): void {
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

/** Converts a Backstage catalog (entity YAML files) into Services, Components, Teams and People. */
export function convertBackstage(inputs: ConvertInput[], options: ConvertOptions = {}): ConvertResult {
  const problems: ConvertProblem[] = [];
  const summary = newSummary();
  const { manifests, unreadable } = readManifests(inputs, problems);
  summary.items.read = manifests.length + unreadable;
  summary.items.skipped = unreadable;
  if (unreadable > 0) bump(summary.skipped, 'YAML syntax error', unreadable);
  const inputNames = new Set(inputs.map((input) => path.posix.normalize(input.name)));

  const byRef = new Map<string, Entity>();
  const converted: Entity[] = [];
  const skip = (reason: string) => {
    summary.items.skipped += 1;
    bump(summary.skipped, reason);
  };
  manifests.forEach((manifest, index) => {
    options.onProgress?.(index + 1, manifests.length);
    const entity = readEntity(manifest, problems);
    if (!entity) return skip('no kind or name');
    if (byRef.has(entity.ref)) {
      problems.push(
        problemAt(
          manifest,
          ['metadata', 'name'],
          'error',
          `entity "${entity.ref}" is defined twice: this one left out`,
        ),
      );
      return skip('duplicate entity');
    }
    byRef.set(entity.ref, entity);
    if (entity.kind === 'location') {
      checkLocation(entity, inputNames, problems);
      return skip('Location (its targets are read as inputs)');
    }
    if (entity.kind === 'api') return skip('API (its consumers depend on its providers)');
    if (entity.kind === 'component' && componentTypeOf(asText(entity.spec.type)) === undefined) {
      return skip(`Component of type ${asText(entity.spec.type) ?? '(none)'} (not deployed)`);
    }
    if (!(entity.kind in CONVERTED)) return skip(`kind ${entity.kindName} not converted`);
    converted.push(entity);
  });

  const ids = allocateIds(converted, problems);
  const idOf = (ref: string | undefined) => (ref ? ids.get(ref) : undefined);
  const kindOf = (ref: string) => CONVERTED[ref.slice(0, ref.indexOf(':'))];

  // Who provides each API, and which Components and Resources belong to each System.
  const providers = new Map<string, string[]>();
  const provides = new Map<string, string>();
  const parts = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  const members = new Map<string, Set<string>>();
  for (const entity of converted) {
    const id = ids.get(entity.ref)!;
    if (entity.kind === 'component') {
      for (const api of asTextList(entity.spec.providesApis)) {
        const ref = parseEntityRef(api, 'api', entity.namespace)!;
        providers.set(ref, [...(providers.get(ref) ?? []), id]);
      }
      const apis = asTextList(entity.spec.providesApis).map((api) =>
        parseEntityRef(api, 'api', entity.namespace)!,
      );
      if (apis.length > 0) provides.set(id, [...new Set(apis)].sort().join(' '));
    }
    if (entity.kind === 'component' || entity.kind === 'resource') {
      const system = asText(entity.spec.system);
      if (system) {
        const ref = parseEntityRef(system, 'system', entity.namespace)!;
        if (idOf(ref) && kindOf(ref) === 'Service') {
          parts.set(ref, (parts.get(ref) ?? new Set()).add(id));
          summary.relations.read += 1;
          summary.relations.used += 1;
        } else {
          skipRelation(summary, 'unknown System');
          problems.push(
            problemAt(
              entity.manifest,
              ['spec', 'system'],
              'warning',
              `system "${system}" is not in the inputs: no Service depends on ${id}`,
            ),
          );
        }
      }
      const parent = asText(entity.spec.subcomponentOf);
      if (parent) {
        const ref = parseEntityRef(parent, 'component', entity.namespace)!;
        if (idOf(ref)) {
          children.set(ref, (children.get(ref) ?? new Set()).add(id));
          summary.relations.read += 1;
          summary.relations.used += 1;
        } else {
          skipRelation(summary, 'unknown entity');
          problems.push(
            problemAt(
              entity.manifest,
              ['spec', 'subcomponentOf'],
              'warning',
              `subcomponentOf "${parent}" is not in the inputs: no dependency made`,
            ),
          );
        }
      }
    }
    if (entity.kind === 'user') {
      asTextList(entity.spec.memberOf).forEach((group, index) => {
        const ref = parseEntityRef(group, 'group', entity.namespace)!;
        if (idOf(ref) && kindOf(ref) === 'Team')
          members.set(ref, (members.get(ref) ?? new Set()).add(entity.ref));
        else
          problems.push(
            problemAt(
              entity.manifest,
              ['spec', 'memberOf', index],
              'warning',
              `memberOf "${group}" is not a Group in the inputs: left out`,
            ),
          );
      });
    }
    if (entity.kind === 'group') {
      asTextList(entity.spec.members).forEach((user) => {
        const ref = parseEntityRef(user, 'user', entity.namespace)!;
        if (idOf(ref) && kindOf(ref) === 'Person')
          members.set(entity.ref, (members.get(entity.ref) ?? new Set()).add(ref));
      });
    }
  }

  const documents = converted.map((entity) => {
    const id = ids.get(entity.ref)!;
    const labels: Record<string, string> = {
      [SOURCE_LABEL]: 'backstage',
      [EXTERNAL_ID_LABEL]: entity.ref,
      [BACKSTAGE_LABELS.namespace]: entity.namespace,
    };
    const lifecycle = asText(entity.spec.lifecycle);
    if (lifecycle) labels[BACKSTAGE_LABELS.lifecycle] = lifecycle.slice(0, 253);
    const type = asText(entity.spec.type);
    if (type && entity.kind !== 'user') labels[BACKSTAGE_LABELS.type] = type.slice(0, 253);
    carryLabels(entity.manifest, ['metadata', 'labels'], labels, problems);
    const metadata = asRecord(entity.manifest.data.metadata)!;
    const profile = asRecord(entity.spec.profile);
    const name =
      asText(metadata.title) ??
      asText(profile?.displayName) ??
      (entity.name === id ? undefined : entity.name);
    const description = asText(metadata.description);
    const head = {
      apiVersion: 'lifeboat/v1',
      kind: CONVERTED[entity.kind]!,
      metadata: {
        id,
        ...(name ? { name: name.slice(0, 200) } : {}),
        ...(description ? { description: description.slice(0, 10_000) } : {}),
        labels,
      },
    };
    const email = (field: string) => {
      const value = asText(profile?.email);
      if (!value) return {};
      if (emailSchema.safeParse(value).success) return { email: value };
      problems.push(
        problemAt(
          entity.manifest,
          ['spec', 'profile', 'email'],
          'warning',
          `${field} "${value}" is not an email address: left out`,
        ),
      );
      return {};
    };
    if (entity.kind === 'group') {
      const list = [...(members.get(entity.ref) ?? [])].map((ref) => ids.get(ref)!).sort();
      return { ...head, spec: { ...(list.length > 0 ? { members: list } : {}), ...email('profile.email') } };
    }
    if (entity.kind === 'user') {
      const team = asTextList(entity.spec.memberOf)
        .map((group) => parseEntityRef(group, 'group', entity.namespace)!)
        .find((ref) => idOf(ref) && kindOf(ref) === 'Team');
      return { ...head, spec: { ...email('profile.email'), ...(team ? { team: ids.get(team)! } : {}) } };
    }
    const dependsOn = new Map<string, Dependency>();
    const owner = ownerOf(entity, idOf, kindOf, problems);
    if (entity.kind === 'system') {
      addParts(parts.get(entity.ref) ?? new Set(), provides, dependsOn);
      const { tier, problem } = serviceTierOf(metadata);
      if (problem)
        problems.push(
          problemAt(entity.manifest, ['metadata', 'name'], 'warning', `System "${entity.name}": ${problem}`),
        );
      const serviceType = serviceTypeOf(metadata);
      return {
        ...head,
        spec: { type: serviceType, tier, ...(owner ? { owner } : {}), ...dependencyList(dependsOn) },
      };
    }
    for (const child of children.get(entity.ref) ?? []) dependsOn.set(child, child);
    addDependsOn(entity, idOf, kindOf, dependsOn, summary, problems);
    if (entity.kind === 'component') addConsumedApis(entity, id, providers, dependsOn, summary, problems);
    const componentType = entity.kind === 'component' ? componentTypeOf(type)! : resourceTypeOf(type);
    if (componentType.unknown) {
      problems.push(
        problemAt(
          entity.manifest,
          ['spec', 'type'],
          'warning',
          `${entity.kindName} type "${type ?? ''}" taken as ${componentType.type}`,
        ),
      );
    }
    return {
      ...head,
      spec: { type: componentType.type, ...(owner ? { owner } : {}), ...dependencyList(dependsOn) },
    };
  }) as CatalogDocument[];

  sortDocuments(documents);
  countDocuments(summary, documents);
  return { format: 'backstage', documents, problems: sortProblems(problems), summary };
}

/**
 * A System's parts as its Service's dependencies: each a required id, but parts that provide the same APIs
 * stand in for each other (two regions of one API), so they form an `anyOf` group, as they do for consumers.
 */
function addParts(
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

function dependencyList(dependsOn: Map<string, Dependency>): { dependsOn?: Dependency[] } {
  if (dependsOn.size === 0) return {};
  return {
    dependsOn: [...dependsOn.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, value]) => value),
  };
}

type IdOf = (ref: string | undefined) => string | undefined;
type KindOf = (ref: string) => string | undefined;

/** The Team or Person an entity's `spec.owner` names (a Group unless the ref says `user:`). */
function ownerOf(entity: Entity, idOf: IdOf, kindOf: KindOf, problems: ConvertProblem[]): string | undefined {
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
function addDependsOn(
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
function addConsumedApis(
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
