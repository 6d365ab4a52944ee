/**
 * The [CGMR] bounds (bounds.ts): each formula pinned on a hand-computed instance (values from
 * mpmath at 30 digits), and the hitting-time bounds checked for soundness against the scalar
 * recursion itself (T(q) counted step by step, an observation independent of the formulas).
 */
import { describe, expect, it } from 'vitest';
import { binaryEntropy, entropy, hittingLower, hittingUpper, monotoneStep, phase2Steps, twoPhaseUpper, wilsonLower } from './bounds.js';

/** T(q) = min{k : p_k ≥ q} of w ← w − ηw^{N−1}(w^N − λ), w₀ = α, counted (null after maxSteps). */
function hitting(q: number, lambda: number, alpha: number, eta: number, depth: number, maxSteps = 1e6): number | null {
  let w = alpha;
  for (let k = 0; k <= maxSteps; k++) {
    if (w ** depth >= q) return k;
    w -= eta * w ** (depth - 1) * (w ** depth - lambda);
  }
  return null;
}

describe('[CGMR] hitting-time bounds: pinned values', () => {
  it('lower bound: N = 2 logarithmic, N ≥ 3 power law', () => {
    expect(hittingLower(0.5, 2, 0.1, 0.2, 2)).toBeCloseTo(5.81329242006993, 12);
    expect(hittingLower(0.5, 2, 0.1, 0.1, 3)).toBeCloseTo(43.7003947505256, 11);
    expect(hittingLower(0.5, 2, 0.3, 0.05, 4)).toBeCloseTo(48.4844877436901, 11);
  });
  it('phase-1 upper bound: N = 2 an integer (ceil), N ≥ 3 with the crossing step', () => {
    expect(hittingUpper(0.5, 2, 0.1, 0.2, 2)).toBe(13);
    // N = 3: 1 + (10 − 1)·(1/(0.1·0.5·2) + 1) = 100
    expect(hittingUpper(0.5, 2, 0.1, 0.1, 3)).toBeCloseTo(100, 12);
    expect(hittingUpper(0.5, 2, 0.3, 0.05, 4)).toBeCloseTo(112.222222222222, 11);
    // cλ = 2 ≠ 1, so the exponents ±m/N show: 1 + (10 − 2^{−1/3})·(1/(0.05·0.5·4) + 2^{1/3}) (Python)
    expect(hittingUpper(0.5, 4, 0.1, 0.05, 3)).toBeCloseTo(104.66220523910772, 11);
  });
  it('phase 2: ⌈ln[(1 − c^{1/N})/(1 − (1−ε)^{1/N})] / (−ln(1 − ηN(cλ)^{2−2/N}))⌉, never negative', () => {
    expect(phase2Steps(0.5, 0.01, 2, 0.2, 2)).toBe(8); // 7.963…
    expect(phase2Steps(0.5, 0.01, 2, 0.1, 3)).toBe(12);
    // already above (1 − ε)λ at the level c: zero further steps, not a negative count
    expect(phase2Steps(0.995, 0.01, 2, 0.2, 2)).toBe(0);
  });
  it('two phases: ⌊phase 1⌋ + phase 2, and phase 1 skipped when α^N ≥ cλ', () => {
    expect(twoPhaseUpper(0.5, 0.01, 2, 0.1, 0.2, 2)).toBe(13 + 8);
    expect(twoPhaseUpper(0.5, 0.01, 2, 0.3, 0.05, 4)).toBe(112 + phase2Steps(0.5, 0.01, 2, 0.05, 4));
    // α² just above cλ = 1: no phase 1; just below: one phase-1 step
    expect(twoPhaseUpper(0.5, 0.01, 2, Math.sqrt(1.01), 0.2, 2)).toBe(8);
    expect(twoPhaseUpper(0.5, 0.01, 2, Math.sqrt(0.99), 0.2, 2)).toBe(9);
    // N = 3, α³ = cλ = 8 exactly: no phase 1 (the N ≥ 3 formula would count its crossing step)
    expect(twoPhaseUpper(0.5, 0.01, 16, 2, 0.01, 3)).toBe(phase2Steps(0.5, 0.01, 16, 0.01, 3));
    expect(hittingUpper(0.5, 16, 2, 0.01, 3)).toBe(1);
  });
  it('monotone step 1/(Nλ^{2−2/N})', () => {
    expect(monotoneStep(2, 2)).toBe(0.25);
    expect(monotoneStep(2, 3)).toBeCloseTo(0.132283420997350, 14);
  });
});

describe('[CGMR] hitting-time bounds: sound against the recursion', () => {
  it('lower ≤ T(q), T(cλ) ≤ upper, T((1−ε)λ) ≤ two-phase, on a grid of N, λ, α, η', () => {
    let cases = 0, tightLower = Infinity, tightUpper = Infinity;
    for (const depth of [2, 3, 4]) {
      for (const lambda of [0.3, 1, 3]) {
        for (const aN of [1e-6, 1e-3, 0.05]) {
          for (const s of [0.3, 1]) {
            const alpha = (aN * lambda) ** (1 / depth);
            const eta = s * monotoneStep(lambda, depth);
            for (const q of [0.2, 0.5, 0.9]) {
              const T = hitting(q * lambda, lambda, alpha, eta, depth)!;
              const lo = hittingLower(q * lambda, lambda, alpha, eta, depth);
              expect(T).toBeGreaterThanOrEqual(lo);
              tightLower = Math.min(tightLower, T - lo);
              const up = hittingUpper(q, lambda, alpha, eta, depth);
              expect(T).toBeLessThanOrEqual(up);
              tightUpper = Math.min(tightUpper, up - T);
              cases++;
            }
            const T2 = hitting(0.99 * lambda, lambda, alpha, eta, depth)!;
            expect(T2).toBeLessThanOrEqual(twoPhaseUpper(0.5, 0.01, lambda, alpha, eta, depth));
          }
        }
      }
    }
    expect(cases).toBe(162);
    // the bounds are not vacuous: some are within a few steps of the true time
    expect(tightLower).toBeLessThan(3);
    expect(tightUpper).toBeLessThan(3);
  });
});

describe('[CGMR] entropy and Wilson bound', () => {
  it('entropy of |values| normalised, zeros skipped', () => {
    expect(entropy([3, 1, 0])).toBeCloseTo(0.5623351446188083, 15);
    expect(entropy([-1, 1])).toBeCloseTo(Math.LN2, 15);
    expect(entropy([2])).toBe(0);
    expect(entropy(new Float64Array([0, 0]))).toBe(0);
    expect(entropy(Float64Array.from([3, 1, 0]))).toBeCloseTo(0.5623351446188083, 15);
  });
  it('binary entropy, 0 outside (0, 1)', () => {
    expect(binaryEntropy(0.2)).toBeCloseTo(0.5004024235381879, 15);
    expect(binaryEntropy(0.8)).toBeCloseTo(0.5004024235381879, 15);
    expect(binaryEntropy(0)).toBe(0);
    expect(binaryEntropy(1)).toBe(0);
    expect(binaryEntropy(1e-300)).toBeGreaterThan(0);
    expect(binaryEntropy(1 - 1e-16)).toBeGreaterThan(0);
  });
  it('Wilson 95 % one-sided lower bound (z = 1.6449)', () => {
    expect(wilsonLower(18, 20)).toBeCloseTo(0.738336953673133, 14);
    expect(wilsonLower(20, 20)).toBeCloseTo(0.880842162639036, 14);
    expect(wilsonLower(5, 10)).toBeCloseTo(0.269271821138267, 14);
    expect(wilsonLower(0, 20)).toBe(0);
    expect(wilsonLower(0, 0)).toBe(0);
  });
});
