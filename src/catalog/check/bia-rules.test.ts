import { describe, expect, it } from 'vitest';
import { checkCatalog } from './check-catalog.ts';
import { formatFindings } from './finding.ts';

/** YAML lines of one document. */
const doc = (kind: string, id: string, ...spec: string[]) => [
  'apiVersion: lifeboat/v1',
  `kind: ${kind}`,
  `metadata: {id: ${id}}`,
  'spec:',
  ...spec.map((line) => `  ${line}`),
];

// Lines 1-4: a person who assesses, and who owns the services.
const ana = doc('Person', 'ana', 'email: ana@example.org');

const policy = (id = 'policy') =>
  doc(
    'Policy',
    id,
    'organisation: {name: Example, currency: GBP}',
    'impact: {horizons: [1h, 4h, 1d, 3d], tolerance: 4}',
    'workRecovery: 30m',
    'reviewInterval: 26w',
  );

const service = (id: string, tier: number, ...objectives: string[]) =>
  doc('Service', id, 'type: business', `tier: ${tier}`, 'owner: ana', 'rpo: 15m', ...objectives);

const assessment = (id: string, serviceId: string, assessedOn: string, ...rest: string[]) =>
  doc(
    'ImpactAssessment',
    id,
    `service: ${serviceId}`,
    'assessedBy: ana',
    `assessedOn: '${assessedOn}'`,
    ...rest,
  );

/** The catalog of these documents in one file, `c.yaml`, checked on 2026-06-01. */
function check(...documents: string[][]) {
  const text = documents.map((lines) => lines.join('\n')).join('\n---\n');
  return checkCatalog([{ file: 'c.yaml', text }], { today: '2026-06-01' });
}

/** The findings as `lifeboat check` prints them. */
const lines = (result: ReturnType<typeof check>) => formatFindings(result);

describe('BIA errors', () => {
  it('refuses a second Policy, naming where the first one is', () => {
    const result = check(ana, policy('policy'), policy('policy-2'));
    expect(lines(result)).toEqual([
      'c.yaml:18:16: error: a catalog has at most one Policy: "policy-2" is another besides "policy" (c.yaml:9:16); merge them',
    ]);
  });

  it("refuses a horizon, a category and a level that are not the policy's, each at its place", () => {
    const result = check(
      ana,
      policy(),
      service('pay', 3, 'rto: 4h'),
      assessment(
        'bia-pay',
        'pay',
        '2026-03-01',
        'impacts:',
        '  financial: {1h: 1, 2h: 2, 1d: 6}',
        '  costs: {1h: 1}',
        'loss: {1h: 100, 1w: 900}',
      ),
    );
    expect(lines(result).filter((line) => line.includes(': error: '))).toEqual([
      'c.yaml:34:24: error: horizon "2h" is not one of the policy\'s horizons (1h, 4h, 1d, 3d)',
      "c.yaml:34:35: error: level 6 is above the policy's highest impact level, 5 (Severe)",
      'c.yaml:35:5: error: unknown impact category "costs"; the policy\'s categories are financial, customers, regulatory, reputational, safety',
      'c.yaml:36:19: error: horizon "1w" is not one of the policy\'s horizons (1h, 4h, 1d, 3d)',
    ]);
  });

  it('reads horizons by their length, suggests the category meant, and uses the defaults without a Policy', () => {
    const result = check(
      ana,
      service('pay', 3, 'rto: 4h'),
      assessment('bia-pay', 'pay', '2026-03-01', 'impacts:', '  finacial: {60m: 1, 4w: 2}'),
    );
    // 60m is the default 1h, and 4w is a default horizon.
    expect(lines(result)).toEqual([
      'c.yaml:25:5: error: unknown impact category "finacial" (did you mean "financial"?); the policy\'s categories are financial, customers, regulatory, reputational, safety',
    ]);
  });
});

describe('BIA warnings', () => {
  // Level 4 (the tolerance) from 1d: derived MTPD 1d, suggested RTO 23h30m, suggested tier 2 (tiers: 4h, 1d, 1w).
  const bia = (serviceId: string, assessedOn = '2026-03-01', id = `bia-${serviceId}`) =>
    assessment(id, serviceId, assessedOn, 'impacts:', '  financial: {1h: 1, 4h: 3, 1d: 4, 3d: 5}');

  it('accepts objectives within what the BIA derives', () => {
    const result = check(ana, policy(), service('pay', 2, 'rto: 8h', 'mtpd: 12h'), bia('pay'));
    expect(lines(result)).toEqual([]);
  });

  it('warns about a later MTPD, an RTO over the suggested one and a less critical tier, at each value', () => {
    const result = check(ana, policy(), service('pay', 3, 'rto: 1d', 'mtpd: 3d'), bia('pay'));
    expect(lines(result)).toEqual([
      'c.yaml:21:9: warning: tier 3 is less critical than the tier 2 its current BIA "bia-pay" suggests (its MTPD 1d)',
      'c.yaml:24:8: warning: rto 1d is over the 23h30m its current BIA "bia-pay" suggests (its MTPD 1d less 30m of work recovery)',
      'c.yaml:25:9: warning: mtpd 3d is later than the 1d its current BIA "bia-pay" derives (the impact reaches the tolerance, level 4, then): the damage is intolerable before the mtpd',
    ]);
  });

  it('judges by the latest assessment, and warns when it is past the review interval', () => {
    // The 2025 assessment (level 4 from 4h, and past the review interval) would warn about the tier and the MTPD,
    // but the later one replaced it.
    const result = check(
      ana,
      policy(),
      service('pay', 2, 'rto: 2h', 'mtpd: 1d'),
      bia('pay', '2026-03-01'),
      assessment('bia-pay-2025', 'pay', '2025-11-20', 'impacts:', '  financial: {1h: 3, 4h: 4}'),
    );
    expect(lines(result)).toEqual([]);
    const stale = check(ana, policy(), service('pay', 2, 'rto: 2h', 'mtpd: 1d'), bia('pay', '2025-11-20'));
    // 26 weeks after 2025-11-20 is 2026-05-21, before 2026-06-01.
    expect(lines(stale)).toEqual([
      'c.yaml:33:15: warning: the BIA of "pay", assessed on 2025-11-20, is past the policy\'s review interval (26w): it was due again on 2026-05-21',
    ]);
  });

  it('warns about a tier 1 or 2 service with no current BIA, and not a tier 3 one', () => {
    const result = check(
      ana,
      policy(),
      service('pay', 1, 'rto: 1h', 'mtpd: 4h'),
      service('hr', 3, 'rto: 3d', 'mtpd: 1w'),
    );
    expect(lines(result)).toEqual([
      'c.yaml:21:9: warning: tier-1 service "pay" has no current BIA: assess it to derive and check its MTPD, RTO and tier',
    ]);
    // Without a Policy or any assessment, the catalog does not run its BIA here yet: nothing to warn about.
    expect(lines(check(ana, service('pay', 1, 'rto: 1h', 'mtpd: 4h')))).toEqual([]);
  });
});
