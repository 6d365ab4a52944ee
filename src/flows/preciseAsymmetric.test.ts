import { beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { type Dec, type DecimalCtor, decimalContext } from '../precise/decimal.js';
import type { DMatrix } from '../precise/dmatrix.js';
import { dembedding, dsingularPairs, preciseAsymmetricClosedForm } from './preciseAsymmetric.js';

/**
 * A hand-built instance with known solution: Y = U diag(σ) Vₖᵀ (2 × 3, σ = 3, 1; U a 3-4-5 rotation,
 * V a 3-4-5 rotation of ℝ³ after a permutation, both exact in decimal), and the balanced init
 * A₀ = U diag(a), B₀ = Vₖ diag(a). Each mode then follows the scalar logistic ṗ = 2p(σ − p),
 *   p(t) = σp₀e^{2σt} / (σ + p₀(e^{2σt} − 1)),   p₀ = a²,
 * and ABᵀ = U diag(p(t)) Vₖᵀ: an observation that shares no algebra with the embedding solver.
 */
const D = decimalContext(30);
const dm = (ctor: DecimalCtor, rows: (number | string)[][]): DMatrix => ({
  rows: rows.length,
  cols: rows[0].length,
  data: rows.flat().map((v) => new ctor(v)),
});
const U = [[0.6, -0.8], [0.8, 0.6]];
const V = [[0, 0.6, -0.8], [1, 0, 0], [0, 0.8, 0.6]]; // orthogonal, columns v₁, v₂, v₃
const sigma = [3, 1];
const a = [0.1, 0.05];

function yMatrix(): number[][] {
  // Y_ij = Σ_c U_ic σ_c V_jc
  return [0, 1].map((i) => [0, 1, 2].map((j) => sigma.reduce((s, sc, c) => s + U[i][c] * sc * V[j][c], 0)));
}
function logistic(s: number, a: number, t: number): Dec {
  const e = new D(2).times(s).times(t).exp();
  const p0 = new D(a).pow(2);
  return p0.times(s).times(e).div(p0.times(e.minus(1)).plus(s));
}
const y = dm(D, yMatrix().map((r) => r.map((v) => v.toFixed(12))));
const a0 = dm(D, [0, 1].map((i) => [0, 1].map((c) => (U[i][c] * a[c]).toFixed(12))));
const b0 = dm(D, [0, 1, 2].map((j) => [0, 1].map((c) => (V[j][c] * a[c]).toFixed(12))));

describe('decimal asymmetric closed form on a hand-solved instance (2 × 3, σ = 3, 1)', () => {
  let f: ReturnType<typeof preciseAsymmetricClosedForm>;
  beforeEach(() => {
    f = preciseAsymmetricClosedForm(D, y, a0, b0); // inside each test, so that coverage per test sees it
  });
  const close = (x: Dec, ref: Dec | number, tol = 1e-25) => expect(x.minus(ref).abs().toNumber()).toBeLessThanOrEqual(tol);

  it('ABᵀ(t) = U diag(p(t)) Vₖᵀ with each p logistic at rate 2σ', () => {
    for (const t of [0, 0.3, 2]) {
      const p = sigma.map((s, c) => logistic(s, a[c], t));
      const w = f.matrix(t);
      expect([w.rows, w.cols, w.data.length]).toEqual([2, 3, 6]); // no entry written past the m × n block
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) {
        const ref = p.reduce((acc, pc, c) => acc.plus(pc.times(U[i][c]).times(V[j][c])), new D(0));
        close(w.data[i * 3 + j], ref);
      }
    }
  });

  it('loss ½‖Y − ABᵀ‖²_F = ½Σ(σ − p)² and projections uᵢᵀWvᵢ = pᵢ', () => {
    for (const t of [0, 0.7]) {
      const p = sigma.map((s, c) => logistic(s, a[c], t));
      close(f.loss(t), p.reduce((acc, pc, c) => acc.plus(new D(sigma[c]).minus(pc).pow(2)), new D(0)).div(2));
      const pr = f.projections(t);
      expect(pr.length).toBe(2);
      pr.forEach((x, c) => close(x, p[c]));
    }
  });

  it('singular pairs: values σ decreasing, unit vectors with Y vᵢ = σᵢ uᵢ', () => {
    const pairs = dsingularPairs(D, y);
    expect([pairs.values.length, pairs.left.rows, pairs.left.cols, pairs.right.rows, pairs.right.cols]).toEqual([2, 2, 2, 3, 2]);
    expect([pairs.left.data.length, pairs.right.data.length]).toEqual([4, 6]); // no entry written past either block
    pairs.values.forEach((v, c) => close(v, sigma[c]));
    for (let c = 0; c < 2; c++) {
      let nu = new D(0), nv = new D(0);
      for (let i = 0; i < 2; i++) nu = nu.plus(pairs.left.data[i * 2 + c].pow(2));
      for (let j = 0; j < 3; j++) nv = nv.plus(pairs.right.data[j * 2 + c].pow(2));
      close(nu, 1);
      close(nv, 1);
      for (let i = 0; i < 2; i++) {
        let yv = new D(0);
        for (let j = 0; j < 3; j++) yv = yv.plus(y.data[i * 3 + j].times(pairs.right.data[j * 2 + c]));
        close(yv, pairs.left.data[i * 2 + c].times(sigma[c]));
      }
    }
  });

  it('singular values of a rank-deficient target are ≥ 0 (the embedding’s ±0 pair clamped)', () => {
    // Y = (1 1; 1 1): the embedding's Jacobi gives σ₂ = −8.8e−31 at 30 digits, returned as 0
    const pairs = dsingularPairs(D, dm(D, [[1, 1], [1, 1]]));
    expect(pairs.values[0].toNumber()).toBeCloseTo(2, 20);
    expect(pairs.values[1].isNegative()).toBe(false);
    expect(pairs.values[1].isZero()).toBe(true);
  });

  it('the embedding is [[0, Y], [Yᵀ, 0]]', () => {
    const e = dembedding(D, dm(D, [[1, 2, 3], [4, 5, 6]]));
    expect(e.data.map((v) => v.toNumber())).toEqual([
      0, 0, 1, 2, 3,
      0, 0, 4, 5, 6,
      1, 4, 0, 0, 0,
      2, 5, 0, 0, 0,
      3, 6, 0, 0, 0,
    ]);
  });
});

describe('decimal asymmetric closed form: input rules and the balance hypothesis', () => {
  const Y = dm(D, [[1, 0, 0], [0, 1, 0]]);
  const field = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      if (e instanceof InputError) return e.message;
      throw e;
    }
    return 'no error';
  };

  it('names the factor whose shape is wrong', () => {
    expect(field(() => preciseAsymmetricClosedForm(D, Y, dm(D, [[1], [0], [0]]), dm(D, [[1], [0], [0]])))).toBe('init.factors[0]: must have 2 rows like the target (has 3)');
    expect(field(() => preciseAsymmetricClosedForm(D, Y, dm(D, [[1], [0]]), dm(D, [[1], [0]])))).toBe("init.factors[1]: must have 3 rows (the target's columns; has 2)");
    expect(field(() => preciseAsymmetricClosedForm(D, Y, dm(D, [[1], [0]]), dm(D, [[1, 0], [0, 0], [0, 0]])))).toBe('init.factors[1]: must have 1 columns like init.factors[0] (has 2)');
  });

  it('relative imbalance max|AᵀA − BᵀB| / (‖A‖²_F + ‖B‖²_F): just inside 1e−12 accepted, just outside rejected', () => {
    // B = (I; e 0): AᵀA − BᵀB = −e²·(1, 0; 0, 0), ‖A‖² + ‖B‖² = 4 + e². e = 1e−6: relative 2.5e−13 (the max is the first entry)
    const withE = (e: string) => () => preciseAsymmetricClosedForm(D, Y, dm(D, [[1, 0], [0, 1]]), dm(D, [[1, 0], [0, 1], [e, 0]]));
    expect(withE('1e-6')().imbalance.toNumber()).toBeCloseTo(1e-12 / (4 + 1e-12), 25);
    // e = 2.1e−6: 4.41e−12/4 ≈ 1.1e−12 > 1e−12; e = 1.9e−6: 3.61e−12/4 ≈ 0.9e−12
    expect(field(withE('2.1e-6'))).toMatch(/^init\.factors: the closed form needs a balanced init .*here 1\.10e-12/);
    // the same with the difference in the last entry of AᵀA − BᵀB
    const last = preciseAsymmetricClosedForm(D, Y, dm(D, [[1, 0], [0, 1]]), dm(D, [[1, 0], [0, 1], [0, '1e-6']]));
    expect(last.imbalance.toNumber()).toBeCloseTo(1e-12 / (4 + 1e-12), 25);
    const justInside = withE('1.9e-6')();
    expect(justInside.imbalance.toNumber()).toBeLessThan(1e-12);
    expect(justInside.imbalance.toNumber()).toBeGreaterThan(0.9e-12);
  });

  it('a zero init is balanced (imbalance 0, not 0/0) and stays at zero', () => {
    const f = preciseAsymmetricClosedForm(D, Y, dm(D, [[0], [0]]), dm(D, [[0], [0], [0]]));
    expect(f.imbalance.isZero()).toBe(true);
    expect(f.matrix(1).data.every((v) => v.isZero())).toBe(true);
    expect(f.loss(1).toNumber()).toBe(1);
  });
});
