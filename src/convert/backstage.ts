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
import type { Entity } from './backstage-relations.ts';
import {
  addConsumedApis,
  addDependsOn,
  addParts,
  checkLocation,
  dependencyList,
  ownerOf,
  parseEntityRef,
  skipRelation,
} from './backstage-relations.ts';
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
import type { ConvertInput, ConvertOptions, ConvertProblem, ConvertResult } from './types.ts';
import { EXTERNAL_ID_LABEL, SOURCE_LABEL } from './types.ts';

export { parseEntityRef } from './backstage-relations.ts';

/** The labels that carry an entity's namespace, lifecycle and own `spec.type`. */
export const BACKSTAGE_LABELS = {
  namespace: 'backstage.io/namespace',
  lifecycle: 'backstage.io/lifecycle',
  type: 'backstage.io/type',
} as const;

/** The entity kinds that become documents, and what they become. */
const CONVERTED: Record<string, 'Service' | 'Component' | 'Team' | 'Person'> = {
  system: 'Service',
  component: 'Component',
  resource: 'Component',
  group: 'Team',
  user: 'Person',
};

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
    }
  }
  return ids;
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
