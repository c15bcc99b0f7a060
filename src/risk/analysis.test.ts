import { describe, expect, it } from 'vitest';
import type { RiskSpec } from '../catalog/kinds/risk.kind.ts';
import type { BiaFigures } from '../bia/business-impact.ts';
import { effectivePolicy } from '../bia/policy.ts';
import { buildGraph } from '../engine/index.ts';
import { node } from '../engine/testing/nodes.ts';
import { pertMean, pertVariance } from './random.ts';
import { analyzeRisks, singlePointStatus, type RiskDocument } from './analysis.ts';

// The Leeds data centre (back after 4h) under the payments database (1h to restart after it), and an HSM: the
// tier-1 payments service is down 5h when the site floods. A tier-3 web site rides on the database too.
const graph = () =>
  buildGraph([
    node('dc', { kind: 'Site', recovery: 240 }),
    node('db', { requires: ['dc'], recovery: 60, restart: 60 }),
    node('hsm', { recovery: 120 }),
    node('pay', { tier: 1, requires: ['db', 'hsm'] }),
    node('web', { tier: 3, requires: ['db'] }),
    node('kiosk', { recovery: 30 }),
    node('lobby', { tier: 3, requires: ['kiosk'] }),
  ]);

// Payments loses 60,000 after 4h and 400,000 after a day: linear between, so 77,000 after 5h.
const bias = new Map<string, BiaFigures>([
  [
    'pay',
    {
      impacts: { financial: { '1h': 2, '4h': 3, '1d': 4 } },
      loss: { '1h': 10_000, '4h': 60_000, '1d': 400_000 },
    },
  ],
]);

const base = { category: 'natural', owner: 'ops', description: 'd', likelihood: 2, impact: 3 } as const;
const risk = (id: string, spec: Partial<RiskSpec>): RiskDocument => ({ id, spec: { ...base, ...spec } });
const policy = effectivePolicy();
const analyze = (risks: RiskDocument[], runs = 20_000, seed = 4) =>
  analyzeRisks({ graph: graph(), risks, policy, bias, today: '2026-06-01', runs, seed });

describe('analyzeRisks', () => {
  it("costs a scenario's event at its services' BIA loss for their restore times", () => {
    const frequency = { min: 0.5, likely: 1, max: 3 };
    const answer = analyze([risk('flood', { scenario: { fail: ['dc'] }, frequency })]);
    const flood = answer.risks[0]!;
    expect(flood.lossPerEventMean).toBeCloseTo(77_000, 6);
    expect(flood.frequencyMean).toBeCloseTo(pertMean(frequency), 12);
    // The year's sd from the law of total variance with a constant loss L: L^2 (E[rate] + Var(rate)).
    const sd = 77_000 * Math.sqrt(pertMean(frequency) + pertVariance(frequency));
    expect(Math.abs(flood.ale! - 77_000 * pertMean(frequency))).toBeLessThanOrEqual(
      4 * (sd / Math.sqrt(20_000)),
    );
    // The peak level of payments after 5h is 3 (the 4h level): the suggested impact.
    expect(flood.suggestedImpact).toBe(3);
    expect(answer.portfolio.ale).toBe(flood.ale);
    expect(answer).toMatchObject({ currency: 'EUR', runs: 20_000, seed: 4, appetite: 9 });
  });

  it('multiplies every restore time by the drawn duration factor', () => {
    const answer = analyze([
      risk('flood', {
        scenario: { fail: ['dc'] },
        frequency: { min: 1, likely: 1, max: 1 },
        durationFactor: { min: 4.8, likely: 4.8, max: 4.8 },
      }),
    ]);
    // 5h x 4.8 = 1440 minutes, a day: 400,000.
    expect(answer.risks[0]!.lossPerEventMean).toBeCloseTo(400_000, 6);
  });

  it('prefers a loss range to the scenario, and leaves figures null without a frequency or a cost', () => {
    const answer = analyze(
      [
        risk('ransomware', {
          scenario: { fail: ['dc'] },
          frequency: { min: 0.1, likely: 0.2, max: 0.5 },
          loss: { min: 1e6, likely: 2e6, max: 9e6 },
        }),
        risk('no-frequency', { scenario: { fail: ['dc'] }, likelihood: 4, impact: 4 }),
        risk('no-bia', { scenario: { fail: ['kiosk'] }, frequency: { min: 1, likely: 2, max: 3 } }),
      ],
      2000,
    );
    const [noBia, noFrequency, ransomware] = answer.risks;
    expect(ransomware!.lossPerEventMean).toBeCloseTo(pertMean({ min: 1e6, likely: 2e6, max: 9e6 }), 3);
    expect(noFrequency).toMatchObject({
      id: 'no-frequency',
      score: 16,
      residualScore: null,
      aboveAppetite: true,
      ale: null,
      exceedance: null,
      frequencyMean: null,
    });
    expect(noBia).toMatchObject({ id: 'no-bia', ale: null, lossPerEventMean: null, suggestedImpact: null });
    expect(answer.portfolio.ale).toBe(ransomware!.ale);
  });

  it('suggests the single points of failure of tier 1 and 2 services that no risk names, ranked', () => {
    expect(analyze([], 100).suggested).toEqual([
      { node: 'db', services: ['pay'] },
      { node: 'dc', services: ['pay'] },
      { node: 'hsm', services: ['pay'] },
    ]);
    const hsm = risk('hsm-failure', {
      category: 'technical',
      scenario: { fail: ['hsm'] },
      treatment: { decision: 'accept' },
      acceptance: { by: 'ana', on: '2026-01-01', until: '2026-12-31' },
    });
    const answer = analyze([hsm, risk('flood', { scenario: { fail: ['dc'] } })], 100);
    expect(answer.suggested).toEqual([{ node: 'db', services: ['pay'] }]);
    expect(singlePointStatus('hsm', [hsm], '2026-06-01')).toEqual({ risks: ['hsm-failure'], accepted: true });
    expect(singlePointStatus('hsm', [hsm], '2027-01-01')).toEqual({
      risks: ['hsm-failure'],
      accepted: false,
    });
  });

  it('gives the same answer for the same seed', () => {
    const risks = [risk('flood', { scenario: { fail: ['dc'] }, frequency: { min: 0.5, likely: 1, max: 3 } })];
    expect(analyze(risks, 3000, 9)).toEqual(analyze(risks, 3000, 9));
    expect(analyze(risks, 3000, 10).risks[0]!.ale).not.toBe(analyze(risks, 3000, 9).risks[0]!.ale);
  });
});
