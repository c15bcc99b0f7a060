import type { CatalogDocument } from '../kinds.ts';
import type { SourceDocument, SourceFile } from '../yaml/parse.ts';
import { parseCatalogText } from '../yaml/parse.ts';
import { checkBia } from './bia-rules.ts';
import { checkCycles, checkServices } from './continuity-rules.ts';
import { checkRecoveryData, checkStandbyGroups } from './recovery-rules.ts';
import { checkDocument } from './document-rules.ts';
import type { CheckResult, Finding } from './finding.ts';
import { compareFindings } from './finding.ts';
import { checkReferences, indexIds } from './reference-rules.ts';
import { checkRisks } from './risk-rules.ts';
import { checkExercises } from './exercise-rules.ts';
import { checkSuppliers } from './supplier-rules.ts';

/** A valid document and where it came from. */
export interface LocatedDocument {
  document: CatalogDocument;
  source: SourceDocument;
}

/** The findings of a check, and the documents that passed their own schema (in file and document order). */
export interface CheckedCatalog extends CheckResult {
  documents: LocatedDocument[];
  /** How many YAML documents the files held (valid or not), for the summary. */
  documentCount: number;
}

/** What a check needs to know besides the documents. */
export interface CheckOptions {
  /**
   * The date the rules that fall due (reviews, acceptances) are judged on, YYYY-MM-DD; default the current UTC
   * date, read once by the caller's check.
   */
  today?: string;
}

/** The current UTC date, YYYY-MM-DD: the `today` of a check that was given none. */
export function currentDate(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Checks documents already parsed: each against its kind's schema, then ids and references across the
 * whole catalog, then the continuity rules (warnings). Pure but for the date when `today` is not given.
 */
export function checkSourceDocuments(
  sources: readonly SourceDocument[],
  options: CheckOptions = {},
): CheckedCatalog {
  const today = options.today ?? currentDate();
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const checked = sources.map((source) => checkDocument(source, errors));
  const index = indexIds(checked, errors);
  checkReferences(checked, index, errors);
  checkStandbyGroups(checked, index, errors);
  checkServices(checked, warnings);
  checkRecoveryData(checked, warnings);
  checkCycles(checked, index, warnings);
  checkRisks(checked, today, warnings);
  checkBia(checked, today, errors, warnings);
  checkExercises(checked, today, errors, warnings);
  checkSuppliers(checked, today, errors, warnings);
  errors.sort(compareFindings);
  warnings.sort(compareFindings);
  const documents = checked.flatMap(({ document, source }) => (document ? [{ document, source }] : []));
  return { errors, warnings, documents, documentCount: sources.length };
}

/**
 * Checks a catalog given as files and their text: YAML syntax, schemas, kinds, ids, references,
 * durations, and the continuity rules. Pure: the reading lives in `readCatalogSources`. `onProgress` hears how
 * much of the text is parsed, file by file (parsing is most of the time).
 */
export function checkCatalog(
  files: readonly SourceFile[],
  options: CheckOptions & { onProgress?: (doneBytes: number, totalBytes: number) => void } = {},
): CheckedCatalog {
  const sizes = files.map((file) => (options.onProgress ? Buffer.byteLength(file.text) : 0));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  let done = 0;
  const parsed = files.map((file, i) => {
    const result = parseCatalogText(file);
    done += sizes[i] ?? 0;
    options.onProgress?.(done, total);
    return result;
  });
  const result = checkSourceDocuments(
    parsed.flatMap((file) => file.documents),
    options.today === undefined ? {} : { today: options.today },
  );
  // One push per finding: spreading a file's tens of thousands of findings into one call would overflow the stack.
  for (const file of parsed) {
    for (const finding of file.errors) result.errors.push(finding);
    for (const finding of file.warnings) result.warnings.push(finding);
  }
  result.errors.sort(compareFindings);
  result.warnings.sort(compareFindings);
  return result;
}
