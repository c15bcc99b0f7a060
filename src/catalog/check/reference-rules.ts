import { dependencySchema } from '../kinds.schema.ts';
import type { Kind } from '../kinds.ts';
import { ID_PATTERN } from '../metadata.schema.ts';
import type { Reference } from '../references.ts';
import { referencesOf } from '../references.ts';
import type { CheckedDocument } from './document-rules.ts';
import type { Finding } from './finding.ts';
import { didYouMean } from './suggest.ts';

/** Every id in the catalog, with the document that first declared it. */
export type IdIndex = Map<string, CheckedDocument>;

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? `an ${word}` : `a ${word}`;
}

function kindList(kinds: readonly Kind[]): string {
  const names = [...kinds];
  const last = names.pop() ?? 'document';
  return article(names.length > 0 ? `${names.join(', ')} or ${last}` : last);
}

/**
 * Ids are unique across all kinds: the first document to use an id keeps it, every later one is an
 * error at its metadata.id that says where the first one is.
 */
export function indexIds(documents: readonly CheckedDocument[], errors: Finding[]): IdIndex {
  const index: IdIndex = new Map();
  for (const checked of documents) {
    if (checked.id === undefined) continue;
    const first = index.get(checked.id);
    if (!first) {
      index.set(checked.id, checked);
      continue;
    }
    const where = first.source.locate(['metadata', 'id']);
    errors.push({
      file: checked.source.file,
      ...checked.source.locate(['metadata', 'id']),
      message:
        `duplicate id "${checked.id}": already used by ${article(first.kind ?? 'document')} at ` +
        `${first.source.file}:${where.line}:${where.column} (ids are unique across all kinds)`,
    });
  }
  return index;
}

/**
 * The references of a document that failed its schema, as far as they can be read: a dependsOn item that
 * is not valid is skipped (its index kept), so one mistake does not hide unknown ids elsewhere.
 */
function lenientReferences(checked: CheckedDocument): Reference[] {
  const data = checked.source.data as { spec?: unknown } | null;
  const spec = data?.spec;
  if (!checked.kind || spec === null || typeof spec !== 'object' || Array.isArray(spec)) return [];
  const fields = { ...(spec as Record<string, unknown>) };
  const { dependsOn } = fields;
  fields.dependsOn = Array.isArray(dependsOn)
    ? dependsOn.map((item: unknown) => (dependencySchema.safeParse(item).success ? item : { anyOf: [] }))
    : undefined;
  if (!Array.isArray(fields.members)) fields.members = undefined;
  return referencesOf({ kind: checked.kind, spec: fields }).filter(
    (reference) => typeof reference.id === 'string' && ID_PATTERN.test(reference.id),
  );
}

/**
 * Each reference of a valid document names another document that exists and is of a kind the field accepts
 * (the same rule as `referenceProblems`, which the server applies to single writes and imports).
 * An unknown id gets the closest id of an accepted kind as a suggestion.
 */
export function checkReferences(
  documents: readonly CheckedDocument[],
  index: IdIndex,
  errors: Finding[],
): void {
  const idsByKind = new Map<Kind, string[]>();
  for (const [id, checked] of index) {
    if (!checked.kind) continue;
    const ids = idsByKind.get(checked.kind) ?? [];
    ids.push(id);
    idsByKind.set(checked.kind, ids);
  }
  for (const checked of documents) {
    const { document, source } = checked;
    for (const reference of document ? referencesOf(document) : lenientReferences(checked)) {
      const field = String(reference.path[1]);
      const target = index.get(reference.id);
      // Positions are looked up only for findings: a walk per reference would cost seconds on a large catalog.
      const at = () => ({ file: source.file, ...source.locate(reference.path) });
      if (reference.id === checked.id) {
        errors.push({ ...at(), message: `"${reference.id}" in ${field} refers to the document itself` });
      } else if (!target) {
        const candidates = reference.allowed.flatMap((kind) => idsByKind.get(kind) ?? []);
        const hint = didYouMean(reference.id, candidates);
        errors.push({ ...at(), message: `unknown id "${reference.id}" in ${field}${hint}` });
      } else if (target.kind && !reference.allowed.includes(target.kind)) {
        errors.push({
          ...at(),
          message: `"${reference.id}" in ${field} is ${article(target.kind)}; expected ${kindList(reference.allowed)}`,
        });
      }
    }
  }
}
