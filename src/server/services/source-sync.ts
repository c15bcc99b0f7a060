/**
 * Keeping the catalog in sync with where the inventory lives: convert a CMDB export, a Backstage catalog or
 * Kubernetes manifests and import the result in one step, merging into what is stored (see import-source.ts).
 * Used by the import page's routes; `lifeboat import --from` runs the same steps with a progress bar.
 */
import type {
  ConvertFormat,
  ConvertInput,
  ConvertProblem,
  ConvertResult,
  ConvertSummary,
} from '../../convert/types.ts';
import { formatProblem } from '../../convert/summary.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { CatalogError } from './errors.ts';
import { createImportService } from './import.service.ts';
import type { ImportResult } from './import.service.ts';

/** What a sync is asked to do: the format, the files, an optional mapping file, whether to prune. */
export interface SyncRequest {
  format: ConvertFormat;
  files: ConvertInput[];
  mapping?: ConvertInput;
  prune?: boolean;
}

/** A sync's answer: the conversion's summary and problems, and what the import changed (or would change). */
export interface SyncOutcome {
  format: ConvertFormat;
  summary: ConvertSummary;
  problems: ConvertProblem[];
  result: ImportResult;
}

/** Documents of each change a preview shows. */
export const PREVIEW_SAMPLE = 10;

/** How many conversion problems an answer lists at most. */
const MAX_PROBLEMS = 1000;

/** The errors of a conversion (problems that skipped an item or a relation). */
export function conversionErrors(conversion: Pick<ConvertResult, 'problems'>): ConvertProblem[] {
  return conversion.problems.filter((problem) => problem.severity === 'error');
}

/** The refusal of an import whose conversion had errors: the first few in the detail, up to 1000 listed. */
function refuseConversion(conversion: ConvertResult, errors: ConvertProblem[], what: string): never {
  const shown = errors.slice(0, 3).map(formatProblem);
  throw new CatalogError(
    'invalid',
    `The ${conversion.format} input has ${errors.length} error(s); ${what}: ${shown.join('; ')}` +
      `${errors.length > 3 ? '; ...' : ''}`,
    { problems: conversion.problems.slice(0, MAX_PROBLEMS), summary: conversion.summary },
  );
}

/**
 * Preview and apply of a conversion. `convert` runs the conversion (in the heavy-work pool on the server); the
 * import is the ordinary one, in one transaction, with the source's merge and prune.
 */
export function createSourceSync(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  convert: (request: SyncRequest) => Promise<ConvertResult>;
}) {
  const importer = createImportService(deps);

  async function run(
    request: SyncRequest,
    options: { actor: string; dryRun: boolean },
  ): Promise<SyncOutcome> {
    const conversion = await deps.convert(request);
    const errors = conversionErrors(conversion);
    if (conversion.documents.length === 0)
      refuseConversion(
        conversion,
        errors.length > 0
          ? errors
          : [{ severity: 'error', file: request.files[0]?.name ?? request.format, message: 'no item found' }],
        'nothing could be converted',
      );
    // An item skipped by an error would look deleted to a prune: only a clean conversion is applied.
    if (!options.dryRun && errors.length > 0) refuseConversion(conversion, errors, 'nothing was written');
    const result = await importer.importDocuments(conversion.documents, {
      actor: options.actor,
      source: conversion.format,
      prune: request.prune === true,
      dryRun: options.dryRun,
      sample: PREVIEW_SAMPLE,
    });
    return {
      format: conversion.format,
      summary: conversion.summary,
      problems: conversion.problems.slice(0, MAX_PROBLEMS),
      result,
    };
  }

  return {
    /** What an import of the request would change, with a sample: nothing is written. */
    preview: (request: SyncRequest, actor: string) => run(request, { actor, dryRun: true }),
    /** Imports the request, refusing it when the conversion has any error. */
    apply: (request: SyncRequest, actor: string) => run(request, { actor, dryRun: false }),
  };
}

/** The source sync's interface. */
export type SourceSync = ReturnType<typeof createSourceSync>;
