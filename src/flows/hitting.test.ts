import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { alignedSymmetricFactor } from '../init/flowInits.js';
import { eigh } from '../linalg/eigh.js';
import { fromRows } from '../linalg/matrix.js';
import type { FlowEvaluator } from './evaluator.js';
import { NumericalError } from '../errors.js';
import { hittingTimes } from './hitting.js';
import { levelTime } from './spectral.js';
import { symmetricClosedForm } from './symmetricClosedForm.js';

describe('certified hitting times', () => {
  it('reproduce the logistic level times of the spectral init to 1e−9', () => {
    const q = haarOrthogonal(3, 4);
    const lam = [3, 1.5, 0.4];
    const y = withSpectrum(q, lam);
    const alpha = 1e-6, shape = [1, 0.5, 2];
    const f = symmetricClosedForm(y, alignedSymmetricFactor(eigh(y), alpha, shape));
    const levels = [0.1, 0.5, 0.9];
    const h = hittingTimes(f, levels, 60);
    levels.forEach((q0, l) => lam.forEach((s, i) => {
      const exact = levelTime(s, alpha * shape[i], q0 * s);
      expect(Math.abs((h.times[l][i] as number) - exact)).toBeLessThan(2e-9);
    }));
    expect(h.uncertified).toBe(0);
  });
  it('return 0 when the level holds at t = 0, null when never reached by the horizon', () => {
    const y = fromRows([[2, 0], [0, 1]]);
    const f = symmetricClosedForm(y, fromRows([[1.5, 0], [0, 1e-3]]));
    const h = hittingTimes(f, [0.5, 1], 12);
    expect(h.times[0][0]).toBe(0);
    expect(h.times[0][1]).toBeGreaterThan(0);
    expect(h.times[1][1]).toBeNull();
    expect(h.horizon).toBe(12);
    expect(hittingTimes(f, [0.5], 3).times[0][1]).toBeNull();
  });
  it('find the earliest crossing of a non-monotone projection (general init)', () => {
    const y = fromRows([[3, 0, 0], [0, 2, 0], [0, 0, -1]]);
    // width 1, mode 2 starts far ahead of mode 1: it rises to ≈ 2, then mode 1 displaces it.
    const f = symmetricClosedForm(y, fromRows([[1e-8], [1e-2], [1e-3]]));
    expect(f.projections(4)[1]).toBeGreaterThan(1.99);
    expect(f.projections(25)[1]).toBeLessThan(1e-3);
    const h = hittingTimes(f, [0.5, 0.99], 30);
    const t = h.times[0][1] as number;
    expect(Math.abs(t - Math.log((2 - 1e-4) / 1e-4) / 4)).toBeLessThan(1e-3); // ≈ logistic of mode 2
    expect(f.projections(t + 1e-8)[1]).toBeGreaterThanOrEqual(1 - 1e-7);
    for (let s = 0; s < t - 1e-6; s += t / 5000) expect(f.projections(s)[1]).toBeLessThan(1);
    expect(h.times[1][0]).toBeGreaterThan(t);
    expect(h.uncertified).toBe(0);
  });

  /** A synthetic flow whose projection has a narrow bump between march points; L obeys L' = −ṗ²/C². */
  function bumpFlow(C: number): FlowEvaluator {
    const c = Math.PI, w = 0.002;
    const p = (t: number) => 0.2 + 0.7 * Math.exp(-(((t - c) / w) ** 2));
    const dp = (t: number) => -2 * ((t - c) / w ** 2) * 0.7 * Math.exp(-(((t - c) / w) ** 2));
    // L(t) = 10 − (1/C²)∫₀ᵗ ṗ² (Simpson on a fine grid, cumulative)
    const N = 200000, T = 10, hgrid = T / N;
    const cum = new Float64Array(N + 1);
    for (let k = 0; k < N; k++) {
      const a = k * hgrid, b = a + hgrid, m = a + hgrid / 2;
      cum[k + 1] = cum[k] + (hgrid / 6) * (dp(a) ** 2 + 4 * dp(m) ** 2 + dp(b) ** 2);
    }
    const loss = (t: number) => {
      const x = Math.min(T, t) / hgrid, k = Math.min(N - 1, Math.floor(x));
      return 10 - (cum[k] + (x - k) * (cum[k + 1] - cum[k])) / (C * C);
    };
    return {
      model: 'symmetric', targetValues: Float64Array.of(1), matrix: () => fromRows([[0]]),
      projections: (t) => Float64Array.of(p(t)), loss, variationBound: () => C, lossError: 1e-12, maxTime: 10, diagnostics: () => ({}),
    };
  }
  it('catch a narrow excursion between march points through the certificate', () => {
    const h = hittingTimes(bumpFlow(1), [0.8], 10);
    expect(Math.abs((h.times[0][0] as number) - (Math.PI - 0.002 * Math.sqrt(Math.log(0.7 / 0.6))))).toBeLessThan(1e-8);
  });
  it('… and without a certificate (C = 0) the same search misses it: the certificate is what makes it work', () => {
    const blind = { ...bumpFlow(1), variationBound: () => 0, lossError: 0 };
    expect(hittingTimes(blind, [0.8], 10).times[0][0]).toBeNull();
  });
  it('report exhausted budgets as errors', () => {
    const y = fromRows([[2]]);
    const f = symmetricClosedForm(y, fromRows([[1e-3]]));
    expect(() => hittingTimes(f, [0.5], 100, { maxEvaluations: 5 })).toThrow(/exceeded 5 evaluations/);
  });
  it('… and with only the second-order certificate (rates, C = ∞) it finds the excursion too; without K₂ nothing certifies', () => {
    const w = 0.002, c = Math.PI;
    const bump = bumpFlow(1);
    const rated: FlowEvaluator = {
      ...bump, variationBound: () => Infinity, maxTime: 4,
      projectionRates: (t) => Float64Array.of(-2 * ((t - c) / w ** 2) * 0.7 * Math.exp(-(((t - c) / w) ** 2))),
      rateBound: (0.7 * 2) / w ** 2, // max|d²/dt² 0.7e^{−((t−c)/w)²}| = 1.4/w², at t = c
    };
    const h = hittingTimes(rated, [0.8], 4, { tol: 1e-6 });
    expect(Math.abs((h.times[0][0] as number) - (c - w * Math.sqrt(Math.log(0.7 / 0.6))))).toBeLessThan(1e-6);
    expect(h.uncertified).toBe(0);
    expect(hittingTimes(rated, [0.95], 4, { tol: 1e-6 })).toMatchObject({ times: [[null]], uncertified: 0 });
    expect(() => hittingTimes({ ...rated, rateBound: undefined }, [0.95], 4, { tol: 1e-6, maxEvaluations: 20_000 })).toThrow(/exceeded/);
  });
});

/** Machine epsilon 2⁻⁵². */
const EPS = 2.220446049250313e-16;
const horner = (c: number[], x: number) => c.reduceRight((acc, ck) => acc * x + ck, 0);
const deriv = (c: number[]) => c.slice(1).map((ck, k) => (k + 1) * ck);
/** Σ|c_k|·|x|^k: bounds |Σ c_k s^k| for |s| ≤ |x|. */
const absAt = (cs: number[], x: number) => cs.reduce((acc, ck, k) => acc + Math.abs(ck) * Math.abs(x) ** k, 0);

/**
 * A synthetic flow with one projection p(t) = Σ c_k (t − t₀)^k on [0, T], built so that both
 * certificates hold: L(t) = −∫_{t₀}^{t} ṗ² exactly (C = 1, polynomial), lossError = Horner's rounding
 * bound 4·deg·ε·Σ|J_k|R^k, ṗ exact and K₂ = Σ|p̈_k|R^k ≥ |p̈| (R = max(t₀, T − t₀)).
 */
function polyFlow(c: number[], t0: number, T: number): FlowEvaluator {
  const d = deriv(c);
  const sq = new Array<number>(2 * d.length - 1).fill(0);
  d.forEach((a, i) => d.forEach((b, j) => { sq[i + j] += a * b; }));
  const J = [0, ...sq.map((a, k) => a / (k + 1))];
  const R = Math.max(t0, T - t0);
  return {
    model: 'symmetric', targetValues: Float64Array.of(1), matrix: () => fromRows([[0]]), diagnostics: () => ({}),
    projections: (t) => Float64Array.of(horner(c, t - t0)), loss: (t) => -horner(J, t - t0),
    variationBound: () => 1, lossError: 4 * J.length * EPS * absAt(J, R), maxTime: T,
    projectionRates: (t) => Float64Array.of(horner(d, t - t0)), rateBound: absAt(deriv(d), R),
  };
}

describe('hitting times near a tangential approach: the re-search of uncertified leaves', () => {
  // p(t₁ + s) = ½ − δ − s² + s³: a local maximum ½ − δ at t₁ (non-dyadic), then a transversal crossing of
  // τ = ½ at s ≈ 1 + δ. Tolerance 1e−3: the first pass (resolution tol/16) cannot certify the stretch
  // around t₁ and leaves it uncertified; the re-search refines it by 8 per pass down to tol·1e−6.
  const t1 = 1.2345678;
  const cubic = (delta: number) => polyFlow([0.5 - delta, 0, -1, 1], t1, 4);
  it('a near miss (δ = 1e−10) is certified at a finer resolution: the crossing after it, nothing uncertified', () => {
    const h = hittingTimes(cubic(1e-10), [0.5], 4, { tol: 1e-3 });
    expect(Math.abs((h.times[0][0] as number) - (t1 + 1))).toBeLessThan(1e-3);
    expect(h.uncertified).toBe(0);
  });
  it('a crossing hidden between grid points (overshoot 1e−11, window ±3.2e−6 ≪ tol/16) is found by the re-search', () => {
    const h = hittingTimes(cubic(-1e-11), [0.5], 4, { tol: 1e-3 });
    expect(Math.abs((h.times[0][0] as number) - (t1 - Math.sqrt(1e-11)))).toBeLessThan(1e-3);
    expect(h.uncertified).toBe(0);
    // an exact touch (p(t₁) = τ; p ≥ τ in float64 on a window of ≈ 1e−8) is a crossing too
    expect(Math.abs((hittingTimes(cubic(0), [0.5], 4, { tol: 1e-3 }).times[0][0] as number) - t1)).toBeLessThan(1e-3);
  });
  it('a tangential approach closer than the finest resolution can certify (δ = 1e−15, tol 0.1) is counted as uncertified, with or without a later crossing', () => {
    const h = hittingTimes(cubic(1e-15), [0.5], 4, { tol: 0.1 });
    expect(Math.abs((h.times[0][0] as number) - (t1 + 1))).toBeLessThan(0.1);
    expect(h.uncertified).toBeGreaterThan(0);
    expect(h.uncertified).toBeLessThan(20);
    const none = hittingTimes(cubic(1e-15), [0.5], t1 + 0.9, { tol: 0.1 });
    expect(none.times[0][0]).toBeNull();
    expect(none.uncertified).toBeGreaterThan(0);
    expect(none.uncertified).toBeLessThan(20);
  });
  it('two hidden crossings: the re-search starts from the earliest uncertified leaf', () => {
    // p = ½ + 1e−11 − s²(s − ½)²(1 − s): windows ≈ ±6e−6 at s = 0 and ≈ ±9e−6 at s = ½, crossing at s ≈ 1
    const f = polyFlow([0.5 + 1e-11, 0, -0.25, 1.25, -2, 1], t1, 4);
    const h = hittingTimes(f, [0.5], 4, { tol: 1e-3 });
    expect(Math.abs((h.times[0][0] as number) - t1)).toBeLessThan(1e-3);
    expect(h.uncertified).toBe(0);
  });
});

describe('hitting-time search: exact resolution, ties, components, evaluations', () => {
  /** p(t) = t on [0, 8] with L = −t (C = 1 exact, lossError 0): the first-order bound is p(b) itself. */
  const linear: FlowEvaluator = {
    model: 'symmetric', targetValues: Float64Array.of(1), matrix: () => fromRows([[0]]), diagnostics: () => ({}),
    projections: (t) => Float64Array.of(t), loss: (t) => -t, variationBound: () => 1, lossError: 0, maxTime: 8,
  };
  it('returns the midpoint of the dyadic bracket of width tol/16 that holds the crossing', () => {
    const tol = 2 ** -10;
    for (const tau of [0.3, 0.7, 1.9]) {
      const t = hittingTimes(linear, [tau], 8, { tol, h0: 0.25 }).times[0][0];
      expect(t).toBe((Math.floor(tau * 2 ** 14) + 0.5) / 2 ** 14);
    }
  });
  it('resolves to adjacent floats when tol is below the float spacing (both roundings of the midpoint)', () => {
    const tau = 0.3, next = tau + 2 ** -54; // 0.3 has an even last bit; next is the float after it
    expect(next).toBeGreaterThan(tau);
    for (const level of [tau, next]) {
      const h = hittingTimes(linear, [level], 8, { tol: 0 });
      const t = h.times[0][0] as number;
      expect(t === level || t === level - 2 ** -54 || (level === next && t === tau)).toBe(true);
      expect(h.uncertified).toBe(0);
    }
  });
  it('a level reached exactly at t = 0 or exactly at a sample point counts as reached', () => {
    expect(hittingTimes(linear, [0], 8).times[0][0]).toBe(0);
    // p = ½ − (t − ¾)², touching ½ exactly at the march point ¾ (h0 = ¼: points ¼, ¾)
    const touch = polyFlow([0.5, 0, -1], 0.75, 2);
    const h = hittingTimes(touch, [0.5], 2, { h0: 0.25, tol: 1e-6 });
    expect(Math.abs((h.times[0][0] as number) - 0.75)).toBeLessThan(1e-6);
  });
  it('never looks past the horizon, even when the first march step would (h0 > horizon)', () => {
    expect(hittingTimes(linear, [0.22], 0.2, { h0: 0.25 }).times[0][0]).toBeNull();
    expect(hittingTimes(linear, [0.3], 8, { h0: 0.25 }).times[0][0]).toBeCloseTo(0.3, 9);
  });
  /**
   * p = 0 until t = 2, then 1 (τ = ½), with the loss dropping by 1e300 at `cliff`: no interval holding
   * the cliff can be certified (C·sqrt(h·1e300) ≥ ½ for every h > 2.5e−301), so it ends as one leaf.
   */
  const cliff = (at: number): FlowEvaluator => ({
    ...linear, projections: (t) => Float64Array.of(t >= 2 ? 1 : 0), loss: (t) => (t <= at ? 1e300 : 0),
  });
  it('an uncertifiable leaf within tol before the crossing is not counted; an earlier one is, once the re-search reaches tol·1e−6', () => {
    const late = hittingTimes(cliff(2 - 2e-4), [0.5], 8, { tol: 1e-3 });
    expect(Math.abs((late.times[0][0] as number) - 2)).toBeLessThan(1e-3);
    expect(late.uncertified).toBe(0);
    const early = hittingTimes(cliff(1.5), [0.5], 8, { tol: 1e-3 });
    expect(Math.abs((early.times[0][0] as number) - 2)).toBeLessThan(1e-3);
    expect(early.uncertified).toBe(1);
    // tol = 0: the leaf is a pair of adjacent floats, counted at once (no finer resolution exists)
    const exact = hittingTimes(cliff(1.5), [0.5], 8, { tol: 0 });
    expect(exact.times[0][0]).toBeCloseTo(2, 12);
    expect(exact.uncertified).toBe(1);
    // and with no crossing after it, the leaf is counted as well
    expect(hittingTimes(cliff(1.5), [0.5], 1.9, { tol: 1e-3 })).toMatchObject({ times: [[null]], uncertified: 1 });
  });
  it('searches the numerically positive target values only (σᵢ > n·ε·σ₁), or the first `components`', () => {
    const n = 5, floor = n * EPS * 4;
    const ev: FlowEvaluator = { ...linear, targetValues: Float64Array.of(4, 1.5 * floor, floor, 1e-16, -1), projections: (t) => new Float64Array(n).fill(t) };
    expect(hittingTimes(ev, [0.5], 1).times[0]).toHaveLength(2);
    expect(hittingTimes(ev, [0.5], 1, { components: 4 }).times[0]).toHaveLength(4);
  });
  it('evaluates each time once (cache), counts evaluations exactly, and names the time at which the budget ran out', () => {
    const seen = new Map<number, number>();
    const f = polyFlow([0.5 - 1e-10, 0, -1, 1], 1.2345678, 4);
    const counted: FlowEvaluator = { ...f, projections: (t) => { seen.set(t, (seen.get(t) ?? 0) + 1); return f.projections(t); } };
    const h = hittingTimes(counted, [0.5], 4, { tol: 1e-3 });
    expect(h.evaluations).toBe(seen.size);
    expect(Math.max(...seen.values())).toBe(1);
    try {
      hittingTimes(linear, [0.5], 8, { maxEvaluations: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NumericalError);
      expect((e as NumericalError).details).toEqual({ t: 0 });
    }
  });
});
