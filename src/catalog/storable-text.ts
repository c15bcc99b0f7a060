/** A string (a value or a key) in a document that no database can store faithfully. */
export interface TextProblem {
  /** Where the string is: the object keys and array indexes leading to it. */
  path: (string | number)[];
  /** True when the string is the key at the end of `path`, not its value. */
  key: boolean;
  message: string;
}

/** A lone high surrogate (no low one after it), or a lone low surrogate (no high one before it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'holds a NUL character (U+0000), which cannot be stored; remove it';
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    return `holds an unpaired surrogate (U+${code}), which is not valid Unicode text; remove it or send the whole character`;
  }
  return undefined;
}

/** `spec.steps[0].title`; a key that is not a plain word is quoted: `metadata.labels["a b"]`. */
export function formatTextPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      if (!/^[A-Za-z0-9_$-]+$/.test(part)) return `[${JSON.stringify(part)}]`;
      return i === 0 ? part : `.${part}`;
    })
    .join('');
}

/**
 * Every string of `value`, keys included, that PostgreSQL cannot store (U+0000) or that is not valid Unicode (a
 * lone surrogate, which SQLite would silently turn into U+FFFD): refused on both databases alike, so a document
 * means the same wherever it is stored. Walks without recursion, so no nesting depth can overflow the stack;
 * stops after `max` problems.
 */
export function unstorableText(value: unknown, max = 20): TextProblem[] {
  // Each entry keeps a link to its parent instead of a copy of its path: deep nesting stays linear.
  interface Entry {
    value: unknown;
    part: string | number | undefined;
    parent: Entry | undefined;
  }
  const pathOf = (entry: Entry | undefined, last?: string): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let at = entry; at?.part !== undefined; at = at.parent) path.push(at.part);
    return path.reverse();
  };
  const problems: TextProblem[] = [];
  const stack: Entry[] = [{ value, part: undefined, parent: undefined }];
  while (stack.length > 0 && problems.length < max) {
    const entry = stack.pop()!;
    if (typeof entry.value === 'string') {
      const message = textProblem(entry.value);
      if (message) problems.push({ path: pathOf(entry), key: false, message });
    } else if (Array.isArray(entry.value)) {
      for (let i = entry.value.length - 1; i >= 0; i--)
        stack.push({ value: entry.value[i] as unknown, part: i, parent: entry });
    } else if (entry.value !== null && typeof entry.value === 'object') {
      // Own entries, so a key such as `__proto__` is read as the data it is.
      const entries: [string, unknown][] = Object.entries(entry.value as Record<string, unknown>);
      for (const [key] of entries) {
        const message = textProblem(key);
        if (message) problems.push({ path: pathOf(entry, key), key: true, message: `the key ${message}` });
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child, part: key, parent: entry });
      }
    }
  }
  return problems;
}
