import type { Kind } from './kinds.ts';
import { FAILURE_KINDS } from './kinds.ts';
import type { Dependency, IncidentSpec, PlanSpec } from './kinds.schema.ts';
import { PLAN_PHASES } from './kinds.schema.ts';

/** One reference from a document to another: where it is, which id, and the kinds it may name. */
export interface Reference {
  /** Path of the value inside the document, e.g. `["spec", "dependsOn", 2, "anyOf", 0]`. */
  path: (string | number)[];
  id: string;
  allowed: readonly Kind[];
}

const OWNER_KINDS: readonly Kind[] = ['Team', 'Person'];

/** Every id a `dependsOn` list names, with its path. */
export function dependencyReferences(dependsOn: readonly Dependency[] | undefined): Reference[] {
  const out: Reference[] = [];
  (dependsOn ?? []).forEach((item, index) => {
    const at = ['spec', 'dependsOn', index];
    if (typeof item === 'string') out.push({ path: at, id: item, allowed: FAILURE_KINDS });
    else if ('anyOf' in item)
      item.anyOf.forEach((id, i) => out.push({ path: [...at, 'anyOf', i], id, allowed: FAILURE_KINDS }));
    else item.of.forEach((id, i) => out.push({ path: [...at, 'of', i], id, allowed: FAILURE_KINDS }));
  });
  return out;
}

function single(field: string, id: string | undefined, allowed: readonly Kind[]): Reference[] {
  return id === undefined ? [] : [{ path: ['spec', field], id, allowed }];
}

function many(field: string, ids: readonly string[] | undefined, allowed: readonly Kind[]): Reference[] {
  return (ids ?? []).map((id, i) => ({ path: ['spec', field, i], id, allowed }));
}

/** Every reference a document's spec makes to other documents, in document order. */
export function referencesOf(document: { kind: Kind; spec: Record<string, unknown> }): Reference[] {
  // The spec has been validated against its kind's schema before this is called.
  const spec = document.spec as Record<string, never>;
  switch (document.kind) {
    case 'Service':
      return [...single('owner', spec.owner, OWNER_KINDS), ...dependencyReferences(spec.dependsOn)];
    case 'Component':
      return [
        ...single('site', spec.site, ['Site']),
        ...single('owner', spec.owner, OWNER_KINDS),
        ...single('vendor', spec.vendor, ['Vendor']),
        ...dependencyReferences(spec.dependsOn),
      ];
    case 'Site':
    case 'Vendor':
      return dependencyReferences(spec.dependsOn);
    case 'Team':
      return [...many('members', spec.members, ['Person']), ...single('lead', spec.lead, ['Person'])];
    case 'Person':
      return [...single('team', spec.team, ['Team']), ...single('deputy', spec.deputy, ['Person'])];
    case 'Plan':
      return planReferences(document.spec as unknown as PlanSpec);
    case 'Incident':
      return incidentReferences(document.spec as unknown as IncidentSpec);
  }
}

/** A plan's services, owner, scenario, call tree, step owners and the nodes its steps restore. */
function planReferences(spec: PlanSpec): Reference[] {
  const steps = PLAN_PHASES.flatMap((phase) =>
    (spec.phases?.[phase] ?? []).flatMap((step, index) => {
      const at = ['spec', 'phases', phase, index];
      return [
        ...(step.owner === undefined
          ? []
          : [{ path: [...at, 'owner'], id: step.owner, allowed: OWNER_KINDS }]),
        ...(step.restores ?? []).map((id, i) => ({
          path: [...at, 'restores', i],
          id,
          allowed: FAILURE_KINDS,
        })),
      ];
    }),
  );
  return [
    ...many('services', spec.services, ['Service']),
    ...single('owner', spec.owner, OWNER_KINDS),
    ...spec.scenario.fail.map((id, i) => ({
      path: ['spec', 'scenario', 'fail', i],
      id,
      allowed: FAILURE_KINDS,
    })),
    ...(spec.contacts ?? []).map((contact, i) => ({
      path: ['spec', 'contacts', i, 'id'],
      id: contact.id,
      allowed: OWNER_KINDS,
    })),
    ...steps,
  ];
}

/** An incident's failed nodes, timeline authors, action owners and the plan it invoked. */
function incidentReferences(spec: IncidentSpec): Reference[] {
  return [
    ...many('failed', spec.failed, FAILURE_KINDS),
    ...(spec.timeline ?? []).flatMap((item, i) =>
      item.by === undefined
        ? []
        : [{ path: ['spec', 'timeline', i, 'by'], id: item.by, allowed: OWNER_KINDS }],
    ),
    ...(spec.actions ?? []).map((action, i) => ({
      path: ['spec', 'actions', i, 'owner'],
      id: action.owner,
      allowed: OWNER_KINDS,
    })),
    ...single('plan', spec.plan, ['Plan']),
  ];
}

/** A path as text: `spec.dependsOn[2].anyOf[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** A reference that cannot be stored: its path as text and why. */
export interface ReferenceProblem {
  path: string;
  message: string;
}

/**
 * The references of a document that name nothing, a document of the wrong kind, or the document itself, given
 * the kind each id will have (`kindOf` answers undefined for an unknown id).
 */
export function referenceProblems(
  document: { kind: Kind; metadata: { id: string }; spec: Record<string, unknown> },
  kindOf: (id: string) => string | undefined,
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const ref of referencesOf(document)) {
    const path = formatPath(ref.path);
    const kind = ref.id === document.metadata.id ? undefined : kindOf(ref.id);
    if (ref.id === document.metadata.id)
      problems.push({ path, message: `"${ref.id}" refers to the document itself` });
    else if (kind === undefined) problems.push({ path, message: `unknown id "${ref.id}"` });
    else if (!(ref.allowed as readonly string[]).includes(kind))
      problems.push({ path, message: `"${ref.id}" is a ${kind}, expected ${ref.allowed.join(' or ')}` });
  }
  return problems;
}
