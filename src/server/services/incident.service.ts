import type { DocumentOf } from '../../catalog/kinds.ts';
import { analyzeImpact, UnknownIdError } from '../../engine/index.ts';
import { incidentFigures, listActions } from '../../plans/incident-figures.ts';
import type { ActionItem, IncidentFigures } from '../../plans/incident-figures.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';
import { createGraphProvider } from './graph-provider.ts';
import type { GraphProvider } from './graph-provider.ts';

type IncidentDocument = DocumentOf<'Incident'>;

/** Incidents on the stored catalog: derived figures and the open actions across all of them. */
export function createIncidentService(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  graphs?: GraphProvider;
}) {
  const { database, now } = deps;
  const graphs = deps.graphs ?? createGraphProvider({ database });
  return {
    /** What the incident cost each affected service, against objectives and the engine's prediction. */
    async figures(id: string): Promise<IncidentFigures & { incident: string }> {
      const snapshot = await graphs.catalog();
      const incident = snapshot.byId.get(id);
      if (incident?.kind !== 'Incident')
        throw new CatalogError('not-found', `No Incident has the id "${id}"`);
      try {
        const impact = analyzeImpact(snapshot.graph(), incident.spec.failed);
        const rpoOf = (service: string) => snapshot.nodes.get(service)?.service?.rpoMinutes ?? null;
        return { incident: id, ...incidentFigures(incident.spec, impact, rpoOf) };
      } catch (error) {
        if (error instanceof UnknownIdError) throw new CatalogError('invalid', error.message);
        throw error;
      }
    },

    /** Actions of every incident, soonest due first, optionally only open or done ones. */
    async actions(status?: 'open' | 'done'): Promise<ActionItem[]> {
      const rows = await createDocumentRepository(database.db).allOfKind('Incident');
      const incidents = rows.map(rowToDocument) as IncidentDocument[];
      return listActions(
        incidents.map((incident) => ({ id: incident.metadata.id, spec: incident.spec })),
        now(),
        status,
      );
    },
  };
}

/** The incident service's interface. */
export type IncidentService = ReturnType<typeof createIncidentService>;
