import { describe, expect, it } from 'vitest';
import type { CheckItem, CheckResult, FrameworkResult, Snapshot } from './compliance-model';
import {
  checkHref,
  checkSeries,
  countChecks,
  countRequirements,
  evidenceText,
  frameworkParam,
  orderChecks,
  orderItems,
  passedShare,
  percentValue,
  requirementChecks,
  scoreSeries,
  scoreText,
  trendSummary,
} from './compliance-model';

function check(partial: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return {
    title: `Check ${partial.id}`,
    rule: 'A rule.',
    severity: 'medium',
    passed: 0,
    failed: 0,
    items: [],
    references: [],
    ...partial,
  };
}

function item(id: string, status: CheckItem['status']): CheckItem {
  return { id, kind: 'Service', status, message: `${id} ${status}`, path: `/services/${id}` };
}

describe('the compliance page model', () => {
  it('writes the score as a whole percentage, never 100% with a failure nor 0% with a pass', () => {
    expect(scoreText(null)).toBe('n/a');
    expect(scoreText(1)).toBe('100%');
    expect(scoreText(0)).toBe('0%');
    expect(scoreText(0.8333)).toBe('83%');
    expect(scoreText(0.996)).toBe('99%');
    expect(scoreText(0.004)).toBe('1%');
    expect(percentValue(0.5)).toBe(50);
  });

  it("gives a check's passing share, none when it has no item", () => {
    expect(passedShare({ passed: 3, failed: 1 })).toBe(0.75);
    expect(passedShare({ passed: 0, failed: 2 })).toBe(0);
    expect(passedShare({ passed: 0, failed: 0 })).toBeNull();
  });

  it('orders the checks failing first (most severe, then most failures), then passing, then not applicable', () => {
    const checks = [
      check({ id: 'C01', status: 'pass', passed: 4 }),
      check({ id: 'C02', status: 'not-applicable' }),
      check({ id: 'C03', status: 'fail', severity: 'low', failed: 9 }),
      check({ id: 'C04', status: 'fail', severity: 'high', failed: 1 }),
      check({ id: 'C05', status: 'fail', severity: 'high', failed: 3 }),
      check({ id: 'C06', status: 'pass', passed: 1 }),
    ];
    expect(orderChecks(checks).map((c) => c.id)).toEqual(['C05', 'C04', 'C03', 'C01', 'C06', 'C02']);
    expect(countChecks(checks)).toEqual({ pass: 2, fail: 3, notApplicable: 1 });
  });

  it("lists a check's failing items first, each group in the check's order", () => {
    const items = [item('a', 'pass'), item('b', 'fail'), item('c', 'pass'), item('d', 'fail')];
    expect(orderItems(items).map((i) => i.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('names a version by its number and short checksum, and other evidence by its title', () => {
    expect(
      evidenceText({
        type: 'version',
        kind: 'Plan',
        id: 'plan-a',
        title: 'Plan plan-a approved by ana on 2026-03-02',
        version: 3,
        checksum: '0123456789abcdef0123456789abcdef',
      }),
    ).toBe('Plan plan-a approved by ana on 2026-03-02 (v3, 0123456789ab)');
    expect(evidenceText({ type: 'document', kind: 'Exercise', id: 'ex-1', title: 'Exercise ex-1' })).toBe(
      'Exercise ex-1',
    );
    expect(
      evidenceText({ type: 'audit', id: '41', title: 'Audit log head', checksum: 'ffeeddccbbaa9988' }),
    ).toBe('Audit log head (ffeeddccbbaa)');
  });

  it('reads the framework from the address, an unknown one as all', () => {
    expect(frameworkParam('dora')).toBe('dora');
    expect(frameworkParam('nist-800-34')).toBe('nist-800-34');
    expect(frameworkParam('sox')).toBeUndefined();
    expect(frameworkParam(null)).toBeUndefined();
    expect(checkHref('C04', undefined)).toBe('?tab=checks&check=C04');
    expect(checkHref('C04', 'nis2')).toBe('?tab=checks&check=C04&framework=nis2');
  });

  it("counts a framework's requirements and names each requirement's checks", () => {
    const framework: FrameworkResult = {
      id: 'iso22301',
      title: 'ISO 22301:2019',
      requirements: [
        { clause: '8.2.2', title: 'BIA', checks: ['C01', 'C02'], status: 'fail' },
        { clause: '8.4', title: 'Plans', checks: ['C06'], status: 'pass' },
        { clause: '7.4', title: 'Communication', checks: [], status: 'manual' },
        { clause: '8.3', title: 'Strategies', checks: ['C03'], status: 'pass' },
      ],
    };
    expect(countRequirements(framework)).toEqual({ pass: 2, fail: 1, 'not-applicable': 0, manual: 1 });
    const checks = [check({ id: 'C02', status: 'fail' }), check({ id: 'C01', status: 'pass' })];
    expect(requirementChecks(framework.requirements[0]!, checks)).toEqual([
      { id: 'C01', title: 'Check C01', status: 'pass' },
      { id: 'C02', title: 'Check C02', status: 'fail' },
    ]);
    expect(requirementChecks(framework.requirements[1]!, checks)).toEqual([]);
  });

  const snapshots: Snapshot[] = [
    {
      date: '2026-12-03',
      score: 0.9,
      checks: [
        { id: 'C01', status: 'pass', passed: 4, failed: 0 },
        { id: 'C02', status: 'fail', passed: 1, failed: 1 },
      ],
    },
    {
      date: '2026-12-01',
      score: 0.75,
      checks: [
        { id: 'C02', status: 'fail', passed: 1, failed: 3 },
        { id: 'C05', status: 'not-applicable', passed: 0, failed: 0 },
      ],
    },
    { date: '2026-12-02', score: null, checks: [] },
  ];

  it('draws the score over time oldest first, a day without a score as a gap', () => {
    expect(scoreSeries(snapshots)).toEqual([
      { date: '2026-12-01', score: 75 },
      { date: '2026-12-02', score: null },
      { date: '2026-12-03', score: 90 },
    ]);
    expect(trendSummary(scoreSeries(snapshots))).toBe('75% on 2026-12-01, 90% on 2026-12-03 (up 15 points).');
    expect(trendSummary([{ date: '2026-12-01', score: 80 }])).toBe(
      '80% on 2026-12-01, the only snapshot so far.',
    );
    expect(trendSummary([])).toBe('No snapshot has a score yet.');
  });

  it("draws each check's passing share over time, leaving out a day it had no item", () => {
    expect(checkSeries(snapshots)).toEqual({
      data: [
        { date: '2026-12-01', C02: 25 },
        { date: '2026-12-02' },
        { date: '2026-12-03', C01: 100, C02: 50 },
      ],
      checks: ['C01', 'C02'],
    });
  });
});
