/**
 * C17: the records an auditor relies on cannot have changed unnoticed (ISO 22301 7.5, control of documented
 * information): every approved plan and impact assessment says what a frozen version says (src/catalog/versions.ts
 * `matchesFrozen`, compared by content), and the audit log's hash chain verifies. Only a catalog kept in the
 * database has versions and an audit log: from files, where approval is the repository's review, it does not apply.
 */
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { hasApproval, matchesFrozen } from '../../catalog/versions.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext } from '../types.ts';

/** The first characters of a hash, enough for a person to compare. */
const short = (hash: string) => hash.slice(0, 12);

/** `Plan`, `ImpactAssessment` as a person reads it: `plan`, `impact assessment`. */
const kindWords = (kind: string) => kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** One approved document's item: the frozen version it matches, or why none does. */
function documentItem(context: ComplianceContext, document: CatalogDocument): CheckItem {
  const { id } = document.metadata;
  const name = document.metadata.name ?? id;
  const what = `${kindWords(document.kind)} ${name}`;
  const path = context.pathOf(document);
  const versions = context.versionsOf(id);
  const base = { id, kind: document.kind, path };
  const match = versions.findLast((version) => matchesFrozen(document, version));
  if (!match) {
    const latest = versions.at(-1);
    return {
      ...base,
      status: 'fail',
      message: latest
        ? `The ${what} shows as approved but its content differs from every frozen version (the latest is version ${latest.number}, approved on ${latest.approvedAt.slice(0, 10)}): submit it for approval again.`
        : `The ${what} shows as approved but has no frozen version: submit it for approval so the approval is recorded.`,
    };
  }
  const date = match.approvedAt.slice(0, 10);
  return {
    ...base,
    status: 'pass',
    message: `The ${what} is version ${match.number}, approved by ${match.approvedBy} on ${date} (checksum ${short(match.checksum)}).`,
    evidence: [
      {
        type: 'version',
        kind: document.kind,
        id,
        version: match.number,
        checksum: match.checksum,
        date,
        title: `${document.kind} ${name} version ${match.number}, approved by ${match.approvedBy} on ${date}`,
        path,
      },
    ],
  };
}

/** The audit chain's item, when the input gives its state. */
function auditItem(context: ComplianceContext): CheckItem | undefined {
  const audit = context.input.audit;
  if (!audit) return undefined;
  const base = { id: 'audit-log', kind: 'Catalog' as const };
  if (!audit.valid) {
    const broken = audit.firstBroken;
    return {
      ...base,
      status: 'fail',
      message: broken
        ? `The audit log's hash chain breaks at entry ${broken.sequence} (${broken.reason}): the log was altered after it was written; investigate it from that entry on.`
        : `The audit log's hash chain does not verify: see GET /api/v1/audit/verify and investigate it.`,
    };
  }
  const { head } = audit;
  if (!head)
    return {
      ...base,
      status: 'pass',
      message: 'The audit log holds no entry yet: nothing can have been altered.',
    };
  const date = head.at.slice(0, 10);
  return {
    ...base,
    status: 'pass',
    message: `The audit log's hash chain verifies over ${audit.entries} entr${audit.entries === 1 ? 'y' : 'ies'}; its head is entry ${head.sequence} of ${date}, hash ${short(head.hash)}.`,
    evidence: [
      {
        type: 'audit',
        id: String(head.sequence),
        checksum: head.hash,
        date,
        title: `Audit log head: entry ${head.sequence} of ${date}, hash ${head.hash}`,
      },
    ],
  };
}

/** C17 Evidence integrity (see the file header). */
export const evidenceCheck: ComplianceCheck = {
  id: 'C17',
  title: 'Approvals frozen and audit log intact',
  rule:
    'Every plan and impact assessment that shows as approved has the content of one of its frozen versions, and ' +
    "the audit log's hash chain verifies from its first entry to its head. It applies to a catalog kept in the " +
    'database (catalog files have neither versions nor an audit log).',
  references: [{ framework: 'iso22301', clause: '7.5' }],
  defaults: { tiers: [], severity: 'high' },
  items(context) {
    if (context.input.source !== 'database') return [];
    const items = context.documents
      .filter(
        (document) =>
          hasApproval(document.kind) && (document.spec as { status?: string }).status === 'approved',
      )
      .map((document) => documentItem(context, document));
    const audit = auditItem(context);
    if (audit) items.push(audit);
    return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
