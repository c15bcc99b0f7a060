import type { IncidentSpec } from '../catalog/kinds.schema.ts';
import type { ImpactResult } from '../engine/index.ts';

/** One affected service: what the incident really cost it against its objectives and the engine's prediction. */
export interface ServiceFigures {
  id: string;
  tier: number;
  /** Resolved minus started, in minutes; null while the incident is not resolved. */
  actualDowntimeMinutes: number | null;
  rtoMinutes: number | null;
  mtpdMinutes: number | null;
  rpoMinutes: number | null;
  /** Whether the actual downtime stayed within the RTO (null when either is unknown). */
  rtoMet: boolean | null;
  mtpdMet: boolean | null;
  dataLossMinutes: number | null;
  rpoMet: boolean | null;
  /** The engine's restore time for the same failure (null when it predicts no recovery). */
  predictedRestoreMinutes: number | null;
  /** Actual minus predicted: positive when recovery took longer than the model says. */
  predictionErrorMinutes: number | null;
}

/** The figures derived from an incident. */
export interface IncidentFigures {
  durationMinutes: number | null;
  /** Detected minus started: how long the disruption went unnoticed. */
  detectionMinutes: number | null;
  services: ServiceFigures[];
}

function minutesBetween(from: string, to: string | undefined): number | null {
  if (to === undefined) return null;
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

const within = (value: number | null, limit: number | null): boolean | null =>
  value === null || limit === null ? null : value <= limit;

/**
 * What an incident cost each service it took down, against the objectives (ISO 22301 clause 10.1: evaluate the
 * nonconformity) and against what the engine predicts for the same failure, so recovery times in the catalog
 * can be corrected from experience. `impact` is the engine's answer for `spec.failed`; `rpoOf` gives each
 * service's RPO in minutes.
 */
export function incidentFigures(
  spec: IncidentSpec,
  impact: ImpactResult,
  rpoOf: (serviceId: string) => number | null,
): IncidentFigures {
  const downtime = minutesBetween(spec.started, spec.resolved);
  const dataLoss = spec.dataLossMinutes ?? null;
  const services = impact.services
    .filter((service) => service.down)
    .map((service): ServiceFigures => {
      const rpo = rpoOf(service.id);
      return {
        id: service.id,
        tier: service.tier,
        actualDowntimeMinutes: downtime,
        rtoMinutes: service.rtoMinutes,
        mtpdMinutes: service.mtpdMinutes,
        rpoMinutes: rpo,
        rtoMet: within(downtime, service.rtoMinutes),
        mtpdMet: within(downtime, service.mtpdMinutes),
        dataLossMinutes: dataLoss,
        rpoMet: within(dataLoss, rpo),
        predictedRestoreMinutes: service.restoreMinutes,
        predictionErrorMinutes:
          downtime === null || service.restoreMinutes === null ? null : downtime - service.restoreMinutes,
      };
    });
  return {
    durationMinutes: downtime,
    detectionMinutes: minutesBetween(spec.started, spec.detected),
    services,
  };
}

/** An incident action with where it comes from and whether it is late. */
export interface ActionItem {
  incident: string;
  index: number;
  title: string;
  owner: string;
  due: string;
  status: 'open' | 'done';
  overdue: boolean;
}

/**
 * The actions of every incident, filtered by status, soonest due first (ISO 22301 clause 10.1 e: corrective
 * actions are tracked to completion). An action is overdue when it is open and its due date is before today.
 */
export function listActions(
  incidents: readonly { id: string; spec: IncidentSpec }[],
  now: Date,
  status?: 'open' | 'done',
): ActionItem[] {
  const today = now.toISOString().slice(0, 10);
  return incidents
    .flatMap((incident) =>
      (incident.spec.actions ?? []).map((action, index) => ({
        incident: incident.id,
        index,
        ...action,
        overdue: action.status === 'open' && action.due < today,
      })),
    )
    .filter((action) => status === undefined || action.status === status)
    .sort((a, b) =>
      a.due < b.due ? -1 : a.due > b.due ? 1 : a.incident < b.incident ? -1 : a.index - b.index,
    );
}
