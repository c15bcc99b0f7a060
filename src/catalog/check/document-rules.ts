import type { CatalogDocument, Kind } from '../kinds.ts';
import { documentSchemas, isKind, KIND_NAMES } from '../kinds.ts';
import { ID_PATTERN } from '../metadata.schema.ts';
import { formatTextPath, unstorableText } from '../storable-text.ts';
import type { SourceDocument } from '../yaml/parse.ts';
import type { Finding } from './finding.ts';
import { describeIssue, showValue } from './schema-messages.ts';
import { didYouMean } from './suggest.ts';

/** A document after its own checks: valid (with the parsed value) or not, with what could be read of it. */
export interface CheckedDocument {
  source: SourceDocument;
  /** The kind, when the document names a known one. */
  kind: Kind | undefined;
  /** metadata.id, when it is a well-formed id, so that references to an invalid document are not also errors. */
  id: string | undefined;
  /** The validated document, when it passed its kind's schema. */
  document: CatalogDocument | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readableId(data: Record<string, unknown>): string | undefined {
  const metadata = data.metadata;
  const id = isRecord(metadata) ? metadata.id : undefined;
  return typeof id === 'string' && id.length <= 63 && ID_PATTERN.test(id) ? id : undefined;
}

function kindOf(source: SourceDocument, data: Record<string, unknown>, errors: Finding[]): Kind | undefined {
  const kind = data.kind;
  const expected = `expected one of: ${KIND_NAMES.join(', ')}`;
  const at = (path: string[]) => ({ file: source.file, ...source.locate(path) });
  if (kind === undefined || kind === null) {
    errors.push({ ...at(['kind']), message: `missing required field kind (${expected})` });
    return undefined;
  }
  if (typeof kind === 'string' && isKind(kind)) return kind;
  const hint = typeof kind === 'string' ? didYouMean(kind, KIND_NAMES) : '';
  errors.push({ ...at(['kind']), message: `unknown kind ${showValue(kind)}${hint}; ${expected}` });
  return undefined;
}

/**
 * The checks one document can have on its own: it is a mapping, its kind is known, and it matches
 * its kind's schema (apiVersion, metadata, spec, durations). Each zod issue becomes a finding at its value.
 */
export function checkDocument(source: SourceDocument, errors: Finding[]): CheckedDocument {
  const { data } = source;
  if (!isRecord(data)) {
    errors.push({
      file: source.file,
      ...source.locate([]),
      message: `a document is a mapping with apiVersion, kind, metadata and spec; found ${showValue(data)}`,
    });
    return { source, kind: undefined, id: undefined, document: undefined };
  }
  const kind = kindOf(source, data, errors);
  const id = readableId(data);
  if (!kind) return { source, kind, id, document: undefined };
  // Text no database stores faithfully (a NUL from "\0", a lone surrogate from "\uD800") fails the import, so
  // it fails the check too.
  const unstorable = unstorableText(data);
  for (const problem of unstorable)
    errors.push({
      file: source.file,
      ...source.locate(problem.path, { key: problem.key }),
      message: `${formatTextPath(problem.path)} ${problem.message}`,
    });
  if (unstorable.length > 0) return { source, kind, id, document: undefined };
  const result = documentSchemas[kind].safeParse(data, { reportInput: true });
  if (result.success) return { source, kind, id, document: result.data };
  for (const issue of result.error.issues)
    for (const problem of describeIssue(issue, data, kind))
      errors.push({
        file: source.file,
        ...source.locate(problem.path, { key: problem.key }),
        message: problem.message,
      });
  return { source, kind, id, document: undefined };
}
