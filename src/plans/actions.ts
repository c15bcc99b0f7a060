/**
 * One list of the actions that follow from the records (ISO 22301 clause 10.1 e: nonconformities are acted on and
 * the actions tracked to completion): the corrective actions of incidents, the treatment actions of risks and the
 * findings of exercises that have an owner and a due date. Pure; derived from the documents on the day given.
 */
import type { ExerciseSpec } from '../catalog/kinds/exercise.kind.ts';
import type { IncidentSpec } from '../catalog/kinds/incident.kind.ts';
import type { RiskSpec } from '../catalog/kinds/risk.kind.ts';

/** Where an action comes from. */
export const ACTION_SOURCES = ['incident', 'risk', 'exercise'] as const;

/** Where an action comes from. */
export type ActionSource = (typeof ACTION_SOURCES)[number];

/** What every action has, whatever its source. */
interface ActionFields {
  /** Its position in its document's list (actions, treatment actions or findings). */
  index: number;
  title: string;
  owner: string;
  due: string;
  status: 'open' | 'done';
  /** Open and due before today. */
  overdue: boolean;
  /** The id of the incident, risk or exercise it belongs to. */
  document: string;
  /** That document's title (an incident's or exercise's `title`, a risk's name). */
  documentTitle: string;
}

/** An action, tagged by its source: an incident's keeps `incident`, an exercise finding has its `finding` id. */
export type TrackedAction =
  | ({ source: 'incident'; incident: string } & ActionFields)
  | ({ source: 'risk' } & ActionFields)
  | ({ source: 'exercise'; finding: string; severity: FindingSeverity } & ActionFields);

type FindingSeverity = NonNullable<ExerciseSpec['findings']>[number]['severity'];

/** The documents actions are read from. */
export interface ActionDocuments {
  incidents: readonly { id: string; spec: IncidentSpec }[];
  risks: readonly { id: string; name?: string | undefined; spec: RiskSpec }[];
  exercises: readonly { id: string; spec: ExerciseSpec }[];
}

/** Which actions to list. */
export interface ActionFilter {
  status?: 'open' | 'done' | undefined;
  source?: ActionSource | undefined;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every action, soonest due first (then by source document and position). A risk action without its own owner
 * falls to the risk's owner; a risk action or an exercise finding without a due date, and a finding without an
 * owner, is not tracked here (there is no date to hold it to, or no one to hold to it). Overdue: open, and due
 * before `today` (YYYY-MM-DD).
 */
export function collectActions(
  documents: ActionDocuments,
  today: string,
  filter: ActionFilter = {},
): TrackedAction[] {
  const wanted = (source: ActionSource) => filter.source === undefined || filter.source === source;
  const overdue = (status: 'open' | 'done', due: string) => status === 'open' && due < today;
  const actions: TrackedAction[] = [];
  if (wanted('incident'))
    for (const { id, spec } of documents.incidents)
      for (const [index, action] of (spec.actions ?? []).entries())
        actions.push({
          incident: id,
          index,
          title: action.title,
          owner: action.owner,
          due: action.due,
          status: action.status,
          overdue: overdue(action.status, action.due),
          source: 'incident',
          document: id,
          documentTitle: spec.title,
        });
  if (wanted('risk'))
    for (const { id, name, spec } of documents.risks)
      for (const [index, action] of (spec.treatment?.actions ?? []).entries()) {
        if (action.due === undefined) continue;
        actions.push({
          index,
          title: action.title,
          owner: action.owner ?? spec.owner,
          due: action.due,
          status: action.status,
          overdue: overdue(action.status, action.due),
          source: 'risk',
          document: id,
          documentTitle: name ?? id,
        });
      }
  if (wanted('exercise'))
    for (const { id, spec } of documents.exercises)
      for (const [index, finding] of (spec.findings ?? []).entries()) {
        if (finding.owner === undefined || finding.due === undefined) continue;
        actions.push({
          index,
          title: finding.title,
          owner: finding.owner,
          due: finding.due,
          status: finding.status,
          overdue: overdue(finding.status, finding.due),
          source: 'exercise',
          document: id,
          documentTitle: spec.title,
          finding: finding.id,
          severity: finding.severity,
        });
      }
  return actions
    .filter((action) => filter.status === undefined || action.status === filter.status)
    .sort(
      (a, b) =>
        compare(a.due, b.due) ||
        ACTION_SOURCES.indexOf(a.source) - ACTION_SOURCES.indexOf(b.source) ||
        compare(a.document, b.document) ||
        a.index - b.index,
    );
}
