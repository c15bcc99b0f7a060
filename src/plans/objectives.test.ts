import { describe, expect, it } from 'vitest';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import { buildGraph } from '../engine/index.ts';
import { node } from '../engine/testing/nodes.ts';
import { gapBreaches, objectiveRisks, objectiveScenarios, objectivesGap } from './objectives.ts';

const service = (id: string, tier: number, rtoMinutes: number | null, requires: string[]) =>
  node(id, { requires, tier, rto: rtoMinutes, rpo: 60 });

// Two sites, a vendor; `pay` (tier 1, RTO 1h) runs in leeds, `mail` (tier 3, RTO 1d) at the vendor.
const nodes = [
  node('york', { kind: 'Site', recovery: 600 }),
  node('leeds', { kind: 'Site', recovery: 240 }),
  node('telco', { kind: 'Vendor', recovery: 30 }),
  node('db', { requires: ['leeds'], restart: 30 }),
  service('pay', 1, 60, ['db']),
  service('mail', 3, 24 * 60, ['telco']),
];

const plan = (id: string, fail: string[], steps: PlanSpec['phases']): { id: string; spec: PlanSpec } => ({
  id,
  spec: {
    services: ['pay'],
    owner: 'ops',
    scenario: { description: 'a disruption', fail },
    activation: 'the duty manager decides',
    phases: steps,
  },
});

describe('objectiveScenarios', () => {
  it('lists each site alone, each vendor alone, then each plan scenario, each by id', () => {
    const scenarios = objectiveScenarios(nodes, [plan('leeds-loss', ['leeds'], {})]);
    expect(scenarios.map(({ id, source, fail }) => ({ id, source, fail }))).toEqual([
      { id: 'leeds', source: 'site', fail: ['leeds'] },
      { id: 'york', source: 'site', fail: ['york'] },
      { id: 'telco', source: 'vendor', fail: ['telco'] },
      { id: 'leeds-loss', source: 'plan', fail: ['leeds'] },
    ]);
  });
});

describe('risk scenarios in the objectives gap', () => {
  it("adds each Risk's scenario last, by id, as a source of its own, and the services it breaches", () => {
    const risk = (id: string, fail?: string[]) => ({
      apiVersion: 'lifeboat/v1' as const,
      kind: 'Risk' as const,
      metadata: { id },
      spec: {
        category: 'cyber' as const,
        owner: 'ops',
        description: 'd',
        likelihood: 2,
        impact: 4,
        ...(fail && { scenario: { fail } }),
      },
    });
    // A risk without a scenario is only scored: it adds no scenario.
    const risks = objectiveRisks([
      risk('ransomware', ['db']),
      risk('key-person'),
      risk('carrier', ['telco']),
    ]);
    const scenarios = objectiveScenarios(nodes, [plan('leeds-loss', ['leeds'], {})], risks);
    expect(scenarios.slice(-3).map(({ id, source, fail }) => ({ id, source, fail }))).toEqual([
      { id: 'leeds-loss', source: 'plan', fail: ['leeds'] },
      { id: 'carrier', source: 'risk', fail: ['telco'] },
      { id: 'ransomware', source: 'risk', fail: ['db'] },
    ]);
    // The ransomware takes the database and so pay down; the carrier only mail.
    const gap = objectivesGap(buildGraph(nodes), scenarios);
    const pay = gap.services.find((service) => service.id === 'pay')!.results;
    expect(pay.find((result) => result.scenario === 'ransomware')).toMatchObject({ down: true });
    expect(pay.find((result) => result.scenario === 'carrier')).toMatchObject({ down: false });
  });
});

describe('objectivesGap', () => {
  const graph = buildGraph(nodes);

  it('gives every service a result in every scenario, with its restore time and RTO breach', () => {
    const gap = objectivesGap(graph, objectiveScenarios(nodes, []));
    expect(gap.scenarios.map((scenario) => scenario.id)).toEqual(['leeds', 'york', 'telco']);
    expect(gap.services.map((s) => [s.id, s.tier, s.rtoMinutes, s.rpoMinutes])).toEqual([
      ['pay', 1, 60, 60],
      ['mail', 3, 24 * 60, 60],
    ]);
    const pay = gap.services[0]!.results;
    // Leeds back after 4h, the database restarts in 30m: 4h30m, past the 1h RTO.
    expect(pay[0]).toMatchObject({ scenario: 'leeds', down: true, restoreMinutes: 270, rtoBreach: true });
    // York holds nothing pay needs: up, nothing lost, nothing breached.
    expect(pay[1]).toEqual({
      scenario: 'york',
      down: false,
      restoreMinutes: null,
      restoreKnown: true,
      dataLossMinutes: 0,
      rtoBreach: false,
      rpoBreach: false,
    });
    expect(gap.services[1]!.results[2]).toMatchObject({ scenario: 'telco', down: true, restoreMinutes: 30 });
    expect(gap.services[1]!.results[2]!.rtoBreach).toBe(false);
  });

  it('lists the breaches that --fail-on breach gates on, by service and scenario', () => {
    const gap = objectivesGap(graph, objectiveScenarios(nodes, []));
    expect(gapBreaches(gap)).toEqual([{ service: 'pay', scenario: 'leeds', missed: ['RTO'] }]);
  });

  it('makes a restore time that waited on a plan step without a duration a lower bound, never a met RTO', () => {
    const scenarios = objectiveScenarios(nodes, [
      plan('telco-loss', ['telco'], { recovery: [{ id: 'call-telco', title: 'call', restores: ['telco'] }] }),
    ]);
    const gap = objectivesGap(graph, scenarios);
    const mail = gap.services.find((s) => s.id === 'mail')!.results.find((r) => r.scenario === 'telco-loss')!;
    expect(mail).toMatchObject({ down: true, restoreKnown: false, rtoBreach: null });
    // The same failure without the plan: the vendor's own recovery time is known, and within the RTO.
    const alone = gap.services.find((s) => s.id === 'mail')!.results.find((r) => r.scenario === 'telco')!;
    expect(alone).toMatchObject({ down: true, restoreKnown: true, rtoBreach: false });
  });
});
