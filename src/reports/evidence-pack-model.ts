/**
 * The auditor's evidence pack for one framework and a period: each requirement with its status and the checks
 * that evidence it, each check's items with their evidence, the approved plan and BIA versions with their
 * checksums, the exercises and incidents of the period, the risk acceptances, the statements on manual
 * requirements, and the audit log's head, so an auditor can verify later that nothing changed since. One model,
 * resolved to names and texts, that the PDF and the HTML render alike. Pure: the caller passes the report, the
 * documents, the frozen versions, the audit state and the time it was generated.
 */
import type { CatalogDocument, Kind } from '../catalog/kinds.ts';
import { contentChecksum } from '../catalog/versions.ts';
import type { FrozenVersion } from '../catalog/versions.ts';
import type { CheckResult, ComplianceInput, ComplianceReport, Evidence, RequirementResult } from '../compliance/types.ts';
import type { EngineGraph } from '../engine/index.ts';
import { graphOf, inPeriod, packHeader, percentText, periodExercises, periodIncidents } from './compliance-period.ts';
import type { PackHeader, PeriodExercise, PeriodIncident } from './compliance-period.ts';
import { documentName } from './pack-model.ts';

/** One requirement of the framework, with its status and, for a manual one, the statements made about it. */
export interface PackRequirement {
  clause: string;
  title: string;
  /** The checks that evidence it (`C06, C07`), or `manual`. */
  checks: string;
  status: RequirementResult['status'];
  statements: { id: string; text: string; madeBy: string; date: string }[];
}

/** One check's result with its items and each item's evidence as text. */
export interface PackCheck {
  id: string;
  title: string;
  rule: string;
  severity: string;
  status: CheckResult['status'];
  passed: number;
  failed: number;
  /** The clauses of this framework it evidences (`8.4, 8.4.1`). */
  clauses: string;
  items: { id: string; kind: string; status: 'pass' | 'fail'; message: string; evidence: string[] }[];
}

/** A frozen version of a plan or an assessment, as the pack lists it. */
export interface PackVersion {
  /** The document's id. */
  id: string;
  name: string;
  /** For an assessment, the service it assesses. */
  about: string;
  /** Null from files: the repository's review approves, there is no frozen version. */
  version: number | null;
  approvedBy: string;
  approvedAt: string;
  /** SHA-256 of the approved content (src/catalog/versions.ts `contentChecksum`). */
  checksum: string;
  /** In force at the end of the period, or superseded by which version. */
  note: string;
}

/** A risk with an acceptance: who accepted it, when, until when, and whether it is in force at the period's end. */
export interface PackAcceptance {
  id: string;
  name: string;
  decision: string;
  by: string;
  on: string;
  until: string;
  state: string;
}

/** Everything an evidence pack prints, already resolved. */
export interface EvidencePackModel {
  header: PackHeader;
  framework: { id: string; title: string };
  source: ComplianceInput['source'];
  /** The date the checks were evaluated at (the period's end). */
  at: string;
  score: string;
  /** How many requirements have each status, in the order the summary prints them. */
  requirementCounts: { status: RequirementResult['status']; count: number }[];
  requirements: PackRequirement[];
  checks: PackCheck[];
  plans: PackVersion[];
  /** The plans with no approved version at the period's end (names). */
  plansNotApproved: string[];
  assessments: PackVersion[];
  assessmentsNotApproved: string[];
  /** What approval means for this source: frozen versions, or the repository's review of files. */
  approvalNote: string;
  exercises: PeriodExercise[];
  incidents: PeriodIncident[];
  acceptances: PackAcceptance[];
  /** The audit log's head and how to check it later; null from files (there is no audit log). */
  audit: {
    sequence: number;
    hash: string;
    at: string;
    entries: number;
    valid: boolean;
    /** When the chain did not verify as the pack was made: the first broken entry and why. */
    broken: string | null;
    verify: string;
  } | null;
  /** Why there is no audit head (files, or an empty log). */
  auditNote: string;
}

/** What the evidence pack is built from. */
export interface EvidencePackInput {
  /** The compliance report of one framework at the period's end. */
  report: ComplianceReport;
  /** The catalog as clients read it (plans and assessments with their derived approval). */
  documents: readonly CatalogDocument[];
  source: ComplianceInput['source'];
  /** Frozen versions by document id, oldest first (database only). */
  versions?: ReadonlyMap<string, readonly FrozenVersion[]> | undefined;
  /** The audit log's state (database only). */
  audit?: ComplianceInput['audit'];
  from: string;
  to: string;
  generatedAt: Date;
  /** The catalog's engine graph when the caller has it; built from the documents otherwise. */
  graph?: EngineGraph;
}

const STATUS_ORDER: readonly RequirementResult['status'][] = ['pass', 'fail', 'not-applicable', 'manual'];

/** An evidence link as text: its title, and the checksum of a frozen version or the audit head's hash. */
export function evidenceText(evidence: Evidence): string {
  if (evidence.checksum === undefined) return evidence.title;
  return `${evidence.title} (${evidence.type === 'audit' ? 'hash' : 'SHA-256'} ${evidence.checksum})`;
}

/** The sentence that tells an auditor how to check the head later. */
export function auditVerifyText(sequence: number, hash: string): string {
  return (
    `To verify later: GET /api/v1/audit/verify must answer ok with at least ${sequence} entries, and the entry at ` +
    `sequence ${sequence} (GET /api/v1/audit?cursor=${sequence - 1}&limit=1) must have the hash ${hash}. ` +
    'Another hash there, or a shorter chain, means the history this pack was made from has been changed.'
  );
}

/**
 * The versions a pack lists for each document of a kind: the one in force at the period's end (the latest
 * approved on or before `to`) and every one approved within the period; and the documents with none in force.
 */
function approvedVersions(
  input: EvidencePackInput,
  kind: Kind,
  about: (document: CatalogDocument) => string,
): { rows: PackVersion[]; none: string[] } {
  const byId = new Map(input.documents.map((document) => [document.metadata.id, document]));
  const rows: PackVersion[] = [];
  const none: string[] = [];
  for (const document of input.documents) {
    if (document.kind !== kind) continue;
    const id = document.metadata.id;
    const name = documentName(byId, id);
    if (input.source === 'files') {
      const spec = document.spec as { approvedBy?: string; approvedAt?: string };
      rows.push({
        id,
        name,
        about: about(document),
        version: null,
        approvedBy: spec.approvedBy ?? '-',
        approvedAt: spec.approvedAt ?? '-',
        checksum: contentChecksum(document),
        note: "the file as reviewed in the repository",
      });
      continue;
    }
    const versions = input.versions?.get(id) ?? [];
    const upToEnd = versions.filter((version) => version.approvedAt.slice(0, 10) <= input.to);
    const inForce = upToEnd.at(-1);
    if (inForce === undefined) {
      none.push(name);
      continue;
    }
    for (const version of upToEnd) {
      if (version !== inForce && !inPeriod(version.approvedAt, input)) continue;
      const next = versions.find((other) => other.number > version.number);
      rows.push({
        id,
        name,
        about: about(document),
        version: version.number,
        approvedBy: version.approvedBy,
        approvedAt: version.approvedAt,
        checksum: version.checksum,
        note:
          version === inForce
            ? `in force on ${input.to}${next === undefined ? '' : `; version ${next.number} approved ${next.approvedAt.slice(0, 10)}`}`
            : `approved in the period; superseded by version ${next!.number}`,
      });
    }
  }
  return { rows, none };
}

/** A risk acceptance's state at the period's end. */
function acceptanceState(acceptance: { on: string; until: string }, to: string): string {
  if (acceptance.on > to) return `not yet given on ${to}`;
  if (acceptance.until < to) return `expired on ${acceptance.until}`;
  return `in force on ${to}`;
}

/** Builds the evidence pack's model. */
export function evidencePackModel(input: EvidencePackInput): EvidencePackModel {
  const framework = input.report.frameworks[0];
  if (framework === undefined) throw new Error('the evidence pack needs the report of one framework');
  const { documents } = input;
  const byId = new Map(documents.map((document) => [document.metadata.id, document]));
  const nameOf = (id: string) => documentName(byId, id);
  const period = { from: input.from, to: input.to };

  const requirements = framework.requirements.map(
    (requirement): PackRequirement => ({
      clause: requirement.clause,
      title: requirement.title,
      checks: requirement.checks.length === 0 ? 'manual' : requirement.checks.join(', '),
      status: requirement.status,
      statements: (requirement.statements ?? []).map((statement) => ({
        ...statement,
        madeBy: nameOf(statement.madeBy),
      })),
    }),
  );
  const checks = input.report.checks.map(
    (check): PackCheck => ({
      id: check.id,
      title: check.title,
      rule: check.rule,
      severity: check.severity,
      status: check.status,
      passed: check.passed,
      failed: check.failed,
      clauses: check.references
        .filter((reference) => reference.framework === framework.id)
        .map((reference) => reference.clause)
        .join(', '),
      items: check.items.map((item) => ({
        id: item.id,
        kind: item.kind,
        status: item.status,
        message: item.message,
        evidence: (item.evidence ?? []).map(evidenceText),
      })),
    }),
  );

  const plans = approvedVersions(input, 'Plan', () => '');
  const assessments = approvedVersions(input, 'ImpactAssessment', (document) =>
    document.kind === 'ImpactAssessment' ? nameOf(document.spec.service) : '',
  );

  const acceptances = documents.flatMap((document): PackAcceptance[] => {
    if (document.kind !== 'Risk' || document.spec.acceptance === undefined) return [];
    const { acceptance, treatment } = document.spec;
    return [
      {
        id: document.metadata.id,
        name: nameOf(document.metadata.id),
        decision: treatment?.decision ?? '-',
        by: nameOf(acceptance.by),
        on: acceptance.on,
        until: acceptance.until,
        state: acceptanceState(acceptance, input.to),
      },
    ];
  });

  const head = input.audit?.head ?? null;
  const audit =
    input.source === 'database' && input.audit && head
      ? {
          sequence: head.sequence,
          hash: head.hash,
          at: head.at,
          entries: input.audit.entries,
          valid: input.audit.valid,
          broken: input.audit.firstBroken
            ? `entry ${input.audit.firstBroken.sequence}: ${input.audit.firstBroken.reason}`
            : null,
          verify: auditVerifyText(head.sequence, head.hash),
        }
      : null;

  return {
    header: packHeader({
      documents,
      title: 'Evidence pack',
      framework: framework.title,
      period,
      generatedAt: input.generatedAt,
    }),
    framework: { id: framework.id, title: framework.title },
    source: input.source,
    at: input.report.at,
    score: percentText(input.report.score),
    requirementCounts: STATUS_ORDER.map((status) => ({
      status,
      count: requirements.filter((requirement) => requirement.status === status).length,
    })).filter((entry) => entry.count > 0),
    requirements,
    checks,
    plans: plans.rows,
    plansNotApproved: plans.none,
    assessments: assessments.rows,
    assessmentsNotApproved: assessments.none,
    approvalNote:
      input.source === 'files'
        ? 'Made from catalog files: approval is the review of the repository they are kept in, and each checksum is of the file as read.'
        : `Each approval froze the document as a numbered version; the checksum is the SHA-256 of the approved content. Listed: the version in force on ${input.to} and every version approved from ${input.from}.`,
    exercises: periodExercises(documents, period, graphOf(documents, input.graph)),
    incidents: periodIncidents(documents, period),
    acceptances,
    audit,
    auditNote:
      input.source === 'files'
        ? 'Made from catalog files: there is no audit log. Their history is the repository\'s.'
        : audit === null
          ? 'The audit log is empty.'
          : '',
  };
}
