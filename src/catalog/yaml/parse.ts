import jsYaml from 'js-yaml';
import type { Document, Node } from 'yaml';
import { Composer, LineCounter, Parser } from 'yaml';
import type { Finding } from '../check/finding.ts';
import type { ExpansionBudget } from './expansion.ts';
import { expandAliases, expansionLimit, plainDataWithin } from './expansion.ts';
import { MAX_NESTING, tooDeep } from './nesting.ts';
import type { Locate } from './positions.ts';
import { createLocator } from './positions.ts';

/** A catalog file's name (as it should appear in findings) and its text. */
export interface SourceFile {
  file: string;
  text: string;
}

/** One YAML document of a catalog file: its plain value and a way back to the source position of any path. */
export interface SourceDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  /** The document as plain data (maps, lists, strings, numbers...). */
  data: unknown;
  /** Where a path points in the source; `locate([])` is where the document's content starts. */
  locate: Locate;
}

/** A parsed file: its well-formed documents, and the YAML syntax errors and warnings of the others. */
export interface ParsedFile {
  documents: SourceDocument[];
  errors: Finding[];
  warnings: Finding[];
}

function isEmpty(document: Document.Parsed): boolean {
  const contents = document.contents as Node | null;
  return (
    contents === null || (typeof contents === 'object' && 'value' in contents && contents.value === null)
  );
}

/** Lowercases the first letter of a YAML library message so it reads like the other findings. */
function tidy(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/**
 * yaml 2.x reads `process.env.LOG_TOKENS` once per token and `LOG_STREAM` once per document, and each read of
 * `process.env` is a call into C++: a fifth of a 100k-document check went there. Parsing is synchronous, so a
 * plain copy standing in for the duration is seen by nothing else.
 */
function withPlainEnv<T>(run: () => T): T {
  const env = process.env;
  process.env = { ...env };
  try {
    return run();
  } finally {
    process.env = env;
  }
}

/** A file's YAML documents, or, when its lists and maps nest too deep to compose safely, where. */
interface Composed {
  documents: Document.Parsed[];
  tooDeepAt?: number;
}

/**
 * Parses as yaml's `parseAllDocuments` does, measuring the nesting between its two steps: the syntax tokens are
 * built without recursion, the documents with it. Repeated keys are found by `expandAliases` in one pass: yaml's
 * own `uniqueKeys` compares each new key with every earlier key of its map, so a map of 80k keys took minutes.
 */
function parseText(text: string, lineCounter: LineCounter): Composed {
  return withPlainEnv(() => {
    const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
    const tooDeepAt = tooDeep(tokens);
    if (tooDeepAt !== undefined) return { documents: [], tooDeepAt };
    const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
    return { documents: Array.from(composer.compose(tokens)) };
  });
}

/** The non-empty documents of a file parsed again to locate a finding, so each file is parsed again at most once. */
const reparsed = new WeakMap<SourceFile, { documents: Document.Parsed[]; lineCounter: LineCounter }>();

function parsedAgain(source: SourceFile) {
  let again = reparsed.get(source);
  if (!again) {
    const lineCounter = new LineCounter();
    const { documents } = parseText(source.text, lineCounter);
    again = { documents: documents.filter((document) => !isEmpty(document)), lineCounter };
    reparsed.set(source, again);
  }
  return again;
}

/**
 * A locator that parses the file again with positions on its first use. Most documents never need a position,
 * and building position-carrying syntax trees is most of the cost of reading YAML. `ordinal` counts the
 * file's non-empty documents, which both parsers agree on.
 */
function lazyLocator(source: SourceFile, ordinal: number): Locate {
  let locate: Locate | undefined;
  return (path, options) => {
    if (!locate) {
      const again = parsedAgain(source);
      const document = again.documents[ordinal];
      const contents = (document?.contents ?? null) as Node | null;
      locate = createLocator(contents, again.lineCounter, contents?.range?.[0] ?? document?.range[0] ?? 0);
    }
    return locate(path, options);
  };
}

/**
 * What the plain parser cannot stand in for: anchors and aliases (the position-keeping parser bounds alias
 * expansion and says where), tags and directives (it keeps unknown tags as warnings), and `0b` numbers (YAML 1.2's
 * core schema reads them as strings). A node starts after a space, a line break, `[`, `{`, `,` or, after a quoted
 * key in a flow map (`{"anyOf":*s}`), a colon. A false alarm (an asterisk in a description) only costs the
 * slower parse.
 */
const NEEDS_FULL_PARSER = /(?:^|[\s[{,:])[&*!][^\s,\]}]|^%|\b0b[01]/m;

/**
 * The fast path (exported for tests): js-yaml builds plain data about ten times faster than the
 * position-keeping parser, and positions are only needed for findings. Any file it cannot read is read again by
 * the full parser, whose messages and positions are the ones reported. `undefined` means "use the full parser".
 */
export function parsePlain(source: SourceFile): ParsedFile | undefined {
  if (NEEDS_FULL_PARSER.test(source.text)) return undefined;
  let values: unknown[];
  try {
    values = jsYaml.loadAll(source.text, null, { schema: jsYaml.CORE_SCHEMA, filename: source.file });
  } catch {
    return undefined;
  }
  // Should an alias slip past the test above, data that outgrows its text is left to the careful parser to refuse.
  if (!plainDataWithin(values, expansionLimit(source.text))) return undefined;
  const documents: SourceDocument[] = [];
  values.forEach((data, index) => {
    if (data === null || data === undefined) return;
    documents.push({ file: source.file, index, data, locate: lazyLocator(source, documents.length) });
  });
  return { documents, errors: [], warnings: [] };
}

/** Parses one catalog file's text, every `---`-separated document; source positions are found when asked. Pure. */
export function parseCatalogText(source: SourceFile): ParsedFile {
  return parsePlain(source) ?? parseWithPositions(source);
}

/**
 * The full parse: position-keeping syntax trees, YAML syntax errors and warnings at their places. Exported so
 * tests can hold the fast path to the same data.
 */
export function parseWithPositions(source: SourceFile): ParsedFile {
  const lineCounter = new LineCounter();
  const { documents: parsed, tooDeepAt } = parseText(source.text, lineCounter);
  const documents: SourceDocument[] = [];
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const finding = (offset: number, message: string): Finding => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: source.file, line, column: col, message };
  };
  if (tooDeepAt !== undefined) {
    const message = `YAML: lists and maps nest deeper than ${MAX_NESTING} levels here; a catalog needs fewer than 10`;
    return { documents, errors: [finding(tooDeepAt, message)], warnings };
  }
  let nonEmpty = 0;
  const budget: ExpansionBudget = { used: 0 };
  parsed.forEach((document, index) => {
    const ordinal = isEmpty(document) ? -1 : nonEmpty++;
    for (const warning of document.warnings) warnings.push(finding(warning.pos[0], tidy(warning.message)));
    if (document.errors.length > 0) {
      for (const error of document.errors)
        errors.push(finding(error.pos[0], `YAML syntax: ${tidy(error.message)}`));
      return;
    }
    if (isEmpty(document)) return;
    const problems = expandAliases(document, budget);
    if (problems.length > 0) {
      for (const problem of problems) errors.push(finding(problem.offset, problem.message));
      return;
    }
    // No alias is left for yaml to count: `expandAliases` has bounded what they add, and put their nodes in place.
    const data = document.toJS({ maxAliasCount: -1 }) as unknown;
    documents.push({ file: source.file, index, data, locate: lazyLocator(source, ordinal) });
  });
  return { documents, errors, warnings };
}
