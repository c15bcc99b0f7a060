import { parseDuration } from '../catalog/duration.ts';
import type { IncidentSpec } from '../catalog/kinds.schema.ts';
import type { ImpactResult } from '../engine/index.ts';

/** A service's objectives in minutes (null when unset), and which version of the service they come from. */
export interface Objectives {
  rtoMinutes: number | null;
  rpoMinutes: number | null;
  mtpdMinutes: number | null;
  /** When the version of the service they come from was written; null when no history is known. */
  asOf: string | null;
  /**
   * `in-force`: the service as it stood when the incident started; `earliest-known`: the service was recorded
   * only after the incident started (imported later, say), so its first known version is used; `current`: no
   * history is known, so today's objectives are used.
   */
  basis: 'in-force' | 'earliest-known' | 'current';
}

/** One recorded version of a service: when it was written and its objectives as written (null: deleted). */
export interface ServiceRecord {
  at: string;
  spec: { rto?: string | undefined; rpo?: string | undefined; mtpd?: string | undefined } | null;
}

const minutesOf = (duration: string | undefined): number | null =>
  duration === undefined ? null : (parseDuration(duration) ?? null);

/**
 * The objectives an incident is judged against: those in force when it started (ISO 22301 clause 10.1 asks to
 * evaluate a nonconformity against the requirement it broke, not against one written later). `history` is the
 * service's recorded versions, oldest first; `current` its objectives today, used only when nothing is recorded.
 */
export function objectivesInForce(
  history: readonly ServiceRecord[],
  started: string,
  current: ServiceRecord['spec'],
): Objectives {
  const start = Date.parse(started);
  const before = history.filter((record) => Date.parse(record.at) <= start).at(-1);
  let chosen: { record: ServiceRecord; basis: Objectives['basis'] } | undefined;
  if (before?.spec) chosen = { record: before, basis: 'in-force' };
  else {
    // Not recorded yet (or deleted) when the incident started: the first version recorded after it.
    const first = history.find((record) => Date.parse(record.at) > start && record.spec !== null);
    if (first) chosen = { record: first, basis: 'earliest-known' };
  }
  const spec = chosen ? chosen.record.spec : current;
  return {
    rtoMinutes: minutesOf(spec?.rto),
    rpoMinutes: minutesOf(spec?.rpo),
    mtpdMinutes: minutesOf(spec?.mtpd),
    asOf: chosen?.record.at ?? null,
    basis: chosen?.basis ?? 'current',
  };
}

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
  /** When the version of the service whose objectives are used was written (see `objectivesBasis`). */
  objectivesAsOf: string | null;
  /** Whether the objectives are those in force at the start, the earliest known after it, or today's. */
  objectivesBasis: Objectives['basis'];
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
 * What an incident cost each service it took down, against the objectives in force when it started (ISO 22301
 * clause 10.1: evaluate the nonconformity) and against what the engine predicts for the same failure, so
 * recovery times in the catalog can be corrected from experience. `impact` is the engine's answer for
 * `spec.failed`; `objectivesOf` gives each service's objectives as they stood (see `objectivesInForce`).
 */
export function incidentFigures(
  spec: IncidentSpec,
  impact: ImpactResult,
  objectivesOf: (serviceId: string) => Objectives,
): IncidentFigures {
  const downtime = minutesBetween(spec.started, spec.resolved);
  const dataLoss = spec.dataLossMinutes ?? null;
  const services = impact.services
    .filter((service) => service.down)
    .map((service): ServiceFigures => {
      const objectives = objectivesOf(service.id);
      return {
        id: service.id,
        tier: service.tier,
        actualDowntimeMinutes: downtime,
        rtoMinutes: objectives.rtoMinutes,
        mtpdMinutes: objectives.mtpdMinutes,
        rpoMinutes: objectives.rpoMinutes,
        rtoMet: within(downtime, objectives.rtoMinutes),
        mtpdMet: within(downtime, objectives.mtpdMinutes),
        dataLossMinutes: dataLoss,
        rpoMet: within(dataLoss, objectives.rpoMinutes),
        objectivesAsOf: objectives.asOf,
        objectivesBasis: objectives.basis,
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
