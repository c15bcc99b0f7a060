/**
 * Differences between two versions of a document, by path: what the 409 message shows ("changed meanwhile")
 * and what "reload and re-apply" replays onto the current version.
 */

/** One changed value. */
export interface Change {
  /** The path as people read it: `metadata.labels.example.com/team`. */
  path: string;
  /** The path's segments: a label key may hold dots, so the dotted text is not the path. */
  segments: string[];
  /** Identifies the path exactly (the segments as JSON), to compare two changes. */
  key: string;
  before: unknown;
  after: unknown;
}

// Kept by the server: never a change a person made.
const IGNORED = new Set(['metadata.version', 'metadata.createdAt', 'metadata.updatedAt']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Flattens a document to `segments -> value`, keyed by the segments as JSON; arrays are values of their own (a
 * dependsOn list changes as a whole).
 */
export function flatten(
  value: unknown,
  segments: string[] = [],
  into = new Map<string, { segments: string[]; value: unknown }>(),
): Map<string, { segments: string[]; value: unknown }> {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, [...segments, key], into);
  } else if (segments.length > 0) {
    into.set(JSON.stringify(segments), { segments, value });
  }
  return into;
}

/** The values that differ between two documents, in path order. */
export function diffDocuments(before: unknown, after: unknown): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: Change[] = [];
  for (const key of keys) {
    const segments = a.get(key)?.segments ?? b.get(key)?.segments ?? [];
    const path = segments.join('.');
    if (IGNORED.has(path)) continue;
    const was = a.get(key)?.value;
    const now = b.get(key)?.value;
    if (JSON.stringify(was) !== JSON.stringify(now))
      changes.push({ path, segments, key, before: was, after: now });
  }
  return changes;
}

/**
 * Sets a value by segments, as own properties only: a key such as `__proto__` (which a label may be) is written
 * as a plain property and never reaches an object's prototype.
 */
function setPath(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const part of segments.slice(0, -1)) {
    const child = Object.hasOwn(node, part) ? node[part] : undefined;
    if (!isPlainObject(child))
      Object.defineProperty(node, part, { value: {}, enumerable: true, writable: true, configurable: true });
    node = node[part] as Record<string, unknown>;
  }
  const last = segments[segments.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

/** Replays the edits made from `base` to `draft` onto `current`; the result carries current's version. */
export function reapply<T>(base: T, draft: T, current: T): T {
  const merged = structuredClone(current) as Record<string, unknown>;
  for (const change of diffDocuments(base, draft)) setPath(merged, change.segments, change.after);
  return merged as T;
}

/** A value as a short line of text. */
export function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
