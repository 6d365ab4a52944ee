/** [MV] Theorem 4 (theorems/mv/theorem4.ts): the claim on random instances, and its negative controls. */
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { symmetricClosedForm } from '../src/flows/symmetricClosedForm.js';
import { fromRows } from '../src/linalg/matrix.js';
import { checkTheorem } from '../theorems/check.js';
import { bestRankK, errorToRankK, initFactor, maxRatio, ratioConditionAlpha, targetOf, theorem4Constants, theorem4M, unscaledInit } from '../theorems/mv/common.js';
import { LAST_INTERVAL_CUT, type Theorem4Instance, theorem4, theorem4Arbitrary, theorem4At, theorem4Boundary, theorem4BoundaryAt, theorem4BoundaryKnobs } from '../theorems/mv/theorem4.js';
import { expectPinned, itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

/** A fixed instance (n = 3, r = 5): λ(Ū₀Ū₀ᵀ) ≈ (1.24, 2.23, 11.6), so M = λ_max ≈ 11.6 (the Frobenius norm would give 11.9). */
const FIXED: Theorem4Instance = { kind: 'general', eigenvalues: [2, 1, 0], basisSeed: 2, initSeed: 5, width: 5, alpha: 1, epsilon: 0.5 };

/** M = max(‖W̃₀⁻¹‖₂, ‖W̃₀‖₂) by ml-matrix's eigensolver (independent of src/linalg). */
function independentM(inst: Theorem4Instance): number {
  const u = unscaledInit(inst);
  const U = new Matrix(u.rows, u.cols);
  for (let i = 0; i < u.rows; i++) for (let j = 0; j < u.cols; j++) U.set(i, j, u.data[i * u.cols + j]);
  const ev = new EigenvalueDecomposition(U.mmul(U.transpose())).realEigenvalues;
  return Math.max(Math.max(...ev), 1 / Math.min(...ev));
}

describe('[MV] Theorem 4', () => {
  itHolds(theorem4, 41);
  itRefutesControls(theorem4, 42);
  itRefutesNearMisses(theorem4, 41);
  itExploresBoundary(theorem4, 43);
  // Measured over the 100 instances of the claim property (seed 41): tightness max_k sup‖W − Ŷ_k‖/ε has
  // median 1.8e−3, 90th percentile 1.5e−2, maximum 4.5e−2; absolute errors median 4.5e−4 (docs/theory.md §1: ~1e−4).
  it('is very conservative: certified, with observed errors far below ε (docs/theory.md §1)', () => {
    const inst = { kind: 'general' as const, eigenvalues: [3, 1], basisSeed: 2, initSeed: 5, width: 2, alpha: 1, epsilon: 0.5 };
    const base = checkTheorem(theorem4, inst);
    expect(base.status).toBe('outside-hypotheses');
    const bound = base.failures.find((f) => f.name === 'α ≤ c_ε/M')!.bound;
    const r = checkTheorem(theorem4, { ...inst, alpha: bound * 1e-12 });
    expect(r.status).toBe('holds');
    expect(r.verdict!.certified).toBe(true);
    expect(r.verdict!.details.tightness as number).toBeLessThan(0.05);
  });
  it('M uses spectral norms: max(λ_max, 1/λ_min) of Ū₀Ū₀ᵀ (not Frobenius norms)', () => {
    // Ū₀Ū₀ᵀ = [[2, 1], [1, 1]]: λ = (3 ± √5)/2, so M = (3 + √5)/2 = 2.618…; Frobenius would give √7 = 2.646.
    expect(theorem4M(fromRows([[1, 1], [0, 1]])).M).toBeCloseTo((3 + Math.sqrt(5)) / 2, 13);
    // diag(2, 1, 1)·diag(2, 1, 1)ᵀ = diag(4, 1, 1): M = 4 (Frobenius: √18)
    expect(theorem4M(fromRows([[2, 0, 0], [0, 1, 0], [0, 0, 1]])).M).toBeCloseTo(4, 13);
    // 1/λ_min binding: diag(0.5, 1)² = diag(0.25, 1): M = 4
    expect(theorem4M(fromRows([[0.5, 0], [0, 1]])).M).toBeCloseTo(4, 13);
    const M = independentM(FIXED);
    const p = theorem4.predict(FIXED);
    expect(p.M).toBeCloseTo(M, 10);
    expect(Math.abs(p.M - M) / M).toBeLessThan(1e-12);
  });
  it('constants c_ε = ε/(16M²), C_ε = 16σ₁²M²/ε and the intervals of the formula (fixed instance)', () => {
    const M = independentM(FIXED), eps = FIXED.epsilon;
    const alpha = 1e-15;
    const p = theorem4.predict({ ...FIXED, alpha });
    const c = eps / (16 * M * M), C = (16 * 4 * M * M) / eps;
    expect(Math.abs(p.c - c) / c).toBeLessThan(1e-12);
    expect(Math.abs(p.C - C) / C).toBeLessThan(1e-12);
    expect(p.intervals[0][0]).toBeCloseTo(Math.log(C / alpha) / 4, 10);
    expect(p.intervals[0][1]).toBeCloseTo(Math.log(c / alpha) / 2, 10);
    expect(p.intervals[1][0]).toBeCloseTo(Math.log(C / alpha) / 2, 10);
    expect(p.intervals[1][1]).toBe(Infinity);
  });
  describe('hypotheses pinned at their boundary (just inside / just outside)', () => {
    const M = independentM(FIXED), eps = FIXED.epsilon;
    const c = eps / (16 * M * M);
    it('α ≤ c_ε/M (K = 1: no ratio condition; c_ε/M = ε/(16M³))', () => {
      const k1 = { ...FIXED, eigenvalues: [1, 0, 0] };
      expectPinned(theorem4, 'α ≤ c_ε/M', { ...k1, alpha: (c / M) * (1 - 1e-9) }, { ...k1, alpha: (c / M) * (1 + 1e-9) }, true);
      // exactly at the bound (≤), and the failure's fields
      const p = theorem4.predict(k1);
      expect(theorem4.hypotheses({ ...k1, alpha: p.c / p.M })).toEqual([]);
      const a = (p.c / p.M) * (1 + 1e-9);
      expect(theorem4.hypotheses({ ...k1, alpha: a })).toEqual([{ name: 'α ≤ c_ε/M', quantity: a, relation: '≤', bound: p.c / p.M }]);
    });
    it('log(c_ε/α)/log(C_ε/α) > σ₂/σ₁ = 1/2, i.e. α < c_ε²/C_ε', () => {
      const C = (16 * 4 * M * M) / eps;
      const a = (c * c) / C;
      expect(a).toBeLessThan(c / M);
      expectPinned(theorem4, 'log(c_ε/α)/log(C_ε/α) >', { ...FIXED, alpha: a * (1 - 1e-9) }, { ...FIXED, alpha: a * (1 + 1e-9) }, true);
    });
    it('0 < ε ≤ min{σ_K, 1}', () => {
      expectPinned(theorem4, '0 < ε ≤ min{σ_K, 1}', { ...FIXED, alpha: 1e-30, epsilon: 1 }, { ...FIXED, alpha: 1e-30, epsilon: 1 + 1e-12 }, true);
      const small = { ...FIXED, eigenvalues: [2, 0.5, 0], alpha: 1e-40 };
      expectPinned(theorem4, '0 < ε ≤ min{σ_K, 1}', { ...small, epsilon: 0.5 }, { ...small, epsilon: 0.5 * (1 + 1e-12) });
    });
    it('ε > 0 and α > 0 (the lower sides), and the ratio condition of the near miss at 0.95ρ', () => {
      const names = (x: Theorem4Instance) => theorem4.hypotheses(x).map((f) => f.name);
      const tiny = { ...FIXED, alpha: 1e-60 };
      expect(names({ ...tiny, epsilon: 1e-12 })).toEqual([]);
      expect(names({ ...tiny, epsilon: 0 })).toEqual(['0 < ε ≤ min{σ_K, 1}']);
      expect(names({ ...tiny, epsilon: -1e-12 })).toEqual(['0 < ε ≤ min{σ_K, 1}']);
      expect(names({ ...FIXED, alpha: 1e-300 })).toEqual([]);
      expect(theorem4.hypotheses({ ...FIXED, alpha: 0 })).toEqual([{ name: 'α > 0', quantity: 0, relation: '>', bound: 0 }]);
      expect(names({ ...FIXED, alpha: -1e-300 })).toEqual(['α > 0']);
      // ε and α both out: both reported, and nothing computed from them
      expect(names({ ...FIXED, alpha: 0, epsilon: 0 })).toEqual(['0 < ε ≤ min{σ_K, 1}', 'α > 0']);
      // between the near miss's condition (> 0.95·1/2) and the paper's (> 1/2): outside for the claim, inside for the control
      const C = (16 * 4 * M * M) / eps;
      const q = 0.5 * (0.95 * 0.5 + 0.5); // log(c/α)/log(C/α) = q  ⇔  α = exp(−(q·ln C − ln c)/(1 − q))
      const at = { ...FIXED, alpha: Math.exp(-(q * Math.log(C) - Math.log(c)) / (1 - q)) };
      const f = theorem4.hypotheses(at);
      expect(f).toEqual([{ name: 'log(c_ε/α)/log(C_ε/α) > max σ_{k+1}/σ_k', quantity: expect.closeTo(q, 9), relation: '>', bound: 0.5 }]);
      const near = theorem4.negativeControls.find((x) => x.name === 'ratio-condition*0.95')!.theorem;
      expect(near.hypotheses(at)).toEqual([]);
      expect(near.hypotheses({ ...FIXED, alpha: Math.exp(-(0.94 * 0.5 * Math.log(C) - Math.log(c)) / (1 - 0.94 * 0.5)) }).map((x) => x.bound)).toEqual([expect.closeTo(0.475, 14)]);
      // dropped: no ratio condition at all
      const dropped = theorem4.negativeControls.find((x) => x.name === 'ratio-condition-dropped')!.theorem;
      expect(dropped.hypotheses({ ...FIXED, alpha: (c / M) * 0.5 })).toEqual([]);
    });
    it('the spectrum and the initialisation: sorted, distinct, K ≥ 1, Y ⪰ 0, general init', () => {
      const names = (x: Theorem4Instance) => theorem4.hypotheses(x).map((f) => f.name);
      expect(names({ ...FIXED, eigenvalues: [1, 2, 0] })).toEqual(['eigenvalues sorted decreasing', 'σ1 > σ2 (distinct positive eigenvalues)']);
      expect(names({ ...FIXED, eigenvalues: [0, 0, 0] })).toEqual(['at least one positive eigenvalue (K ≥ 1)']);
      expect(names({ ...FIXED, eigenvalues: [2, 1, -1e-12] })).toEqual(['Y ⪰ 0: σ3 ≥ 0']);
      expect(theorem4.hypotheses({ ...FIXED, kind: 'spectral' } as unknown as Theorem4Instance)).toEqual([{ name: 'general (Gaussian) initialisation', quantity: 0, relation: '=', bound: 1 }]);
      expect(theorem4.hypotheses({ ...FIXED, width: 2 })).toEqual([{ name: 'r ≥ n', quantity: 2, relation: '≥', bound: 3 }]);
    });
    it('r ≥ n', () => {
      expectPinned(theorem4, 'r ≥ n', { ...FIXED, alpha: 1e-30, width: 3 }, { ...FIXED, alpha: 1e-30, width: 2 });
    });
  });
  it('verdict on fixed observations: margin 1 − max(upper, observed)/ε, the worst interval, an inconclusive overshoot clamped to 0, and the details', () => {
    const inst = { ...FIXED, alpha: 1e-12 };
    const p = theorem4.predict(inst);
    const ok = { empty: false, observed: 0.01, upper: 0.02, at: 1, status: 'certified', checkedUntil: 2, tail: null };
    const v = theorem4.verdict(inst, p, { perInterval: [{ ...ok, observed: 0.1, upper: 0.05, at: 7 }, { ...ok, at: 30, tail: 0.004 }] });
    expect(v).toMatchObject({ holds: true, certified: true, worst: { interval: 1, time: 7, note: 'certified' } });
    expect(v.margin).toBeCloseTo(1 - 0.1 / 0.5, 14);
    expect(v.details).toEqual({
      M: p.M,
      c: p.c,
      C: p.C,
      intervals: [[p.intervals[0][0], p.intervals[0][1]], [p.intervals[1][0], null]],
      maxObservedError: 0.1,
      tightness: 0.1 / 0.5,
      tailBound: 0.004,
    });
    const w2 = theorem4.verdict(inst, p, { perInterval: [ok, { ...ok, upper: 0.3, at: 30 }] });
    expect(w2).toMatchObject({ worst: { interval: 2, time: 30 } });
    expect(w2.margin).toBeCloseTo(1 - 0.3 / 0.5, 14);
    // an upper bound above ε that the search could not resolve: not refuted, not certified, margin 0
    // three intervals: the tail bound is the last one's
    const three = theorem4.verdict(inst, p, { perInterval: [ok, ok, { ...ok, tail: 0.003 }] });
    expect(three.details.tailBound).toBe(0.003);
    const over = theorem4.verdict(inst, p, { perInterval: [ok, { ...ok, status: 'inconclusive', upper: 0.6, tail: 0.6 }] });
    expect(over).toMatchObject({ holds: true, certified: false, margin: 0, worst: { interval: 2, note: 'inconclusive' } });
    // an empty interval: margin −1 there, named, whatever the others show (empty ones are left out of the errors)
    const empty = theorem4.verdict(inst, p, { perInterval: [{ ...ok, empty: true, status: 'empty', observed: Infinity, upper: Infinity }, { ...ok, observed: 0.2 }] });
    expect(empty).toMatchObject({ holds: false, margin: -1, certified: true, worst: { interval: 1, note: 'empty interval' } });
    expect(empty.details).toMatchObject({ maxObservedError: 0.2, tightness: 0.2 / 0.5 });
    // refuted by an evaluated error: holds false, the margin negative and kept
    const bad = theorem4.verdict(inst, p, { perInterval: [ok, { ...ok, status: 'refuted', observed: 0.55, upper: 0.6 }] });
    expect(bad).toMatchObject({ holds: false, certified: true, worst: { interval: 2 } });
    expect(bad.margin).toBeCloseTo(1 - 0.6 / 0.5, 14);
  });
  it('observe: the bounded intervals are bisected to their right end, the last to 4a_K, against Ŷ_k; an empty interval is not evaluated', () => {
    const inst = { ...FIXED, alpha: 1e-12 };
    const p = theorem4.predict(inst);
    const o = theorem4.observe(inst, p);
    const [l0, r0] = p.intervals[0], l1 = p.intervals[1][0];
    expect(o.perInterval.map((x) => [x.empty, x.status, x.checkedUntil, x.tail === null])).toEqual([[false, 'certified', r0, true], [false, 'certified', 4 * l1, false]]);
    const f = symmetricClosedForm(targetOf(inst), initFactor(inst));
    expect(o.perInterval[1].tail).toBe(2 * Math.sqrt(f.loss(4 * l1) + f.lossError));
    // observed maxima are values of ‖W(t) − Ŷ_k‖₂ at points of the interval, below the certified upper bounds and ε
    for (const [k, x] of o.perInterval.entries()) {
      expect(x.at).toBeGreaterThanOrEqual(p.intervals[k][0]);
      expect(x.at).toBeLessThanOrEqual(x.checkedUntil);
      expect(x.observed).toBe(errorToRankK(f.matrix(x.at), bestRankK(inst, k + 1)));
      expect(x.observed).toBeLessThanOrEqual(x.upper);
      expect(x.upper).toBeLessThan(inst.epsilon);
    }
    expect(o.perInterval[0].at).toBeGreaterThanOrEqual(l0);
    // a single point is an interval (not empty)
    expect(theorem4.observe(inst, { ...p, intervals: [[10, 10], p.intervals[1]] }).perInterval[0]).toMatchObject({ empty: false, checkedUntil: 10 });
    const e = theorem4.observe(inst, { ...p, intervals: [[2, 1], p.intervals[1]] });
    expect(e.perInterval[0]).toEqual({ empty: true, observed: Infinity, upper: Infinity, at: 2, status: 'empty', checkedUntil: 2, tail: null });
  });
  it('the unbounded I_K is covered whole: bisected on [a_K, 4a_K], and beyond by the tail bound 2√(L(4a_K) + lossError), which is sound', () => {
    expect(LAST_INTERVAL_CUT).toBe(4);
    const inst = { ...FIXED, alpha: 1e-12 };
    const r = checkTheorem(theorem4, inst);
    expect(r.status).toBe('holds');
    const tail = r.verdict!.details.tailBound as number;
    expect(tail).toBeGreaterThan(0);
    expect(tail).toBeLessThan(inst.epsilon);
    const aK = (r.verdict!.details.intervals as [number, number | null][])[1][0];
    const f = symmetricClosedForm(targetOf(inst), initFactor(inst));
    const y = targetOf(inst);
    for (const x of [4, 4.5, 6, 10, 100, 1e4]) expect(errorToRankK(f.matrix(x * aK), y)).toBeLessThanOrEqual(tail);
  });
  it('a tail bound above ε makes the verdict inconclusive (never a pass); an empty interval or an error above ε refutes', () => {
    const inst = { ...FIXED, alpha: 1e-12 };
    const p = theorem4.predict(inst);
    const ok = { empty: false, observed: 0.01, upper: 0.02, at: 1, status: 'certified', checkedUntil: 2, tail: null };
    expect(theorem4.verdict(inst, p, { perInterval: [ok, { ...ok, status: 'certified', tail: 0.01 }] })).toMatchObject({ holds: true, certified: true });
    expect(theorem4.verdict(inst, p, { perInterval: [ok, { ...ok, status: 'inconclusive', upper: 0.6, tail: 0.6 }] })).toMatchObject({ certified: false });
    expect(theorem4.verdict(inst, p, { perInterval: [{ ...ok, status: 'refuted', observed: 0.6 }, { ...ok, status: 'inconclusive' }] })).toMatchObject({ holds: false, certified: true });
    expect(theorem4.verdict(inst, p, { perInterval: [{ ...ok, empty: true, status: 'empty' }, ok] })).toMatchObject({ holds: false, certified: true });
  });
});

describe('[MV] Theorem 4 arbitraries: their stated distribution at fixed seeds', () => {
  const parts = (x: Theorem4Instance) => {
    const K = x.eigenvalues.filter((e) => e > 0).length;
    const { M } = theorem4M(unscaledInit(x));
    const { c, C } = theorem4Constants(x.epsilon, M, x.eigenvalues[0]);
    return { K, M, c, C, ratioAlpha: ratioConditionAlpha(c, C, maxRatio(x.eigenvalues, K)) };
  };
  it('claim: width n … n + 2, ε = u·min{σ_K, 1} with u ∈ [0.1, 1], M ≤ 1e8, α = min(c_ε/M, ratio bound)·10^−v with v ∈ [0.01, 2]', () => {
    const extras = new Set<number>();
    for (const x of fc.sample(theorem4Arbitrary(), { seed: 44, numRuns: 60 })) {
      const { K, M, c, ratioAlpha } = parts(x);
      extras.add(x.width - x.eigenvalues.length);
      const u = x.epsilon / Math.min(x.eigenvalues[K - 1], 1);
      expect(u >= 0.1 - 1e-12 && u <= 1 + 1e-12).toBe(true);
      expect(M).toBeLessThanOrEqual(1e8);
      const v = -Math.log10(x.alpha / Math.min(c / M, ratioAlpha));
      expect(v >= 0.01 - 1e-9 && v <= 2 + 1e-9, String(v)).toBe(true);
    }
    expect([...extras].sort()).toEqual([0, 1, 2]);
  });
  it('ratio dropped: α between the ratio bound and c_ε/M (in log scale from 5 % of the way), so the ratio condition fails and α ≤ c_ε/M holds', () => {
    for (const x of fc.sample(theorem4Arbitrary(true), { seed: 45, numRuns: 40 })) {
      const { M, c, ratioAlpha } = parts(x);
      expect(ratioAlpha).toBeLessThan((c / M) * 0.999);
      const pos = (Math.log10(x.alpha) - Math.log10(ratioAlpha)) / (Math.log10(c / M) - Math.log10(ratioAlpha));
      expect(pos >= 0.05 - 1e-9 && pos <= 1 + 1e-9, String(pos)).toBe(true);
    }
  });
  it('theorem4At without the ratio condition: α placed at the fraction min(1, 0.05 + v/2) of (ratio bound, c_ε/M] in log scale; null once the ratio bound reaches 0.999·c_ε/M', () => {
    const d = { basisSeed: 1, initSeed: 3, extra: 0, u: 0.5, v: 0.5 };
    const x = theorem4At([2, 1.8], 2, d, true) as Theorem4Instance;
    const { M, c, ratioAlpha } = parts(x);
    const lo = Math.log10(ratioAlpha), hi = Math.log10(c / M);
    expect(x.alpha).toBe(10 ** (lo + (hi - lo) * 0.3));
    expect((theorem4At([2, 1.8], 2, { ...d, v: 2 }, true) as Theorem4Instance).alpha).toBeCloseTo(c / M, 15);
    // σ₂ where the ratio bound equals c_ε/M (bisection; ε = u·σ₂ moves with it): no α fails the ratio condition alone
    const ratioAt = (s2: number) => {
      const y = theorem4At([2, s2], 2, d) as Theorem4Instance;
      const p = parts(y);
      return p.ratioAlpha / (p.c / p.M);
    };
    let a = 0.01, b = 1.99;
    expect(ratioAt(a)).toBeGreaterThan(1);
    expect(ratioAt(b)).toBeLessThan(0.999);
    for (let i = 0; i < 80; i++) {
      const m = (a + b) / 2;
      if (ratioAt(m) > 1) a = m;
      else b = m;
    }
    expect(Math.abs(ratioAt(b) - 1)).toBeLessThan(1e-9);
    expect(theorem4At([2, b], 2, d, true)).toBeNull();
  });
  it('theorem4Arbitrary drops the draws theorem4At rejects (seed 86344: its first raw draw has M > 1e8)', () => {
    const [x] = fc.sample(theorem4Arbitrary(), { seed: 86344, numRuns: 1 });
    expect(x).not.toBeNull();
    expect(parts(x).M).toBeLessThanOrEqual(1e8);
  });
  it('theorem4At: a draw with M > 1e8 (initSeed 29910, n = width = 2) is not drawn, with or without the ratio condition', () => {
    const d = { basisSeed: 1, initSeed: 29910, extra: 0, u: 0.5, v: 1 };
    expect(theorem4At([2, 1], 2, d)).toBeNull();
    expect(theorem4At([2, 1], 2, d, true)).toBeNull();
    const x = theorem4At([2, 1], 2, { ...d, initSeed: 3 }) as Theorem4Instance;
    const { M, c, ratioAlpha } = parts(x);
    expect(x).toEqual({ kind: 'general', eigenvalues: [2, 1], basisSeed: 1, initSeed: 3, width: 2, alpha: Math.min(c / M, ratioAlpha) * 10 ** -1, epsilon: 0.5 });
  });
  it('boundary knobs: widthDelta −1 or 0, alphaUp over [−0.5, 3] (both ends, some below 0), epsUp over [0.8, 1.5] (never NaN in 1000 draws); theorem4BoundaryAt pinned', () => {
    const k = fc.sample(fc.record(theorem4BoundaryKnobs()), { seed: 47, numRuns: 1000 });
    expect(k.filter((x) => !Number.isFinite(x.epsUp) || !Number.isFinite(x.alphaUp)).length).toBe(0);
    const up = k.map((x) => x.alphaUp), ep = k.map((x) => x.epsUp);
    expect(new Set(k.map((x) => x.widthDelta))).toEqual(new Set([-1, 0]));
    expect(Math.min(...up)).toBe(-0.5);
    expect(Math.max(...up)).toBe(3);
    expect(up.filter((x) => x < 0).length).toBeGreaterThan(10);
    expect(up.filter((x) => x > 0.5 && x < 2.5).length).toBeGreaterThan(300);
    expect(Math.min(...ep) >= 0.8 && Math.min(...ep) < 0.81).toBe(true);
    expect(Math.max(...ep) <= 1.5 && Math.max(...ep) > 1.49).toBe(true);
    const base: Theorem4Instance = { kind: 'general', eigenvalues: [2, 1, 0], basisSeed: 1, initSeed: 2, width: 4, alpha: 1e-4, epsilon: 0.5 };
    expect(theorem4BoundaryAt(base, { widthDelta: -1, alphaUp: -0.5, epsUp: 1.5 })).toStrictEqual({ ...base, width: 2, alpha: 1e-4 * 10 ** -0.5, epsilon: 0.75 });
    expect(theorem4BoundaryAt(base, { widthDelta: 0, alphaUp: 3, epsUp: 0.8 })).toStrictEqual({ ...base, width: 3, alpha: 1e-4 * 10 ** 3, epsilon: 0.5 * 0.8 });
    expect(theorem4BoundaryAt({ ...base, alpha: 0.01 }, { widthDelta: 0, alphaUp: 3, epsUp: 1 }).alpha).toBe(1);
    expect(theorem4BoundaryAt({ ...base, eigenvalues: [2], width: 1 }, { widthDelta: -1, alphaUp: 0, epsUp: 1 }).width).toBe(1);
  });
  it('boundary: widths n − 1 and n, α up to 10³ × (capped at 1), ε × [0.8, 1.5]: both sides of the hypotheses', () => {
    const s = fc.sample(theorem4Boundary(), { seed: 46, numRuns: 60 });
    expect(s.some((x) => x.width === x.eigenvalues.length - 1)).toBe(true);
    expect(s.every((x) => x.width <= x.eigenvalues.length && x.width >= 1)).toBe(true);
    expect(s.every((x) => x.alpha > 0 && x.alpha <= 1)).toBe(true);
    const status = s.map((x) => theorem4.hypotheses(x).length === 0);
    expect(status.some((b) => b) && status.some((b) => !b)).toBe(true);
    // its base is the claim's arbitrary (the ratio condition holds before α is moved): 11 of 60 inside
    // the hypotheses and 8 failing the ratio condition at this seed, against 2 and 31 from a base
    // without the ratio condition
    expect(status.filter((b) => b).length).toBeGreaterThan(5);
    expect(s.filter((x) => theorem4.hypotheses(x).some((f) => f.name.startsWith('log(c_ε/α)/log(C_ε/α) >'))).length).toBeLessThan(20);
    expect(s.some((x) => theorem4.hypotheses(x).some((f) => f.name === '0 < ε ≤ min{σ_K, 1}'))).toBe(true);
    expect(s.some((x) => theorem4.hypotheses(x).some((f) => f.name === 'α ≤ c_ε/M'))).toBe(true);
  });
});
