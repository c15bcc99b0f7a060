import type { ConvertInput, ConvertOptions, ConvertResult } from './types.ts';
import { emptySummary } from './build.ts';

/** Converts ServiceNow cmdb_ci and cmdb_rel_ci CSV exports. */
export function convertServiceNow(_inputs: ConvertInput[], _options: ConvertOptions): ConvertResult {
  return { format: 'servicenow', documents: [], problems: [], summary: emptySummary() };
}
