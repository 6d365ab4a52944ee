/** [CGMR] monotone effective rank (theorems/cgmr/monotoneErank.ts): the qualified claim, its controls, and the known counterexample to the unqualified reading. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import {
  REGIME,
  erankTrajectory,
  erankTrajectoryWithEngine,
  monotoneErank,
  monotoneErankKnownCounterexample,
  monotoneArbitrary,
  monotoneErankUnqualified,
  monotoneTolerance,
  observeMonotone,
} from '../theorems/cgmr/monotoneErank.js';
import { EPS } from '../src/metrics/tolerance.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

describe('[CGMR] monotone effective rank (paper claim, derived regime and tolerance)', () => {
  itHolds(monotoneErank, 171);
  itRefutesControls(monotoneErank, 172);
  itRefutesOnStatedFraction(monotoneErank, 172, 100);
  itExploresBoundary(monotoneErank, 173, 40);
  itRefutesControls(monotoneErankUnqualified, 172);
  itRefutesOnStatedFraction(monotoneErankUnqualified, 172, 100);
  it('the boundary arbitrary finds instances outside the small-α regime where the unqualified reading fails', () => {
    const found = fc.sample(monotoneErank.boundary(), { seed: 173, numRuns: 40 }).filter((i) => {
      const lmin = Math.min(...i.eigenvalues.filter((l) => l > 0));
      return i.alpha ** i.depth > REGIME * lmin && checkTheorem(monotoneErankUnqualified, i).status === 'refuted';
    });
    expect(found.length).toBeGreaterThan(0);
  });
  it('known counterexample to the unqualified reading: N = 2, α = 0.1, decreases of 7.5e−5 per step after the minimum (matrix engine agrees)', () => {
    const { instance, explanation } = monotoneErankKnownCounterexample;
    expect(explanation).toMatch(/zero-eigenvalue modes/);
    const r = checkTheorem(monotoneErankUnqualified, instance);
    expect(r.status).toBe('refuted');
    expect(r.verdict!.details.maxDecrease as number).toBeCloseTo(7.537e-5, 7);
    expect(checkTheorem(monotoneErank, instance).failures[0].name).toMatch(/small-α regime/);
    const eng = observeMonotone(erankTrajectoryWithEngine(instance), 'after-minimum');
    expect(eng.kMin).toBe(10);
    expect(Math.abs(eng.maxDecrease - (r.verdict!.details.maxDecrease as number))).toBeLessThan(1e-12);
  });
  it('the scalar stand-in and the matrix engine give the same erank trajectory on a sample of claim instances', () => {
    for (const inst of fc.sample(monotoneErank.arbitrary(), { seed: 171, numRuns: 6 })) {
      const a = erankTrajectory(inst), b = erankTrajectoryWithEngine(inst);
      let d = 0;
      for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]));
      expect(d).toBeLessThan(1e-9);
    }
  });
  it('hypotheses pinned: α^N just inside the regime holds, just outside is outside', () => {
    const base = { eigenvalues: [2, 0.5, 0], depth: 2, stepSize: 0.2, basisSeed: 1, steps: 600 };
    expect(checkTheorem(monotoneErank, { ...base, alpha: Math.sqrt(0.99 * REGIME * 0.5) }).status).toBe('holds');
    expect(checkTheorem(monotoneErank, { ...base, alpha: Math.sqrt(1.01 * REGIME * 0.5) }).status).toBe('outside-hypotheses');
  });
  it('τ = n·n₀·Nηα^{2N−2}/e on a hand-computed instance (n = 4, n₀ = 2, N = 3, η = 0.1, α = 0.5)', () => {
    const inst = { eigenvalues: [2, 1, 0, 0], depth: 3, alpha: 0.5, stepSize: 0.1, basisSeed: 1, steps: 10 };
    // 4·2·3·0.1·0.5⁴/e = 0.15/e
    expect(monotoneTolerance(inst)).toBeCloseTo(0.15 / Math.E, 15);
    expect(monotoneTolerance({ ...inst, eigenvalues: [2, 1, 0.5, 0.25] })).toBe(0);
  });
  it('observeMonotone: the first minimum, the largest later decrease and where; from 0 takes the whole run', () => {
    const er = Float64Array.from([3, 2, 1, 1.5, 1, 1.2, 1.1, 1.3]);
    expect(observeMonotone(er, 'after-minimum')).toEqual({ kMin: 2, minErank: 1, maxDecrease: 0.5, at: 4 });
    expect(observeMonotone(er, 0)).toEqual({ kMin: 2, minErank: 1, maxDecrease: 1, at: 1 });
    // never decreasing after the minimum: 0 at the minimum itself
    expect(observeMonotone(Float64Array.from([2, 1, 1, 1.5]), 'after-minimum')).toEqual({ kMin: 1, minErank: 1, maxDecrease: 0, at: 1 });
  });
  it('the verdict allows τ + 64n²ε and its margin is 1 − decrease/allowance', () => {
    const inst = { eigenvalues: [2, 0.5, 0], depth: 2, alpha: 0.05, stepSize: 0.2, basisSeed: 1, steps: 100 };
    const pred = monotoneErank.predict(inst);
    expect(pred).toEqual({ tolerance: monotoneTolerance(inst), from: 'after-minimum' });
    const tol = pred.tolerance + 64 * 9 * EPS;
    const at = (d: number) => monotoneErank.verdict(inst, pred, { kMin: 3, minErank: 1.2, maxDecrease: d, at: 7 });
    expect(at(tol).holds).toBe(true);
    expect(at(tol).margin).toBe(0);
    expect(at(tol * (1 + 1e-9)).holds).toBe(false);
    expect(at(tol / 4).margin).toBeCloseTo(0.75, 12);
    expect(at(tol / 4).worst.iteration).toBe(7);
    expect(at(tol / 4).details).toEqual({ kMin: 3, minErank: 1.2, maxDecrease: tol / 4, tolerance: tol });
    expect(monotoneErankUnqualified.predict(inst).tolerance).toBe(0);
  });
  it('its own hypotheses report quantity, relation and bound; a step-size failure is reported alone', () => {
    const base = { eigenvalues: [2, 0.5, 0], depth: 2, alpha: 0.05, stepSize: 0.2, basisSeed: 1, steps: 100 };
    expect(monotoneErank.hypotheses({ ...base, eigenvalues: [2, 0.5, -0.25] })).toEqual([{ name: 'Y ⪰ 0 (λ_n ≥ 0)', quantity: -0.25, relation: '≥', bound: 0 }]);
    expect(monotoneErank.hypotheses({ ...base, alpha: 0.1 })).toEqual([{ name: 'small-α regime α^N ≤ 10⁻²·λ_min⁺', quantity: 0.1 ** 2, relation: '≤', bound: 5e-3 }]);
    expect(monotoneErank.hypotheses({ ...base, steps: 0 })).toEqual([{ name: 'steps integer in [1, 1e5]', quantity: 0, relation: '≤', bound: 1e5 }]);
    expect(monotoneErank.hypotheses({ ...base, eigenvalues: [2, -1], stepSize: 0.3 }).map((f) => f.name)).toEqual(['η ≤ 1/(Nλ₁^{2−2/N}) (monotone step)']);
  });
  it('the trajectory has steps + 1 points (the last one included) and the verdict names the minimum', () => {
    const inst = { eigenvalues: [2, 0.5, 0], depth: 2, alpha: 0.05, stepSize: 0.2, basisSeed: 1, steps: 40 };
    const er = erankTrajectory(inst), eng = erankTrajectoryWithEngine(inst);
    expect(er.length).toBe(41);
    expect(er[40]).toBeGreaterThan(1);
    expect(Math.abs(er[40] - eng[40])).toBeLessThan(1e-9);
    const v = monotoneErank.verdict(inst, monotoneErank.predict(inst), { kMin: 3, minErank: 1.2, maxDecrease: 0, at: 7 });
    expect(v.worst.note).toBe('erank minimum 1.200000 at k* = 3');
  });
  it('the arbitraries: finite knobs, n ≥ 2 (n = 2 drawn), at most 4000 steps; the unqualified reading straddles the regime', () => {
    for (const boundary of [false, true]) {
      const sample = fc.sample(monotoneArbitrary(boundary), { seed: 5, numRuns: 2000 });
      expect(sample.every((i) => i.eigenvalues.every(Number.isFinite) && Number.isFinite(i.alpha) && Number.isFinite(i.stepSize))).toBe(true);
      expect(sample.every((i) => i.eigenvalues.length >= 2 && i.steps >= 1 && i.steps <= 4000)).toBe(true);
      expect(sample.some((i) => i.eigenvalues.length === 2)).toBe(true);
    }
    const st = fc.sample(monotoneErankUnqualified.arbitrary(), { seed: 5, numRuns: 60 });
    const outside = st.filter((i) => monotoneErank.hypotheses(i).some((f) => /small-α regime/.test(f.name)));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.length).toBeLessThan(60);
    expect(st.every((i) => i.eigenvalues.includes(0))).toBe(true);
  });
});

