/** The balanced asymmetric extension of [MV] (theorems/mv/asymmetric.ts, derived). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asymmetricArbitrary, asymmetricAt, asymmetricBalanced, asymmetricBoundaryAt, asymmetricBoundaryKnobs } from '../theorems/mv/asymmetric.js';
import { maxRatio, ratioConditionAlpha, theorem3Constants } from '../theorems/mv/common.js';
import { expectPinned, itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

const BASE = { m: 3, n: 2, singularValues: [2, 1], leftSeed: 1, rightSeed: 2, shape: [1, 1], alpha: 1e-6, epsilon: 0.5, imbalance: 1 };

describe('[MV] balanced asymmetric extension (derived)', () => {
  itHolds(asymmetricBalanced, 71);
  itRefutesControls(asymmetricBalanced, 72);
  itRefutesNearMisses(asymmetricBalanced, 71);
  itExploresBoundary(asymmetricBalanced, 73, 20);
  describe('hypotheses pinned at their boundary (just inside / just outside)', () => {
    it('balanced init: imbalance 1 holds, 1 + 1e−12 is outside', () => expectPinned(asymmetricBalanced, 'balanced init', BASE, { ...BASE, imbalance: 1 + 1e-12 }, true));
    it('0 < ε ≤ σ_K', () => expectPinned(asymmetricBalanced, '0 < ε ≤ σ_K', { ...BASE, epsilon: 1, alpha: 1e-8 }, { ...BASE, epsilon: 1 + 1e-12, alpha: 1e-8 }, true));
    it('α ≤ c_ε (K = 1: c_ε = ε/max s = 0.5)', () => {
      const k1 = { ...BASE, singularValues: [2, 0] };
      expectPinned(asymmetricBalanced, 'α ≤ c_ε', { ...k1, alpha: 0.5 }, { ...k1, alpha: 0.5 * (1 + 1e-12) }, true);
    });
    it('the ratio condition (c = 0.5, C = 8: α < 2^−5)', () => {
      expectPinned(asymmetricBalanced, 'log(c_ε/α)/log(C_ε/α) >', { ...BASE, alpha: 2 ** -5 * (1 - 1e-9) }, { ...BASE, alpha: 2 ** -5 * (1 + 1e-9) }, true);
    });
    it('s_i > 0', () => expectPinned(asymmetricBalanced, 's2 > 0', { ...BASE, shape: [1, 1e-300] }, { ...BASE, shape: [1, 0] }));
  });
});

describe('[MV] balanced asymmetric extension: pinned on fixed instances', () => {
  const names = (x: typeof BASE) => asymmetricBalanced.hypotheses(x).map((f) => f.name);
  it('lower sides: ε > 0 and α > 0 (reported under α ≤ c_ε with the quantity), s_i > 0 only for i ≤ K, the unbalanced control drops balance only', () => {
    expect(names({ ...BASE, epsilon: 1e-20, alpha: 1e-100 })).toEqual([]);
    expect(asymmetricBalanced.hypotheses({ ...BASE, epsilon: 0 })[0]).toEqual({ name: '0 < ε ≤ σ_K', quantity: 0, relation: '≤', bound: 1 });
    // (at α ≤ 0 the ratio log(c/α)/log(C/α) is not a number, and fails too)
    expect(asymmetricBalanced.hypotheses({ ...BASE, alpha: 0 })[0]).toEqual({ name: 'α ≤ c_ε', quantity: 0, relation: '≤', bound: 0.5 });
    expect(names({ ...BASE, alpha: -1e-6 })[0]).toBe('α ≤ c_ε');
    expect(names({ ...BASE, singularValues: [2, 0], shape: [1, 0] })).toEqual([]);
    expect(asymmetricBalanced.hypotheses({ ...BASE, shape: [1, -1] })).toEqual([{ name: 's2 > 0', quantity: -1, relation: '>', bound: 0 }]);
    expect(names({ ...BASE, singularValues: [0, 0] })).toEqual(['at least one positive eigenvalue (K ≥ 1)']);
    const unbalanced = asymmetricBalanced.negativeControls.find((c) => c.name === 'balance-dropped')!.theorem;
    expect(unbalanced.hypotheses({ ...BASE, imbalance: 2 })).toEqual([]);
    expect(unbalanced.hypotheses({ ...BASE, imbalance: 2, epsilon: 2 }).map((f) => f.name)).toEqual(['0 < ε ≤ σ_K']);
  });
  it('prediction: the intervals of Theorem 3 with σᵢ(Y), and a 12-point grid up to 1.2 × (the last right end, or 1.5 a_K)', () => {
    const p = asymmetricBalanced.predict(BASE);
    // c = 0.5, C = 4/(0.5·1) = 8, α = 1e−6
    expect(p.K).toBe(2);
    expect(p.intervals[0][0]).toBeCloseTo(Math.log(8e6) / 4, 13);
    expect(p.intervals[0][1]).toBeCloseTo(Math.log(0.5e6) / 2, 13);
    expect(p.intervals[1]).toEqual([expect.closeTo(Math.log(8e6) / 2, 13), Infinity]);
    const T = 1.2 * Math.max(p.intervals[0][1], 1.5 * p.intervals[1][0]);
    expect(p.times).toEqual(Array.from({ length: 12 }, (_, j) => expect.closeTo((T * (j + 1)) / 12, 12)));
    expect(p.modes[11][0]).toBeCloseTo(2, 6);
    expect(p.modes[0][1]).toBeGreaterThan(1e-6);
  });
  it('verdict on fixed observations: the logistic-law margin, an interval above ε + tolerance refutes, within the tolerance holds at margin 0, an empty interval refutes at −1', () => {
    const p = asymmetricBalanced.predict(BASE);
    const iv = (sup: number, at = 1, tolerance = 1e-6) => ({ sup, at, tolerance });
    const obs = { modeError: 1e-9, modeTolerance: 4e-9, at: 3, intervalErrors: [iv(0.1, 7), iv(0.05, 9)] };
    const v = asymmetricBalanced.verdict(BASE, p, obs);
    expect(v).toMatchObject({ holds: true, certified: true, worst: { time: 3, note: 'logistic law of the singular values' } });
    expect(v.margin).toBeCloseTo(0.75, 14);
    expect(v.details).toEqual({ modeError: 1e-9, modeTolerance: 4e-9, tightness: 0.2 });
    const w = asymmetricBalanced.verdict(BASE, p, { ...obs, intervalErrors: [iv(0.1, 7), iv(0.3, 9)] });
    expect(w).toMatchObject({ holds: true, worst: { interval: 2, time: 9 } });
    expect(w.margin).toBeCloseTo(0.4, 14);
    expect(asymmetricBalanced.verdict(BASE, p, { ...obs, modeError: 4e-9 })).toMatchObject({ holds: true, margin: 0 });
    expect(asymmetricBalanced.verdict(BASE, p, { ...obs, modeError: 5e-9 })).toMatchObject({ holds: false });
    expect(asymmetricBalanced.verdict(BASE, p, { ...obs, modeError: 5e-9 }).margin).toBeCloseTo(-0.25, 14);
    const within = asymmetricBalanced.verdict(BASE, p, { ...obs, intervalErrors: [iv(0.5 + 0.5e-6, 7), iv(0.05)] });
    expect(within).toMatchObject({ holds: true, margin: 0, worst: { interval: 1 } });
    const over = asymmetricBalanced.verdict(BASE, p, { ...obs, intervalErrors: [iv(0.5 + 2e-6, 7), iv(0.05)] });
    expect(over).toMatchObject({ holds: false, worst: { interval: 1, time: 7 } });
    expect(over.margin).toBeCloseTo(-4e-6, 12);
    const empty = asymmetricBalanced.verdict(BASE, p, obs);
    expect(empty.holds).toBe(true);
    // a single point is not empty; an error exactly at ε + tolerance holds
    expect(asymmetricBalanced.verdict(BASE, { ...p, intervals: [[2, 2], p.intervals[1]] }, obs)).toMatchObject({ holds: true });
    expect(asymmetricBalanced.verdict(BASE, p, { ...obs, intervalErrors: [iv(0.5 + 2 ** -20, 7, 2 ** -20), iv(0.05)] }).holds).toBe(true);
    const pe = { ...p, intervals: [[2, 1], p.intervals[1]] as [number, number][] };
    expect(asymmetricBalanced.verdict(BASE, pe, obs)).toMatchObject({ holds: false, margin: -1 });
  });
  it('observation: the worst grid point by error/tolerance, the interval sup at an end of I_k against Ŷ_k, and tolerances from the two integrations', () => {
    const p = asymmetricBalanced.predict(BASE);
    const o = asymmetricBalanced.observe(BASE, p);
    expect(p.times).toContain(o.at);
    expect(o.modeError).toBeLessThanOrEqual(o.modeTolerance);
    expect(o.modeError).toBeGreaterThan(0);
    // at the left end of I₁ the second mode is still tiny and the first is σ₁ − (about) ε/… : the sup is ‖ABᵀ − Ŷ₁‖ there
    expect(o.intervalErrors[0].at === p.intervals[0][0] || o.intervalErrors[0].at === p.intervals[0][1]).toBe(true);
    expect(o.intervalErrors[1].at).toBe(p.intervals[1][0]);
    for (const e of o.intervalErrors) {
      expect(e.sup).toBeGreaterThan(1e-4);
      expect(e.sup).toBeLessThan(BASE.epsilon);
      expect(e.tolerance).toBeGreaterThan(0);
      expect(e.tolerance).toBeLessThan(1e-6);
    }
  });
});

describe('[MV] balanced asymmetric extension: the observation on instances that reach its edges', () => {
  it('the interval sup is reported at the end where it is reached: the right end of I₂ at the Figure 1 spectrum (mode 3 has grown to 0.0923 there)', () => {
    const inst = { m: 3, n: 3, singularValues: [3.5, 2.2, 1.2], leftSeed: 1, rightSeed: 2, shape: [1, 1, 1], alpha: 2.97e-7, epsilon: 0.1, imbalance: 1 };
    const p = asymmetricBalanced.predict(inst);
    const o = asymmetricBalanced.observe(inst, p);
    expect(o.intervalErrors[0].at).toBe(p.intervals[0][0]);
    expect(o.intervalErrors[1].at).toBe(p.intervals[1][1]);
    // w₃ at r₂ = log(c_ε/α)/(2σ₃), by hand: the logistic 1.2·α/(α + (1.2 − α)e^{−2.4 r₂})
    const r2 = Math.log(0.1 / 2.97e-7) / 2.4;
    expect(o.intervalErrors[1].sup).toBeCloseTo((1.2 * 2.97e-7) / (2.97e-7 + (1.2 - 2.97e-7) * Math.exp(-2.4 * r2)), 8);
  });
  it('the mode tolerance scales with max(σ₁, α·max s): the near-miss imbalance 1.0001 is refuted where α·max s is near ε (α = 9.77, s = 0.1: a rank-one flow whose tolerance is the flow term alone)', () => {
    const inst = { m: 1, n: 4, singularValues: [1], leftSeed: 1, rightSeed: 2, shape: [0.1], alpha: 9.77, epsilon: 1, imbalance: 1 };
    expect(asymmetricBalanced.hypotheses(inst)).toEqual([]);
    const near = asymmetricBalanced.negativeControls.find((c) => c.name === 'imbalance-1.0001')!.theorem;
    const x = { ...inst, imbalance: 1.0001 };
    const p = near.predict(x), o = near.observe(x, p);
    // the deviation of the modes is about 110 tolerances (1.8e−11 against 1.6e−13); a tolerance built on
    // α/max s (98 instead of 0.98) would be 800 times looser and hold
    expect(o.modeError / o.modeTolerance).toBeGreaterThan(50);
    expect(o.modeTolerance).toBeLessThan(1e-12);
    expect(near.verdict(x, p, o).holds).toBe(false);
    const b = asymmetricBalanced.predict(inst);
    expect(asymmetricBalanced.verdict(inst, b, asymmetricBalanced.observe(inst, b)).holds).toBe(true);
  });
});

describe('[MV] asymmetric arbitraries: their stated distribution at fixed seeds', () => {
  it('claim: m, n ∈ 1 … 4, σ₁ ∈ [1, 4], σ_{i+1}/σ_i ∈ [0.2, 0.85], shapes in [0.1, 2], ε = u·σ_k (u ∈ [0.05, 1]), α = ratio bound·10^−v (v ∈ [0.01, 3])', () => {
    const s = fc.sample(asymmetricArbitrary(1.25), { seed: 74, numRuns: 100 });
    const dims = new Set<string>();
    for (const x of s) {
      const k = Math.min(x.m, x.n);
      dims.add(`${x.m}x${x.n}`);
      expect(x.imbalance).toBe(1.25);
      expect(x.singularValues.length).toBe(k);
      expect(x.shape.length).toBe(k);
      expect(x.singularValues[0] >= 1 && x.singularValues[0] <= 4).toBe(true);
      for (let i = 1; i < k; i++) {
        const r = x.singularValues[i] / x.singularValues[i - 1];
        expect(r >= 0.2 - 1e-12 && r <= 0.85 + 1e-12).toBe(true);
      }
      for (const v of x.shape) expect(v >= 0.1 && v <= 2).toBe(true);
      const u = x.epsilon / x.singularValues[k - 1];
      expect(u >= 0.05 - 1e-12 && u <= 1 + 1e-12).toBe(true);
      const { c, C } = theorem3Constants(x.epsilon, x.shape, x.singularValues[0], k);
      const v = -Math.log10(x.alpha / ratioConditionAlpha(c, C, maxRatio(x.singularValues, k)));
      expect(v >= 0.01 - 1e-9 && v <= 3 + 1e-9, String(v)).toBe(true);
      expect(asymmetricBalanced.hypotheses({ ...x, imbalance: 1 })).toEqual([]);
    }
    expect(dims.size).toBeGreaterThan(10);
  });
  it('asymmetricAt: σ from the ratios (ratios[0] unused), ε = u·σ_k, α = ratio bound·10^−v', () => {
    const x = asymmetricAt(3, 2, 1, { s1: 2, ratios: [0.9, 0.5], leftSeed: 1, rightSeed: 2, shape: [1, 0.5], u: 0.5, v: 1 });
    const { c, C } = theorem3Constants(0.5, [1, 0.5], 2, 2);
    expect(x).toStrictEqual({ m: 3, n: 2, singularValues: [2, 1], leftSeed: 1, rightSeed: 2, shape: [1, 0.5], alpha: ratioConditionAlpha(c, C, 0.5) * 10 ** -1, epsilon: 0.5, imbalance: 1 });
    expect(asymmetricAt(1, 4, 2, { s1: 3, ratios: [0.5], leftSeed: 1, rightSeed: 2, shape: [1], u: 1, v: 0 }).singularValues).toEqual([3]);
  });
  it('boundary knobs: c over [0.5, 2] (a third balanced), up over [−1, 2] (both ends, a third below 0); α·10^up capped at 1', () => {
    const k = fc.sample(fc.record(asymmetricBoundaryKnobs()), { seed: 75, numRuns: 200 });
    const up = k.map((x) => x.up), c = k.map((x) => x.c);
    expect(Math.min(...up)).toBe(-1);
    expect(Math.max(...up)).toBe(2);
    expect(up.filter((x) => x < 0).length).toBeGreaterThan(30);
    expect(Math.min(...c)).toBe(0.5);
    expect(Math.max(...c)).toBe(2);
    expect(c.filter((x) => x > 1.5).length).toBeGreaterThan(20);
    expect(c.filter((x) => x < 1).length).toBeGreaterThan(20);
    expect(asymmetricBoundaryAt(BASE, { c: 1.6, up: -1 })).toStrictEqual({ ...BASE, alpha: 1e-6 * 10 ** -1 });
    expect(asymmetricBoundaryAt(BASE, { c: 1.5, up: 2 })).toStrictEqual({ ...BASE, imbalance: 1.5, alpha: 1e-6 * 10 ** 2 });
    expect(asymmetricBoundaryAt({ ...BASE, alpha: 0.05 }, { c: 0.7, up: 2 })).toStrictEqual({ ...BASE, imbalance: 0.7, alpha: 1 });
  });
});
