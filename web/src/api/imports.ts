/** The import page's API: convert files from a CMDB, Backstage or Kubernetes, preview the change, apply it. */
import type { ConvertFormat, ConvertProblem, ConvertSummary } from '../../../src/convert/types.ts';
import { request } from './client';

/** What one import sends: the format, the files as text, an optional mapping file, whether to prune. */
export interface ImportRequest {
  format: ConvertFormat;
  files: { name: string; text: string }[];
  mapping?: string;
  prune?: boolean;
}

/** Counts of one kind, or of all. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/** A document in a preview's sample. */
export interface SampleDocument {
  id: string;
  kind: string;
  name?: string;
}

/** One field a change writes: its path, value before and after (absent when it had none or will have none). */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The answer of a preview or an apply: the conversion's summary and problems, and the counts and sample. */
export interface ImportOutcome {
  format: ConvertFormat;
  summary: ConvertSummary;
  problems: ConvertProblem[];
  result: ImportCounts & {
    dryRun: boolean;
    byKind?: Record<string, ImportCounts>;
    sample?: {
      created: SampleDocument[];
      updated: (SampleDocument & { changes: FieldChange[] })[];
      deleted: SampleDocument[];
    };
  };
}

/** `POST /api/v1/imports/preview`: what importing would change, nothing written. */
export function previewImport(body: ImportRequest) {
  return request<ImportOutcome>('POST', '/imports/preview', { body });
}

/** `POST /api/v1/imports/apply`: converts and imports. */
export function applyImport(body: ImportRequest) {
  return request<ImportOutcome>('POST', '/imports/apply', { body });
}
