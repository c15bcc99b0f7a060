import type { CatalogDocument } from '../../catalog/kinds.ts';
import { recipientsOf } from '../../plans/call-tree.ts';
import type { Directory } from '../../plans/call-tree.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';

type PlanDocument = Extract<CatalogDocument, { kind: 'Plan' }>;

/** A document as a message names it: `"Loss of the North data centre" (plan-dc-north)`, or its id alone. */
export function named(document: CatalogDocument): string {
  const { id, name } = document.metadata;
  return name === undefined || name === id ? `"${id}"` : `"${name}" (${id})`;
}

/** The plans that are not retired, by id: what C07 and C08 judge one item each. */
export function livePlans(context: ComplianceContext): PlanDocument[] {
  return context
    .ofKind('Plan')
    .filter((plan) => plan.spec.status !== 'retired')
    .sort((a, b) => (a.metadata.id < b.metadata.id ? -1 : 1));
}

/** Whether a plan counts as approved: its derived status from the database; every plan from files. */
export function isApprovedPlan(context: ComplianceContext, plan: PlanDocument): boolean {
  if (plan.spec.status === 'retired') return false;
  return context.input.source === 'files' || plan.spec.status === 'approved';
}

/**
 * The evidence of a plan's approval: its latest frozen version (number, checksum, approver, date) from the
 * database, the plan document itself from files (where the repository's review is the approval).
 */
export function planEvidence(context: ComplianceContext, plan: PlanDocument): Evidence {
  const { id } = plan.metadata;
  const path = context.pathOf(plan);
  const version = context.versionsOf(id).at(-1);
  if (version === undefined)
    return { type: 'document', kind: 'Plan', id, title: `Plan ${named(plan)}`, path };
  const date = version.approvedAt.slice(0, 10);
  return {
    type: 'version',
    kind: 'Plan',
    id,
    version: version.number,
    checksum: version.checksum,
    date,
    title: `Plan ${named(plan)} version ${version.number}, approved by ${version.approvedBy} on ${date}`,
    path,
  };
}

/** How a message cites an approved plan: with its version and approval date when there is one. */
export function planCitation(context: ComplianceContext, plan: PlanDocument): string {
  const version = context.versionsOf(plan.metadata.id).at(-1);
  return version === undefined
    ? `plan ${named(plan)}`
    : `plan ${named(plan)} version ${version.number} of ${version.approvedAt.slice(0, 10)}`;
}

/** The People and Teams of the catalog, as the call-tree rules read them. */
function directoryOf(context: ComplianceContext): Directory {
  return {
    person(id) {
      const document = context.byId.get(id);
      if (document?.kind !== 'Person') return undefined;
      return {
        ...(document.metadata.name !== undefined && { name: document.metadata.name }),
        ...(document.spec.email !== undefined && { email: document.spec.email }),
        ...(document.spec.deputy !== undefined && { deputy: document.spec.deputy }),
      };
    },
    team(id) {
      const document = context.byId.get(id);
      if (document?.kind !== 'Team') return undefined;
      return {
        ...(document.metadata.name !== undefined && { name: document.metadata.name }),
        ...(document.spec.email !== undefined && { email: document.spec.email }),
        ...(document.spec.lead !== undefined && { lead: document.spec.lead }),
        ...(document.spec.members !== undefined && { members: document.spec.members }),
      };
    },
  };
}

/**
 * Why a call-tree contact cannot be reached, or undefined when it can. A contact reaches whom the call tree
 * reaches (src/plans/call-tree.ts recipientsOf): a Person; a Team's lead, else its members, else the team's own
 * address. One of them with a phone or an email will do; a Team's own address or on-call number also does.
 */
function unreachable(context: ComplianceContext, directory: Directory, id: string): string | undefined {
  const document = context.byId.get(id);
  const reachable = (person: string | undefined) => {
    const found = person === undefined ? undefined : context.byId.get(person);
    return found?.kind === 'Person' && (found.spec.email !== undefined || found.spec.phone !== undefined);
  };
  if (document?.kind === 'Person') return reachable(id) ? undefined : `"${id}" has no phone or email`;
  if (document?.kind !== 'Team') return `"${id}" is not a Person or Team of the catalog`;
  if (document.spec.email !== undefined || document.spec.onCall !== undefined) return undefined;
  const { recipients } = recipientsOf(directory, id);
  if (recipients.some((recipient) => reachable(recipient.person))) return undefined;
  if (document.spec.lead !== undefined)
    return `team "${id}"'s lead "${document.spec.lead}" has no phone or email`;
  if ((document.spec.members ?? []).length > 0) return `no member of team "${id}" has a phone or email`;
  return `team "${id}" has no lead, no members, no email and no on-call number`;
}

/** What an approved plan lacks of what C06 asks for, one phrase each (none: it is complete). */
function gaps(context: ComplianceContext, directory: Directory, plan: PlanDocument): string[] {
  const { spec } = plan;
  const missing: string[] = [];
  if (spec.activation.trim() === '') missing.push('no activation criteria');
  const contacts = spec.contacts ?? [];
  if (contacts.length === 0) missing.push('no call tree');
  for (const contact of contacts) {
    const why = unreachable(context, directory, contact.id);
    if (why !== undefined) missing.push(`a call-tree contact that cannot be reached (${why})`);
  }
  if ((spec.phases?.recovery ?? []).length === 0) missing.push('no recovery steps');
  if ((spec.phases?.reconstitution ?? []).length === 0) missing.push('no reconstitution steps');
  return missing;
}

/** `a, b and c`. */
function list(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** What a complete plan holds, for a passing message. */
function contents(plan: PlanDocument): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const phases = plan.spec.phases;
  return (
    `activation criteria, a call tree of ${count((plan.spec.contacts ?? []).length, 'reachable contact')}, ` +
    `${count((phases?.recovery ?? []).length, 'recovery step')} and ` +
    `${count((phases?.reconstitution ?? []).length, 'reconstitution step')}`
  );
}

/** One service's item: covered by a complete approved plan, or what is missing and which plan to fix. */
function serviceItem(
  context: ComplianceContext,
  directory: Directory,
  service: Extract<CatalogDocument, { kind: 'Service' }>,
): CheckItem {
  const id = service.metadata.id;
  const tier = service.spec.tier;
  const base = { id, kind: 'Service' as const };
  const covering = context
    .ofKind('Plan')
    .filter((plan) => plan.spec.status !== 'retired' && plan.spec.services.includes(id))
    .sort((a, b) => (a.metadata.id < b.metadata.id ? -1 : 1));
  if (covering.length === 0)
    return {
      ...base,
      status: 'fail',
      message: `No plan covers the tier ${tier} service ${named(service)}: write a plan that protects it and have it approved.`,
      path: context.pathOf(service),
    };
  const approved = covering.filter((plan) => isApprovedPlan(context, plan));
  if (approved.length === 0) {
    const plan = covering[0]!;
    const others = covering.length > 1 ? ` (nor are ${list(covering.slice(1).map(named))})` : '';
    return {
      ...base,
      status: 'fail',
      message: `The plan ${named(plan)} covers the tier ${tier} service ${named(service)} but is not approved${others}: submit it for approval.`,
      path: context.pathOf(plan),
    };
  }
  const judged = approved.map((plan) => ({ plan, missing: gaps(context, directory, plan) }));
  const complete = judged.find(({ missing }) => missing.length === 0);
  if (complete)
    return {
      ...base,
      status: 'pass',
      message: `Covered by the approved ${planCitation(context, complete.plan)}, with ${contents(complete.plan)}.`,
      path: context.pathOf(complete.plan),
      evidence: [planEvidence(context, complete.plan)],
    };
  // The plan closest to complete is the one to fix.
  const best = [...judged].sort((a, b) => a.missing.length - b.missing.length)[0]!;
  return {
    ...base,
    status: 'fail',
    message: `The approved ${planCitation(context, best.plan)} covering the tier ${tier} service ${named(service)} has ${list(best.missing)}: complete the plan and approve it again.`,
    path: context.pathOf(best.plan),
    evidence: [planEvidence(context, best.plan)],
  };
}

/** C06: every tier 1-2 service is covered by an approved, complete plan. */
export const plansCheck: ComplianceCheck = {
  id: 'C06',
  title: 'Services covered by complete approved plans',
  rule:
    'Every tier 1-2 service is covered by an approved plan (not retired) that has activation criteria, a call ' +
    'tree whose every contact can be reached by phone or email (a Team through its lead, its members, its own ' +
    'address or its on-call number), recovery steps and reconstitution steps.',
  references: [
    { framework: 'iso22301', clause: '8.4.2' },
    { framework: 'iso22301', clause: '8.4.3' },
    { framework: 'iso22301', clause: '8.4.4' },
    { framework: 'iso22301', clause: '8.4.5' },
    { framework: 'nist-800-34', clause: '4.2' },
    { framework: 'nist-800-34', clause: '4.3' },
    { framework: 'nist-800-34', clause: '4.4' },
    { framework: 'dora', clause: 'Art. 11(4)' },
    { framework: 'nis2', clause: 'Art. 21(2)(c)' },
  ],
  defaults: { tiers: [1, 2], severity: 'high' },
  items(context) {
    const tiers = new Set(context.scopeOf('C06').tiers);
    const directory = directoryOf(context);
    return context
      .ofKind('Service')
      .filter((service) => tiers.has(service.spec.tier))
      .sort((a, b) => a.spec.tier - b.spec.tier || (a.metadata.id < b.metadata.id ? -1 : 1))
      .map((service) => serviceItem(context, directory, service));
  },
};
