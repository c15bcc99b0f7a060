import { describe, expect, it } from 'vitest';
import type { DocumentOf } from '../kinds.ts';
import { rtoOverMtpd, serviceContinuityWarnings } from './continuity-rules.ts';

function service(spec: Partial<DocumentOf<'Service'>['spec']>): DocumentOf<'Service'> {
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'Service',
    metadata: { id: 'payments' },
    spec: { tier: 3, owner: 'team-payments', ...spec },
  } as DocumentOf<'Service'>;
}

describe('rtoOverMtpd', () => {
  it('is true only when both are valid durations and the RTO is longer', () => {
    expect(rtoOverMtpd({ rto: '2d', mtpd: '1d' })).toBe(true);
    expect(rtoOverMtpd({ rto: '1d', mtpd: '1d' })).toBe(false);
    expect(rtoOverMtpd({ rto: '4h', mtpd: '1d' })).toBe(false);
    expect(rtoOverMtpd({ rto: '2d' })).toBe(false);
    // The catalog's own grammar: no spaces, units in descending order.
    expect(rtoOverMtpd({ rto: ' 2d', mtpd: '1d' })).toBe(false);
  });
});

describe('serviceContinuityWarnings', () => {
  it('warns at spec.rto when the RTO is over the MTPD, naming both values', () => {
    expect(serviceContinuityWarnings(service({ rto: '3d', mtpd: '1d' }))).toEqual([
      {
        path: ['spec', 'rto'],
        message:
          'rto 3d is over mtpd 1d: the service would come back after the damage is already unacceptable',
      },
    ]);
  });

  it('warns about a tier-1 service without RTO or RPO, and a service without an owner', () => {
    const warnings = serviceContinuityWarnings(service({ tier: 1, owner: undefined }));
    expect(warnings.map((warning) => warning.path.join('.'))).toEqual([
      'spec.tier',
      'spec.tier',
      'metadata.id',
    ]);
    expect(warnings.map((warning) => warning.message).join('\n')).toMatch(
      /no rto[\s\S]*no rpo[\s\S]*no owner/,
    );
  });

  it('has nothing to say about a complete service within its objectives', () => {
    expect(serviceContinuityWarnings(service({ tier: 1, rto: '4h', rpo: '15m', mtpd: '1d' }))).toEqual([]);
  });
});
