import { convertCsv } from './csv.ts';
import { convertServiceNow } from './servicenow.ts';
import type { ConvertFormat, ConvertInput, ConvertOptions, ConvertResult } from './types.ts';
import { emptySummary } from './build.ts';

export { readConvertInputs } from './inputs.ts';

/** Converts `inputs` read in `format` into catalog documents, each labelled with its source and external id. */
export function convertInputs(
  format: ConvertFormat,
  inputs: ConvertInput[],
  options: ConvertOptions = {},
): ConvertResult {
  switch (format) {
    case 'csv':
      return convertCsv(inputs, options);
    case 'servicenow':
      return convertServiceNow(inputs, options);
    case 'backstage':
      return unavailable(format);
    case 'kubernetes':
      return unavailable(format);
  }
}

/** The answer for a format this build cannot read yet. */
function unavailable(format: ConvertFormat): ConvertResult {
  return {
    format,
    documents: [],
    problems: [{ severity: 'error', file: format, message: `format not available: ${format}` }],
    summary: emptySummary(),
  };
}
