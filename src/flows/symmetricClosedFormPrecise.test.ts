import { describe, expect, it } from 'vitest';
import { type Dec, decimalContext } from '../precise/decimal.js';
import type { DMatrix } from '../precise/dmatrix.js';
import { PRECISE_MAX_LAMBDA_T, decimalRows, pivotedThinQLower, preciseSymmetricClosedForm } from './symmetricClosedFormPrecise.js';

/**
 * A hand-solved instance in 30 digits: Y = Q diag(2, 0, −1) Qᵀ with Q a product of two 3-4-5 rotations
 * (exact decimals), U₀ = Q diag(a) (or a wider factor with the same U₀U₀ᵀ). Each mode is the scalar
 * flow ṗ = 2p(λ − p): p(t) = λp₀e^{2λt} / (λ + p₀(e^{2λt} − 1)), and p₀/(1 + 2p₀t) at λ = 0;
 * W(t) = Q diag(p(t)) Qᵀ shares no algebra with the Jacobi + pivoted QR evaluation.
 */
const D = decimalContext(30);
const R12 = [[0.6, -0.8, 0], [0.8, 0.6, 0], [0, 0, 1]];
const R23 = [[1, 0, 0], [0, 0.8, -0.6], [0, 0.6, 0.8]];
const Q = R12.map((r) => [0, 1, 2].map((j) => r.reduce((s, v, p) => s + v * R23[p][j], 0)).map((v) => +v.toFixed(12)));
const lam = [2, 0, -1];
const a = ['0.1', '0.5', '0.7'];
const dm = (rows: (number | string)[][]): DMatrix => ({ rows: rows.length, cols: rows[0].length, data: rows.flat().map((v) => new D(v)) });
const y = dm([0, 1, 2].map((i) => [0, 1, 2].map((j) => +lam.reduce((s, l, c) => s + Q[i][c] * l * Q[j][c], 0).toFixed(12))));
const u0 = dm([0, 1, 2].map((i) => [0, 1, 2].map((c) => new D(Q[i][c]).times(a[c]).toString())));
const modes = (t: number): Dec[] => lam.map((l, c) => {
  const p0 = new D(a[c]).pow(2);
  if (l === 0) return p0.div(p0.times(2).times(t).plus(1));
  const e = new D(2).times(l).times(t).exp();
  return p0.times(l).times(e).div(p0.times(e.minus(1)).plus(l));
});
const exact = (t: number): Dec[] => {
  const p = modes(t);
  return [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => p.reduce((s, pc, c) => s.plus(pc.times(Q[i][c]).times(Q[j][c])), new D(0))));
};
const TOL = 1e-20;
const near = (x: Dec, ref: Dec) => expect(x.minus(ref).abs().toNumber()).toBeLessThan(TOL);

describe('decimal symmetric closed form on a hand-solved instance (λ = 2, 0, −1)', () => {
  it('W(t), projections pᵢ and loss ¼Σ(λᵢ − pᵢ)², with r = n and with r = 4 > n', () => {
    // r = 4: the third column split into 0.6, 0.8 parts (same U₀U₀ᵀ)
    const wide = dm([0, 1, 2].map((i) => {
      const r = u0.data.slice(i * 3, i * 3 + 3);
      return [r[0], r[1], r[2].times('0.6'), r[2].times('0.8')].map(String);
    }));
    for (const init of [u0, wide]) {
      const f = preciseSymmetricClosedForm(D, y, init);
      expect(f.n).toBe(3);
      expect(f.D).toBe(D);
      for (const t of [0, 0.4, 3]) {
        const w = f.matrix(t);
        expect([w.rows, w.cols]).toEqual([3, 3]);
        exact(t).forEach((v, k) => near(w.data[k], v));
        const p = modes(t);
        const pr = f.projections(t);
        expect(pr.length).toBe(3);
        p.forEach((pc, c) => near(pr[c], pc));
        near(f.loss(t), p.reduce((s, pc, c) => s.plus(pc.minus(lam[c]).pow(2)), new D(0)).div(4));
      }
    }
  });

  it('maxTime = 1e15/max|λ| (Infinity for Y = 0), times beyond it or negative rejected', () => {
    const f = preciseSymmetricClosedForm(D, y, u0);
    expect(PRECISE_MAX_LAMBDA_T).toBe(1e15);
    expect(f.maxTime).toBe(5e14);
    expect(() => f.matrix(5.0001e14)).toThrow('times: each time must be ≤ 5.000e+14 with "digits" (= 1e15/max|λ|: e^{2λt} must stay inside the decimal exponent range)');
    expect(() => f.projections(5e14)).not.toThrow(); // exactly at maxTime: accepted
    for (const t of [-1e-30, Number.NaN, Infinity]) expect(() => f.matrix(t)).toThrow(/^times: each time must be a finite number ≥ 0$/);
    expect(preciseSymmetricClosedForm(D, dm([[0, 0], [0, -3]]), dm([[1], [0]])).maxTime).toBeCloseTo(1e15 / 3, 0);
    const z = preciseSymmetricClosedForm(D, dm([[0, 0], [0, 0]]), dm([[1], [1]]));
    expect(z.maxTime).toBe(Infinity);
    // Y = 0: W(t) = W₀/(1 + 2‖u‖²t) for a single column u (‖u‖² = 2)
    expect(z.matrix(1e300).data[0].times('4e300').toNumber()).toBeCloseTo(1, 12);
  });

  it('input rules: square, symmetric to 1e−12 relative (Y = 0 accepted), matching rows', () => {
    expect(() => preciseSymmetricClosedForm(D, dm([[1, 2]]), dm([[1]]))).toThrow('target: must be square (is 1×2)');
    expect(() => preciseSymmetricClosedForm(D, dm([[1, 1], ['1.0000000000011', 1]]), dm([[1], [1]]))).toThrow(/^target: must be symmetric to 1e-12 relative \(max\|A−Aᵀ\|\/max\|A\| = 1\.10e-12\)/);
    expect(() => preciseSymmetricClosedForm(D, dm([[1, 1], ['1.0000000000009', 1]]), dm([[1], [1]]))).not.toThrow();
    // the largest entry is not the last one
    expect(() => preciseSymmetricClosedForm(D, dm([[3, '0.1'], ['0.1000000000035', 1]]), dm([[1], [1]]))).toThrow(/^target: /);
    expect(() => preciseSymmetricClosedForm(D, dm([[3, '0.1'], ['0.1000000000025', 1]]), dm([[1], [1]]))).not.toThrow();
    expect(() => preciseSymmetricClosedForm(D, dm([[0, 0], [0, 0]]), dm([[1], [1]]))).not.toThrow();
    expect(() => preciseSymmetricClosedForm(D, dm([[1, 0], [0, 1]]), dm([[1]]))).toThrow('init.factor: must have 2 rows like the target (has 1)');
  });

  it('decimalRows reads numbers and decimal strings, and names the offending row', () => {
    const m = decimalRows(D, [[1, '2.5'], ['-3e-400', 4]], 'target');
    expect([m.rows, m.cols]).toEqual([2, 2]);
    expect(m.data.map(String)).toEqual(['1', '2.5', '-3e-400', '4']);
    expect(() => decimalRows(D, [], 'target')).toThrow('target: must be a non-empty array of rows');
    expect(() => decimalRows(D, 'x', 'target')).toThrow('target: must be a non-empty array of rows');
    expect(() => decimalRows(D, [[]], 'target')).toThrow('target[0]: must be a non-empty array of numbers');
    expect(() => decimalRows(D, [1], 'target')).toThrow('target[0]: must be a non-empty array of numbers');
    expect(() => decimalRows(D, [[1], 2], 'target')).toThrow('target[1]: must be an array of numbers');
    expect(() => decimalRows(D, [[1], [2, 3]], 'target')).toThrow('target[1]: must have 1 entries like row 0 (has 2)');
    expect(() => decimalRows(D, [[1], ['x']], 'target')).toThrow(/^target\[1\]\[0\]/);
  });

  it('pivotedThinQLower: Q₂Q₂ᵀ = B(I + BᵀB)⁻¹Bᵀ on a 3 × 2 block', () => {
    // B = (1 0; 0 2; 2 0): BᵀB = diag(5, 4), B(I + BᵀB)⁻¹Bᵀ = (1/6 0 2/6; 0 4/5 0; 2/6 0 4/6)
    const q = pivotedThinQLower(D, dm([[1, 0], [0, 2], [2, 0]]));
    const ref = [1 / 6, 0, 2 / 6, 0, 4 / 5, 0, 2 / 6, 0, 4 / 6];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      const v = q.data[i * 2].times(q.data[j * 2]).plus(q.data[i * 2 + 1].times(q.data[j * 2 + 1]));
      expect(v.toNumber()).toBeCloseTo(ref[i * 3 + j], 25);
    }
  });
});

/** B(I + BᵀB)⁻¹Bᵀ for an n × 2 block, by the 2 × 2 adjugate in the given context. */
function projector2(C: typeof D, rows: string[][]): Dec[] {
  const b = rows.map((r) => r.map((v) => new C(v)));
  const g = [0, 1].map((i) => [0, 1].map((j) => b.reduce((s, r) => s.plus(r[i].times(r[j])), new C(i === j ? 1 : 0))));
  const det = g[0][0].times(g[1][1]).minus(g[0][1].times(g[1][0]));
  const inv = [[g[1][1], g[0][1].neg()], [g[1][0].neg(), g[0][0]]].map((r) => r.map((v) => v.div(det)));
  return b.flatMap((ri) => b.map((rj) => [0, 1].reduce((s, p) => s.plus([0, 1].reduce((t, q) => t.plus(ri[p].times(inv[p][q]).times(rj[q])), new C(0))), new C(0))));
}

describe('pivotedThinQLower beyond the diagonal block', () => {
  const check = (rows: string[][], relTol: number) => {
    const q = pivotedThinQLower(D, dm(rows));
    const n = rows.length;
    expect(q.data.length).toBe(n * 2);
    const ref = projector2(decimalContext(80), rows);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const v = q.data[i * 2].times(q.data[j * 2]).plus(q.data[i * 2 + 1].times(q.data[j * 2 + 1]));
      const r = ref[i * n + j];
      expect(Number(v.minus(r.toString()).abs().div(r.abs().toString()))).toBeLessThan(relTol);
    }
  };
  it('a full 3 × 2 block (R has an off-diagonal entry): Q₂Q₂ᵀ = B(I + BᵀB)⁻¹Bᵀ, and Q₂ is exactly n × r', () => {
    check([['1', '2'], ['3', '4'], ['5', '6']], 1e-27);
  });
  it('a graded block (rows 1e±12): every entry of Q₂Q₂ᵀ to 1e−22 relative (30 digits)', () => {
    check([['1e-12', '3e-12'], ['2e12', '1'], ['1', '1e12'], ['3', '2']], 1e-22);
  });
});
