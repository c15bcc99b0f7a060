/**
 * Impact assessments as the approval workflow leaves them: each read derives draft, submitted or approved from
 * the frozen versions and the submissions and returns (src/catalog/versions.ts); the analyses take the latest
 * approved version of each assessment.
 */
import type { DocumentOf } from '../../catalog/kinds.ts';
import type { FrozenVersion } from '../../catalog/versions.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createVersionRepository, frozenVersionOf } from '../repositories/version.repository.ts';

/** An impact assessment document. */
export type AssessmentDocument = DocumentOf<'ImpactAssessment'>;

/** A frozen version of an impact assessment. */
export type AssessmentVersion = FrozenVersion<AssessmentDocument>;

/**
 * The latest frozen version document of each approved impact assessment whose document still exists, in id
 * order: what the BIA analyses count. An assessment edited since its approval still counts as approved at its
 * latest version (its edit is a draft until approved again); one never approved does not count.
 */
export async function approvedAssessments(database: LifeboatDatabase): Promise<AssessmentDocument[]> {
  const existing = new Set(
    (await createDocumentRepository(database.db).allOfKind('ImpactAssessment')).map((row) => row.id),
  );
  const rows = await createVersionRepository(database.db, 'ImpactAssessment').latest();
  return rows
    .filter((row) => existing.has(row.document_id))
    .sort((a, b) => (a.document_id < b.document_id ? -1 : a.document_id > b.document_id ? 1 : 0))
    .map((row) => frozenVersionOf<AssessmentDocument>(row).document);
}
