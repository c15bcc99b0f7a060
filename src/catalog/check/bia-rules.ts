/**
 * Business impact analysis rules. Errors (the catalog is invalid): more than one Policy, an assessment whose
 * horizons, categories or levels are not the policy's. Warnings (continuity findings): a service whose declared
 * MTPD, RTO or tier its current BIA contradicts, a tier 1 or 2 service with no current BIA, a current BIA past
 * the policy's review interval. In a catalog folder every assessment counts as approved (docs/bia.md). A catalog
 * with neither a Policy nor an assessment has no BIA to judge by, and draws none of the service warnings.
 */
import { catalogPolicy, currentAssessments } from '../../bia/current.ts';
import { fileApprovedAssessment } from '../../bia/file-approval.ts';
import type { AssessmentDocument } from '../../bia/current.ts';
import { assessmentPolicyErrors, serviceBiaWarnings, staleAssessmentWarnings } from '../../bia/findings.ts';
import type { BiaFinding } from '../../bia/findings.ts';
import type { CheckedDocument } from './document-rules.ts';
import type { Finding } from './finding.ts';

function push(into: Finding[], { source }: CheckedDocument, findings: readonly BiaFinding[]): void {
  for (const { path, key, message } of findings)
    into.push({ file: source.file, ...source.locate(path, key ? { key } : undefined), message });
}

/** The BIA errors and warnings of a catalog, with staleness judged on `today` (YYYY-MM-DD). */
export function checkBia(
  documents: readonly CheckedDocument[],
  today: string,
  errors: Finding[],
  warnings: Finding[],
): void {
  const policies = documents.filter((checked) => checked.document?.kind === 'Policy');
  const first = policies[0];
  for (const extra of policies.slice(1)) {
    const at = first ? first.source.locate(['metadata', 'id']) : { line: 0, column: 0 };
    push(errors, extra, [
      {
        path: ['metadata', 'id'],
        message:
          `a catalog has at most one Policy: "${extra.id}" is another besides "${first?.id}" ` +
          `(${first?.source.file}:${at.line}:${at.column}); merge them`,
      },
    ]);
  }
  const policy = catalogPolicy(documents.map((checked) => checked.document));
  const assessments: { checked: CheckedDocument; document: AssessmentDocument }[] = [];
  for (const checked of documents) {
    const { document } = checked;
    if (document?.kind !== 'ImpactAssessment') continue;
    assessments.push({ checked, document });
    push(errors, checked, assessmentPolicyErrors(document.spec, policy));
  }
  const current = currentAssessments(assessments.map(({ document }) => fileApprovedAssessment(document)));
  const currentIds = new Set([...current.values()].map((document) => document.metadata.id));
  for (const { checked, document } of assessments)
    if (currentIds.has(document.metadata.id))
      push(warnings, checked, staleAssessmentWarnings(document, policy, today));
  // A catalog with neither a Policy nor an assessment does not run a BIA in Lifeboat yet: no service lacks one.
  if (policies.length === 0 && assessments.length === 0) return;
  for (const checked of documents) {
    const { document } = checked;
    if (document?.kind !== 'Service') continue;
    push(warnings, checked, serviceBiaWarnings(document, current.get(document.metadata.id), policy));
  }
}
