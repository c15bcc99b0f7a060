/**
 * The organisation's policy as every analysis reads it: the catalog's Policy document with the defaults standing
 * in for whatever it leaves out (or for the whole policy when the catalog has none). Pure, shared by the server,
 * the command line and the web application.
 */
import { parseDuration } from '../catalog/duration.ts';
import type { ExerciseType } from '../catalog/kinds/exercise.kind.ts';
import type { PolicySpec } from '../catalog/kinds/policy.kind.ts';
import type { CHECK_IDS, SEVERITIES } from '../catalog/vocabulary.ts';

/** A named level of a 1..n scale. */
export interface Level {
  level: number;
  name: string;
  description?: string;
}

/** The policy with every default applied and durations in minutes. */
export interface EffectivePolicy {
  /** The id of the Policy document it comes from; undefined when the catalog has none. */
  id?: string;
  /** Its name and currency, and what the DORA register needs of it when the policy says (LEI, entities...). */
  organisation: { name: string; currency: string } & Omit<
    NonNullable<PolicySpec['organisation']>,
    'name' | 'currency'
  >;
  impact: {
    categories: { id: string; name: string }[];
    levels: Level[];
    /** The horizons as written (`4h`), in order. */
    horizons: string[];
    /** The same horizons in minutes. */
    horizonMinutes: number[];
    tolerance: number;
  };
  workRecoveryMinutes: number;
  reviewIntervalMinutes: number;
  tiers: { tier: number; mtpdUpToMinutes: number }[];
  risk: { likelihood: Level[]; impact: Level[]; appetite: number; runs: number };
  /** The exercise programme: the interval and the lightest counting type of each tier 1-4, training validity. */
  exercises: {
    intervalMinutes: number;
    tiers: { tier: number; intervalMinutes: number; atLeast: ExerciseType }[];
    trainingValidForMinutes: number;
  };
  /** The compliance checks the Policy sets the tiers or severity of; the others keep their defaults. */
  compliance: {
    checks: Partial<
      Record<(typeof CHECK_IDS)[number], { tiers?: number[]; severity?: (typeof SEVERITIES)[number] }>
    >;
  };
}

const IMPACT_LEVELS: Level[] = [
  { level: 1, name: 'Minimal' },
  { level: 2, name: 'Minor' },
  { level: 3, name: 'Moderate' },
  { level: 4, name: 'Major' },
  { level: 5, name: 'Severe' },
];

const LIKELIHOOD_LEVELS: Level[] = [
  { level: 1, name: 'Rare' },
  { level: 2, name: 'Unlikely' },
  { level: 3, name: 'Possible' },
  { level: 4, name: 'Likely' },
  { level: 5, name: 'Almost certain' },
];

/** The defaults, as a Policy spec would write them. */
export const DEFAULT_POLICY = {
  organisation: { name: 'Organisation', currency: 'EUR' },
  categories: [
    { id: 'financial', name: 'Financial' },
    { id: 'customers', name: 'Customers' },
    { id: 'regulatory', name: 'Regulatory' },
    { id: 'reputational', name: 'Reputational' },
    { id: 'safety', name: 'Safety' },
  ],
  levels: IMPACT_LEVELS,
  horizons: ['1h', '4h', '1d', '3d', '1w', '4w'],
  tolerance: 4,
  workRecovery: '0m',
  reviewInterval: '52w',
  tiers: [
    { tier: 1, mtpdUpTo: '4h' },
    { tier: 2, mtpdUpTo: '1d' },
    { tier: 3, mtpdUpTo: '1w' },
  ],
  risk: { likelihood: LIKELIHOOD_LEVELS, impact: IMPACT_LEVELS, appetite: 9, runs: 10_000 },
  exercises: {
    interval: '52w',
    tiers: [
      { tier: 1, interval: '26w', atLeast: 'parallel' },
      { tier: 2, interval: '52w', atLeast: 'simulation' },
      { tier: 3, interval: '52w', atLeast: 'communication' },
      { tier: 4, interval: '52w', atLeast: 'communication' },
    ],
    trainingValidFor: '52w',
  },
} as const;

/** The exercise programme of a Policy spec, with the defaults for whatever it leaves out. */
function exerciseProgramme(spec: PolicySpec['exercises']): EffectivePolicy['exercises'] {
  const intervalMinutes = minutes(spec?.interval ?? DEFAULT_POLICY.exercises.interval);
  const listed: readonly { tier: number; interval?: string; atLeast?: ExerciseType }[] =
    spec?.tiers ?? DEFAULT_POLICY.exercises.tiers;
  return {
    intervalMinutes,
    tiers: [1, 2, 3, 4].map((tier) => {
      const entry = listed.find((t) => t.tier === tier);
      return {
        tier,
        intervalMinutes: entry?.interval ? minutes(entry.interval) : intervalMinutes,
        atLeast: entry?.atLeast ?? 'communication',
      };
    }),
    trainingValidForMinutes: minutes(spec?.trainingValidFor ?? DEFAULT_POLICY.exercises.trainingValidFor),
  };
}

/** Minutes of a duration the schema has already validated. */
function minutes(text: string): number {
  const value = parseDuration(text);
  if (value === undefined) throw new RangeError(`not a duration: "${text}"`);
  return value;
}

/** The effective policy of a catalog: its Policy document (if any) over the defaults. */
export function effectivePolicy(policy?: { id: string; spec: PolicySpec }): EffectivePolicy {
  const spec = policy?.spec ?? {};
  const horizons = [...(spec.impact?.horizons ?? DEFAULT_POLICY.horizons)];
  return {
    ...(policy ? { id: policy.id } : {}),
    organisation: {
      ...(spec.organisation ?? DEFAULT_POLICY.organisation),
      ...(spec.organisation?.entities && {
        entities: spec.organisation.entities.map((entity) => ({ ...entity })),
      }),
    },
    impact: {
      categories: (spec.impact?.categories ?? DEFAULT_POLICY.categories).map((c) => ({ ...c })),
      levels: (spec.impact?.levels ?? DEFAULT_POLICY.levels).map((l) => ({ ...l })),
      horizons,
      horizonMinutes: horizons.map(minutes),
      tolerance: spec.impact?.tolerance ?? DEFAULT_POLICY.tolerance,
    },
    workRecoveryMinutes: minutes(spec.workRecovery ?? DEFAULT_POLICY.workRecovery),
    reviewIntervalMinutes: minutes(spec.reviewInterval ?? DEFAULT_POLICY.reviewInterval),
    tiers: (spec.tiers ?? DEFAULT_POLICY.tiers).map((t) => ({
      tier: t.tier,
      mtpdUpToMinutes: minutes(t.mtpdUpTo),
    })),
    risk: {
      likelihood: (spec.risk?.likelihood ?? DEFAULT_POLICY.risk.likelihood).map((l) => ({ ...l })),
      impact: (spec.risk?.impact ?? DEFAULT_POLICY.risk.impact).map((l) => ({ ...l })),
      appetite: spec.risk?.appetite ?? DEFAULT_POLICY.risk.appetite,
      runs: spec.risk?.runs ?? DEFAULT_POLICY.risk.runs,
    },
    exercises: exerciseProgramme(spec.exercises),
    compliance: {
      checks: Object.fromEntries(
        (spec.compliance?.checks ?? []).map(({ check, tiers, severity }) => [
          check,
          { ...(tiers && { tiers: [...tiers] }), ...(severity && { severity }) },
        ]),
      ),
    },
  };
}
