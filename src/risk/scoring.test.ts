import { describe, expect, it } from 'vitest';
import { effectivePolicy } from '../bia/policy.ts';
import { acceptanceCurrent, riskAccepted, riskReview, riskScores, suggestedImpact } from './scoring.ts';

describe('riskScores', () => {
  it('multiplies likelihood by impact, inherent and residual, and compares the residual with the appetite', () => {
    expect(riskScores({ likelihood: 3, impact: 4 }, 9)).toEqual({
      score: 12,
      residualScore: null,
      currentScore: 12,
      aboveAppetite: true,
    });
    expect(riskScores({ likelihood: 3, impact: 4, residual: { likelihood: 2, impact: 4 } }, 9)).toEqual({
      score: 12,
      residualScore: 8,
      currentScore: 8,
      aboveAppetite: false,
    });
    expect(riskScores({ likelihood: 3, impact: 3 }, 9).aboveAppetite).toBe(false);
  });
});

describe('acceptance', () => {
  const spec = {
    treatment: { decision: 'accept' as const },
    acceptance: { by: 'ana', on: '2026-01-01', until: '2026-12-31' },
  };
  it('is current from its first to its last day, and not before or after', () => {
    expect(acceptanceCurrent(spec, '2025-12-31')).toBe(false);
    expect(acceptanceCurrent(spec, '2026-01-01')).toBe(true);
    expect(acceptanceCurrent(spec, '2026-12-31')).toBe(true);
    expect(acceptanceCurrent(spec, '2027-01-01')).toBe(false);
  });
  it('accepts a risk only when the decision is accept too', () => {
    expect(riskAccepted(spec, '2026-06-01')).toBe(true);
    expect(riskAccepted({ ...spec, treatment: { decision: 'mitigate' } }, '2026-06-01')).toBe(false);
  });
});

describe('riskReview', () => {
  it('falls due the review interval after the last review, and at once when never reviewed', () => {
    const policy = effectivePolicy({ id: 'p', spec: { reviewInterval: '26w' } });
    expect(riskReview({ lastReviewed: '2026-01-01' }, policy, '2026-07-01')).toEqual({
      due: false,
      nextReview: '2026-07-02',
    });
    expect(riskReview({ lastReviewed: '2026-01-01' }, policy, '2026-07-02').due).toBe(true);
    expect(riskReview({}, policy, '2026-07-02')).toEqual({ due: true, nextReview: null });
  });
});

describe('suggestedImpact', () => {
  it('is the peak BIA level on the same scale, scaled onto a risk scale of another length', () => {
    const policy = effectivePolicy();
    expect(suggestedImpact(4, policy)).toBe(4);
    expect(suggestedImpact(null, policy)).toBe(null);
    expect(suggestedImpact(0, policy)).toBe(null);
    const threeLevels = effectivePolicy({
      id: 'p',
      spec: {
        risk: {
          impact: [
            { level: 1, name: 'Low' },
            { level: 2, name: 'Medium' },
            { level: 3, name: 'High' },
          ],
        },
      },
    });
    expect(suggestedImpact(5, threeLevels)).toBe(3);
    expect(suggestedImpact(1, threeLevels)).toBe(1);
  });
});
