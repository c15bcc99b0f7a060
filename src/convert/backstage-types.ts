/**
 * How Backstage's free-text types become the catalog's fixed ones: a Component's and a Resource's `spec.type`
 * and a System's tier and service type (from a `lifeboat.io/tier` or `lifeboat.io/service-type` annotation or
 * label, as Backstage has no such field).
 */
import type { COMPONENT_TYPES } from '../catalog/vocabulary.ts';
import { asRecord, asText } from './manifests.ts';

type ComponentType = (typeof COMPONENT_TYPES)[number];

/** The annotation (or label) that gives a System's tier, 1 to 4. */
export const TIER_ANNOTATION = 'lifeboat.io/tier';
/** The annotation (or label) that makes a System an `it` Service rather than a `business` one. */
export const SERVICE_TYPE_ANNOTATION = 'lifeboat.io/service-type';
/** The tier of a System that names none. */
export const DEFAULT_TIER = 3;

/** Component types that run: an application each. */
const RUNNING = new Set([
  'service',
  'website',
  'app',
  'application',
  'frontend',
  'backend',
  'api',
  'worker',
  'job',
  'batch',
  'tool',
]);
/** Component types that are built but never run on their own: no document. */
const NOT_DEPLOYED = new Set(['library', 'documentation', 'docs', 'template', 'sdk']);

/**
 * The catalog type of a Backstage Component: `application`, flagged `unknown` for a type outside the usual
 * ones; undefined for a library, documentation or template, which are not deployed and so cannot fail.
 */
export function componentTypeOf(
  type: string | undefined,
): { type: ComponentType; unknown?: true } | undefined {
  const plain = type?.toLowerCase();
  if (plain && NOT_DEPLOYED.has(plain)) return undefined;
  return plain === undefined || RUNNING.has(plain)
    ? { type: 'application' }
    : { type: 'application', unknown: true };
}

/** Resource types by the catalog type they become; a word inside the type counts (`postgres-db`, `s3-bucket`). */
const RESOURCE_TYPES: readonly [RegExp, ComponentType][] = [
  [
    /database|(^|-)db($|-)|postgres|mysql|mariadb|mongo|redis|cassandra|dynamo|elasticsearch|opensearch|rds|sql/,
    'database',
  ],
  [/bucket|storage|blob|filesystem|file-share|volume|disk|nfs|s3|gcs/, 'storage'],
  [/network|load-?balancer|dns|cdn|vpc|vpn|firewall|gateway|subnet/, 'network'],
  [/^(vm|virtual-machine)$|(^|-)vm$/, 'vm'],
  [/server|host|machine/, 'server'],
  [/cluster|kubernetes|cloud|account|project|queue|topic|kafka|pubsub|sqs|sns|function|lambda/, 'cloud'],
];

/** The catalog type of a Backstage Resource, `other` (flagged `unknown`) when its type says nothing we know. */
export function resourceTypeOf(type: string | undefined): { type: ComponentType; unknown?: true } {
  const plain = type?.toLowerCase() ?? '';
  for (const [pattern, answer] of RESOURCE_TYPES) if (pattern.test(plain)) return { type: answer };
  return { type: 'other', unknown: true };
}

function annotationOrLabel(metadata: Record<string, unknown>, key: string): string | undefined {
  return asText(asRecord(metadata.annotations)?.[key]) ?? asText(asRecord(metadata.labels)?.[key]);
}

/** A System's tier from its annotation or label; the default, with the reason to say so, when it has none. */
export function serviceTierOf(metadata: Record<string, unknown>): { tier: 1 | 2 | 3 | 4; problem?: string } {
  const text = annotationOrLabel(metadata, TIER_ANNOTATION);
  if (text && /^[1-4]$/.test(text)) return { tier: Number(text) as 1 | 2 | 3 | 4 };
  const why = text ? `${TIER_ANNOTATION} is "${text}"; expected 1 to 4` : `no ${TIER_ANNOTATION} annotation`;
  return { tier: DEFAULT_TIER, problem: `${why}: tier ${DEFAULT_TIER} assumed` };
}

/** A System's service type: `it` when its annotation or label says so, else `business`. */
export function serviceTypeOf(metadata: Record<string, unknown>): 'business' | 'it' {
  return annotationOrLabel(metadata, SERVICE_TYPE_ANNOTATION)?.toLowerCase() === 'it' ? 'it' : 'business';
}
