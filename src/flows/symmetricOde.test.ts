import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { fromRows } from '../linalg/matrix.js';
import { checkpointCap, symmetricOde } from './symmetricOde.js';

/**
 * A hand-solved instance: Y = R diag(2, −1) Rᵀ (R a 3-4-5 rotation) and U₀ = R diag(a) make each mode
 * a scalar logistic ṗ = 2p(λ − p), p(t) = λp₀e^{2λt} / (λ + p₀(e^{2λt} − 1)), p₀ = a², and
 * W(t) = R diag(p(t)) Rᵀ: an observation that shares no algebra with the integrator.
 */
const R = [[0.6, -0.8], [0.8, 0.6]];
const lam = [2, -1];
const a = [0.1, 0.7];
const y = fromRows([0, 1].map((i) => [0, 1].map((j) => lam.reduce((s, l, c) => s + R[i][c] * l * R[j][c], 0))));
const u0Rows = () => [0, 1].map((i) => [0, 1].map((c) => R[i][c] * a[c]));
const u0 = fromRows(u0Rows());
const logistic = (l: number, p0: number, t: number) => {
  const e = Math.exp(2 * l * t);
  return (l * p0 * e) / (l + p0 * (e - 1));
};
const modes = (t: number) => lam.map((l, c) => logistic(l, a[c] * a[c], t));
const exact = (t: number) => {
  const p = modes(t);
  return [0, 1].flatMap((i) => [0, 1].map((j) => p.reduce((s, pc, c) => s + R[i][c] * pc * R[j][c], 0)));
};
const TOL = 1e-8; // rtol 1e−10 over t ≤ 3 (global error a few hundred local tolerances)

describe('symmetric flow by Dormand–Prince on a hand-solved instance', () => {
  it('W(t), projections φᵢᵀWφᵢ = pᵢ, rates ṗᵢ = 2pᵢ(λᵢ − pᵢ) and loss ¼Σ(λᵢ − pᵢ)² at times asked in any order', () => {
    const f = symmetricOde(y, u0);
    for (const t of [1.5, 0.5, 3, 0.5, 0, 2, 1.5]) {
      const w = f.matrix(t).data;
      exact(t).forEach((v, k) => expect(Math.abs(w[k] - v)).toBeLessThan(TOL));
      const p = modes(t);
      const pr = f.projections(t), rates = f.projectionRates!(t);
      p.forEach((pc, c) => {
        expect(Math.abs(pr[c] - pc)).toBeLessThan(TOL);
        expect(Math.abs(rates[c] - 2 * pc * (lam[c] - pc))).toBeLessThan(10 * TOL);
      });
      expect(Math.abs(f.loss(t) - p.reduce((s, pc, c) => s + (lam[c] - pc) ** 2, 0) / 4)).toBeLessThan(TOL);
      const u = f.factor(t);
      expect([u.rows, u.cols]).toEqual([2, 2]);
    }
    expect(Array.from(f.targetValues)).toEqual(Array.from(f.eigen.values));
    expect(f.targetValues[0]).toBeCloseTo(2, 12);
    expect(f.model).toBe('symmetric');
    const d = f.diagnostics();
    expect(d).toMatchObject({ solver: 'Dormand–Prince 5(4) on U̇ = (Y − UUᵀ)U', rtol: 1e-10, atol: 1e-12 });
    expect(d.targetEigenvalues).toEqual(Array.from(f.eigen.values));
    expect(d.steps).toBeGreaterThan(0);
  });

  it('certificate constants from symmetricCertificate with M = max(‖W₀‖_F, λ₁) and the ODE tolerance', () => {
    const f = symmetricOde(y, u0, { rtol: 1e-9, atol: 1e-11 });
    // M = max(‖diag(0.01, 0.49)‖_F, 2) = 2; the variation bound is 2√min(M, level)
    expect(f.variationBound(1)).toBeCloseTo(2, 14);
    expect(f.variationBound(9)).toBeCloseTo(2 * Math.sqrt(2), 14);
    // K₂ = 4M(‖Y‖ + M)(‖Y‖ + 2M) with ‖Y‖ = max|λ| = 2
    expect(f.rateBound).toBeCloseTo(4 * 2 * 4 * 6, 10);
    // lossError = ½·s·n·entryError·max(1, M) + 4n²ε s², s = ‖Y‖_F + √n·M, entryError = max(rtol, atol)
    const s = Math.sqrt(5) + Math.SQRT2 * 2;
    expect(f.lossError).toBeCloseTo(0.5 * s * 2 * 1e-9 * 2 + 16 * 2.220446049250313e-16 * s * s, 20);
  });

  it('a time already asked, or one between checkpoints, starts from the latest state at or before it', () => {
    const f = symmetricOde(y, u0);
    const evals = () => f.diagnostics().evaluations as number;
    f.matrix(1.5);
    f.matrix(0.5);
    const e0 = evals();
    f.matrix(1.5); // a checkpoint: no integration
    f.matrix(0.5);
    f.matrix(0);
    expect(evals()).toBe(e0);
    f.matrix(1); // from the checkpoint at 0.5, not from 0
    const e1 = evals();
    const g = symmetricOde(y, u0);
    g.matrix(0.5);
    const h0 = g.diagnostics().evaluations as number;
    g.matrix(1);
    expect(e1 - e0).toBeLessThanOrEqual((g.diagnostics().evaluations as number) - h0 + 7);
    f.matrix(2); // from the checkpoint at 1.5
    const g2 = symmetricOde(y, u0);
    g2.matrix(1.5);
    const k0 = g2.diagnostics().evaluations as number;
    g2.matrix(2);
    expect(evals() - e1).toBeLessThanOrEqual((g2.diagnostics().evaluations as number) - k0 + 7);
  });

  it('past the checkpoint cap (4096 states here) increasing times continue from the last state, earlier ones from the last checkpoint', () => {
    const f = symmetricOde(y, u0);
    const evals = () => f.diagnostics().evaluations as number;
    for (let k = 1; k <= 4096; k++) f.matrix(k * 1e-4); // fills the cap: the last checkpoint is at 0.4095
    const e0 = evals();
    for (let t = 1; t <= 8; t++) f.matrix(t); // one integration 0.4096 → 8 (from the cursor each time)
    const e1 = evals();
    const g = symmetricOde(y, u0);
    g.matrix(0.4096);
    const g0 = g.diagnostics().evaluations as number;
    g.matrix(8);
    const single = (g.diagnostics().evaluations as number) - g0;
    expect(e1 - e0).toBeLessThanOrEqual(single + 8 * 7);
    f.matrix(7.5); // no checkpoint after 0.4095 and the cursor (8) is later: integrates 0.4095 → 7.5
    expect(evals() - e1).toBeGreaterThan(single / 2);
    const e2 = evals();
    f.matrix(7.5); // the cursor itself (past the cap it is no checkpoint): no integration
    expect(evals()).toBe(e2);
    exact(7.5).forEach((v, k) => expect(Math.abs(f.matrix(7.5).data[k] - v)).toBeLessThan(TOL));
  });

  it('keeps its own copies: writing into U₀ or into a returned factor changes no later result', () => {
    const init = fromRows(u0Rows());
    const f = symmetricOde(y, init);
    const w0 = Array.from(f.matrix(0).data), w1 = Array.from(f.matrix(1).data);
    init.data.fill(5);
    f.factor(1.25).data.fill(7); // a new time: its state becomes the cursor and a checkpoint
    expect(Array.from(f.matrix(1).data)).toEqual(w1);
    exact(1.25).forEach((v, k) => expect(Math.abs(f.matrix(1.25).data[k] - v)).toBeLessThan(TOL));
    expect(Array.from(f.matrix(0).data)).toEqual(w0);
  });

  it('rejects a negative or non-finite time and a factor with the wrong number of rows', () => {
    const f = symmetricOde(y, u0);
    for (const t of [-1e-9, Number.NaN, Infinity]) expect(() => f.matrix(t)).toThrow(/^times: each time must be a finite number ≥ 0$/);
    expect(() => symmetricOde(fromRows([[0, 2e100], [2e100, 0]]), u0)).toThrow(/^target\[0\]\[1\]: /);
    expect(() => symmetricOde(fromRows([[0, 1], [2, 0]]), u0)).toThrow(/^target: /);
    expect(() => symmetricOde(y, fromRows([[0, 0], [0, 2e100]]))).toThrow(/^init\.factor\[1\]\[1\]: /);
    expect(() => symmetricOde(y, fromRows([[1]]))).toThrow(InputError);
    expect(() => symmetricOde(y, fromRows([[1]]))).toThrow('init.factor: must have 2 rows like the target (has 1)');
  });
});

describe('checkpointCap', () => {
  it('keeps at most 4096 states and 2²³ numbers, and at least one', () => {
    expect(checkpointCap(1)).toBe(4096);
    expect(checkpointCap(0)).toBe(4096);
    expect(checkpointCap(2048)).toBe(4096);
    expect(checkpointCap(2049)).toBe(4094);
    expect(checkpointCap(2 ** 20)).toBe(8);
    expect(checkpointCap(2 ** 23 + 1)).toBe(1);
  });
});
