import { formatDuration } from '../catalog/duration.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { PLAN_PHASES } from '../catalog/kinds.schema.ts';
import type { RecoveryOrder } from '../plans/recovery-order.ts';
import type { ReviewStatus } from '../plans/review.ts';
import type { StepOrderProblem } from '../plans/step-order.ts';
import type { PlanDocument } from '../plans/versions.ts';
import { timelineOf } from './pack-timeline.ts';
import type { Timeline } from './pack-timeline.ts';

/** One row of the call tree, resolved to names and numbers so the pack needs nothing else to be useful. */
export interface PackContact {
  order: number;
  id: string;
  name: string;
  kind: string;
  role: string;
  phone: string;
  escalateAfter: string;
  deputy: { name: string; phone: string } | null;
}

/** Everything a plan pack prints, already resolved: the PDF and the HTML render the same model. */
export interface PackModel {
  id: string;
  title: string;
  description: string;
  status: string;
  version: { number: number | null; checksum: string; approvedBy: string | null; approvedAt: string | null };
  exportedAt: string;
  review: { lastReviewed: string | null; nextReview: string | null; due: boolean; reasons: string[] };
  owner: string;
  scenario: { description: string; fail: string[] };
  activation: string;
  contacts: PackContact[];
  phases: { name: string; steps: { id: string; title: string; owner: string; duration: string; after: string[]; details: string }[] }[];
  recovery: {
    items: { id: string; name: string; kind: string; start: number; end: number; waitsFor: string[] }[];
    unrecoverable: { id: string; cycle: string[] }[];
  };
  /** The recovery order on a compressed time axis, laid out once for both packs (see pack-timeline.ts). */
  timeline: Timeline;
  stepProblems: string[];
  services: {
    id: string;
    name: string;
    tier: number | null;
    rto: string;
    rpo: string;
    mtpd: string;
    restore: string;
    breach: string;
  }[];
}

const PHASE_TITLES: Record<(typeof PLAN_PHASES)[number], string> = {
  activation: 'Activation and notification',
  recovery: 'Recovery',
  reconstitution: 'Reconstitution (return to normal)',
};

/** Minutes as a duration string, or a dash. */
export function minutesText(minutes: number | null | undefined): string {
  return minutes === null || minutes === undefined ? '-' : formatDuration(Math.round(minutes));
}

/** A document's name (its id when it has none or is not in the catalog): what every report prints for a reference. */
export function documentName(documents: ReadonlyMap<string, CatalogDocument>, id: string): string {
  return documents.get(id)?.metadata.name ?? id;
}

/** Builds a pack's model from a plan (as approved, or the draft), the catalog and the computed order. */
export function buildPackModel(input: {
  plan: PlanDocument;
  version: PackModel['version'];
  documents: ReadonlyMap<string, CatalogDocument>;
  recovery: RecoveryOrder & { stepProblems: StepOrderProblem[] };
  review: ReviewStatus;
  exportedAt: Date;
}): PackModel {
  const { plan, documents, recovery } = input;
  const nameOf = (id: string): string => documentName(documents, id);
  const phoneOf = (id: string): string => {
    const document = documents.get(id);
    if (document?.kind === 'Person') return document.spec.phone ?? '-';
    if (document?.kind === 'Team') return document.spec.onCall ?? '-';
    if (document?.kind === 'Vendor') return document.spec.phone ?? '-';
    return '-';
  };
  const contacts = (plan.spec.contacts ?? []).map((contact, index): PackContact => {
    const document = documents.get(contact.id);
    const deputyId = document?.kind === 'Person' ? document.spec.deputy : document?.kind === 'Team' ? document.spec.lead : undefined;
    const ownRole = document?.kind === 'Person' ? (document.spec.role ?? '') : '';
    return {
      order: index + 1,
      id: contact.id,
      name: nameOf(contact.id),
      kind: document?.kind ?? '?',
      role: contact.role ?? ownRole,
      phone: phoneOf(contact.id),
      escalateAfter: contact.escalateAfter ?? '-',
      deputy: deputyId === undefined ? null : { name: nameOf(deputyId), phone: phoneOf(deputyId) },
    };
  });
  const inScope = new Set(plan.spec.services);
  const services = plan.spec.services.map((id) => {
    const document = documents.get(id);
    const spec = document?.kind === 'Service' ? document.spec : undefined;
    const outcome = recovery.services.find((service) => service.id === id);
    const breaches = [outcome?.rtoBreach && 'RTO', outcome?.mtpdBreach && 'MTPD'].filter(Boolean).join(', ');
    return {
      id,
      name: nameOf(id),
      tier: spec?.tier ?? null,
      rto: spec?.rto ?? '-',
      rpo: spec?.rpo ?? '-',
      mtpd: spec?.mtpd ?? '-',
      restore: outcome?.down ? minutesText(outcome.restoreMinutes) : 'stays up',
      breach: breaches === '' ? '-' : breaches,
    };
  });
  const items = recovery.items.map((item) => ({
    id: item.id,
    name: nameOf(item.id),
    kind: item.kind,
    start: item.startMinutes,
    end: item.endMinutes,
    waitsFor: item.waitsFor,
  }));
  const unrecoverable = recovery.unrecoverable.filter((item) => inScope.has(item.id) || recovery.items.length === 0);
  return {
    id: plan.metadata.id,
    title: plan.metadata.name ?? plan.metadata.id,
    description: plan.metadata.description ?? '',
    status: plan.spec.status ?? 'draft',
    version: input.version,
    exportedAt: input.exportedAt.toISOString(),
    review: {
      lastReviewed: plan.spec.lastReviewed ?? null,
      nextReview: input.review.nextReview,
      due: input.review.due,
      reasons: input.review.reasons,
    },
    owner: nameOf(plan.spec.owner),
    scenario: { description: plan.spec.scenario.description, fail: plan.spec.scenario.fail },
    activation: plan.spec.activation,
    contacts,
    phases: PLAN_PHASES.map((phase) => ({
      name: PHASE_TITLES[phase],
      steps: (plan.spec.phases?.[phase] ?? []).map((step) => ({
        id: step.id,
        title: step.title,
        owner: step.owner === undefined ? '-' : `${nameOf(step.owner)} (${phoneOf(step.owner)})`,
        duration: step.duration ?? '-',
        after: step.after ?? [],
        details: step.details ?? '',
      })),
    })),
    recovery: {
      items,
      unrecoverable: recovery.unrecoverable.length > 0 ? recovery.unrecoverable : unrecoverable,
    },
    timeline: timelineOf(items),
    stepProblems: recovery.stepProblems.map((problem) => problem.message),
    services,
  };
}
