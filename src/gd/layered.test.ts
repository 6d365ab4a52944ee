/**
 * The layered model (layered.ts) on small rectangular instances of every objective and depth, against
 * computations that share nothing with it: the loss from its formula on W = W_N⋯W₁ (plain matrix
 * helpers), the gradient by central differences (exact up to rounding: the loss is quadratic along any
 * one entry of one factor), the balancedness from its definition.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../init/rng.js';
import { eigh } from '../linalg/eigh.js';
import { type Matrix, matmul, matmulABt, matmulAtB, maxAbsDiff, sub, zeros } from '../linalg/matrix.js';
import { listedEntries } from './completion.js';
import { LayeredGd, type LayeredObjective } from './layered.js';
import { gaussianMeasurements } from './measurements.js';

const rand = (rows: number, cols: number, rng: Rng, s = 0.6): Matrix => {
  const m = zeros(rows, cols);
  m.data.set(rng.normalArray(rows * cols, s));
  return m;
};
const productOf = (w: Matrix[]): Matrix => w.slice(1).reduce((acc, f) => matmul(f, acc), w[0]);

function lossOf(obj: LayeredObjective, y: Matrix, w: Matrix[]): number {
  const W = productOf(w);
  if (obj.kind === 'full') return sub(W, y).data.reduce((s, v) => s + v * v, 0) / 2;
  if (obj.kind === 'sensing') {
    const { count, matrices, observations } = obj.measurements, nn = W.data.length;
    let s = 0;
    for (let i = 0; i < count; i++) {
      const r = W.data.reduce((t, v, q) => t + matrices[i * nn + q] * v, 0) - observations[i];
      s += r * r;
    }
    return s / (2 * count);
  }
  const { index, values } = obj.observed;
  return Array.from(index).reduce((s, i, o) => s + (W.data[i] - values[o]) ** 2, 0) / (2 * index.length);
}

/** ∇_{W_j}L entry by entry, central differences with step h (exact for a quadratic). */
function gradient(obj: LayeredObjective, y: Matrix, w: Matrix[], h = 0.25): Matrix[] {
  return w.map((f, j) => {
    const g = zeros(f.rows, f.cols);
    for (let e = 0; e < f.data.length; e++) {
      const at = (t: number) => lossOf(obj, y, w.map((x, i) => (i === j ? { ...x, data: x.data.map((v, q) => (q === e ? v + t : v)) } : x)));
      g.data[e] = (at(h) - at(-h)) / (2 * h);
    }
    return g;
  });
}

const rng = new Rng(20261125);
const y = rand(2, 3, rng, 1); // m = 2, n = 3
const objectives: [string, LayeredObjective][] = [
  ['full', { kind: 'full' }],
  ['sensing', { kind: 'sensing', measurements: gaussianMeasurements(y, 4, 3, 0.1) }],
  ['completion', { kind: 'completion', observed: listedEntries(y, [[0, 0], [0, 2], [1, 1], [1, 2]]) }],
];
const shapes: number[][] = [[3, 2], [3, 4, 2], [3, 4, 1, 2], [3, 2, 5, 3, 2]]; // d₀ = n … d_N = m

describe('LayeredGd against its formulas', () => {
  for (const [name, obj] of objectives) {
    it(`${name}: loss, product, gradient norm, one step, balancedness, copied factors (N = 1 … 4, rectangular widths)`, () => {
      for (const d of shapes) {
        const w0 = d.slice(1).map((rows, j) => rand(rows, d[j], rng));
        const e = new LayeredGd(y, w0, obj);
        expect(e.dims).toEqual(d);
        expect(e.kind).toBe(obj.kind === 'full' ? 'deep' : obj.kind);
        const ev = e.evaluate();
        expect(ev.loss).toBeCloseTo(lossOf(obj, y, w0), 13);
        expect(maxAbsDiff({ rows: 2, cols: 3, data: ev.product }, productOf(w0))).toBeLessThan(1e-14);
        const g = gradient(obj, y, w0);
        const gn = Math.sqrt(g.reduce((s, x) => s + x.data.reduce((t, v) => t + v * v, 0), 0));
        expect(Math.abs(e.gradientNorm() - gn)).toBeLessThan(1e-12 * Math.max(1, gn));
        // balancedness: max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖₂
        let bal = 0;
        for (let j = 0; j + 1 < w0.length; j++) {
          const ev2 = eigh(sub(matmulAtB(w0[j + 1], w0[j + 1]), matmulABt(w0[j], w0[j]))).values;
          bal = Math.max(bal, ...Array.from(ev2, Math.abs));
        }
        expect(e.balancedness()).toBeCloseTo(bal, 13);
        const before = e.factors();
        e.step(0.3);
        const w1 = w0.map((f, j) => ({ ...f, data: f.data.map((v, q) => v - 0.3 * g[j].data[q]) }));
        e.factors().forEach((f, j) => expect(maxAbsDiff(f, w1[j])).toBeLessThan(1e-13));
        before.forEach((f, j) => expect(maxAbsDiff(f, w0[j])).toBe(0));
        // the second iterate: loss, product and gradient from the new factors
        const ev1 = e.evaluate();
        expect(ev1.loss).toBeCloseTo(lossOf(obj, y, w1), 13);
        expect(maxAbsDiff({ rows: 2, cols: 3, data: ev1.product }, productOf(w1))).toBeLessThan(1e-13);
        const g1 = gradient(obj, y, w1);
        e.step(0.3);
        e.factors().forEach((f, j) => expect(maxAbsDiff(f, { ...f, data: w1[j].data.map((v, q) => v - 0.3 * g1[j].data[q]) })).toBeLessThan(1e-12));
      }
    });
  }
});

describe('LayeredGd.dispose', () => {
  // 12 × 10 target, widths 12 and 9: large enough for WebAssembly buffers, which the next model reuses
  // without zero-filling them (each objective must write every array before reading it).
  const r2 = new Rng(99);
  const big = rand(12, 10, r2, 1);
  const objs: [string, LayeredObjective][] = [
    ['full', { kind: 'full' }],
    ['sensing', { kind: 'sensing', measurements: gaussianMeasurements(big, 5, 4, 0.1) }],
    ['completion', { kind: 'completion', observed: listedEntries(big, [[0, 0], [1, 3], [5, 9], [11, 2], [7, 7]]) }],
  ];
  const ws = [rand(12, 10, r2, 0.3), rand(9, 12, r2, 0.3), rand(12, 9, r2, 0.3)];
  const trace = (m: LayeredGd) => {
    const out: number[] = [];
    for (let k = 0; k < 3; k++) {
      out.push(m.evaluate().loss, m.gradientNorm());
      m.step(0.05);
    }
    out.push(...m.evaluate().product, ...m.factors().flatMap((f) => Array.from(f.data)));
    return out;
  };
  for (const [name, obj] of objs) {
    it(`${name}: a model on a disposed model's buffers runs bit for bit as on fresh memory`, () => {
      const fresh = trace(new LayeredGd(big, ws, obj));
      const first = new LayeredGd(big, ws, obj);
      trace(first);
      first.dispose();
      expect(trace(new LayeredGd(big, ws, obj))).toEqual(fresh);
    });
  }
});
