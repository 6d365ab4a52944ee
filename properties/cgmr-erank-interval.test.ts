/** [CGMR] the rank-interval theorem (theorems/cgmr/erankInterval.ts, derived): every iteration of the certified interval. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { type ErankIntervalInstance, checkErankInterval, erankInterval, observeIntervalWithEngine } from '../theorems/cgmr/erankInterval.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

/** docs/theory.md §2's example: n = 20, λ = (4, 2, 1, 0.02 × 17), r = 3, N = 2, α = 10⁻³, ε = 0.05, δ = 10⁻³, η = 1/(Nλ₁^{2−2/N}) = 1/8. */
export const theoryExample: ErankIntervalInstance = { eigenvalues: [4, 2, 1, ...Array<number>(17).fill(0.02)], depth: 2, alpha: 1e-3, stepSize: 1 / 8, rank: 3, epsilon: 0.05, delta: 1e-3, basisSeed: 1 };

describe('[CGMR] effective-rank interval (derived)', () => {
  itHolds(erankInterval, 151);
  itRefutesControls(erankInterval, 152);
  itRefutesOnStatedFraction(erankInterval, 152, 20);
  itExploresBoundary(erankInterval, 153, 20);
  it('the example: T_r⁺ = 128, T_{r+1}⁻ = 1383.28, 1256 iterations, max deviation 0.0542 ≤ bound 0.358; the matrix engine agrees to 1e−12', () => {
    const r = checkErankInterval(theoryExample);
    expect(r.status).toBe('holds');
    const d = r.verdict!.details as { interval: [number, number]; bound: number; maxDeviation: number; iterationsChecked: number };
    expect(d.interval[0]).toBe(128);
    expect(d.interval[1]).toBeCloseTo(1383.277, 2);
    expect(d.iterationsChecked).toBe(1256);
    expect(d.maxDeviation).toBeCloseTo(0.0542, 4);
    expect(d.bound).toBeCloseTo(0.35833, 4);
    const eng = observeIntervalWithEngine(theoryExample, erankInterval.predict(theoryExample));
    expect(eng.checked).toBe(1256);
    expect(Math.abs(eng.maxDeviation - d.maxDeviation)).toBeLessThan(1e-12);
    expect(eng.bandExcess).toBeLessThan(1e-12);
  });
  it('the scalar stand-in agrees with the matrix engine over whole intervals on a sample of the claim instances', () => {
    const sample = fc.sample(erankInterval.arbitrary(), { seed: 151, numRuns: 100 }).filter((i) => {
      const p = erankInterval.predict(i);
      return p.interval[1] !== null && p.interval[1] - p.interval[0] > 1 && p.interval[1] < 1500 && i.eigenvalues.length <= 6;
    });
    expect(sample.length).toBeGreaterThanOrEqual(4);
    for (const inst of sample.slice(0, 4)) {
      const pred = erankInterval.predict(inst);
      const a = erankInterval.observe(inst, pred), b = observeIntervalWithEngine(inst, pred);
      expect(b.checked).toBe(a.checked);
      expect(Math.abs(a.maxDeviation - b.maxDeviation)).toBeLessThan(1e-9);
      expect(b.maxDeviation).toBeLessThanOrEqual(pred.bound);
      expect(b.bandExcess).toBeLessThan(1e-9);
    }
  });
  it('hypotheses pinned: α^N just below δ holds, just above is outside; Y ⪰ 0 required (a negative tail is outside)', () => {
    const a2 = theoryExample.alpha ** 2;
    expect(checkTheorem(erankInterval, { ...theoryExample, delta: a2 * 1.01 }).status).toBe('holds');
    expect(checkTheorem(erankInterval, { ...theoryExample, delta: a2 * 0.99 }).failures.map((f) => f.name)).toContain('α^N < δ');
    const neg = { ...theoryExample, eigenvalues: [...theoryExample.eigenvalues.slice(0, -1), -0.01] };
    expect(checkTheorem(erankInterval, neg).status).toBe('outside-hypotheses');
    expect(checkTheorem(erankInterval, { ...theoryExample, stepSize: 0.125 * 1.01 }).status).toBe('outside-hypotheses');
  });
  it('an unbounded interval (λ_{r+1} ≤ α^N) is reported inconclusive, never as a pass', () => {
    const r = checkTheorem(erankInterval, { ...theoryExample, eigenvalues: [4, 2, 1, 0, 0], delta: 1e-3 });
    expect(r.status).toBe('inconclusive');
  });
});
