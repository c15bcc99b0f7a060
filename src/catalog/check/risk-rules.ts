/**
 * Risk register findings (warnings: a continuity shortfall to act on, not an invalid catalog): a risk above the
 * appetite left untreated, an expired acceptance, a review past the policy's interval, a risk that cannot be
 * quantified. The rules themselves are src/risk/scoring.ts's, shared with the server and the web application.
 */
import { effectivePolicy } from '../../bia/policy.ts';
import { riskWarnings } from '../../risk/scoring.ts';
import type { CheckedDocument } from './document-rules.ts';
import type { Finding } from './finding.ts';

/** The warnings of every valid Risk, judged on `today` (YYYY-MM-DD) against the catalog's policy. */
export function checkRisks(documents: readonly CheckedDocument[], today: string, warnings: Finding[]): void {
  let policyDocument:
    { id: string; spec: Extract<CheckedDocument['document'], { kind: 'Policy' }>['spec'] } | undefined;
  for (const { document } of documents)
    if (document?.kind === 'Policy') {
      policyDocument = { id: document.metadata.id, spec: document.spec };
      break;
    }
  let policy: ReturnType<typeof effectivePolicy> | undefined;
  for (const { document, source } of documents) {
    if (document?.kind !== 'Risk') continue;
    policy ??= effectivePolicy(policyDocument);
    for (const { path, message } of riskWarnings(
      { id: document.metadata.id, spec: document.spec },
      policy,
      today,
    ))
      warnings.push({ file: source.file, ...source.locate(path), message });
  }
}
