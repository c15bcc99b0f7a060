import type { Kind } from './kinds.ts';
import { FAILURE_KINDS, KINDS, KIND_NAMES } from './kinds.ts';
import type { FoundReference } from './registry.ts';
import { compileReferences } from './registry.ts';

/** One reference from a document to another: where it is, which id, and the kinds it may name. */
export interface Reference {
  /** Path of the value inside the document, e.g. `["spec", "dependsOn", 2, "anyOf", 0]`. */
  path: (string | number)[];
  id: string;
  allowed: readonly Kind[];
  /** The document is down while the referred one is (a `dependsOn` id, a component's `site`). */
  dependency: boolean;
}

/** Each kind's reference collector, compiled once from its spec schema (the fields marked with `ref`). */
const COLLECTORS = new Map(KIND_NAMES.map((kind) => [kind, compileReferences(KINDS[kind].spec)] as const));

function toReference(found: FoundReference): Reference {
  return {
    path: found.path,
    id: found.id,
    allowed: (found.meta.to === 'failure' ? FAILURE_KINDS : found.meta.to) as readonly Kind[],
    dependency: found.meta.dependency === true,
  };
}

/** Every reference a document's spec makes to other documents, in document order. */
export function referencesOf(document: { kind: Kind; spec: Record<string, unknown> }): Reference[] {
  // The spec has been validated against its kind's schema before this is called.
  const found: FoundReference[] = [];
  COLLECTORS.get(document.kind)?.(document.spec, ['spec'], found);
  return found.map(toReference);
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
