/** [MV] Theorem 3 (theorems/mv/theorem3.ts): the claim on random instances, and its negative controls. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { theorem3 } from '../theorems/mv/theorem3.js';
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
});
