/** [MV] Theorem 3 (theorems/mv/theorem3.ts): the claim on random instances, and its negative controls. */
import { describe, expect, it } from 'vitest';
import { EPS, flowTolerance } from '../src/metrics/tolerance.js';
import { checkTheorem } from '../theorems/check.js';
import fc from 'fast-check';
import { theorem3, theorem3Arbitrary, theorem3Boundary, theorem3BoundaryAt } from '../theorems/mv/theorem3.js';
import { expectPinned, itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

/** [MV] Figure 1: σ = (3.5, 2.2, 1.2, 0, 0, 0), σ_{i,0} = 1, ε = 0.1, α = 2.97e−7. */
const FIGURE1 = { kind: 'spectral' as const, eigenvalues: [3.5, 2.2, 1.2, 0, 0, 0], basisSeed: 1, shape: [1, 1, 1, 1, 1, 1], alpha: 2.97e-7, epsilon: 0.1 };
const logistic = (s: number, w0: number, t: number) => (s * w0) / (w0 + (s - w0) * Math.exp(-2 * s * t));

describe('[MV] Theorem 3', () => {
  itHolds(theorem3, 31);
  itRefutesControls(theorem3, 32);
  itRefutesNearMisses(theorem3, 31);
  itExploresBoundary(theorem3, 33);
  it('is nearly tight: at the left end of I₁ the error is ε/(1 + ε/σ₁) exactly (derived from the logistic at e^{2σ₁t} = C_ε/α)', () => {
    for (const [s1, eps] of [[3, 0.5], [3, 0.05], [2, 1]]) {
      const r = checkTheorem(theorem3, { kind: 'spectral', eigenvalues: [s1, 1], basisSeed: 1, shape: [1, 1], alpha: 1e-8, epsilon: eps });
      expect(r.status).toBe('holds');
      expect(r.verdict!.details.tightness as number).toBeCloseTo(1 / (1 + eps / s1), 8);
      expect(r.verdict!.details.monotonicityExcess as number).toBeLessThanOrEqual(1e-12);
    }
  });
  it('names the failing hypothesis with the quantity and the bound', () => {
    const r = checkTheorem(theorem3, { kind: 'spectral', eigenvalues: [3, 1], basisSeed: 1, shape: [1, 1], alpha: 0.9, epsilon: 0.5 });
    expect(r.status).toBe('outside-hypotheses');
    expect(r.failures[0]).toMatchObject({ name: 'α ≤ c_ε = ε/max σ_{i,0}', quantity: 0.9, relation: '≤', bound: 0.5 });
  });
  it('at the Figure 1 spectrum: c_ε = 0.1, C_ε = 3.5²/0.1 = 122.5, the intervals of the formula, and both ends of each I_k evaluated', () => {
    const r = checkTheorem(theorem3, FIGURE1);
    expect(r.status).toBe('holds');
    const d = r.verdict!.details as { c: number; C: number; intervals: [number, number | null][]; supErrors: number[] };
    expect(d.c).toBe(0.1);
    expect(d.C).toBeCloseTo(122.5, 12);
    const a = FIGURE1.alpha;
    const expected = [
      [Math.log(122.5 / a) / 7, Math.log(0.1 / a) / 4.4],
      [Math.log(122.5 / a) / 4.4, Math.log(0.1 / a) / 2.4],
      [Math.log(122.5 / a) / 2.4, null],
    ];
    d.intervals.forEach(([l, r0], k) => {
      expect(l).toBeCloseTo(expected[k][0]!, 12);
      if (expected[k][1] === null) expect(r0).toBeNull();
      else expect(r0).toBeCloseTo(expected[k][1]!, 12);
    });
    // On I₂ the supremum is at the right end: mode 3 has grown to 0.0923 there (‖W − Ŷ₂‖ = w₃),
    // against 0.0388 at the left end (2.2 − w₂). Independent: the logistic modes by hand.
    const [l2, r2] = expected[1] as [number, number];
    const left = Math.max(3.5 - logistic(3.5, a, l2), 2.2 - logistic(2.2, a, l2), logistic(1.2, a, l2));
    const right = Math.max(3.5 - logistic(3.5, a, r2), 2.2 - logistic(2.2, a, r2), logistic(1.2, a, r2));
    expect(left).toBeCloseTo(0.0388, 4);
    expect(right).toBeCloseTo(0.0923, 4);
    expect(d.supErrors[1]).toBeCloseTo(right, 10);
    expect(r.verdict!.worst).toMatchObject({ interval: 1 });
  });
  it('the verdict takes the grid maximum into account (a non-monotone interior point refutes)', () => {
    const pred = theorem3.predict(FIGURE1);
    const obs = { perInterval: [{ empty: false, sup: 0.05, at: 3, gridMax: 0.1 * (1 + 1e-6), tolerance: 1e-9 }] };
    expect(theorem3.verdict(FIGURE1, { ...pred, intervals: pred.intervals.slice(0, 1) }, obs).holds).toBe(false);
    obs.perInterval[0].gridMax = 0.1 * (1 - 1e-6);
    expect(theorem3.verdict(FIGURE1, { ...pred, intervals: pred.intervals.slice(0, 1) }, obs).holds).toBe(true);
    // the tolerance is the solver's (≈ 1e−14 here), not a loose one: ε + 1e−9 refutes
    const r = checkTheorem(theorem3, FIGURE1);
    expect(theorem3.verdict(FIGURE1, { ...pred, intervals: pred.intervals.slice(0, 1) }, { perInterval: [{ empty: false, sup: 0.1 + 1e-9, at: 3, gridMax: 0, tolerance: theorem3.observe(FIGURE1, pred).perInterval[0].tolerance }] }).holds).toBe(false);
    expect(r.status).toBe('holds');
  });
  describe('hypotheses pinned at their boundary (just inside / just outside)', () => {
    const base = { kind: 'spectral' as const, eigenvalues: [2, 1], basisSeed: 3, shape: [1, 1], alpha: 1e-8, epsilon: 0.5 };
    it('α ≤ c_ε (K = 1, c_ε = ε/max σ_{i,0} = 0.5)', () => {
      const k1 = { ...base, eigenvalues: [2, 0] };
      expectPinned(theorem3, 'α ≤ c_ε', { ...k1, alpha: 0.5 }, { ...k1, alpha: 0.5 * (1 + 1e-12) }, true);
    });
    it('log(c_ε/α)/log(C_ε/α) > σ₂/σ₁ (c = 0.5, C = 8: α < 2^−5)', () => {
      expectPinned(theorem3, 'log(c_ε/α)/log(C_ε/α) >', { ...base, alpha: 2 ** -5 * (1 - 1e-9) }, { ...base, alpha: 2 ** -5 * (1 + 1e-9) }, true);
    });
    it('0 < ε ≤ σ_K', () => {
      expectPinned(theorem3, '0 < ε ≤ σ_K', { ...base, epsilon: 1 }, { ...base, epsilon: 1 + 1e-12 }, true);
      expectPinned(theorem3, '0 < ε ≤ σ_K', { ...base, epsilon: 1e-300 }, { ...base, epsilon: 0 });
    });
    it('σ_{i,0} > 0 for i ≤ K', () => {
      expectPinned(theorem3, 'σ_{2,0} > 0', { ...base, shape: [1, 1e-300] }, { ...base, shape: [1, 0] });
    });
    it('distinct positive eigenvalues', () => {
      expectPinned(theorem3, 'σ1 > σ2', { ...base, eigenvalues: [2, 2 * (1 - 1e-15)] }, { ...base, eigenvalues: [2, 2] });
    });
    it('α > 0', () => {
      expectPinned(theorem3, 'α > 0', { ...base, alpha: 5e-324 }, { ...base, alpha: 0 });
    });
  });
  describe('observation and verdict pinned on fixed inputs', () => {
    // Computed inside each test (not at collection), so that a mutant active during the test is seen.
    const fig = () => {
      const pred = theorem3.predict(FIGURE1);
      return { pred, obs: theorem3.observe(FIGURE1, pred) };
    };
    const a = FIGURE1.alpha;
    /** ‖W(t) − Ŷ_k‖₂ by hand: the logistic modes in the shared eigenbasis. */
    const errHand = (k: number, t: number) => Math.max(...[3.5, 2.2, 1.2].map((s, i) => Math.abs((i < k ? s : 0) - logistic(s, a, t))), a / (1 + 2 * a * t));
    it('each interval: sup at the right end, argmax, 31-point interior grid, and the solver tolerance', () => {
      const { pred, obs } = fig();
      const [l1] = pred.intervals[0];
      const [l2, r2] = pred.intervals[1];
      expect(obs.perInterval[0].at).toBe(l1);
      expect(obs.perInterval[1].at).toBe(r2);
      expect(obs.perInterval[2].at).toBe(pred.intervals[2][0]);
      let g2 = 0;
      for (let g = 1; g <= 31; g++) g2 = Math.max(g2, errHand(2, l2 + ((r2 - l2) * g) / 32));
      expect(obs.perInterval[1].gridMax).toBeCloseTo(g2, 12);
      expect(obs.perInterval[1].gridMax).toBeLessThan(obs.perInterval[1].sup);
      const l3 = pred.intervals[2][0], hi3 = 4 * l3 + 1;
      let g3 = 0;
      for (let g = 1; g <= 31; g++) g3 = Math.max(g3, errHand(3, l3 + ((hi3 - l3) * g) / 32));
      expect(obs.perInterval[2].gridMax).toBeCloseTo(g3, 12);
      expect(obs.perInterval[2].tolerance).toBeCloseTo(flowTolerance(6, 3.5, 3.5, hi3, 3.5) + 48 * EPS * 3.5, 20);
      expect(obs.perInterval[1].tolerance).toBeCloseTo(flowTolerance(6, 3.5, 3.5, r2, 3.5) + 48 * EPS * 3.5, 20);
    });
    it('empty intervals are observed as empty and refute with margin −1; a single point is not empty', () => {
      const { pred } = fig();
      const l1 = pred.intervals[0][0], l2 = pred.intervals[1][0];
      const p1 = { ...pred, intervals: [[3, 2], [l2, l2]] as [number, number][] };
      const o = theorem3.observe(FIGURE1, p1);
      expect(o.perInterval.map((x) => x.empty)).toEqual([true, false]);
      expect(theorem3.verdict(FIGURE1, p1, o)).toMatchObject({ holds: false, margin: -1, worst: { interval: 1, note: 'empty interval' } });
      const p2 = { ...pred, intervals: [[l1, l1], [3, 2]] as [number, number][] };
      const v2 = theorem3.verdict(FIGURE1, p2, theorem3.observe(FIGURE1, p2));
      expect(v2).toMatchObject({ holds: false, margin: -1, worst: { interval: 2 } });
      // two empty intervals: the first is the worst
      const p3 = { ...pred, intervals: [[3, 2], [3, 2]] as [number, number][] };
      expect(theorem3.verdict(FIGURE1, p3, theorem3.observe(FIGURE1, p3))).toMatchObject({ margin: -1, worst: { interval: 1 } });
    });
    it('margin = 1 − max_k sup/ε, the worst interval, the tolerance band, and the monotonicity excess', () => {
      const { pred, obs } = fig();
      const v = theorem3.verdict(FIGURE1, pred, obs);
      expect(v.margin).toBeCloseTo(1 - obs.perInterval[0].sup / 0.1, 14);
      expect(v.worst).toMatchObject({ interval: 1, time: pred.intervals[0][0] });
      const two = { ...pred, intervals: pred.intervals.slice(0, 2) };
      const at = (sup: number, tol = 1e-6, gridMax = 0) => ({ empty: false, sup, at: 1, gridMax, tolerance: tol });
      expect(theorem3.verdict(FIGURE1, two, { perInterval: [at(0.05), at(0.08)] })).toMatchObject({ holds: true, worst: { interval: 2 } });
      expect(theorem3.verdict(FIGURE1, two, { perInterval: [at(0.05), at(0.08)] }).margin).toBeCloseTo(0.2, 14);
      // within the solver's tolerance above ε: holds, margin 0; above it: refuted, margin < 0
      expect(theorem3.verdict(FIGURE1, two, { perInterval: [at(0.05), at(0.1 + 0.5e-6)] })).toMatchObject({ holds: true, margin: 0 });
      const r = theorem3.verdict(FIGURE1, two, { perInterval: [at(0.05), at(0.1 + 2e-6)] });
      expect(r.holds).toBe(false);
      expect(r.margin).toBeCloseTo(-2e-5, 12);
      const m = theorem3.verdict(FIGURE1, two, { perInterval: [at(0.05, 1e-6, 0.07), at(0.08, 1e-6, 0.02)] });
      expect(m.details.monotonicityExcess).toBeCloseTo(0.02, 14);
      expect(m.details.tightness).toBeCloseTo(0.8, 14);
    });
    it('the near-miss variants move exactly what they say', () => {
      const { pred } = fig();
      const byName = (n: string) => theorem3.negativeControls.find((c) => c.name === n)!.theorem;
      const right = byName('right-ends+20%').predict(FIGURE1);
      const wide = byName('widened-1%').predict(FIGURE1);
      pred.intervals.forEach(([l, r], k) => {
        expect(right.intervals[k][0]).toBe(l);
        expect(right.intervals[k][1]).toBeCloseTo(1.2 * r, 12);
        const len = Number.isFinite(r) ? r - l : l;
        expect(wide.intervals[k][0]).toBeCloseTo(l - 0.01 * len, 12);
        expect(wide.intervals[k][1]).toBeCloseTo(r + 0.01 * len, 12);
      });
      expect(byName('C*0.95').predict(FIGURE1).C).toBeCloseTo(0.95 * 122.5, 10);
      expect(byName('epsilon*0.95').predict(FIGURE1).bound).toBeCloseTo(0.095, 15);
    });
    it('hypotheses: spectral kind, zero tail shapes allowed (≥ 0), a negative tail shape not; each failure reported alone', () => {
      const general = { ...FIGURE1, kind: 'general' } as unknown as typeof FIGURE1;
      expect(theorem3.hypotheses(general)).toEqual([{ name: 'spectral initialisation', quantity: 0, relation: '=', bound: 1 }]);
      const k1 = { ...FIGURE1, eigenvalues: [2, 0], shape: [1, 0], alpha: 1e-8, epsilon: 0.5 };
      expect(theorem3.hypotheses(k1)).toEqual([]);
      expect(theorem3.hypotheses({ ...k1, shape: [1, -1e-300] })).toEqual([{ name: 'σ_{2,0} ≥ 0', quantity: -1e-300, relation: '≥', bound: 0 }]);
      expect(theorem3.hypotheses({ ...k1, eigenvalues: [2, 1], shape: [1, 0] })).toEqual([{ name: 'σ_{2,0} > 0', quantity: 0, relation: '>', bound: 0 }]);
      expect(theorem3.hypotheses({ ...k1, epsilon: 3 })).toEqual([{ name: '0 < ε ≤ σ_K', quantity: 3, relation: '≤', bound: 2 }]);
      expect(theorem3.hypotheses({ ...k1, alpha: -1 })).toEqual([{ name: 'α > 0', quantity: -1, relation: '>', bound: 0 }]);
      expect(theorem3.hypotheses({ ...k1, epsilon: 0 })).toEqual([{ name: '0 < ε ≤ σ_K', quantity: 0, relation: '≤', bound: 2 }]);
      expect(theorem3.hypotheses({ ...k1, eigenvalues: [0, 0] })).toEqual([{ name: 'at least one positive eigenvalue (K ≥ 1)', quantity: 0, relation: '≥', bound: 1 }]);
    });
  });
  it('the arbitrary draws n = 1 … 5 with zero tails; the boundary arbitrary reaches every hypothesis and both sides', () => {
    const inst = fc.sample(theorem3Arbitrary(), { seed: 31, numRuns: 100 });
    const sizes = new Set(inst.map((i) => i.eigenvalues.length));
    expect([...sizes].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(inst.some((i) => i.eigenvalues.includes(0))).toBe(true);
    expect(inst.every((i) => i.shape.length === i.eigenvalues.length && i.eigenvalues.every((x, k) => k === 0 || x <= i.eigenvalues[k - 1]))).toBe(true);
    const names = new Set<string>();
    let holds = 0;
    for (const b of fc.sample(theorem3Boundary(), { seed: 33, numRuns: 80 })) {
      expect(b.eigenvalues.length).toBeLessThanOrEqual(4);
      expect(b.shape[0]).toBeGreaterThan(0);
      const r = checkTheorem(theorem3, b);
      if (r.status === 'holds') holds++;
      for (const f of r.failures) names.add(f.name.replace(/σ_\{\d+,0\}/, 'σ_{i,0}'));
    }
    expect(holds).toBeGreaterThan(5);
    for (const n of ['0 < ε ≤ σ_K', 'α ≤ c_ε = ε/max σ_{i,0}', 'σ_{i,0} > 0', 'log(c_ε/α)/log(C_ε/α) > max σ_{k+1}/σ_k']) expect(names).toContain(n);
  });
});

describe('[MV] Theorem 3 arbitraries: their knobs at fixed seeds, the boundary map pinned', () => {
  const finite = (x: { eigenvalues: number[]; shape: number[]; alpha: number; epsilon: number }) => [...x.eigenvalues, ...x.shape, x.alpha, x.epsilon].every(Number.isFinite);
  it('1000 draws of each arbitrary: no NaN knob (about 1 draw in 200 of an unconstrained fc.double is NaN), the boundary has n ≤ 4 and ratios in [0.5, 1]', () => {
    const a = fc.sample(theorem3Arbitrary(), { seed: 34, numRuns: 1000 });
    expect(a.filter((x) => !finite(x)).length).toBe(0);
    const b = fc.sample(theorem3Boundary(), { seed: 35, numRuns: 1000 });
    expect(b.filter((x) => !finite(x)).length).toBe(0);
    for (const x of b) {
      expect(x.eigenvalues.length).toBeLessThanOrEqual(4);
      for (let k = 1; k < x.eigenvalues.length; k++) {
        const r = x.eigenvalues[k] / x.eigenvalues[k - 1];
        expect(r >= 0.5 - 1e-12 && r <= 1 + 1e-12).toBe(true);
      }
    }
  });
  it('theorem3BoundaryAt: σ from the ratios (ratios[0] unused), a zero σ_{1,0} → 0.5 (others kept), ε = u·σ_K, α = ratio bound (ρ capped at 0.999, shapes floored at 1e−3)·10^−v, at least 1e−300', () => {
    // σ = (2, 1, 0.8), shapes (0.5, 0, 1), ε = 0.96: c = 0.96, C = 4/(0.96·1e−3), ρ = 0.8
    const x = theorem3BoundaryAt(3, { s1: 2, ratios: [0.9, 0.5, 0.8], basisSeed: 7, shape: [0, 0, 1], u: 1.2, v: 0.5 });
    expect(x).toMatchObject({ kind: 'spectral', eigenvalues: [2, 1, 0.8], basisSeed: 7, shape: [0.5, 0, 1] });
    expect(x.epsilon).toBeCloseTo(0.96, 15);
    const star = Math.exp(-(0.8 * Math.log(4 / 0.96e-3) - Math.log(0.96)) / 0.2);
    expect(x.alpha / (star * 10 ** -0.5)).toBeCloseTo(1, 10);
    // σ = (3, 3): ρ = 1 capped at 0.999, whose bound underflows; a nonzero σ_{1,0} kept
    const y = theorem3BoundaryAt(2, { s1: 3, ratios: [0.7, 1], basisSeed: 1, shape: [0.3, 2], u: 0.5, v: -1 });
    expect(y).toStrictEqual({ kind: 'spectral', eigenvalues: [3, 3], basisSeed: 1, shape: [0.3, 2], alpha: 1e-300, epsilon: 1.5 });
    // n = 1: no ratio condition, α = c_ε·10^−v = (1/0.5)·10^−0.25
    const z = theorem3BoundaryAt(1, { s1: 2, ratios: [0.6], basisSeed: 1, shape: [0], u: 0.5, v: 0.25 });
    expect(z).toStrictEqual({ kind: 'spectral', eigenvalues: [2], basisSeed: 1, shape: [0.5], alpha: 2 * 10 ** -0.25, epsilon: 1 });
  });
});
