/** The incremental regimes (theorems/mv/regimes.ts) on hand-computed instances. */
import { describe, expect, it } from 'vitest';
import { theorem4Constants, theorem4M, unscaledInit } from './common.js';
import { incrementalRegime, spectralOrderAlpha } from './regimes.js';

const SPECTRAL = { kind: 'spectral' as const, eigenvalues: [2, 1], basisSeed: 4, shape: [1, 0.5], alpha: 1e-3 };
const GENERAL = { kind: 'general' as const, eigenvalues: [2, 1, 0], basisSeed: 2, initSeed: 5, width: 5, alpha: 1e-13 };

describe('[MV] incremental regimes', () => {
  it('spectral small-init bound: the cap min(1, σ_K/(2 max σ_{k,0})) and the pairwise condition (min/max over k ≤ K only)', () => {
    expect(spectralOrderAlpha([1], 1, [0.1])).toBe(1);
    expect(spectralOrderAlpha([1], 1, [4])).toBe(1 / 8);
    // σ = (2, 1), shapes (1, 0.5): exp(−(ln(2/0.5)/2 − ln(1/2)/1)/(1 − 1/2)) = exp(−2 ln 4) = 1/16; a tail shape beyond K does not count
    expect(spectralOrderAlpha([2, 1], 2, [1, 0.5])).toBeCloseTo(1 / 16, 15);
    expect(spectralOrderAlpha([2, 1, 0], 2, [1, 0.5, 100])).toBeCloseTo(1 / 16, 15);
    expect(spectralOrderAlpha([2, 1, 0], 2, [1, 0.5, 1e-9])).toBeCloseTo(1 / 16, 15);
    // three modes: the smallest of the pairwise bounds and the cap
    const three = spectralOrderAlpha([3, 2, 1], 3, [1, 1, 1]);
    const pair = (a: number, b: number) => Math.exp(-(Math.log(a) / a - Math.log(b / 2) / b) / (1 / b - 1 / a));
    expect(three).toBeCloseTo(Math.min(0.5, pair(3, 2), pair(2, 1)), 15);
  });
  it('spectral: α > 0, positive shapes for k ≤ K only (a zero tail shape is allowed), α strictly below the bound', () => {
    const names = (x: typeof SPECTRAL) => incrementalRegime(x).failures.map((f) => f.name);
    expect(incrementalRegime(SPECTRAL)).toEqual({ K: 2, failures: [] });
    expect(names({ ...SPECTRAL, alpha: 0 })).toEqual(['α > 0']);
    // a failure of the spectrum or of α is reported alone: the shapes are not looked at then
    expect(names({ ...SPECTRAL, alpha: 0, shape: [1, 0] })).toEqual(['α > 0']);
    expect(names({ ...SPECTRAL, eigenvalues: [2, 2], shape: [1, 0] })).toEqual(['σ1 > σ2 (distinct positive eigenvalues)']);
    expect(incrementalRegime({ ...SPECTRAL, alpha: -1 }).failures).toEqual([{ name: 'α > 0', quantity: -1, relation: '>', bound: 0 }]);
    expect(names({ ...SPECTRAL, eigenvalues: [2, 1, 0], shape: [1, 0.5, 0] })).toEqual([]);
    expect(incrementalRegime({ ...SPECTRAL, shape: [1, 0] }).failures).toEqual([{ name: 'σ_{2,0} > 0', quantity: 0, relation: '>', bound: 0 }]);
    expect(incrementalRegime({ ...SPECTRAL, alpha: 1 / 16 }).failures).toEqual([{ name: 'small init: α below the spectral order bound', quantity: 1 / 16, relation: '<', bound: expect.closeTo(1 / 16, 15) }]);
    expect(names({ ...SPECTRAL, eigenvalues: [1, 2] })).toEqual(['eigenvalues sorted decreasing', 'σ1 > σ2 (distinct positive eigenvalues)']);
    expect(incrementalRegime({ ...SPECTRAL, eigenvalues: [0, 0] })).toMatchObject({ K: 0 });
  });
  it('general: r ≥ n, and Theorem 4 at ε* = min{σ_K, 1}/2.002 with M, c, C returned', () => {
    const M = theorem4M(unscaledInit(GENERAL)).M;
    const { c, C } = theorem4Constants(1 / 2.002, M, 2);
    expect(incrementalRegime(GENERAL)).toEqual({ K: 2, failures: [], M, c, C });
    // α ≤ 0 is reported alone (nothing is computed from it: the ratio would not be a number)
    expect(incrementalRegime({ ...GENERAL, alpha: 0 })).toEqual({ K: 2, failures: [{ name: 'α > 0', quantity: 0, relation: '>', bound: 0 }] });
    expect(incrementalRegime({ ...GENERAL, width: 2 }).failures).toEqual([{ name: 'r ≥ n (Theorem 4)', quantity: 2, relation: '≥', bound: 3 }]);
    // ε* uses min{σ_K, 1}: σ_K = 0.5 below 1
    const small = { ...GENERAL, eigenvalues: [2, 0.5, 0], alpha: 1e-20 };
    expect(incrementalRegime(small).c).toBeCloseTo(0.5 / 2.002 / (16 * M * M), 18);
    const k1 = { ...GENERAL, eigenvalues: [3, 0, 0] };
    const c1 = 1 / 2.002 / (16 * M * M);
    expect(incrementalRegime({ ...k1, alpha: c1 / M }).failures).toEqual([]);
    expect(incrementalRegime({ ...k1, alpha: (c1 / M) * (1 + 1e-12) }).failures).toEqual([
      { name: 'α ≤ c_ε*/M (Theorem 4 at ε* = min{σ_K, 1}/2.002)', quantity: (c1 / M) * (1 + 1e-12), relation: '≤', bound: expect.closeTo(c1 / M, 20) },
    ]);
    const at = (c * c) / C;
    expect(incrementalRegime({ ...GENERAL, alpha: at * 1.001 }).failures.map((f) => f.name)).toEqual(['log(c_ε/α)/log(C_ε/α) > max σ_{k+1}/σ_k']);
  });
});
