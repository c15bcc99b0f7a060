import { describe, expect, it } from 'vitest';
import { buildGraph } from '../engine/index.ts';
import { node } from '../engine/testing/nodes.ts';
import { filterObjectives, objectivesAnswer } from './objectives-answer.ts';
import { objectiveScenarios, objectivesGap } from './objectives.ts';
import type { ObjectivesGap } from './objectives.ts';

// Leeds holds pay (tier 1, RTO 1h: leeds takes 4h30m) and ledger (tier 1, RTO 1d: met); the vendor holds mail
// (tier 3, RTO 15m: telco takes 30m) and "chat \"beta\"" (tier 3, no RTO), whose id needs escaping in JSON.
const nodes = [
  node('leeds', { kind: 'Site', recovery: 240 }),
  node('york', { kind: 'Site', recovery: 600 }),
  node('telco', { kind: 'Vendor', recovery: 30 }),
  node('db', { requires: ['leeds'], restart: 30 }),
  node('pay', { requires: ['db'], tier: 1, rto: 60 }),
  node('ledger', { requires: ['db'], tier: 1, rto: 24 * 60 }),
  node('mail', { requires: ['telco'], tier: 3, rto: 15 }),
  node('chat "beta"', { requires: ['telco'], tier: 3 }),
];
const gap = objectivesGap(buildGraph(nodes), objectiveScenarios(nodes, []));
const answer = objectivesAnswer(gap);
const ids = (json: string | undefined) =>
  (JSON.parse(json ?? 'null') as ObjectivesGap).services.map((service) => service.id);

describe('objectivesAnswer', () => {
  it('is exactly the JSON of the gap', () => {
    expect(answer.json).toBe(JSON.stringify(gap));
    expect(answer.ids).toEqual(['ledger', 'pay', 'chat "beta"', 'mail']);
  });
});

describe('filterObjectives', () => {
  it('answers the whole gap without a condition', () => {
    expect(filterObjectives(answer, {})).toBe(answer.json);
  });

  it('keeps the services of one tier, those with a breach or one service, and every scenario', () => {
    expect(ids(filterObjectives(answer, { tier: 1 }))).toEqual(['ledger', 'pay']);
    // pay misses its RTO when leeds fails, mail when telco does; ledger and the chat never miss one.
    expect(ids(filterObjectives(answer, { breaches: true }))).toEqual(['pay', 'mail']);
    expect(ids(filterObjectives(answer, { breaches: false }))).toEqual(['ledger', 'chat "beta"']);
    expect(ids(filterObjectives(answer, { tier: 3, breaches: true }))).toEqual(['mail']);
    const chat = JSON.parse(filterObjectives(answer, { service: 'chat "beta"' })!) as ObjectivesGap;
    expect(chat).toEqual({ scenarios: gap.scenarios, services: [gap.services[2]] });
    expect(ids(filterObjectives(answer, { tier: 2 }))).toEqual([]);
    // A service that does not meet the other conditions leaves the list empty, not undefined.
    expect(ids(filterObjectives(answer, { service: 'pay', tier: 3 }))).toEqual([]);
  });

  it('says when the service named is not in the answer', () => {
    expect(filterObjectives(answer, { service: 'payy' })).toBeUndefined();
  });
});
