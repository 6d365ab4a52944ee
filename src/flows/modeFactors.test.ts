import { describe, expect, it } from 'vitest';
import { expExtended, ldexp, mulExtended, toExtended } from '../linalg/extended.js';
import { dSquared, sqrtGExtended } from './modeFactors.js';

const value = ([m, e]: [number, number]): number => ldexp(m, e);

describe('mode factors √g and d² of the closed form', () => {
  it('match the textbook formulas where those are safe', () => {
    for (const lam of [-3, -0.5, 1e-12, 0, 0.7, 4]) {
      for (const t of [1e-6, 0.01, 0.3, 2]) {
        const g = lam === 0 ? 2 * t : Math.expm1(2 * lam * t) / lam;
        expect(value(sqrtGExtended(lam, t)) / Math.sqrt(g)).toBeCloseTo(1, 14);
        expect(dSquared(lam, t) / (Math.exp(2 * lam * t) / g)).toBeCloseTo(1, 12);
      }
    }
    expect(dSquared(0, 0.25)).toBe(2);
  });
  it('stay finite with the right limits where the exponentials overflow', () => {
    const [m, e] = sqrtGExtended(5, 1e6);
    expect(m).toBeGreaterThanOrEqual(0.5);
    expect(m).toBeLessThan(1);
    // log √g = λt − ½ log λ (+ O(e^{−2λt}))
    expect(Math.log(m) + e * Math.LN2).toBeCloseTo(5e6 - 0.5 * Math.log(5), 6);
    expect(dSquared(5, 1e6)).toBe(5);
    expect(dSquared(-5, 1e6)).toBe(0);
    expect(dSquared(-5, 71)).toBeGreaterThan(0); // subnormal, not flushed
    expect(dSquared(-5, 71) / (5 * Math.exp(-710))).toBeCloseTo(1, 6);
    expect(value(sqrtGExtended(-5, 1e6)) ** 2).toBeCloseTo(1 / 5, 15);
    expect(Number.isFinite(sqrtGExtended(1e-310, 1e300)[0])).toBe(true);
    expect(dSquared(1e-310, 1e-3)).toBeCloseTo(500, 10);
    expect(value(sqrtGExtended(3, 1e-300)) / Math.sqrt(2e-300)).toBeCloseTo(1, 14);
  });
});

describe('mode factors: the branches at their edges', () => {
  it('take the λ → 0 series where 2λt is tiny, so a subnormal λ (where 2λt rounds to a few ulps) is still exact', () => {
    // 2·5e−324·0.7 rounds to 5e−324: expm1(x)/λ would give 1 instead of g = 2t = 1.4
    expect(value(sqrtGExtended(5e-324, 0.7)) / Math.sqrt(1.4)).toBeCloseTo(1, 14);
    expect(dSquared(5e-324, 0.7) * 1.4).toBeCloseTo(1, 14);
    expect(value(sqrtGExtended(-5e-324, 0.7)) / Math.sqrt(1.4)).toBeCloseTo(1, 14);
  });
  it('beyond λt = 2³⁰ take e^{λt} as a power of two: log √g = λt − ½ log λ', () => {
    for (const [lam, t] of [[1, 2 ** 31], [4, 1e12], [0.5, 3e9], [2, 1e299]]) {
      const [m, e] = sqrtGExtended(lam, t);
      expect(m).toBeGreaterThanOrEqual(0.5);
      expect(m).toBeLessThan(1);
      const logG = Math.log(m) + e * Math.LN2;
      expect(Math.abs(logG - (lam * t - 0.5 * Math.log(lam))) / (lam * t)).toBeLessThan(1e-14);
    }
    // below 2³⁰ e^{λt} comes from the Cody–Waite reduction, a few ε for an exact x = 2λt (the power of two
    // 2^{x/(2 ln 2)} would be 97ε and 484ε off here): √expm1(2000) and √expm1(10⁴) to 50 digits
    for (const [t, m, e] of [[1000, 0.8094651581402339916939878, 1443], [5000, 0.6950575997971875546713648, 7214]]) {
      const got = sqrtGExtended(1, t);
      expect(got[1]).toBe(e);
      expect(Math.abs(got[0] / m - 1)).toBeLessThan(4 * Number.EPSILON);
    }
    // the two sides of λt = 2³⁰ agree (relative to the conditioning λt·ε of rounding t)
    const below = sqrtGExtended(1, 2 ** 30), above = sqrtGExtended(1, 2 ** 30 + 2);
    expect((Math.log(above[0]) + above[1] * Math.LN2) - (Math.log(below[0]) + below[1] * Math.LN2)).toBeCloseTo(2, 5);
  });
});

describe('extended-exponent numbers', () => {
  it('represent and multiply far outside the float64 range exactly', () => {
    expect(toExtended(0)).toEqual([0, -Infinity]);
    expect(toExtended(1)).toEqual([0.5, 1]);
    expect(toExtended(5e-324)).toEqual([0.5, -1073]);
    expect(toExtended(Number.MAX_VALUE)[1]).toBe(1024);
    const [m, e] = mulExtended(...toExtended(1e300), ...toExtended(1e300));
    expect(e).toBe(1994);
    expect(ldexp(m, e - 1900) / ldexp(1e300, -950) / ldexp(1e300, -950)).toBeCloseTo(1, 15);
    expect(ldexp(1, -1100)).toBe(0);
    expect(ldexp(1, 2000)).toBe(Infinity);
    expect(ldexp(3, 0)).toBe(3);
    expect(ldexp(0.75, -1074)).toBe(5e-324);
    const [xm, xe] = expExtended(1000);
    expect(Math.log(xm) + xe * Math.LN2).toBeCloseTo(1000, 10);
  });
});
