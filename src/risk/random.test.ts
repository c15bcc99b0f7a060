import { describe, expect, it } from 'vitest';
import { Random, hashString, logGamma, pertMean, pertVariance } from './random.ts';

const DRAWS = 200_000;

/** Sample mean and variance, with the standard error of each (the latter from the sample's fourth moment). */
function moments(draw: () => number, n = DRAWS) {
  const values = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] = draw();
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const value of values) {
    const d = (value - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  const variance = m2 / (n - 1);
  m4 /= n;
  return {
    mean,
    variance,
    meanError: Math.sqrt(variance / n),
    varianceError: Math.sqrt(Math.max(m4 - variance * variance, 0) / n),
    values,
  };
}

/** Within `z` standard errors: a correct sampler fails this about once in 1.7 million runs at z = 5. */
function expectWithin(actual: number, expected: number, error: number, z = 5) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(z * error + 1e-12);
}

describe('Random', () => {
  it('gives the same draws for the same seed and other draws for another seed or stream', () => {
    const a = new Random(42);
    const b = new Random(42);
    const first = Array.from({ length: 8 }, () => a.uniform());
    expect(Array.from({ length: 8 }, () => b.uniform())).toEqual(first);
    expect(Array.from({ length: 8 }, () => new Random(43).uniform())).not.toEqual(first);
    const stream = new Random(42, hashString('risk-a'));
    expect(Array.from({ length: 8 }, () => stream.uniform())).not.toEqual(first);
    expect(new Random(1).nextUint32()).not.toBe(new Random(1 + 2 ** 32).nextUint32());
  });

  it('draws uniforms strictly inside (0, 1) with mean 1/2 and variance 1/12', () => {
    const random = new Random(7);
    const m = moments(() => random.uniform());
    expect(m.values.every((u) => u > 0 && u < 1)).toBe(true);
    expectWithin(m.mean, 0.5, m.meanError);
    expectWithin(m.variance, 1 / 12, m.varianceError);
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const random = new Random(8);
    const m = moments(() => random.normal());
    expectWithin(m.mean, 0, m.meanError);
    expectWithin(m.variance, 1, m.varianceError);
  });

  it.each([0.4, 1, 2.5, 11])('draws Gamma(%s) with mean and variance equal to the shape', (shape) => {
    const random = new Random(9);
    const m = moments(() => random.gamma(shape));
    expectWithin(m.mean, shape, m.meanError);
    expectWithin(m.variance, shape, m.varianceError);
  });

  it.each([
    { min: 0, likely: 0.5, max: 1 },
    { min: 20, likely: 100, max: 900 },
    { min: 3e6, likely: 3.5e6, max: 5e6 },
    { min: 0.01, likely: 0.01, max: 0.2 },
    { min: 0.8, likely: 1, max: 1 },
  ])(
    'draws Beta-PERT($min, $likely, $max) within its range with the closed-form mean and variance',
    (range) => {
      const random = new Random(10);
      const m = moments(() => random.pert(range.min, range.likely, range.max));
      expect(m.values.every((x) => x >= range.min && x <= range.max)).toBe(true);
      expectWithin(m.mean, pertMean(range), m.meanError);
      expectWithin(m.variance, pertVariance(range), m.varianceError);
    },
  );

  it('draws the constant when min = likely = max', () => {
    const random = new Random(11);
    expect(Array.from({ length: 5 }, () => random.pert(2, 2, 2))).toEqual([2, 2, 2, 2, 2]);
  });

  it.each([0.05, 1, 3, 9.99, 10, 37.5, 220, 1000])(
    'draws Poisson(%s) counts with mean and variance equal to the rate',
    (rate) => {
      const random = new Random(12);
      const m = moments(() => random.poisson(rate));
      expect(m.values.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
      expectWithin(m.mean, rate, m.meanError);
      expectWithin(m.variance, rate, m.varianceError);
    },
  );

  it('draws Poisson probabilities that match the mass function at a rate PTRS serves', () => {
    // P(K = k) for rate 15 at its mode, against exp(-rate) rate^k / k!, within 5 binomial standard errors.
    const random = new Random(13);
    const rate = 15;
    let hits = 0;
    for (let i = 0; i < DRAWS; i++) if (random.poisson(rate) === 15) hits++;
    const p = Math.exp(-rate + 15 * Math.log(rate) - logGamma(16));
    expectWithin(hits / DRAWS, p, Math.sqrt((p * (1 - p)) / DRAWS));
  });

  it('draws no event at a rate of 0', () => {
    expect(new Random(1).poisson(0)).toBe(0);
  });
});

describe('logGamma', () => {
  it('gives ln((n - 1)!) at whole numbers and ln(sqrt(pi)) at 1/2', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});
