import { formatDuration } from '../../catalog/duration.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import type { PlanSpec } from '../../catalog/kinds.schema.ts';
import { analyzeExercise } from '../../exercises/analysis.ts';
import type { ExerciseServiceResult } from '../../exercises/analysis.ts';
import { collectActions } from '../../plans/actions.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext, Evidence } from '../types.ts';

type ExerciseDocument = Extract<CatalogDocument, { kind: 'Exercise' }>;
type IncidentDocument = Extract<CatalogDocument, { kind: 'Incident' }>;
type Finding = NonNullable<ExerciseDocument['spec']['findings']>[number];

/** An exercise or incident as a message names it: `"North data centre failover test" (ex-2026-dc-north)`. */
function titled(document: ExerciseDocument | IncidentDocument): string {
  return `"${document.spec.title}" (${document.metadata.id})`;
}

/** A service as a message names it: `"Payments" (payments)`, or its id alone. */
function named(id: string, document: CatalogDocument | undefined): string {
  const name = document?.metadata.name;
  return name === undefined || name === id ? `"${id}"` : `"${name}" (${id})`;
}

/** The record an item is about, as evidence. */
function documentEvidence(
  context: ComplianceContext,
  document: ExerciseDocument | IncidentDocument,
): Evidence {
  return {
    type: 'document',
    kind: document.kind,
    id: document.metadata.id,
    title: `${document.kind} ${titled(document)}`,
    path: context.pathOf(document),
  };
}

/** The objectives a service missed in an exercise, as a message says them; none when it met them or was not measured. */
function missedTargets(service: ExerciseServiceResult): string[] {
  return [
    service.met === false
      ? `its RTO (back after ${formatDuration(service.achievedMinutes!)}, target ${formatDuration(service.targetMinutes!)})`
      : '',
    service.dataLossMet === false
      ? `its RPO (${formatDuration(service.dataLossMinutes!)} of data lost, target ${formatDuration(service.rpoMinutes!)})`
      : '',
  ].filter(Boolean);
}

/**
 * Whether a finding names a service, by its id or name in the finding's title or description: the same rule as
 * the catalog checker's warning on a missed target with no finding (src/catalog/check/exercise-rules.ts).
 */
function namesService(finding: Finding, words: readonly string[]): boolean {
  const text = `${finding.title}\n${finding.description ?? ''}`.toLowerCase();
  return words.some((word) => text.includes(word.toLowerCase()));
}

/** An action or finding's item: it has an owner and a due date, and is done or not yet past that date. */
function actionItem(
  context: ComplianceContext,
  subject: { id: string; text: string; document: ExerciseDocument | IncidentDocument },
  action: { owner: string | undefined; due: string | undefined; status: 'open' | 'done'; overdue: boolean },
): CheckItem {
  const { document } = subject;
  const base = {
    id: subject.id,
    kind: document.kind,
    path: context.pathOf(document),
    evidence: [documentEvidence(context, document)],
  };
  const lacks = [
    action.owner === undefined ? 'no owner' : '',
    action.due === undefined ? 'no due date' : '',
  ].filter(Boolean);
  if (lacks.length > 0)
    return {
      ...base,
      status: 'fail',
      message: `${subject.text} has ${lacks.join(' and ')}: name the Person or Team who acts on it and the date it is due.`,
    };
  if (action.overdue)
    return {
      ...base,
      status: 'fail',
      message: `${subject.text}, owned by ${action.owner}, was due on ${action.due} and is still open: complete it or agree a new due date.`,
    };
  return {
    ...base,
    status: 'pass',
    message:
      action.status === 'done'
        ? `${subject.text}, owned by ${action.owner} and due on ${action.due}, is done.`
        : `${subject.text}, owned by ${action.owner}, is open and due on ${action.due}.`,
  };
}

/** C10's items of one exercise: each finding, and each missed target no finding names. */
function exerciseItems(
  context: ComplianceContext,
  exercise: ExerciseDocument,
  plans: ReadonlyMap<string, PlanSpec>,
  overdue: ReadonlyMap<string, boolean>,
): CheckItem[] {
  const id = exercise.metadata.id;
  const findings = exercise.spec.findings ?? [];
  const items = findings.map((finding) =>
    actionItem(
      context,
      {
        id: `${id}/${finding.id}`,
        text: `The finding "${finding.title}" of the exercise ${titled(exercise)}`,
        document: exercise,
      },
      {
        owner: finding.owner,
        due: finding.due,
        status: finding.status,
        overdue: overdue.get(`${id}/${finding.id}`) ?? false,
      },
    ),
  );
  const result = analyzeExercise(context.graph(), { id, spec: exercise.spec }, plans);
  for (const service of result.services) {
    const missed = missedTargets(service);
    const document = context.byId.get(service.id);
    const words = [service.id, document?.metadata.name].filter((word): word is string => !!word);
    if (missed.length === 0 || findings.some((finding) => namesService(finding, words))) continue;
    items.push({
      id: `${id}/missed/${service.id}`,
      kind: 'Exercise',
      status: 'fail',
      message: `The exercise ${titled(exercise)} missed ${missed.join(' and ')} for the service ${named(service.id, document)}, and no finding names it: record a finding with an owner and a due date.`,
      path: context.pathOf(exercise),
      evidence: [documentEvidence(context, exercise)],
    });
  }
  return items;
}

/** C10: every missed exercise target has a finding; every finding and corrective action is owned, dated, on time. */
export const findingsCheck: ComplianceCheck = {
  id: 'C10',
  title: 'Findings and actions followed up',
  rule:
    'Every RTO or RPO an exercise missed has a finding naming the service; every exercise finding and every ' +
    'corrective action of an incident has an owner and a due date, and none is still open after its due date ' +
    '(on the due date itself it is not yet overdue).',
  references: [
    { framework: 'iso22301', clause: '8.5' },
    { framework: 'iso22301', clause: '10.1' },
    { framework: 'nist-800-34', clause: '3.5' },
    { framework: 'dora', clause: 'Art. 24(5)' },
    { framework: 'dora', clause: 'RTS 2024/1774 Art. 25(5)' },
  ],
  defaults: { tiers: [], severity: 'medium' },
  items(context) {
    const exercises = context.ofKind('Exercise');
    const incidents = context.ofKind('Incident');
    // Overdue as the action list and its reminder judge it (src/plans/actions.ts): open and due before the day.
    const overdue = new Map(
      collectActions(
        {
          incidents: incidents.map(({ metadata, spec }) => ({ id: metadata.id, spec })),
          risks: [],
          exercises: exercises.map(({ metadata, spec }) => ({ id: metadata.id, spec })),
        },
        context.at,
      ).map((action) => [
        `${action.document}/${action.source === 'exercise' ? action.finding : `action-${action.index + 1}`}`,
        action.overdue,
      ]),
    );
    const plans = new Map(context.ofKind('Plan').map((plan) => [plan.metadata.id, plan.spec]));
    const items = exercises.flatMap((exercise) => exerciseItems(context, exercise, plans, overdue));
    for (const incident of incidents)
      for (const [index, action] of (incident.spec.actions ?? []).entries()) {
        const id = `${incident.metadata.id}/action-${index + 1}`;
        items.push(
          actionItem(
            context,
            {
              id,
              text: `The corrective action "${action.title}" of the incident ${titled(incident)}`,
              document: incident,
            },
            { ...action, overdue: overdue.get(id) ?? false },
          ),
        );
      }
    return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
