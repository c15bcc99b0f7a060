/**
 * Approval of assessments read from catalog files, analysed without a database (the command line, the checker):
 * there, approval is the repository's review process (a merged pull request), as it is for plans.
 */
import { storedForm } from '../catalog/versions.ts';
import type { AssessmentDocument } from './current.ts';

/** An assessment from files as it counts: approved, whatever approval fields it claims (`fileApprovedPlan`). */
export function fileApprovedAssessment(document: AssessmentDocument): AssessmentDocument {
  const stored = storedForm(document);
  return { ...stored, spec: { ...stored.spec, status: 'approved' } };
}
