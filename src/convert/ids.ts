import { createHash } from 'node:crypto';

/** The longest id the catalog accepts. */
const MAX_ID = 63;

/** A short, stable digest of `text`: six hex digits. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 6);
}

/**
 * `text` under Lifeboat's id rules: lowercase ASCII letters and digits, runs of anything else as one hyphen, no
 * hyphen at either end, at most 63 characters (a longer one keeps its start and ends with a hash of the whole);
 * empty when nothing usable is left.
 */
export function sanitiseId(text: string): string {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (plain.length <= MAX_ID) return plain;
  return `${plain.slice(0, MAX_ID - 7).replace(/-+$/, '')}-${shortHash(text)}`;
}

/** An id given to one source item, and why it differs from the source's own text, when it does. */
export interface AllocatedId {
  id: string;
  /** Set when the id is not the source text as it stands: `sanitised` or `made unique`. */
  changed?: 'sanitised' | 'made unique';
}

/**
 * Gives ids to source items in two steps, so the answer never depends on the order items were read: `want` each
 * item (its external key, unique within the source, and the text its id is made from), then `assign`. Items whose
 * text sanitises to the same id, or to an id `taken` already holds, each get a `-<hash of external key>` suffix;
 * an empty result becomes `item-<hash>`. The same input gives the same ids on every run.
 */
export function createIdAllocator(taken: ReadonlySet<string> = new Set()) {
  const wanted = new Map<string, string>();
  return {
    want(externalKey: string, text: string): void {
      wanted.set(externalKey, text);
    },
    assign(): Map<string, AllocatedId> {
      const base = new Map<string, string>();
      const count = new Map<string, number>();
      for (const [key, text] of wanted) {
        const id = sanitiseId(text) || `item-${shortHash(key)}`;
        base.set(key, id);
        count.set(id, (count.get(id) ?? 0) + 1);
      }
      const answer = new Map<string, AllocatedId>();
      for (const [key, id] of base) {
        const text = wanted.get(key)!;
        if ((count.get(id) ?? 0) > 1 || taken.has(id)) {
          const suffix = `-${shortHash(key)}`;
          answer.set(key, {
            id: `${id.slice(0, MAX_ID - suffix.length).replace(/-+$/, '')}${suffix}`,
            changed: 'made unique',
          });
        } else answer.set(key, id === text ? { id } : { id, changed: 'sanitised' });
      }
      return answer;
    },
  };
}
