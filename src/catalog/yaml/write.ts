import type { CatalogDocument, Kind } from '../kinds.ts';
import { KIND_NAMES, KINDS } from '../kinds.ts';
import { metadataSchema } from '../metadata.schema.ts';
import { emitYaml } from './emit.ts';

const METADATA_KEYS = Object.keys(metadataSchema.shape);
const DEPENDENCY_KEYS = ['anyOf', 'atLeast', 'of'];
/** Lists of ids short enough to read on one line: `anyOf: [a, b]`. */
const FLOW_LISTS = new Set(['anyOf', 'of', 'members']);

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `value` with keys in `order` first (those present), then any others sorted. */
function ordered(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (Object.hasOwn(value, key) && value[key] !== undefined) out[key] = value[key];
  // Object.hasOwn, not `in`: a label named `constructor` or `toString` is data, not the inherited method.
  for (const key of Object.keys(value).sort(compareText))
    if (!Object.hasOwn(out, key) && value[key] !== undefined) out[key] = value[key];
  return out;
}

function orderedSpec(kind: Kind, spec: Record<string, unknown>): Record<string, unknown> {
  const out = ordered(spec, Object.keys(KINDS[kind].spec.shape));
  if (Array.isArray(out.dependsOn))
    out.dependsOn = out.dependsOn.map((item: unknown) =>
      item !== null && typeof item === 'object'
        ? ordered(item as Record<string, unknown>, DEPENDENCY_KEYS)
        : item,
    );
  return out;
}

/** A document as plain data in the catalog's stable key order: apiVersion, kind, metadata, spec (schema order). */
export function orderDocument(document: CatalogDocument): Record<string, unknown> {
  const metadata = ordered(document.metadata, METADATA_KEYS);
  // Labels are a free map: sorted, so that the output does not depend on the order they were written in.
  if (document.metadata.labels) metadata.labels = ordered(document.metadata.labels, []);
  return {
    apiVersion: document.apiVersion,
    kind: document.kind,
    metadata,
    spec: orderedSpec(document.kind, document.spec),
  };
}

/** One document as YAML text: block style, short id lists on one line, no line folding. */
export function stringifyDocument(document: CatalogDocument): string {
  return emitYaml(orderDocument(document), FLOW_LISTS);
}

function byKindThenId(a: CatalogDocument, b: CatalogDocument): number {
  return KIND_NAMES.indexOf(a.kind) - KIND_NAMES.indexOf(b.kind) || compareText(a.metadata.id, b.metadata.id);
}

/** Documents as YAML text, one chunk per document (`---` between them), for writing to a stream as it goes. */
export function* catalogYamlChunks(documents: Iterable<CatalogDocument>): Generator<string> {
  let first = true;
  for (const document of [...documents].sort(byKindThenId)) {
    yield first ? stringifyDocument(document) : `---\n${stringifyDocument(document)}`;
    first = false;
  }
}

/** Documents as one YAML stream separated by `---`: kinds in catalog order, then by id. Deterministic. */
export function writeCatalogStream(documents: Iterable<CatalogDocument>): string {
  return [...catalogYamlChunks(documents)].join('');
}

/**
 * Documents as YAML files, one per kind (`services.yaml`, `components.yaml`, ...), kinds in catalog
 * order, documents by id; kinds with no document get no file. Deterministic: the same documents give
 * the same bytes, whatever order they come in.
 */
export function writeCatalogYaml(documents: Iterable<CatalogDocument>): Map<string, string> {
  const byKind = new Map<Kind, CatalogDocument[]>();
  for (const document of documents) {
    const ofKind = byKind.get(document.kind);
    if (ofKind) ofKind.push(document);
    else byKind.set(document.kind, [document]);
  }
  const files = new Map<string, string>();
  for (const kind of KIND_NAMES) {
    const ofKind = byKind.get(kind);
    if (ofKind) files.set(`${KINDS[kind].plural}.yaml`, writeCatalogStream(ofKind));
  }
  return files;
}
