/** The scalar recursion and its step bounds (scalar.ts) on hand-computed values. */
import { describe, expect, it } from 'vitest';
import { monotoneStepBound, orderStepBound, scalarProduct, stabilityThreshold } from './scalar.js';

describe('scalar recursion', () => {
  it('p_k = w_k^N after k steps of w ← w − ηw^{N−1}(w^N − λ)', () => {
    expect(scalarProduct(1, 0.5, 0.1, 2, 0)).toBe(0.25);
    // w₁ = 0.5 − 0.1·0.5·(0.25 − 1) = 0.5375
    expect(scalarProduct(1, 0.5, 0.1, 2, 1)).toBeCloseTo(0.5375 ** 2, 15);
    // w₂ = 0.5375 − 0.1·0.5375·(0.5375² − 1)
    const w2 = 0.5375 - 0.1 * 0.5375 * (0.5375 ** 2 - 1);
    expect(scalarProduct(1, 0.5, 0.1, 2, 2)).toBeCloseTo(w2 ** 2, 15);
    // N = 3: w₁ = 0.5 − 0.1·0.25·(0.125 − 1) = 0.521875
    expect(scalarProduct(1, 0.5, 0.1, 3, 1)).toBeCloseTo(0.521875 ** 3, 15);
    // N = 1: w ← w − η(w − λ)
    expect(scalarProduct(2, 0.5, 0.1, 1, 1)).toBeCloseTo(0.65, 15);
  });
  it('stability threshold 2/(Nλ^{2−2/N}); 2 at N = 1; +∞ for λ ≤ 0', () => {
    expect(stabilityThreshold(4, 2)).toBe(0.25);
    expect(stabilityThreshold(8, 3)).toBeCloseTo(1 / 24, 15);
    expect(stabilityThreshold(4, 1)).toBe(2);
    expect(stabilityThreshold(0, 2)).toBe(Infinity);
    expect(stabilityThreshold(-1, 3)).toBe(Infinity);
  });
  it('monotone bound 1/(Nλ^{2−2/N}); 1 at N = 1; +∞ for λ ≤ 0', () => {
    expect(monotoneStepBound(4, 2)).toBe(0.125);
    expect(monotoneStepBound(8, 3)).toBeCloseTo(1 / 48, 15);
    expect(monotoneStepBound(4, 1)).toBe(1);
    expect(monotoneStepBound(0, 2)).toBe(Infinity);
    expect(monotoneStepBound(-1, 3)).toBe(Infinity);
  });
  it('order bound 1/((2N−1)λ₁^{2−2/N}); 1 at N = 1; +∞ for λ₁ ≤ 0', () => {
    expect(orderStepBound(4, 2)).toBeCloseTo(1 / 12, 15);
    expect(orderStepBound(8, 3)).toBeCloseTo(1 / 80, 15);
    expect(orderStepBound(4, 1)).toBe(1);
    expect(orderStepBound(0, 1)).toBe(1);
    expect(orderStepBound(-1, 1)).toBe(1);
    expect(orderStepBound(0, 2)).toBe(Infinity);
    expect(orderStepBound(-1, 3)).toBe(Infinity);
  });
});
