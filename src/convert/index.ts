import { convertBackstage } from './backstage.ts';
import { convertCsv } from './csv.ts';
import { convertKubernetes } from './kubernetes.ts';
import { convertServiceNow } from './servicenow.ts';
import type { ConvertFormat, ConvertInput, ConvertOptions, ConvertResult } from './types.ts';

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
      return convertBackstage(inputs, options);
    case 'kubernetes':
      return convertKubernetes(inputs, options);
  }
}
