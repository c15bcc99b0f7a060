/**
 * Impact assessments as the approval workflow leaves them: each read derives draft, submitted or approved from
 * the frozen versions and the submissions and returns (src/catalog/versions.ts); the analyses take the latest
 * approved version of each assessment.
 */
import type { DocumentOf } from '../../catalog/kinds.ts';
import { approvalView } from '../../catalog/versions.ts';
import type { FrozenVersion, ReviewEvent } from '../../catalog/versions.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createVersionRepository, frozenVersionOf } from '../repositories/version.repository.ts';
import type { ReviewEventRow } from '../repositories/version.repository.ts';

/** An impact assessment document. */
export type AssessmentDocument = DocumentOf<'ImpactAssessment'>;

/** A frozen version of an impact assessment. */
export type AssessmentVersion = FrozenVersion<AssessmentDocument>;

/** A stored submission or return as the rules read it. */
export function reviewEventOf(row: ReviewEventRow): ReviewEvent {
  return {
    action: row.action === 'return' ? 'return' : 'submit',
    actor: row.actor,
    at: row.at,
    checksum: row.checksum,
    ...(row.comment !== null && { comment: row.comment }),
  };
}

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

/** Impact assessments as clients read them: with the status their versions, submissions and returns give. */
export async function assessmentViews(
  database: LifeboatDatabase,
  documents: readonly AssessmentDocument[],
): Promise<AssessmentDocument[]> {
  if (documents.length === 0) return [];
  const ids = documents.map((document) => document.metadata.id);
  const repository = createVersionRepository(database.db, 'ImpactAssessment');
  const latest = new Map(
    (await repository.latest(ids)).map((row) => [row.document_id, frozenVersionOf<AssessmentDocument>(row)]),
  );
  const events = new Map<string, ReviewEvent[]>();
  for (const row of await repository.events(ids)) {
    const list = events.get(row.document_id) ?? [];
    list.push(reviewEventOf(row));
    events.set(row.document_id, list);
  }
  return documents.map((document) =>
    approvalView(document, latest.get(document.metadata.id), events.get(document.metadata.id)),
  );
}
