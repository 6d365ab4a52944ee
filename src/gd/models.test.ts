/** The symmetric and asymmetric GD models (models.ts) against their formulas on small instances, computed with the plain matrix helpers. */
import { describe, expect, it } from 'vitest';
import { eigh } from '../linalg/eigh.js';
import { fromRows, type Matrix, matmul, matmulABt, matmulAtB, maxAbsDiff, sub } from '../linalg/matrix.js';
import { Rng } from '../init/rng.js';
import { DenseEvaluation } from './modelTypes.js';
import { AsymmetricGd, DeepGd, SymmetricGd } from './models.js';

const sq = (m: Matrix) => m.data.reduce((s, v) => s + v * v, 0);
const axpy = (a: Matrix, b: Matrix, c: number): Matrix => ({ ...a, data: a.data.map((v, i) => v + c * b.data[i]) });

describe('SymmetricGd', () => {
  const y = fromRows([[2, 0.5, 0], [0.5, 1, -0.3], [0, -0.3, 0.4]]);
  const u0 = fromRows([[0.3, 0.1], [-0.2, 0.4], [0.1, 0.05]]);
  it('loss ¼‖Y − UUᵀ‖²_F, step U + η(Y − UUᵀ)U, gradient norm ‖(Y − UUᵀ)U‖_F, balancedness 0, factors copied', () => {
    const m = new SymmetricGd(y, u0);
    const r = sub(y, matmulABt(u0, u0));
    expect(m.evaluate().loss).toBeCloseTo(sq(r) / 4, 15);
    expect(maxAbsDiff({ rows: 3, cols: 3, data: m.evaluate().product }, matmulABt(u0, u0))).toBeLessThan(1e-16);
    const g = matmul(r, u0);
    expect(m.gradientNorm()).toBeCloseTo(Math.sqrt(sq(g)), 15);
    expect(m.balancedness()).toBe(0);
    const before = m.factors();
    m.step(0.1);
    expect(maxAbsDiff(m.factors()[0], axpy(u0, g, 0.1))).toBeLessThan(1e-15);
    expect(maxAbsDiff(before[0], u0)).toBe(0);
    const u1 = axpy(u0, g, 0.1);
    expect(m.evaluate().loss).toBeCloseTo(sq(sub(y, matmulABt(u1, u1))) / 4, 15);
  });
});

describe('AsymmetricGd', () => {
  const y = fromRows([[1, 2, 0.5], [-0.5, 0.3, 1]]);
  const a0 = fromRows([[0.3, 0.1], [-0.2, 0.4]]);
  const b0 = fromRows([[0.1, 0.2], [0.5, -0.1], [0.2, 0.3]]);
  it('loss ½‖Y − ABᵀ‖²_F, step A + η(Y − ABᵀ)B, B + η(Y − ABᵀ)ᵀA, gradient norm, ‖AᵀA − BᵀB‖₂, inputs untouched', () => {
    const a0c = a0.data.slice(), b0c = b0.data.slice();
    const m = new AsymmetricGd(y, a0, b0);
    const r = sub(y, matmulABt(a0, b0));
    expect(m.evaluate().loss).toBeCloseTo(sq(r) / 2, 15);
    const ga = matmul(r, b0), gb = matmulAtB(r, a0);
    expect(m.gradientNorm()).toBeCloseTo(Math.sqrt(sq(ga) + sq(gb)), 15);
    const d = sub(matmulAtB(a0, a0), matmulAtB(b0, b0));
    const e = eigh(d).values;
    expect(m.balancedness()).toBeCloseTo(Math.max(...Array.from(e, Math.abs)), 15);
    const before = m.factors();
    m.step(0.2);
    const [a1, b1] = m.factors();
    expect(maxAbsDiff(a1, axpy(a0, ga, 0.2))).toBeLessThan(1e-15);
    expect(maxAbsDiff(b1, axpy(b0, gb, 0.2))).toBeLessThan(1e-15);
    expect(Array.from(a0.data)).toEqual(Array.from(a0c));
    expect(Array.from(b0.data)).toEqual(Array.from(b0c));
    expect(maxAbsDiff(before[0], a0) + maxAbsDiff(before[1], b0)).toBe(0);
    expect(m.evaluate().loss).toBeCloseTo(sq(sub(y, matmulABt(axpy(a0, ga, 0.2), axpy(b0, gb, 0.2)))) / 2, 15);
  });
});

describe('dispose', () => {
  // n = 12: large enough for the WebAssembly buffers (productArrays); the next model reuses them.
  const n = 12, rng = new Rng(7);
  const rand = (s: number): Matrix => ({ rows: n, cols: n, data: rng.normalArray(n * n, s) });
  const y = rand(1), u0 = rand(0.2), ws = [rand(0.4), rand(0.4), rand(0.4)];
  const run = (m: SymmetricGd | DeepGd) => {
    for (let k = 0; k < 3; k++) m.step(0.05);
    return { loss: m.evaluate().loss, factors: m.factors().map((f) => Array.from(f.data)) };
  };
  for (const [name, make] of [['SymmetricGd', () => new SymmetricGd(y, u0)], ['DeepGd', () => new DeepGd(y, ws)]] as const) {
    it(`${name}: a disposed model's buffers go to the next model, which runs bit for bit as on fresh memory`, () => {
      const fresh = run(make());
      const first = make();
      run(first);
      const product = first.evaluate().product;
      first.dispose();
      const second = make();
      expect(second.evaluate().product.buffer).toBe(product.buffer);
      expect(second.evaluate().product.byteOffset).toBe(product.byteOffset);
      expect(run(second)).toEqual(fresh);
      const third = make(); // the second still holds the buffers
      expect(third.evaluate().product.byteOffset === product.byteOffset && third.evaluate().product.buffer === product.buffer).toBe(false);
    });
  }
});

describe('DenseEvaluation', () => {
  it('sums the residual on the first read after each invalidation, in increasing index, divided by the divisor', () => {
    const res = new Float64Array([0.1, 0.2, 0.3, 5]);
    const e = new DenseEvaluation(new Float64Array(1), res, 3, 4);
    expect(e.loss).toBe((0.1 * 0.1 + 0.2 * 0.2 + 0.3 * 0.3) / 4);
    res[0] = 1;
    expect(e.loss).toBe((0.1 * 0.1 + 0.2 * 0.2 + 0.3 * 0.3) / 4); // not invalidated: the cached value
    e.invalidate();
    expect(e.loss).toBe((1 + 0.2 * 0.2 + 0.3 * 0.3) / 4);
  });
  it('a model reading its loss only at the end runs bit for bit as one reading it every step', () => {
    const n = 12, rng = new Rng(11);
    const y: Matrix = { rows: n, cols: n, data: rng.normalArray(n * n) };
    const ws = [0, 1, 2].map((): Matrix => ({ rows: n, cols: n, data: rng.normalArray(n * n, 0.4) }));
    const a = new DeepGd(y, ws), b = new DeepGd(y, ws);
    const losses: number[] = [];
    for (let k = 0; k < 4; k++) {
      losses.push(a.evaluate().loss);
      a.step(0.05);
      b.step(0.05);
    }
    expect(b.evaluate().loss).toBe(a.evaluate().loss);
    expect(losses[3]).toBeGreaterThan(a.evaluate().loss);
  });
});
