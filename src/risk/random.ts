/**
 * Seeded, reproducible random draws for the risk quantification: uniform, normal, gamma, beta, Beta-PERT and
 * Poisson. Pure arithmetic on a generator's own state (no Math.random, no allocation per draw), so the same seed
 * gives the same years on every machine and in the browser.
 */

/** A three-point estimate: the smallest, most likely and largest value. */
export interface Range {
  min: number;
  likely: number;
  max: number;
}

/** 2^-32: maps a 32-bit integer into [0, 1). */
const TWO_TO_MINUS_32 = 1 / 4294967296;

/** SplitMix32 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): seeds xoshiro. */
function splitMix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over a string's UTF-16 code units: a stable 32-bit hash of a risk id for its own stream. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * xoshiro128** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021): 128 bits
 * of state, period 2^128 - 1, passes BigCrush. Seeded from (seed, stream) through SplitMix32, so each risk can
 * draw from its own stream and adding a risk leaves the others' years unchanged.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The second value of the last polar-method pair, when one is waiting. */
  private spareNormal = 0;
  private hasSpare = false;

  constructor(seed: number, stream = 0) {
    const state = { x: (Math.trunc(seed) ^ Math.imul(stream | 0, 0x632be5ab)) | 0 };
    // Mix the high bits of a seed above 2^32 in too, so seeds 1 and 2^32 + 1 differ.
    state.x = (state.x ^ Math.trunc(seed / 4294967296)) | 0;
    this.s0 = splitMix32(state);
    this.s1 = splitMix32(state);
    this.s2 = splitMix32(state);
    this.s3 = splitMix32(state);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on the open interval (0, 1): never 0, so logarithms and divisions are safe. */
  uniform(): number {
    return (this.nextUint32() + 0.5) * TWO_TO_MINUS_32;
  }

  /** Standard normal, by Marsaglia's polar method (Marsaglia and Bray 1964); the pair's second value is kept. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpare = true;
    return u * factor;
  }

  /**
   * Gamma(shape, 1), by Marsaglia and Tsang, "A simple method for generating gamma variables" (ACM TOMS 2000);
   * a shape below 1 draws Gamma(shape + 1) and multiplies by U^(1/shape), as the paper describes.
   */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Beta(alpha, beta) as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
  beta(alpha: number, beta: number): number {
    const x = this.gamma(alpha);
    const y = this.gamma(beta);
    return x / (x + y);
  }

  /**
   * Beta-PERT with shape 4 over [min, max] with mode `likely`: min + (max - min) Beta(alpha, beta) with
   * alpha = 1 + 4(likely - min)/(max - min) and beta = 1 + 4(max - likely)/(max - min); the constant `min` when
   * min = max. Its mean is (min + 4 likely + max) / 6.
   */
  pert(min: number, likely: number, max: number): number {
    const span = max - min;
    if (span <= 0) return min;
    return min + span * this.beta(1 + (4 * (likely - min)) / span, 1 + (4 * (max - likely)) / span);
  }

  /**
   * Poisson(rate): Knuth's product of uniforms below a rate of 10 (The Art of Computer Programming vol. 2,
   * 3.4.1), Hormann's transformed rejection PTRS from 10 up ("The transformed rejection method for generating
   * Poisson random variables", Insurance: Mathematics and Economics 12, 1993), which is exact at any rate.
   */
  poisson(rate: number): number {
    if (!(rate > 0)) return 0;
    if (rate < 10) {
      const limit = Math.exp(-rate);
      let k = 0;
      let product = this.uniform();
      while (product > limit) {
        k++;
        product *= this.uniform();
      }
      return k;
    }
    return this.poissonPtrs(rate);
  }

  private poissonPtrs(rate: number): number {
    const slam = Math.sqrt(rate);
    const logRate = Math.log(rate);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
        -rate + k * logRate - logGamma(k + 1)
      )
        return k;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Gamma(x) for x > 0, by the Lanczos approximation (g = 7, 9 terms; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The mean of Beta-PERT(range) with shape 4: (min + 4 likely + max) / 6. */
export function pertMean(range: Range): number {
  return (range.min + 4 * range.likely + range.max) / 6;
}

/** The variance of Beta-PERT(range) with shape 4: (mean - min)(max - mean) / 7. */
export function pertVariance(range: Range): number {
  const mean = pertMean(range);
  return ((mean - range.min) * (range.max - mean)) / 7;
}
