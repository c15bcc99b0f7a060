import { describe, expect, it } from 'vitest';
import { checkCatalog } from './check-catalog.ts';
import { formatFindings } from './finding.ts';

const people = [
  'apiVersion: lifeboat/v1',
  'kind: Person',
  'metadata: {id: ana}',
  'spec: {email: ana@example.org}',
  '---',
  'apiVersion: lifeboat/v1',
  'kind: Site',
  'metadata: {id: dc}',
  'spec: {recovery: 1d}',
];

/** A catalog of a person, a site and the given YAML documents, checked on `today`. */
function check(today: string, ...documents: string[][]) {
  const text = [...people, ...documents.flatMap((lines) => ['---', ...lines])].join('\n');
  return checkCatalog([{ file: 'r.yaml', text }], { today });
}

const risk = (id: string, ...spec: string[]) => [
  'apiVersion: lifeboat/v1',
  'kind: Risk',
  `metadata: {id: ${id}}`,
  'spec:',
  '  category: natural',
  '  owner: ana',
  '  description: The river floods the data centre.',
  ...spec.map((line) => `  ${line}`),
];

const warningsOf = (result: ReturnType<typeof check>) =>
  formatFindings(result).filter((line) => line.includes(': warning: '));

describe('risk warnings', () => {
  it('warns about a risk above the appetite with no treatment, at its likelihood', () => {
    const result = check(
      '2026-06-01',
      risk('flood', 'likelihood: 3', 'impact: 4', 'lastReviewed: 2026-05-01'),
    );
    expect(result.errors).toEqual([]);
    expect(warningsOf(result)).toEqual([
      'r.yaml:18:15: warning: risk "flood" has a score 12 over the appetite of 9 and no treatment: decide to mitigate, transfer or avoid it, or record an acceptance (by, on, until)',
    ]);
  });

  it('takes a treatment, an acceptance, or a residual score within the appetite as enough', () => {
    const mitigated = risk(
      'a',
      'likelihood: 3',
      'impact: 4',
      'treatment: {decision: mitigate}',
      'lastReviewed: 2026-05-01',
    );
    const residual = risk(
      'b',
      'likelihood: 3',
      'impact: 4',
      'residual: {likelihood: 1, impact: 4}',
      'lastReviewed: 2026-05-01',
    );
    const accepted = risk(
      'c',
      'likelihood: 3',
      'impact: 4',
      'treatment: {decision: accept}',
      'acceptance: {by: ana, on: 2026-01-01, until: 2026-12-31}',
      'lastReviewed: 2026-05-01',
    );
    const within = risk('d', 'likelihood: 3', 'impact: 3', 'lastReviewed: 2026-05-01');
    expect(warningsOf(check('2026-06-01', mitigated, residual, accepted, within))).toEqual([]);
  });

  it('uses the policy appetite: a score of 12 is within an appetite of 12', () => {
    const policy = [
      'apiVersion: lifeboat/v1',
      'kind: Policy',
      'metadata: {id: policy}',
      'spec: {risk: {appetite: 12}}',
    ];
    const result = check(
      '2026-06-01',
      policy,
      risk('flood', 'likelihood: 3', 'impact: 4', 'lastReviewed: 2026-05-01'),
    );
    expect(warningsOf(result)).toEqual([]);
  });

  it('warns about an acceptance that has ended, at its until', () => {
    const result = check(
      '2027-01-05',
      risk(
        'hsm',
        'likelihood: 2',
        'impact: 5',
        'treatment: {decision: accept}',
        'acceptance: {by: ana, on: 2026-01-01, until: 2026-12-31}',
        'lastReviewed: 2026-12-01',
      ),
    );
    expect(warningsOf(result)).toEqual([
      'r.yaml:21:48: warning: the acceptance of risk "hsm" by "ana" ended on 2026-12-31: renew it or treat the risk',
    ]);
    expect(
      warningsOf(
        check(
          '2026-12-31',
          risk(
            'hsm',
            'likelihood: 1',
            'impact: 5',
            'treatment: {decision: accept}',
            'acceptance: {by: ana, on: 2026-01-01, until: 2026-12-31}',
            'lastReviewed: 2026-12-01',
          ),
        ),
      ),
    ).toEqual([]);
  });

  it('warns when the review is older than the review interval, on the day it falls due, and when there is none', () => {
    const reviewed = risk('old', 'likelihood: 1', 'impact: 1', 'lastReviewed: 2025-06-01');
    // 52 weeks (the default interval) after 2025-06-01 is 2026-05-31.
    expect(warningsOf(check('2026-05-30', reviewed))).toEqual([]);
    expect(warningsOf(check('2026-05-31', reviewed))).toEqual([
      'r.yaml:20:17: warning: risk "old" was last reviewed on 2025-06-01: its review was due on 2026-05-31 (review interval 364 days)',
    ]);
    expect(warningsOf(check('2026-05-31', risk('new', 'likelihood: 1', 'impact: 1')))).toEqual([
      'r.yaml:13:16: warning: risk "new" has never been reviewed: review it and set lastReviewed',
    ]);
  });

  it('warns about a scenario without a frequency and a frequency without a loss or scenario', () => {
    const result = check(
      '2026-06-01',
      risk('a', 'likelihood: 1', 'impact: 2', 'scenario: {fail: [dc]}', 'lastReviewed: 2026-05-01'),
      risk(
        'b',
        'likelihood: 1',
        'impact: 2',
        'frequency: {min: 0.1, likely: 0.2, max: 1}',
        'lastReviewed: 2026-05-01',
      ),
      risk(
        'c',
        'likelihood: 1',
        'impact: 2',
        'scenario: {fail: [dc]}',
        'frequency: {min: 0.1, likely: 0.2, max: 1}',
        'lastReviewed: 2026-05-01',
      ),
      risk('d', 'likelihood: 1', 'impact: 2', 'lastReviewed: 2026-05-01'),
    );
    expect(warningsOf(result)).toEqual([
      'r.yaml:20:13: warning: risk "a" has a scenario but no frequency: set frequency {min, likely, max} (events a year) to quantify its annual loss',
      'r.yaml:32:14: warning: risk "b" has a frequency but neither a scenario nor a loss: set scenario.fail or loss {min, likely, max} to quantify its annual loss',
    ]);
  });
});
