import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { analyzeImpact, UnknownIdError } from '../../engine/index.ts';
import { collectActions } from '../../plans/actions.ts';
import type { ActionFilter, TrackedAction } from '../../plans/actions.ts';
import { incidentFigures, objectivesInForce } from '../../plans/incident-figures.ts';
import type { IncidentFigures, Objectives, ServiceRecord } from '../../plans/incident-figures.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createIncidentRepository } from '../repositories/incident.repository.ts';
import { rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';
import { createGraphProvider } from './graph-provider.ts';
import type { GraphProvider } from './graph-provider.ts';

type IncidentDocument = DocumentOf<'Incident'>;
type RiskDocument = DocumentOf<'Risk'>;
type ExerciseDocument = DocumentOf<'Exercise'>;

/** Incidents on the stored catalog: derived figures and the open actions across all of them. */
export function createIncidentService(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  graphs?: GraphProvider;
}) {
  const { database, now } = deps;
  const graphs = deps.graphs ?? createGraphProvider({ database });

  /** The objectives of `services` in force at `started`, from their recorded history (see `objectivesInForce`). */
  async function objectivesAt(
    started: string,
    services: string[],
    current: (id: string) => CatalogDocument | undefined,
  ): Promise<(id: string) => Objectives> {
    const history = new Map<string, ServiceRecord[]>();
    for (const row of await createIncidentRepository(database.db).serviceHistory(services)) {
      const after = row.after === null ? null : (JSON.parse(row.after) as { spec: ServiceRecord['spec'] });
      const records = history.get(row.document_id) ?? [];
      records.push({ at: row.at, spec: after?.spec ?? null });
      history.set(row.document_id, records);
    }
    return (id) => {
      const document = current(id);
      return objectivesInForce(
        history.get(id) ?? [],
        started,
        document?.kind === 'Service' ? document.spec : null,
      );
    };
  }

  return {
    /** What the incident cost each affected service, against objectives and the engine's prediction. */
    async figures(id: string): Promise<IncidentFigures & { incident: string }> {
      const snapshot = await graphs.catalog();
      const incident = snapshot.byId.get(id);
      if (incident?.kind !== 'Incident')
        throw new CatalogError('not-found', `No Incident has the id "${id}"`);
      try {
        const impact = analyzeImpact(snapshot.graph(), incident.spec.failed);
        const objectivesOf = await objectivesAt(
          incident.spec.started,
          impact.services.filter((service) => service.down).map((service) => service.id),
          (service) => snapshot.byId.get(service),
        );
        return { incident: id, ...incidentFigures(incident.spec, impact, objectivesOf) };
      } catch (error) {
        if (error instanceof UnknownIdError) throw new CatalogError('invalid', error.message);
        throw error;
      }
    },

    /**
     * The actions of every incident, risk and exercise (see `collectActions`), soonest due first, optionally of
     * one source or status only.
     */
    async actions(filter: ActionFilter = {}): Promise<TrackedAction[]> {
      const repository = createDocumentRepository(database.db);
      const read = async <T>(kind: 'Incident' | 'Risk' | 'Exercise', wanted: boolean) =>
        wanted ? ((await repository.allOfKind(kind)).map(rowToDocument) as T[]) : [];
      const wants = (source: ActionFilter['source']) =>
        filter.source === undefined || filter.source === source;
      const [incidents, risks, exercises] = await Promise.all([
        read<IncidentDocument>('Incident', wants('incident')),
        read<RiskDocument>('Risk', wants('risk')),
        read<ExerciseDocument>('Exercise', wants('exercise')),
      ]);
      return collectActions(
        {
          incidents: incidents.map((doc) => ({ id: doc.metadata.id, spec: doc.spec })),
          risks: risks.map((doc) => ({ id: doc.metadata.id, name: doc.metadata.name, spec: doc.spec })),
          exercises: exercises.map((doc) => ({ id: doc.metadata.id, spec: doc.spec })),
        },
        now().toISOString().slice(0, 10),
        filter,
      );
    },
  };
}

/** The incident service's interface. */
export type IncidentService = ReturnType<typeof createIncidentService>;
