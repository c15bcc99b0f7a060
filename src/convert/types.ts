import type { CatalogDocument } from '../catalog/kinds.ts';

/** The formats `lifeboat convert --from` reads. */
export const CONVERT_FORMATS = ['csv', 'servicenow', 'backstage', 'kubernetes'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

/** One input file: its name as the user gave it (shown in every message) and its text. */
export interface ConvertInput {
  name: string;
  text: string;
}

/**
 * Something in the input that could not be taken as it is. `line` (and `column` when known) point into `file`;
 * an `error` means the item or relation was skipped, a `warning` that it came in with a change the message names
 * (an id sanitised or made unique, a value mapped to `other`).
 */
export interface ConvertProblem {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** What came in, and what did not and why: the summary `convert` and `import --from` print. */
export interface ConvertSummary {
  /** Documents produced, by kind. */
  documents: Record<string, number>;
  /** Input items read (rows, entities, manifests) and how many of them were skipped. */
  items: { read: number; skipped: number };
  /** Relations read, how many became dependencies (or other references), and how many were skipped. */
  relations: { read: number; used: number; skipped: number };
  /** Why items and relations were skipped: reason -> count (`unknown relation target`, `relation type not mapped`). */
  skipped: Record<string, number>;
}

/** A conversion's answer: ordinary catalog documents, each labelled with its source and external id. */
export interface ConvertResult {
  format: ConvertFormat;
  documents: CatalogDocument[];
  problems: ConvertProblem[];
  summary: ConvertSummary;
}

/** How a conversion runs. `mapping` is the text of a mapping file (CSV and ServiceNow); `mappingName` its name. */
export interface ConvertOptions {
  mapping?: { name: string; text: string };
  /** Called as items are read: `done` of `total`, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The labels every imported document carries. `SOURCE_LABEL` names the format (and so the source a
 * `--prune` is scoped to); `EXTERNAL_ID_LABEL` the item's own identifier in that source (sys_id, entity ref,
 * namespace/kind/name), up to 253 characters.
 */
export const SOURCE_LABEL = 'lifeboat.io/source';
export const EXTERNAL_ID_LABEL = 'lifeboat.io/external-id';
