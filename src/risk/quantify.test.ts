import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pertMean, pertVariance, type Range } from './random.ts';
import { exceedanceCurve, quantifyRisks, quantile, type RiskModel } from './quantify.ts';

/**
 * The mean and standard deviation of one year's loss S = X1 + ... + XN with N ~ Poisson(L), L ~ PERT(frequency):
 * E[S] = E[L] E[X]; Var(S) = E[L] E[X^2] + E[X]^2 Var(L) (the law of total variance, with Var(N | L) = L).
 */
function closedForm(frequency: Range, losses: Range[]) {
  const rate = pertMean(frequency);
  const mean = losses.reduce((sum, range) => sum + pertMean(range), 0);
  const variance = losses.reduce((sum, range) => sum + pertVariance(range), 0);
  const yearVariance = rate * (variance + mean * mean) + mean * mean * pertVariance(frequency);
  return { ale: rate * mean, yearSd: Math.sqrt(yearVariance) };
}

/** The standard error of a mean of `runs` years. */
const standardError = (sd: number, runs: number) => sd / Math.sqrt(runs);

describe('quantifyRisks', () => {
  it.each([
    { frequency: { min: 0.1, likely: 0.5, max: 2 }, loss: { min: 10_000, likely: 50_000, max: 400_000 } },
    { frequency: { min: 1, likely: 1, max: 1 }, loss: { min: 1000, likely: 1000, max: 1000 } },
    { frequency: { min: 5, likely: 12, max: 40 }, loss: { min: 200, likely: 1000, max: 1500 } },
  ])(
    'gives an ALE within 4 standard errors of E[rate] x E[loss] (frequency $frequency.likely)',
    ({ frequency, loss }) => {
      const runs = 20_000;
      const { risks } = quantifyRisks([{ id: 'r', frequency, loss: { ranges: [loss] } }], { runs, seed: 1 });
      const expected = closedForm(frequency, [loss]);
      expect(Math.abs(risks[0]!.ale - expected.ale)).toBeLessThanOrEqual(
        4 * standardError(expected.yearSd, runs),
      );
      expect(risks[0]!.frequencyMean).toBeCloseTo(pertMean(frequency), 10);
      expect(risks[0]!.lossPerEventMean).toBeCloseTo(pertMean(loss), 6);
    },
  );

  it("reproduces pyfair's documented example: a mean annual risk of about 1.613 billion", () => {
    // pyfair's README: loss event frequency PERT(20, 100, 900) a year, primary and secondary loss each
    // PERT(3.0M, 3.5M, 5.0M) per event, 10,000 runs; mean 1.613 billion (closed form 220 x 7.333M).
    const frequency = { min: 20, likely: 100, max: 900 };
    const part = { min: 3e6, likely: 3.5e6, max: 5e6 };
    const runs = 10_000;
    const { risks } = quantifyRisks([{ id: 'pyfair', frequency, loss: { ranges: [part, part] } }], {
      runs,
      seed: 2026,
    });
    const expected = closedForm(frequency, [part, part]);
    expect(expected.ale).toBeCloseTo(220 * 7_333_333.33, -3);
    // One standard error of the mean at 10,000 runs is about 10.3 million (0.64 %).
    const error = standardError(expected.yearSd, runs);
    expect(error).toBeGreaterThan(1e7);
    expect(error).toBeLessThan(1.1e7);
    expect(Math.abs(risks[0]!.ale - expected.ale)).toBeLessThanOrEqual(4 * error);
    expect(Math.abs(risks[0]!.ale - 1.613e9)).toBeLessThanOrEqual(4 * error + 0.0005e9);
    expect(risks[0]!.probabilityOfLoss).toBe(1);
  });

  it('gives the same answer for the same seed, another for another seed, and a risk the same figures beside others', () => {
    const a: RiskModel = {
      id: 'a',
      frequency: { min: 0.1, likely: 1, max: 3 },
      loss: { ranges: [{ min: 1, likely: 2, max: 9 }] },
    };
    const b: RiskModel = { ...a, id: 'b' };
    const once = quantifyRisks([a, b], { runs: 2000, seed: 5 });
    expect(quantifyRisks([a, b], { runs: 2000, seed: 5 })).toEqual(once);
    expect(quantifyRisks([a, b], { runs: 2000, seed: 6 }).risks[0]!.ale).not.toBe(once.risks[0]!.ale);
    expect(quantifyRisks([b], { runs: 2000, seed: 5 }).risks[0]).toEqual(once.risks[1]);
  });

  it('costs each event of a scenario its loss at a drawn duration factor, once when the factor is constant', () => {
    let calls = 0;
    const scenario = (factor: number) => {
      calls++;
      return 1000 * factor;
    };
    const constant = quantifyRisks(
      [
        {
          id: 's',
          frequency: { min: 2, likely: 2, max: 2 },
          loss: { scenario, durationFactor: { min: 1, likely: 1, max: 1 } },
        },
      ],
      { runs: 5000, seed: 3 },
    );
    expect(calls).toBe(1);
    expect(constant.risks[0]!.lossPerEventMean).toBe(1000);
    const runs = 20_000;
    const varying = quantifyRisks(
      [
        {
          id: 's',
          frequency: { min: 2, likely: 2, max: 2 },
          loss: { scenario, durationFactor: { min: 0.5, likely: 1, max: 3 } },
        },
      ],
      { runs, seed: 3 },
    ).risks[0]!;
    // The loss is linear in the factor: E[loss] = 1000 E[factor], with the factor as a PERT loss range.
    const expected = closedForm({ min: 2, likely: 2, max: 2 }, [{ min: 500, likely: 1000, max: 3000 }]);
    expect(Math.abs(varying.ale - expected.ale)).toBeLessThanOrEqual(
      4 * standardError(expected.yearSd, runs),
    );
    expect(varying.lossPerEventMean).toBeCloseTo(1000 * pertMean({ min: 0.5, likely: 1, max: 3 }), -1);
  });

  it('reports quantiles, the probability of a loss and an exceedance curve that only falls', () => {
    const { risks } = quantifyRisks(
      [
        {
          id: 'rare',
          frequency: { min: 0.05, likely: 0.1, max: 0.3 },
          loss: { ranges: [{ min: 1e5, likely: 5e5, max: 5e6 }] },
        },
      ],
      { runs: 10_000, seed: 9 },
    );
    const risk = risks[0]!;
    // About 1 - exp(-0.125) of the years have an event: within 4 binomial standard errors.
    const p = 1 - Math.exp(-pertMean({ min: 0.05, likely: 0.1, max: 0.3 }));
    expect(Math.abs(risk.probabilityOfLoss - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 10_000) + 0.01);
    expect(risk.p50).toBe(0);
    expect(risk.p90).toBeGreaterThan(0);
    expect(risk.p90).toBeLessThanOrEqual(risk.p95);
    expect(risk.p95).toBeLessThanOrEqual(risk.p99);
    expect(risk.exceedance).toHaveLength(50);
    expect(risk.exceedance[0]!.probability).toBe(risk.probabilityOfLoss);
    expect(risk.exceedance.at(-1)!.probability).toBeGreaterThanOrEqual(1 / 10_000);
    for (let i = 1; i < risk.exceedance.length; i++) {
      expect(risk.exceedance[i]!.loss).toBeGreaterThan(risk.exceedance[i - 1]!.loss);
      expect(risk.exceedance[i]!.probability).toBeLessThanOrEqual(risk.exceedance[i - 1]!.probability);
    }
  });

  it('draws a year of thousands of events as one normal sum with the same mean and variance', () => {
    // 2,000 to 50,000 events a year: past EVENTS_DRAWN_ONE_BY_ONE, so each year is one draw, not thousands.
    const frequency = { min: 2000, likely: 5000, max: 50_000 };
    const loss = { min: 10, likely: 20, max: 90 };
    const runs = 20_000;
    const { risks } = quantifyRisks([{ id: 'bots', frequency, loss: { ranges: [loss] } }], { runs, seed: 8 });
    const expected = closedForm(frequency, [loss]);
    expect(Math.abs(risks[0]!.ale - expected.ale)).toBeLessThanOrEqual(
      4 * standardError(expected.yearSd, runs),
    );
    const scenario = quantifyRisks(
      [
        {
          id: 'bots',
          frequency,
          loss: {
            scenario: (factor: number) => 20 * factor,
            durationFactor: { min: 0.5, likely: 1, max: 4.5 },
          },
        },
      ],
      { runs, seed: 8 },
    ).risks[0]!;
    expect(Math.abs(scenario.ale - expected.ale)).toBeLessThanOrEqual(
      4 * standardError(expected.yearSd, runs),
    );
  });

  it('has no portfolio without risks', () => {
    expect(quantifyRisks([], { runs: 100, seed: 1 })).toEqual({ risks: [], portfolio: null });
  });

  it('property: the portfolio mean is the sum of the risks means, each within Monte Carlo error of its closed form', () => {
    const range = (lo: number, hi: number) =>
      fc
        .tuple(
          fc.double({ min: lo, max: hi, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        )
        .map(([min, a, b]) => {
          const max = min + a * (hi - lo);
          return { min, likely: min + b * (max - min), max };
        });
    fc.assert(
      fc.property(
        fc.array(fc.record({ frequency: range(0, 5), loss: range(0, 1e6) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (specs, seed) => {
          const runs = 4000;
          const models = specs.map((spec, i) => ({
            id: `r${i}`,
            frequency: spec.frequency,
            loss: { ranges: [spec.loss] },
          }));
          const { risks, portfolio } = quantifyRisks(models, { runs, seed });
          const sum = risks.reduce((total, risk) => total + risk.ale, 0);
          const sd = Math.sqrt(
            specs.reduce((total, spec) => total + closedForm(spec.frequency, [spec.loss]).yearSd ** 2, 0),
          );
          const expected = specs.reduce(
            (total, spec) => total + closedForm(spec.frequency, [spec.loss]).ale,
            0,
          );
          expect(Math.abs(portfolio!.ale - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, sum));
          expect(Math.abs(portfolio!.ale - expected)).toBeLessThanOrEqual(5 * standardError(sd, runs) + 1e-6);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});

describe('quantile and exceedanceCurve', () => {
  it('takes the nearest rank, and spaces the curve evenly on a log scale from the least loss to the largest', () => {
    const sorted = Float64Array.from([0, 0, 10, 100, 1000]);
    expect(quantile(sorted, 0.5)).toBe(10);
    expect(quantile(sorted, 0.9)).toBe(1000);
    expect(quantile(sorted, 0.4)).toBe(0);
    const rounded = exceedanceCurve(sorted, 3).map((point) => ({
      ...point,
      loss: Number(point.loss.toPrecision(12)),
    }));
    expect(rounded).toEqual([
      { loss: 10, probability: 0.6 },
      { loss: 100, probability: 0.4 },
      { loss: 1000, probability: 0.2 },
    ]);
    expect(exceedanceCurve(Float64Array.from([0, 0]))).toEqual([]);
    expect(exceedanceCurve(Float64Array.from([0, 5, 5]))).toEqual([{ loss: 5, probability: 2 / 3 }]);
  });
});
