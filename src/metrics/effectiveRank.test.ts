import { describe, expect, it } from 'vitest';
import { effectiveRank } from './effectiveRank.js';

describe('Roy–Vetterli effective rank', () => {
  it('is k for k equal values, 1 for rank one, 0 for the zero matrix', () => {
    expect(effectiveRank([2, 2, 2, 2])).toBeCloseTo(4, 14);
    expect(effectiveRank([3, 0, 0])).toBe(1);
    expect(effectiveRank([0, 0])).toBe(0);
    expect(effectiveRank([])).toBe(0);
  });
  it('lies in [1, rank] and drops numerically zero singular values', () => {
    const e = effectiveRank([4, 2, 1]);
    expect(e).toBeGreaterThan(1);
    expect(e).toBeLessThan(3);
    expect(effectiveRank([1, 1e-17])).toBe(1);
    expect(effectiveRank([1, 1e-10])).toBeGreaterThan(1);
    expect(effectiveRank([-2, 2])).toBeCloseTo(2, 14);
  });
  it('equals Π pᵢ^(−pᵢ) (pᵢ = σᵢ/Σσ) on hand-picked spectra, whatever the order and sign of the values', () => {
    const direct = (ps: number[]) => ps.reduce((acc, p) => acc * p ** -p, 1);
    expect(effectiveRank([4, 2, 1])).toBeCloseTo(direct([4 / 7, 2 / 7, 1 / 7]), 14);
    expect(effectiveRank([1, -2, 4])).toBeCloseTo(direct([4 / 7, 2 / 7, 1 / 7]), 14);
    expect(effectiveRank([3, 1])).toBeCloseTo(direct([0.75, 0.25]), 14);
    expect(effectiveRank([1e-3, 3e-3])).toBeCloseTo(direct([0.75, 0.25]), 14);
  });
  it('drops exactly the values ≤ k·ε·max|σ| (the zero tolerance scales with k and with the largest value)', () => {
    const eps = 2 ** -52;
    // k = 2, max = 1e10: the tolerance is 2ε·1e10
    expect(effectiveRank([1e10, 2 * eps * 1e10])).toBe(1);
    expect(effectiveRank([1e10, 3 * eps * 1e10])).toBeGreaterThan(1);
    // k = 4: 3ε is dropped (≤ 4ε), 5ε is kept
    expect(effectiveRank([1, 3 * eps, 0, 0])).toBe(1);
    expect(effectiveRank([1, 5 * eps, 0, 0])).toBeGreaterThan(1);
    // max = 1e−10: tolerance 2ε·1e−10 (a relative tolerance)
    expect(effectiveRank([1e-10, 1.5 * eps * 1e-10])).toBe(1);
    expect(effectiveRank([1e-10, 1e-12])).toBeGreaterThan(1);
  });
});

