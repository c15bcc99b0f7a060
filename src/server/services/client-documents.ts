/**
 * The catalog as clients read it: plans and impact assessments carry the approval status their frozen versions,
 * submissions and returns give (src/catalog/versions.ts); every other document is as stored. The reminders and
 * the compliance checks read the catalog this way.
 */
import { KIND_NAMES } from '../../catalog/kinds.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { hasApproval } from '../../catalog/versions.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createApprovalService } from './approval.service.ts';
import { rowToDocument } from './document-mapping.ts';

/** `documents` as clients read them, in the same order: each approved kind's documents through its approval view. */
export async function clientViews(
  database: LifeboatDatabase,
  documents: readonly CatalogDocument[],
): Promise<CatalogDocument[]> {
  const views = new Map<string, CatalogDocument>();
  for (const kind of KIND_NAMES.filter(hasApproval)) {
    // Reading views freezes nothing, so the approval service's clock is never read here.
    const approval = createApprovalService({ database, now: () => new Date(), kind });
    for (const view of await approval.views(documents.filter((document) => document.kind === kind)))
      views.set(view.metadata.id, view);
  }
  return documents.map((document) => views.get(document.metadata.id) ?? document);
}

/** Every stored document as clients read it. */
export async function clientCatalog(database: LifeboatDatabase): Promise<CatalogDocument[]> {
  const rows = await createDocumentRepository(database.db).all();
  return clientViews(database, rows.map(rowToDocument));
}
