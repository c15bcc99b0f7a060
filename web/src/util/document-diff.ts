/**
 * Differences between two versions of a document, by path: what the 409 message shows ("changed meanwhile")
 * and what "reload and re-apply" replays onto the current version.
 */

/** One changed value. */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

// Kept by the server: never a change a person made.
const IGNORED = new Set(['metadata.version', 'metadata.createdAt', 'metadata.updatedAt']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens a document to `path -> value`; arrays are values of their own (a dependsOn list changes as a whole). */
export function flatten(
  value: unknown,
  prefix = '',
  into = new Map<string, unknown>(),
): Map<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix !== '') {
    into.set(prefix, value);
  }
  return into;
}

/** The values that differ between two documents, in path order. */
export function diffDocuments(before: unknown, after: unknown): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].filter((path) => !IGNORED.has(path)).sort();
  return paths
    .filter((path) => JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path)))
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (!isPlainObject(child)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Replays the edits made from `base` to `draft` onto `current`; the result carries current's version. */
export function reapply<T>(base: T, draft: T, current: T): T {
  const merged = structuredClone(current) as Record<string, unknown>;
  for (const change of diffDocuments(base, draft)) setPath(merged, change.path, change.after);
  return merged as T;
}

/** A value as a short line of text. */
export function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
