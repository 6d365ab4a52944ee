/** The shared pieces of the [MV] claims (theorems/mv/common.ts) on hand-computed instances. */
import { describe, expect, it } from 'vitest';
import { fromRows, matmulABt, maxAbsDiff, zeros } from '../../src/linalg/matrix.js';
import {
  DRAW_MAX_M,
  basisOf,
  drawableM,
  bestRankK,
  errorToRankK,
  initFactor,
  maxRatio,
  positiveSpectrum,
  ratioConditionAlpha,
  ratioHypothesis,
  symmetricNorm,
  targetOf,
  theorem3Constants,
  theorem4Constants,
  theorem4M,
  theoremIntervals,
  unscaledInit,
} from './common.js';

const diag = (d: number[]) => {
  const m = zeros(d.length, d.length);
  d.forEach((x, i) => (m.data[i * d.length + i] = x));
  return m;
};
const conj = (q: ReturnType<typeof basisOf>, d: number[]) => matmulABt(matmulABt(q, diag(d)), q);

describe('[MV] shared pieces', () => {
  it('spectral init: Ū₀Ū₀ᵀ = Φ diag(shape) Φᵀ, U₀ = √α·Ū₀; Ŷ_k keeps the first k eigenvalues', () => {
    const inst = { kind: 'spectral' as const, eigenvalues: [3, 1, -1], basisSeed: 7, shape: [4, 1, 0.25], alpha: 0.25 };
    const q = basisOf(inst);
    const u = unscaledInit(inst);
    expect(maxAbsDiff(matmulABt(u, u), conj(q, [4, 1, 0.25]))).toBeLessThan(1e-14);
    const u0 = initFactor(inst);
    expect(maxAbsDiff(matmulABt(u0, u0), conj(q, [1, 0.25, 0.0625]))).toBeLessThan(1e-14);
    expect(maxAbsDiff(targetOf(inst), conj(q, [3, 1, -1]))).toBeLessThan(1e-14);
    expect(maxAbsDiff(bestRankK(inst, 2), conj(q, [3, 1, 0]))).toBeLessThan(1e-14);
    expect(maxAbsDiff(bestRankK(inst, 1), conj(q, [3, 0, 0]))).toBeLessThan(1e-14);
    expect(errorToRankK(targetOf(inst), bestRankK(inst, 1))).toBeCloseTo(1, 13);
  });
  it('general init: n × width Gaussian entries from the seed', () => {
    const u = unscaledInit({ kind: 'general', eigenvalues: [2, 1], basisSeed: 1, initSeed: 3, width: 5, alpha: 1 });
    expect([u.rows, u.cols]).toEqual([2, 5]);
    expect(new Set(u.data).size).toBe(10);
  });
  it('‖A‖₂ of a symmetric matrix is the largest |eigenvalue|, at either end of the spectrum', () => {
    expect(symmetricNorm(diag([-3, 1, 2]))).toBeCloseTo(3, 14);
    expect(symmetricNorm(diag([1, -0.5, 0.2]))).toBeCloseTo(1, 14);
  });
  it('positiveSpectrum: K, and each failure with its quantity', () => {
    expect(positiveSpectrum([3, 2, 0, 0])).toEqual({ K: 2, failures: [] });
    expect(positiveSpectrum([2, 3, 0]).failures).toEqual([
      { name: 'eigenvalues sorted decreasing', quantity: 1, relation: '≤', bound: 0 },
      { name: 'σ1 > σ2 (distinct positive eigenvalues)', quantity: -1, relation: '>', bound: 0 },
    ]);
    expect(positiveSpectrum([2, 2, 1]).failures).toEqual([{ name: 'σ1 > σ2 (distinct positive eigenvalues)', quantity: 0, relation: '>', bound: 0 }]);
    expect(positiveSpectrum([0, -1])).toEqual({ K: 0, failures: [{ name: 'at least one positive eigenvalue (K ≥ 1)', quantity: 0, relation: '≥', bound: 1 }, { name: 'Y ⪰ 0: σ2 ≥ 0', quantity: -1, relation: '≥', bound: 0 }] });
    expect(positiveSpectrum([1, 0], false).failures).toEqual([{ name: 'Y ⪰ 0: σ2 ≥ 0', quantity: 0, relation: '≥', bound: 0 }]);
    expect(positiveSpectrum([1, 0]).failures).toEqual([]);
    expect(positiveSpectrum([1, 1e-300], false).failures).toEqual([]);
  });
  it('intervals I_k = [log(C/α)/(2σ_k), log(c/α)/(2σ_{k+1})], the last unbounded', () => {
    const I = theoremIntervals([4, 2, 1, 0], 3, 0.5, 8, 2 ** -10);
    expect(I.length).toBe(3);
    expect(I[0][0]).toBeCloseTo(Math.log(2 ** 13) / 8, 14);
    expect(I[0][1]).toBeCloseTo(Math.log(2 ** 9) / 4, 14);
    expect(I[1][0]).toBeCloseTo(Math.log(2 ** 13) / 4, 14);
    expect(I[1][1]).toBeCloseTo(Math.log(2 ** 9) / 2, 14);
    expect(I[2]).toEqual([Math.log(2 ** 13) / 2, Infinity]);
  });
  it('max_{k<K} σ_{k+1}/σ_k over the positive ones only', () => {
    expect(maxRatio([4, 3, 1, 0], 3)).toBeCloseTo(0.75, 15);
    expect(maxRatio([4, 1, 3], 2)).toBeCloseTo(0.25, 15);
    expect(maxRatio([4], 1)).toBe(0);
  });
  it('the ratio condition: its α bound, capped at c, and the hypothesis strict at ρ', () => {
    // c = 0.5, C = 8, ρ = 1/2: log(0.5/α)/log(8/α) > 1/2 ⇔ α < c²/C = 2^−5
    expect(ratioConditionAlpha(0.5, 8, 0.5)).toBeCloseTo(2 ** -5, 15);
    expect(ratioConditionAlpha(0.5, 8, 0)).toBe(0.5);
    expect(ratioConditionAlpha(0.5, 8, -0.1)).toBe(0.5);
    // c > C: the formula gives c²/C = 16 > c, the bound is c
    expect(ratioConditionAlpha(8, 4, 0.5)).toBe(8);
    expect(ratioHypothesis(0.5, 8, 2 ** -5 * 0.99, 0.5)).toEqual([]);
    const at = ratioHypothesis(0.5, 8, 2 ** -5, 0.5);
    expect(at).toEqual([{ name: 'log(c_ε/α)/log(C_ε/α) > max σ_{k+1}/σ_k', quantity: expect.closeTo(0.5, 14), relation: '>', bound: 0.5 }]);
    expect(at[0].quantity).toBe(Math.log(0.5 / 2 ** -5) / Math.log(8 / 2 ** -5));
    expect(ratioHypothesis(0.5, 8, 0.4, 0)).toEqual([]);
  });
  it('Theorem 4: M = max(λ_max, 1/λ_min) of Ū₀Ū₀ᵀ (non-square Ū₀), ∞ when singular; the constants', () => {
    const m = theorem4M(fromRows([[2, 0, 0], [0, 0.5, 0]]));
    expect(m.lambdaMax).toBeCloseTo(4, 14);
    expect(m.lambdaMin).toBeCloseTo(0.25, 14);
    expect(m.M).toBeCloseTo(4, 14);
    expect(theorem4M(fromRows([[0.2, 0], [0, 3]])).M).toBeCloseTo(25, 12);
    const s = theorem4M(fromRows([[1], [0]]));
    expect(s.lambdaMin).toBe(0);
    expect(s.M).toBe(Infinity);
    expect(theorem4Constants(0.5, 2, 3)).toEqual({ c: 0.5 / 64, C: (16 * 9 * 4) / 0.5 });
  });
  it('Theorem 3: c_ε = ε/max σ_{i,0}, C_ε = σ₁²/(ε·min_{i≤K} σ_{i,0}) (the tail shapes beyond K do not count)', () => {
    expect(theorem3Constants(0.5, [1, 2, 0.01], 3, 2)).toEqual({ c: 0.25, C: 9 / 0.5 });
  });
  it('theorem4M: a rank-deficient Ū₀ (width 1 < n) has M = ∞ even when round-off makes λ_min slightly negative', () => {
    // ŪŪᵀ = uuᵀ has rank 1; eigh returns λ_min ≈ −1.7e−18 here: 1/λ_min must not be taken
    const u = fromRows([[0.12177618600477014], [0.49342493394909925], [-0.5381877552332646]]);
    const r = theorem4M(u);
    expect(r.lambdaMin).toBeLessThan(0);
    expect(r.M).toBe(Infinity);
  });
  it('positiveSpectrum without a zero tail flags only zero or negative tail entries (a positive one after the tail is an order failure)', () => {
    const f = positiveSpectrum([1, 0, 2], false).failures.map((x) => x.name);
    expect(f).toEqual(['eigenvalues sorted decreasing']);
    expect(positiveSpectrum([1, 0, -1], false).failures.map((x) => x.name)).toEqual(['Y ⪰ 0: σ2 ≥ 0', 'Y ⪰ 0: σ3 ≥ 0']);
  });
  it('drawableM: finite M up to DRAW_MAX_M = 1e8 inclusive', () => {
    expect(DRAW_MAX_M).toBe(1e8);
    expect(drawableM(1e8)).toBe(true);
    expect(drawableM(1)).toBe(true);
    expect(drawableM(1e8 * (1 + 2 ** -52))).toBe(false);
    expect(drawableM(Infinity)).toBe(false);
    expect(drawableM(NaN)).toBe(false);
  });
});
