import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spectrumArb } from './arbitraries.js';
import { uniform, unit } from './uniform.js';

const N = 1000;
const frac = (xs: number[], p: (x: number) => boolean) => xs.filter(p).length / xs.length;

describe('uniform draws', () => {
  it('unit() sweeps [0, 1]: 60 % in (0.1, 0.9), 18 % below 10⁻¹⁰ (fast-check\'s bias to the ends); fc.double({ min: 0, max: 1 }) gives < 10 % and 88 %', () => {
    const u = fc.sample(unit(), { seed: 5, numRuns: N });
    expect(frac(u, (x) => x > 0.1 && x < 0.9)).toBeGreaterThan(0.5);
    expect(frac(u, (x) => x < 1e-10)).toBeLessThan(0.25);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThanOrEqual(1);
    const biased = fc.sample(fc.double({ min: 0, max: 1, noNaN: true }), { seed: 5, numRuns: N });
    expect(frac(biased, (x) => x > 0.1 && x < 0.9)).toBeLessThan(0.1);
  });

  it('uniform(min, max) covers the interval on both sides of 0 and reaches its ends', () => {
    const x = fc.sample(uniform(-1, 3), { seed: 6, numRuns: N });
    expect(Math.min(...x)).toBe(-1);
    expect(Math.max(...x)).toBe(3);
    // the interior share (≈ 3/4 of the draws, the rest next to the ends) spread evenly: ≈ 0.19 per quarter
    for (const [a, b] of [[-1, 0], [0, 1], [1, 2], [2, 3]]) expect(frac(x, (v) => v > a && v < b)).toBeGreaterThan(0.12);
    expect(frac(x, (v) => Math.abs(v) < 1e-3)).toBeLessThan(0.02);
  });

  it('uniform rejects a reversed or infinite interval', () => {
    expect(() => uniform(1, 0)).toThrow(/min ≤ max/);
    expect(() => uniform(0, Infinity)).toThrow(/finite/);
    expect(fc.sample(uniform(2, 2), { seed: 1, numRuns: 5 })).toEqual([2, 2, 2, 2, 2]);
  });

  it('spectrumArb spreads its values over [min, max] (not piled at min)', () => {
    const v = fc.sample(spectrumArb({ n: 3, min: -1, max: 3 }), { seed: 7, numRuns: 300 }).flat();
    expect(frac(v, (x) => x > -0.5 && x < 2.5)).toBeGreaterThan(0.45);
    expect(frac(v, (x) => x < -1 + 1e-6)).toBeLessThan(0.25);
  });
});
