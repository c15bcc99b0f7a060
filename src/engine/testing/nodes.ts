/** Terse builders of engine nodes for hand-made test graphs. */
import type { EngineData, EngineNode, FailureKind } from '../types.ts';

/** Options of `node`: dependencies, times, and for a service its objectives. */
export interface NodeOptions {
  kind?: FailureKind;
  requires?: string[];
  anyOf?: string[][];
  atLeast?: [number, string[]][];
  recovery?: number;
  restart?: number;
  tier?: number;
  rto?: number | null;
  rpo?: number | null;
  mtpd?: number | null;
  /** Activation minutes: > 0 makes the node a standby. */
  activation?: number;
  /** No recovery time in the catalog: the recovery is unknown. */
  unknownRecovery?: boolean;
  data?: EngineData;
  holdsData?: boolean;
}

/** A failure node (a Component unless `kind` says otherwise, a Service when `tier` is given). */
export function node(id: string, options: NodeOptions = {}): EngineNode {
  const kind = options.kind ?? (options.tier !== undefined ? 'Service' : 'Component');
  return {
    id,
    kind,
    requires: options.requires ?? [],
    groups: [
      ...(options.anyOf ?? []).map((of) => ({ k: 1, of })),
      ...(options.atLeast ?? []).map(([k, of]) => ({ k, of })),
    ],
    recoveryMinutes: options.recovery ?? 0,
    restartMinutes: options.restart ?? 0,
    ...(options.activation !== undefined ? { activationMinutes: options.activation } : {}),
    ...(options.unknownRecovery === true ? { recoveryKnown: false } : {}),
    ...(options.data !== undefined ? { data: options.data } : {}),
    ...(options.holdsData !== undefined ? { holdsData: options.holdsData } : {}),
    ...(kind === 'Service'
      ? {
          service: {
            tier: options.tier ?? 1,
            rtoMinutes: options.rto ?? null,
            rpoMinutes: options.rpo ?? null,
            mtpdMinutes: options.mtpd ?? null,
          },
        }
      : {}),
  };
}
