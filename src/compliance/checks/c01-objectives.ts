import { parseDuration } from '../../catalog/duration.ts';
import type { DocumentOf } from '../../catalog/kinds.ts';
import { rtoOverMtpd } from '../../catalog/check/continuity-rules.ts';
import type { CheckId, ComplianceCheck, ComplianceContext } from '../types.ts';

/** A Service document. */
type ServiceDocument = DocumentOf<'Service'>;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The services of the tiers a check applies to (every tier when its scope names none), by tier then id. */
export function scopedServices(context: ComplianceContext, check: CheckId): ServiceDocument[] {
  const { tiers } = context.scopeOf(check);
  return context
    .ofKind('Service')
    .filter((service) => tiers.length === 0 || tiers.includes(service.spec.tier))
    .sort((a, b) => a.spec.tier - b.spec.tier || compare(a.metadata.id, b.metadata.id));
}

/** How a check's message names a service: `Payments (payments, tier 1)`. */
export function serviceName(service: ServiceDocument): string {
  const { id, name } = service.metadata;
  return `${name ?? id} (${name === undefined ? '' : `${id}, `}tier ${service.spec.tier})`;
}

/** What each objective is, in the checker's words (src/catalog/check/continuity-rules.ts). */
const MEANING = {
  mtpd: 'the maximum tolerable period of disruption',
  rto: 'how soon it must be back after a disruption',
  rpo: 'how much data, as time, it may lose',
} as const;

/** `a, b and c`. */
function listed(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
}

/**
 * C01: every service of the scoped tiers (1-3 by default) declares an MTPD, an RTO and an RPO, and its RTO is
 * within its MTPD (the checker's `rtoOverMtpd`). The objectives are the declared ones: a BIA-derived MTPD is C02's
 * business, since an objective nobody declared is not one the organisation committed to.
 */
export const objectivesCheck: ComplianceCheck = {
  id: 'C01',
  title: 'Objectives set and consistent',
  rule:
    'Every tier 1-3 service declares an MTPD, an RTO and an RPO, and its RTO is no longer than its MTPD ' +
    '(an RTO equal to the MTPD passes).',
  references: [
    { framework: 'iso22301', clause: '8.2.2' },
    { framework: 'nist-800-34', clause: '3.2' },
    { framework: 'dora', clause: 'Art. 12(6)' },
  ],
  defaults: { tiers: [1, 2, 3], severity: 'high' },
  items(context) {
    return scopedServices(context, 'C01').map((service) => {
      const { spec } = service;
      const base = {
        id: service.metadata.id,
        kind: 'Service' as const,
        path: context.pathOf(service),
      };
      const name = serviceName(service);
      const missing = (['mtpd', 'rto', 'rpo'] as const).filter(
        (key) => spec[key] === undefined || parseDuration(spec[key]) === undefined,
      );
      if (missing.length > 0)
        return {
          ...base,
          status: 'fail' as const,
          message:
            `${name} has no ${listed(missing.map((key) => key.toUpperCase()))}: set ` +
            `${listed(missing.map((key) => MEANING[key]))}.`,
        };
      if (rtoOverMtpd(spec))
        return {
          ...base,
          status: 'fail' as const,
          message:
            `${name} has an RTO of ${spec.rto}, over its MTPD of ${spec.mtpd}: it would come back after the damage ` +
            'is already unacceptable; shorten the RTO (or revisit the MTPD).',
        };
      return {
        ...base,
        status: 'pass' as const,
        message: `${name} declares MTPD ${spec.mtpd}, RTO ${spec.rto} (within the MTPD) and RPO ${spec.rpo}.`,
      };
    });
  },
};
