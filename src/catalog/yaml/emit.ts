/**
 * A small YAML emitter for catalog documents (maps, lists, strings, integers), written for export speed:
 * the `yaml` package's Document model is general but costs seconds per 10,000 documents. Output is
 * block style, with lists under `anyOf`, `of` and `members` in flow style, and strings plain when YAML
 * reads them back as the same string, double-quoted (JSON escapes, which YAML accepts) otherwise.
 */

/** Strings YAML 1.2 (core schema) would read as null, a boolean or a number; and YAML 1.1 booleans, for other tools. */
const NOT_A_STRING = [
  /^(?:~|null|Null|NULL)$/,
  /^(?:true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^<<$/,
];
/** Characters that may start a plain scalar: not a YAML indicator, not a space. */
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]/;
/** Printable characters only: no control characters, line breaks, byte-order mark or lone surrogates. */
const PRINTABLE = /^[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;

function isPlain(text: string, inFlow: boolean): boolean {
  return (
    text.length > 0 &&
    text.trim() === text &&
    PLAIN_START.test(text) &&
    PRINTABLE.test(text) &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !text.endsWith(':') &&
    !(inFlow && /[,[\]{}]/.test(text)) &&
    !NOT_A_STRING.some((pattern) => pattern.test(text))
  );
}

/** A string as a YAML scalar: plain when that reads back as the same string, double-quoted otherwise. */
export function yamlString(text: string, inFlow = false): string {
  if (isPlain(text, inFlow)) return text;
  // JSON escapes are valid in YAML double-quoted scalars; escape the few characters JSON leaves raw.
  return JSON.stringify(text).replace(
    /[\x7f-\x9f\u2028\u2029\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function scalar(value: unknown, inFlow = false): string {
  if (typeof value === 'string') return yamlString(value, inFlow);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  throw new TypeError(`cannot write ${typeof value} as YAML`);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return !Array.isArray(value) && !isMapping(value);
}

/** Lines of a mapping at `indent` spaces; `flowKeys` names lists written on one line. */
function mappingLines(
  map: Record<string, unknown>,
  indent: string,
  flowKeys: ReadonlySet<string>,
  out: string[],
): void {
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const head = `${indent}${yamlString(key)}:`;
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${head} []`);
      else if (flowKeys.has(key) && value.every(isScalar))
        out.push(`${head} [${value.map((item) => scalar(item, true)).join(', ')}]`);
      else {
        out.push(head);
        sequenceLines(value, `${indent}  `, flowKeys, out);
      }
    } else if (isMapping(value)) {
      if (Object.keys(value).length === 0) out.push(`${head} {}`);
      else {
        out.push(head);
        mappingLines(value, `${indent}  `, flowKeys, out);
      }
    } else out.push(`${head} ${scalar(value)}`);
  }
}

function sequenceLines(
  items: readonly unknown[],
  indent: string,
  flowKeys: ReadonlySet<string>,
  out: string[],
): void {
  for (const item of items) {
    if (isMapping(item) && Object.keys(item).length > 0) {
      // The first key shares the dash's line; the others align under it.
      const nested: string[] = [];
      mappingLines(item, `${indent}  `, flowKeys, nested);
      nested[0] = `${indent}- ${(nested[0] ?? '').trimStart()}`;
      out.push(...nested);
    } else if (Array.isArray(item)) {
      out.push(`${indent}- [${item.map((inner) => scalar(inner, true)).join(', ')}]`);
    } else out.push(`${indent}- ${isMapping(item) ? '{}' : scalar(item)}`);
  }
}

/** A mapping as a YAML document's text, ending with a newline. */
export function emitYaml(document: Record<string, unknown>, flowKeys: ReadonlySet<string>): string {
  const lines: string[] = [];
  mappingLines(document, '', flowKeys, lines);
  return `${lines.join('\n')}\n`;
}
