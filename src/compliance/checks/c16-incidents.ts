/**
 * C16: every closed incident (one resolved by the evaluation day) records its root cause, the lessons learnt and
 * corrective actions, each owned by someone (ISO 22301 10.1: react to the nonconformity, evaluate its causes, take
 * action). An incident still open is being handled and is not judged yet.
 */
import type { DocumentOf } from '../../catalog/kinds.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext } from '../types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `2 lessons`, `1 action`. */
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** `a, b and c`. */
function and(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Whether an incident was resolved by the end of `at` (UTC). */
function closedBy(spec: DocumentOf<'Incident'>['spec'], at: string): boolean {
  if (spec.resolved === undefined) return false;
  return Date.parse(spec.resolved) < Date.parse(`${at}T00:00:00Z`) + DAY_MS;
}

/** One closed incident's item. */
function incidentItem(context: ComplianceContext, incident: DocumentOf<'Incident'>): CheckItem {
  const { id } = incident.metadata;
  const { spec } = incident;
  const resolved = spec.resolved!.slice(0, 10);
  const path = context.pathOf(incident);
  const missing: string[] = [];
  if ((spec.rootCause ?? '').trim() === '') missing.push('no root cause');
  const lessons = spec.lessons ?? [];
  if (lessons.length === 0) missing.push('no lessons learnt');
  const actions = spec.actions ?? [];
  if (actions.length === 0) missing.push('no corrective action');
  const unowned = actions.filter((action) => context.peopleOf(action.owner).length === 0);
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`it has ${and(missing)}: record them on the incident`);
  if (unowned.length > 0)
    problems.push(
      `${and(unowned.map((action) => `the action "${action.title}"`))} ${unowned.length === 1 ? 'has an owner who names' : 'have owners who name'} nobody (a Team with no lead or members): give ${unowned.length === 1 ? 'it' : 'them'} a Person or staff the Team`,
    );
  const what = `${spec.title}, resolved on ${resolved}`;
  if (problems.length > 0)
    return { id, kind: 'Incident', status: 'fail', path, message: `${what}: ${problems.join('; ')}.` };
  const open = actions.filter((action) => action.status === 'open').length;
  return {
    id,
    kind: 'Incident',
    status: 'pass',
    path,
    message: `${what}: root cause recorded, ${count(lessons.length, 'lesson')} and ${count(actions.length, 'owned action')} (${open} open).`,
    evidence: [
      {
        type: 'document',
        kind: 'Incident',
        id,
        title: `Incident ${spec.title}, ${spec.started.slice(0, 10)} to ${resolved}`,
        path,
        date: resolved,
      },
    ],
  };
}

/** C16 Incidents (see the file header). */
export const incidentsCheck: ComplianceCheck = {
  id: 'C16',
  title: 'Closed incidents learnt from',
  rule:
    'Every incident resolved by the evaluation day records a root cause, at least one lesson learnt and at least ' +
    'one corrective action, and every action has an owner who names a person (a Team through its lead or members).',
  references: [{ framework: 'iso22301', clause: '10.1' }],
  defaults: { tiers: [], severity: 'medium' },
  items(context) {
    return context
      .ofKind('Incident')
      .filter((incident) => closedBy(incident.spec, context.at))
      .map((incident) => incidentItem(context, incident))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
