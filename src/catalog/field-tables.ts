/**
 * The field tables of docs/catalog.md, generated from the kind registry: one table per kind between
 * `<!-- fields:Kind -->` and `<!-- /fields -->`, and the table of references between `<!-- references -->` and
 * `<!-- /references -->`. `npm run schema` rewrites them; a test fails while the committed page is stale.
 */
import { KIND_NAMES, KINDS } from './kinds.ts';
import type { Kind } from './kinds.ts';
import type { FieldInfo } from './registry.ts';

/** Where the catalog format is documented, relative to the repository root. */
export const CATALOG_DOC_PATH = 'docs/catalog.md';

function listOf(items: readonly string[], last = 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

/** What a field's value is, in words. */
function valueOf(field: FieldInfo): string {
  switch (field.type) {
    case 'ref':
      return `the id of a ${listOf(field.kinds)}`;
    case 'refs':
      return `ids of ${listOf(field.kinds.map((kind) => `${kind}s`))}`;
    case 'select':
      return listOf(field.options.map((option) => `\`${option}\``));
    case 'tier':
      return '1 to 4';
    case 'duration':
      return 'a [duration](#durations)';
    case 'deps':
      return 'ids and redundancy groups: see [Dependencies](#dependencies)';
    case 'date':
      return 'a date, `2026-05-01`';
    case 'instant':
      return 'a date and time with its zone, `2026-02-03T08:15:00Z`';
    case 'email':
      return 'an email address';
    case 'url':
      return 'an http or https address';
    case 'number':
      return 'a number';
    case 'text':
      return 'text';
    case 'other':
      return 'a nested list or object (see the example)';
  }
}

/** Markdown cells cannot hold a pipe or a line break. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The field table of one kind. */
export function fieldTable(kind: Kind): string {
  const rows = KINDS[kind].fields.map((field) => {
    const value = valueOf(field);
    const sentence = `${value.charAt(0).toUpperCase()}${value.slice(1)}.`;
    const what = field.help === undefined ? sentence : `${field.help} ${sentence}`;
    return `| \`${field.name}\` | ${field.required ? 'yes' : 'no'} | ${cell(what)} |`;
  });
  return ['| field | required | what it holds |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The table of every reference: which field of which kind may name which kinds. */
export function referenceTable(): string {
  const rows = KIND_NAMES.flatMap((kind) =>
    KINDS[kind].fields.flatMap((field) => {
      if (field.type === 'ref' || field.type === 'refs')
        return [`| ${kind} | \`${field.name}\` | ${field.kinds.join(', ')} |`];
      if (field.type === 'deps')
        return [`| ${kind} | \`${field.name}\` (ids, \`anyOf\`, \`of\`) | any failure node |`];
      return [];
    }),
  );
  const nested =
    '| Plan, Incident | nested lists (steps, contacts, timeline, actions) | as in [plans.md](plans.md) |';
  return ['| kind | field | accepted kinds |', '| --- | --- | --- |', ...rows, nested].join('\n');
}

function replaceBlock(text: string, open: string, close: string, content: string): string | undefined {
  const start = text.indexOf(open);
  if (start === -1) return undefined;
  const end = text.indexOf(close, start);
  if (end === -1) throw new Error(`${open} has no closing ${close}`);
  return `${text.slice(0, start + open.length)}\n\n${content}\n\n${text.slice(end)}`;
}

/**
 * The page with every generated block replaced. A kind without a block gets a section of its own before the
 * References section, to be given its prose by hand.
 */
export function renderCatalogDoc(page: string): string {
  let text = page;
  for (const kind of KIND_NAMES) {
    const open = `<!-- fields:${kind} -->`;
    const replaced = replaceBlock(text, open, '<!-- /fields -->', fieldTable(kind));
    if (replaced !== undefined) text = replaced;
    else {
      const at = text.indexOf('## References');
      const section = `## ${kind}\n\n${open}\n\n${fieldTable(kind)}\n\n<!-- /fields -->\n\n`;
      text = at === -1 ? `${text}\n${section}` : `${text.slice(0, at)}${section}${text.slice(at)}`;
    }
  }
  return replaceBlock(text, '<!-- references -->', '<!-- /references -->', referenceTable()) ?? text;
}
