/**
 * What the Backstage and Kubernetes converters share: multi-document YAML files read with the line of every
 * document and field, labels checked against the catalog's label rules, and the summary's counters.
 */
import type { Document, Node } from 'yaml';
import { isNode, LineCounter, parseAllDocuments } from 'yaml';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { KIND_NAMES } from '../catalog/kinds.ts';
import type { ConvertInput, ConvertProblem, ConvertSummary } from './types.ts';

/** One YAML document of an input file that is a mapping: its plain data and a way to the line of any field. */
export interface Manifest {
  file: string;
  /** 1-based line where the document's content starts. */
  line: number;
  data: Record<string, unknown>;
  /** The line and column of the value at `path` (of the document's start when the path is not there). */
  at(path: readonly (string | number)[]): { line: number; column: number };
}

/** A plain mapping, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A non-empty string, or undefined. */
export function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The strings of a list (other items left out); a lone string counts as a list of one. */
export function asTextList(value: unknown): string[] {
  if (typeof value === 'string') return asText(value) ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.map(asText).filter((item): item is string => item !== undefined);
}

function contentStart(document: Document.Parsed): number {
  const contents = document.contents as Node | null;
  return contents?.range?.[0] ?? document.range[0];
}

/**
 * Every document of every input that is a mapping, in input and document order. A YAML syntax error is an
 * `error` problem at its line (the file's other documents still count); a document that is not a mapping
 * (a list, a bare value) is one too; empty documents are left out. Returns how many documents were unreadable.
 */
export function readManifests(
  inputs: readonly ConvertInput[],
  problems: ConvertProblem[],
): { manifests: Manifest[]; unreadable: number } {
  const manifests: Manifest[] = [];
  let unreadable = 0;
  for (const input of inputs) {
    const lineCounter = new LineCounter();
    const documents = parseAllDocuments(input.text, { lineCounter, prettyErrors: false });
    const list = Array.isArray(documents) ? documents : [];
    for (const document of list) {
      const position = (offset: number) => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
      };
      if (document.errors.length > 0) {
        const error = document.errors[0]!;
        const { line, column } = position(error.pos[0]);
        problems.push({
          severity: 'error',
          file: input.name,
          line,
          column,
          message: `YAML syntax: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`,
        });
        unreadable += 1;
        continue;
      }
      const data: unknown = document.toJS({ maxAliasCount: 1000 });
      if (data === null || data === undefined) continue;
      const start = position(contentStart(document));
      const record = asRecord(data);
      if (!record) {
        problems.push({
          severity: 'error',
          file: input.name,
          line: start.line,
          column: start.column,
          message: `a manifest is a mapping with apiVersion, kind and metadata; found ${Array.isArray(data) ? 'a list' : typeof data}`,
        });
        unreadable += 1;
        continue;
      }
      manifests.push({
        file: input.name,
        line: start.line,
        data: record,
        at(path) {
          const node: unknown = document.getIn(path, true);
          return isNode(node) && node.range ? position(node.range[0]) : start;
        },
      });
    }
  }
  return { manifests, unreadable };
}

/** A problem about a manifest, pointing at `path` within it. */
export function problemAt(
  manifest: Manifest,
  path: readonly (string | number)[],
  severity: ConvertProblem['severity'],
  message: string,
): ConvertProblem {
  const { line, column } = manifest.at(path);
  return { severity, file: manifest.file, line, column, message };
}

const LABEL_KEY = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Whether `key` is a label key the catalog accepts (letters, digits, `.`, `_`, `-`, an optional `prefix/`). */
export function isLabelKey(key: string): boolean {
  return key.length <= 128 && LABEL_KEY.test(key);
}

/**
 * The source's own labels that the catalog can hold, added to `labels`: string, number and boolean values of up
 * to 253 characters under a valid key. Each one left out is a warning at its key.
 */
export function carryLabels(
  manifest: Manifest,
  path: readonly string[],
  labels: Record<string, string>,
  problems: ConvertProblem[],
): void {
  const source = asRecord(path.reduce<unknown>((value, key) => asRecord(value)?.[key], manifest.data));
  if (!source) return;
  for (const [key, value] of Object.entries(source)) {
    const text =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
    if (text === undefined || text.length > 253 || !isLabelKey(key)) {
      const why = !isLabelKey(key)
        ? 'a label key is letters, digits, ".", "_" and "-", with an optional lowercase "prefix/"'
        : 'a label value is text of up to 253 characters';
      problems.push(problemAt(manifest, [...path, key], 'warning', `label "${key}" left out: ${why}`));
      continue;
    }
    if (!(key in labels)) labels[key] = text;
  }
}

/** A summary with nothing counted yet. */
export function newSummary(): ConvertSummary {
  return {
    documents: {},
    items: { read: 0, skipped: 0 },
    relations: { read: 0, used: 0, skipped: 0 },
    skipped: {},
  };
}

/** Adds one to `counts[key]`. */
export function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Documents in the catalog's kind order, then by id: the same input always comes out in the same order. */
export function sortDocuments(documents: CatalogDocument[]): CatalogDocument[] {
  const rank = new Map<string, number>(KIND_NAMES.map((kind, index) => [kind, index]));
  return documents.sort(
    (a, b) =>
      (rank.get(a.kind) ?? 0) - (rank.get(b.kind) ?? 0) ||
      (a.metadata.id < b.metadata.id ? -1 : a.metadata.id > b.metadata.id ? 1 : 0),
  );
}

/** Counts the documents of each kind into the summary. */
export function countDocuments(summary: ConvertSummary, documents: readonly CatalogDocument[]): void {
  for (const document of documents) bump(summary.documents, document.kind);
}

/** Problems in file, line and column order (errors before warnings at the same place). */
export function sortProblems(problems: ConvertProblem[]): ConvertProblem[] {
  return problems.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
