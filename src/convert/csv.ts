import type { ConvertInput, ConvertOptions, ConvertResult } from './types.ts';
import { emptySummary } from './build.ts';

/** Converts CSV item and relation files. */
export function convertCsv(_inputs: ConvertInput[], _options: ConvertOptions): ConvertResult {
  return { format: 'csv', documents: [], problems: [], summary: emptySummary() };
}
