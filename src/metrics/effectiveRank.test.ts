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
});
