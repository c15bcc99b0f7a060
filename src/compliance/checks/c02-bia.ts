import { currentAssessments, serviceBia } from '../../bia/current.ts';
import type { AssessmentDocument } from '../../bia/current.ts';
import { assessmentDueOn } from '../../bia/findings.ts';
import { formatDuration, parseDuration } from '../../catalog/duration.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';
import { scopedServices, serviceName } from './c01-objectives.ts';

/**
 * The evidence of a document: from the database, its latest frozen (approved) version with number and checksum;
 * otherwise the document itself.
 */
export function documentEvidence(context: ComplianceContext, document: CatalogDocument): Evidence {
  const { id } = document.metadata;
  const title = document.metadata.name ?? id;
  const path = context.pathOf(document);
  const version = context.input.source === 'database' ? context.versionsOf(id).at(-1) : undefined;
  if (!version) return { type: 'document', kind: document.kind, id, title, path };
  const date = version.approvedAt.slice(0, 10);
  return {
    type: 'version',
    kind: document.kind,
    id,
    title: `${title} version ${version.number}, approved by ${version.approvedBy} on ${date}`,
    path,
    version: version.number,
    checksum: version.checksum,
    date,
  };
}

/** An approved assessment: its approved content, the day it counts from, and the evidence of its approval. */
export interface Approved {
  assessment: AssessmentDocument;
  /** YYYY-MM-DD: the approval day (database), the assessment's `assessedOn` (files); null when unknown. */
  date: string | null;
  evidence: Evidence;
}

/**
 * The approved impact assessments. From the database, an assessment's latest frozen version is its approved
 * content (a later draft does not count until approved); an approved assessment whose versions were not passed
 * in stands for itself. From files every assessment counts as approved, dated by its own `assessedOn`.
 */
export function approvedAssessments(context: ComplianceContext): Map<string, Approved> {
  const approved = new Map<string, Approved>();
  for (const document of context.ofKind('ImpactAssessment')) {
    const { id } = document.metadata;
    const path = context.pathOf(document);
    const title = document.metadata.name ?? id;
    if (context.input.source === 'files') {
      const date = document.spec.assessedOn;
      approved.set(id, {
        assessment: document,
        date,
        evidence: {
          type: 'document',
          kind: 'ImpactAssessment',
          id,
          title: `${title}, assessed on ${date}`,
          path,
          date,
        },
      });
      continue;
    }
    const version = context.versionsOf(id).at(-1);
    if (version?.document.kind === 'ImpactAssessment') {
      const date = version.approvedAt.slice(0, 10);
      approved.set(id, { assessment: version.document, date, evidence: documentEvidence(context, document) });
    } else if (document.spec.status === 'approved') {
      const date = document.spec.approvedAt?.slice(0, 10) ?? null;
      approved.set(id, {
        assessment: document,
        date,
        evidence: { type: 'document', kind: 'ImpactAssessment', id, title, path, ...(date ? { date } : {}) },
      });
    }
  }
  return approved;
}

/** What is looser in the declared objectives than the BIA's: `MTPD 3d is later than the 1d it derives`. */
function looser(
  spec: { mtpd?: string | undefined; rto?: string | undefined },
  assessment: AssessmentDocument,
  context: ComplianceContext,
): { problems: string[]; within: string } {
  const figures = serviceBia(assessment.spec, context.policy);
  const derived = figures.derivedMtpdMinutes;
  const suggested = figures.suggestedRtoMinutes;
  if (derived === undefined)
    return {
      problems: [],
      within: `its impacts never reach the tolerance (level ${context.policy.impact.tolerance})`,
    };
  const problems: string[] = [];
  const mtpd = spec.mtpd === undefined ? undefined : parseDuration(spec.mtpd);
  if (mtpd !== undefined && mtpd > derived)
    problems.push(`the declared MTPD ${spec.mtpd} is later than the ${formatDuration(derived)} it derives`);
  const rto = spec.rto === undefined ? undefined : parseDuration(spec.rto);
  if (rto !== undefined && suggested !== undefined && rto > suggested)
    problems.push(`the declared RTO ${spec.rto} is over the ${formatDuration(suggested)} it suggests`);
  const declared = [
    spec.mtpd === undefined ? '' : `MTPD ${spec.mtpd}`,
    spec.rto === undefined ? '' : `RTO ${spec.rto}`,
  ].filter(Boolean);
  const bounds = `MTPD ${formatDuration(derived)}${suggested === undefined ? '' : `, RTO ${formatDuration(suggested)}`}`;
  return {
    problems,
    within:
      declared.length === 0
        ? `it derives ${bounds}`
        : `declared ${declared.join(' and ')} within the ${bounds} it derives`,
  };
}

/**
 * C02: every service of the scoped tiers (1-2 by default) has a current approved BIA (src/bia/current.ts) approved
 * within the policy's review interval, and declares objectives no looser than that BIA's (src/bia/findings.ts).
 */
export const biaCheck: ComplianceCheck = {
  id: 'C02',
  title: 'Business impact analysis approved and current',
  rule:
    "Every tier 1-2 service has an approved BIA whose approval is less than the policy's review interval old " +
    '(52 weeks by default; due again on approval day + interval, failing from that day), and its declared MTPD ' +
    'and RTO are no longer than the MTPD the BIA derives and the RTO it suggests. From catalog files, where ' +
    'approval is the repository review, the assessment date stands for the approval date. An assessment records ' +
    'no RPO, so the RPO is left to C01 and C04.',
  references: [
    { framework: 'iso22301', clause: '8.2.1' },
    { framework: 'iso22301', clause: '8.2.2' },
    { framework: 'nist-800-34', clause: '3.2' },
    { framework: 'dora', clause: 'Art. 11(5)' },
  ],
  defaults: { tiers: [1, 2], severity: 'high' },
  items(context) {
    const approved = approvedAssessments(context);
    const byAssessment = new Map([...approved.values()].map((entry) => [entry.assessment, entry]));
    const current = currentAssessments([...approved.values()].map((entry) => entry.assessment));
    return scopedServices(context, 'C02').map((service): CheckItem => {
      const { id } = service.metadata;
      const name = serviceName(service);
      const assessment = current.get(id);
      const entry = assessment && byAssessment.get(assessment);
      if (!assessment || !entry) {
        const pending = context
          .ofKind('ImpactAssessment')
          .filter((document) => document.spec.service === id)
          .map((document) => document.metadata.id)
          .sort();
        return {
          id,
          kind: 'Service',
          status: 'fail',
          message:
            pending.length === 0
              ? `${name} has no BIA: assess its impacts and have the assessment approved.`
              : `${name} has no approved BIA: have ${pending.map((p) => `"${p}"`).join(', ')} approved.`,
          path: context.pathOf(service),
        };
      }
      const bia = `the BIA "${assessment.metadata.id}"`;
      const due = entry.date === null ? null : assessmentDueOn(entry.date, context.policy);
      const when =
        entry.date === null
          ? `${bia} is approved (its approval date is unknown)`
          : `${bia} was ${context.input.source === 'files' ? 'assessed' : 'approved'} on ${entry.date}`;
      const { problems, within } = looser(service.spec, assessment, context);
      const evidence = [entry.evidence];
      if (due !== null && due <= context.at)
        return {
          id,
          kind: 'Service',
          status: 'fail',
          message: `${name}: ${when} and was due again on ${due}; review it and have it approved again.`,
          path: context.pathOf(context.byId.get(assessment.metadata.id) ?? assessment),
          evidence,
        };
      if (problems.length > 0)
        return {
          id,
          kind: 'Service',
          status: 'fail',
          message: `${name}: ${problems.join(' and ')} by ${bia}; tighten the objectives to the BIA's.`,
          path: context.pathOf(service),
          evidence,
        };
      return {
        id,
        kind: 'Service',
        status: 'pass',
        message: `${name}: ${when}${due === null ? '' : `, due again ${due}`}; ${within}.`,
        path: context.pathOf(service),
        evidence,
      };
    });
  },
};
