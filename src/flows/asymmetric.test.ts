import { describe, expect, it } from 'vitest';
import { fromRows } from '../linalg/matrix.js';
import { asymmetricClosedForm, asymmetricOde, imbalance, pairProjections, singularPairs } from './asymmetric.js';

/**
 * A hand-solved instance: Y = U diag(3, 1) Vₖᵀ (2 × 3, U and V rotations by 3-4-5 triangles) and the
 * balanced init A₀ = U diag(a), B₀ = Vₖ diag(a): each mode follows the scalar logistic ṗ = 2p(σ − p),
 * p(t) = σp₀e^{2σt} / (σ + p₀(e^{2σt} − 1)), p₀ = a², and ABᵀ = U diag(p(t)) Vₖᵀ.
 */
const U = [[0.6, -0.8], [0.8, 0.6]];
const V = [[0, 0.6, -0.8], [1, 0, 0], [0, 0.8, 0.6]];
const sigma = [3, 1];
const a = [0.1, 0.05];
const y = fromRows([0, 1].map((i) => [0, 1, 2].map((j) => sigma.reduce((s, sc, c) => s + U[i][c] * sc * V[j][c], 0))));
const a0 = fromRows([0, 1].map((i) => [0, 1].map((c) => U[i][c] * a[c])));
const b0 = fromRows([0, 1, 2].map((j) => [0, 1].map((c) => V[j][c] * a[c])));
const modes = (t: number) => sigma.map((s, c) => {
  const e = Math.exp(2 * s * t), p0 = a[c] * a[c];
  return (s * p0 * e) / (s + p0 * (e - 1));
});
const exact = (t: number) => {
  const p = modes(t);
  return [0, 1].flatMap((i) => [0, 1, 2].map((j) => p.reduce((s, pc, c) => s + U[i][c] * pc * V[j][c], 0)));
};

for (const [name, solve, tol] of [
  ['closed form', asymmetricClosedForm, 1e-13],
  ['Dormand–Prince', asymmetricOde, 1e-8],
] as const) {
  describe(`asymmetric flow (${name}) on a hand-solved instance`, () => {
    it('ABᵀ(t) = U diag(p(t)) Vₖᵀ, projections uᵢᵀWvᵢ = pᵢ, loss ½Σ(σᵢ − pᵢ)², at times in any order', () => {
      const f = solve(y, a0, b0);
      expect(f.model).toBe('asymmetric');
      expect(Array.from(f.targetValues).map((v) => +v.toFixed(12))).toEqual(sigma);
      for (const t of [1, 0.25, 2, 0, 1]) {
        const w = f.matrix(t);
        expect([w.rows, w.cols]).toEqual([2, 3]);
        exact(t).forEach((v, k) => expect(Math.abs(w.data[k] - v)).toBeLessThan(tol));
        const p = modes(t);
        const pr = f.projections(t);
        expect(pr.length).toBe(2);
        p.forEach((pc, c) => expect(Math.abs(pr[c] - pc)).toBeLessThan(tol));
        expect(Math.abs(f.loss(t) - p.reduce((s, pc, c) => s + (sigma[c] - pc) ** 2, 0) / 2)).toBeLessThan(tol);
      }
    });

    it('certificate: |d(uᵢᵀWvᵢ)/dt| ≤ √(2μ*)·‖Ż‖_F with μ* = max(‖A₀‖² + ‖B₀‖², 2σ₁ + ‖D‖) = 6', () => {
      const f = solve(y, a0, b0);
      expect(f.variationBound(0.5)).toBeCloseTo(Math.sqrt(12), 12);
      // lossError = s·k·entryError·max(1, μ*) + 4mnε s², s = ‖Y‖_F + √k μ*, k = max(m, n)
      const s = Math.sqrt(10) + Math.sqrt(3) * 6;
      const entry = name === 'closed form' ? 1e-13 : 1e-10;
      expect(f.lossError).toBeCloseTo(s * 3 * entry * 6 + 4 * 6 * 2.220446049250313e-16 * s * s, 20);
    });
  });
}

describe('asymmetric flow: the parts that differ between the solvers', () => {
  it('the closed form reports its width, the singular values, the imbalance and maxTime', () => {
    const f = asymmetricClosedForm(y, a0, b0);
    const d = f.diagnostics();
    expect(d.solver).toBe('closed form through the symmetric embedding Ȳ = [[0, Y], [Yᵀ, 0]] (float64)');
    expect(d.width).toBe(2);
    expect((d.targetSingularValues as number[]).map((v) => +v.toFixed(12))).toEqual(sigma);
    expect(d.imbalance).toBeLessThan(1e-17);
    expect(d.maxTime).toBe(f.maxTime);
    expect(f.maxTime / (1e300 / 3)).toBeCloseTo(1, 14);
  });

  it('the ODE reports its tolerances and steps, and its factors (A, B) keep AᵀA − BᵀB for an unbalanced init', () => {
    const b1 = fromRows([[0.2, 0], [0, 0.1], [0.1, 0]]);
    const f = asymmetricOde(y, a0, b1);
    expect(f.maxTime).toBe(1e300);
    const [a, b] = f.factors(1.5);
    expect([a.rows, a.cols, b.rows, b.cols, a.data.length, b.data.length]).toEqual([2, 2, 3, 2, 4, 6]);
    const d0 = imbalance(a0, b1), d1 = imbalance(a, b);
    expect(Math.abs(d1.absolute - d0.absolute)).toBeLessThan(1e-9);
    const d = f.diagnostics();
    expect(d).toMatchObject({ solver: 'Dormand–Prince 5(4) on Ȧ = (Y − ABᵀ)B, Ḃ = (Y − ABᵀ)ᵀA', rtol: 1e-10, atol: 1e-12 });
    expect(d.imbalance).toBeCloseTo(d0.absolute, 15);
    expect(d.steps).toBeGreaterThan(0);
    expect((d.targetSingularValues as number[]).map((v) => +v.toFixed(12))).toEqual(sigma);
    for (const t of [-1, Number.NaN, Infinity]) expect(() => f.matrix(t)).toThrow(/^times: each time must be a finite number ≥ 0$/);
  });

  it('the ODE starts from the latest state at or before a time: revisits are free, past the 4096-state cap increasing times continue from the cursor', () => {
    const f = asymmetricOde(y, a0, b0);
    const evals = () => f.diagnostics().evaluations as number;
    f.matrix(1.5);
    f.matrix(0.5);
    const e0 = evals();
    f.matrix(1.5);
    f.matrix(0.5);
    f.matrix(0);
    expect(evals()).toBe(e0);
    const g = asymmetricOde(y, a0, b0);
    for (let k = 1; k <= 4096; k++) g.matrix(2 + k * 1e-4); // the last checkpoint at 2.4095
    const g0 = g.diagnostics().evaluations as number;
    for (let t = 3; t <= 8; t++) g.matrix(t);
    const g1 = g.diagnostics().evaluations as number;
    const h = asymmetricOde(y, a0, b0);
    h.matrix(2.4096);
    const h0 = h.diagnostics().evaluations as number;
    h.matrix(8);
    const single = (h.diagnostics().evaluations as number) - h0;
    expect(g1 - g0).toBeLessThanOrEqual(single + 6 * 7);
    g.matrix(7.5); // integrates 2.4095 → 7.5 (no later checkpoint, the cursor is at 8)
    expect((g.diagnostics().evaluations as number) - g1).toBeGreaterThan(single / 2);
    const g2 = g.diagnostics().evaluations as number;
    g.matrix(7.5); // the cursor itself (past the cap it is no checkpoint): no integration
    expect(g.diagnostics().evaluations).toBe(g2);
    exact(7.5).forEach((v, k) => expect(Math.abs(g.matrix(7.5).data[k] - v)).toBeLessThan(1e-8));
    const g3 = g.diagnostics().evaluations as number;
    g.matrix(2.4096); // the 4096th state came at the cap and was not stored: integrates again from 2.4095
    expect(g.diagnostics().evaluations).toBeGreaterThan(g3);
  });

  it('the checkpoint cap shrinks with the state size (m + n)r: ⌊2²³/2500⌋ = 3355 states for m + n = 5, r = 500', () => {
    const r = 500;
    const a = fromRows([0, 1].map((i) => Array.from({ length: r }, (_, c) => 0.01 * Math.sin(1 + i + 3 * c))));
    const b = fromRows([0, 1, 2].map((j) => Array.from({ length: r }, (_, c) => 0.01 * Math.cos(2 + j + 5 * c))));
    const f = asymmetricOde(y, a, b);
    const evals = () => f.diagnostics().evaluations as number;
    for (let k = 1; k <= 3354; k++) f.factors(k * 1e-4); // with the initial state, 3355 checkpoints: the cap
    f.factors(1); // past the cap: only the cursor
    f.factors(0.5); // from the last checkpoint 0.3354; the cursor moves to 0.5
    const e0 = evals();
    f.factors(1); // never stored: integrates again, from the cursor
    expect(evals()).toBeGreaterThan(e0);
  });

  it('imbalance: max|AᵀA − BᵀB|, relative to ‖A‖²_F + ‖B‖²_F (0 for zero factors), and its Frobenius norm', () => {
    // AᵀA = (1 2; 2 5), BᵀB = (1 0; 0 0): D = (0 2; 2 5)
    const d = imbalance(fromRows([[1, 2], [0, 1]]), fromRows([[1, 0]]));
    expect(d.absolute).toBe(5);
    expect(d.relative).toBeCloseTo(5 / 7, 15);
    expect(d.spectralBound).toBeCloseTo(Math.sqrt(33), 14);
    // the largest entry first: D = (−4 0; 0 −1)
    expect(imbalance(fromRows([[0, 0]]), fromRows([[2, 0], [0, 1]])).absolute).toBe(4);
    expect(imbalance(fromRows([[0]]), fromRows([[0]])).relative).toBe(0);
  });

  it('certificate μ*: ‖A₀‖²_F + ‖B₀‖²_F when that exceeds 2σ₁ + ‖D‖, and ‖D‖ added to 2σ₁ for an unbalanced init', () => {
    // balanced, a = (2, 1.5): μ₀ = 2(4 + 2.25) = 12.5 > 2σ₁ = 6, so μ* = 12.5 and √(2μ*) = 5
    const big = [2, 1.5];
    const ab = fromRows(U.map((row) => row.map((u, c) => u * big[c])));
    const bb = fromRows(V.map((row) => [0, 1].map((c) => row[c] * big[c])));
    for (const solve of [asymmetricClosedForm, asymmetricOde]) expect(solve(y, ab, bb).variationBound(0.5)).toBeCloseTo(5, 12);
    // A₀ᵀA₀ = diag(0.01, 0.0025), B₁ᵀB₁ = diag(0.05, 0.01): ‖D‖_F = √(0.04² + 0.0075²), μ* = 6 + ‖D‖_F > μ₀ = 0.0725
    const b1 = fromRows([[0.2, 0], [0, 0.1], [0.1, 0]]);
    expect(asymmetricOde(y, a0, b1).variationBound(0.5)).toBeCloseTo(Math.sqrt(2 * (6 + Math.hypot(0.04, 0.0075))), 12);
  });

  it('the balance hypothesis is inclusive: a relative imbalance of exactly 1e−12 is accepted', () => {
    // AᵀA − BᵀB = (e² 2e; 2e 0), e = 16·1e−12, and ‖A‖²_F = ‖B‖²_F = 16 in floating point: 2e/32 = 1e−12 exactly
    const e = 16 * 1e-12;
    const a = fromRows([[2, 0], [e, 2], [0, 2], [0, 2]]), b = fromRows([[2, 0], [0, 2], [0, 2], [0, 2]]);
    expect(imbalance(a, b).relative).toBe(1e-12);
    const y4 = fromRows([[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0], [0, 0, 0, 4]]);
    expect(() => asymmetricClosedForm(y4, a, b)).not.toThrow();
  });

  it('the closed form accepts an imbalance just inside 1e−12 relative and rejects one just outside', () => {
    const bAt = (e: number) => fromRows([[0, 0.03], [0.1, 0], [0, 0.04 + e]]);
    // ‖A‖² + ‖B‖² = 2(0.01 + 0.0025) = 0.025: an entry of BᵀB off by 2·0.04·e, relative 3.2e
    expect(() => asymmetricClosedForm(y, a0, bAt(3e-13))).not.toThrow();
    expect(() => asymmetricClosedForm(y, a0, bAt(3.4e-13))).toThrow(/^init\.factors: the closed form needs a balanced init .*here 1\.09e-12/);
  });

  it('names the factor whose shape is wrong', () => {
    for (const solve of [asymmetricClosedForm, asymmetricOde]) {
      expect(() => solve(y, fromRows([[1]]), b0)).toThrow('init.factors[0]: must have 2 rows like the target (has 1)');
      expect(() => solve(y, a0, fromRows([[1, 0]]))).toThrow("init.factors[1]: must have 3 rows (the target's columns; has 1)");
      expect(() => solve(y, a0, fromRows([[1], [0], [0]]))).toThrow('init.factors[1]: must have 2 columns like init.factors[0] (has 1)');
      expect(() => solve(y, fromRows([[1e101, 0], [0, 0]]), b0)).toThrow(/^init\.factors\[0\]\[0\]\[0\]/);
      expect(() => solve(y, a0, fromRows([[0, 0], [0, 0], [0, 1e101]]))).toThrow(/^init\.factors\[1\]\[2\]\[1\]/);
      expect(() => solve(fromRows([[0, 0, 1e101], [0, 0, 0]]), a0, b0)).toThrow(/^target\[0\]\[2\]/);
    }
  });

  it('pairProjections: uᵢᵀXvᵢ for each pair', () => {
    const pairs = singularPairs(y);
    const p = pairProjections(fromRows([[1, 0, 0], [0, 0, 2]]), pairs);
    // u₁ = (0.6, 0.8), v₁ = (0, 1, 0): 0; u₂ = (−0.8, 0.6), v₂ = (0.6, 0, 0.8): −0.48 + 0.96 (up to a joint sign)
    expect(Math.abs(p[0])).toBeLessThan(1e-15);
    expect(p[1]).toBeCloseTo(-0.8 * 0.6 + 0.6 * 0.8 * 2, 14);
  });
});
