/** Deep initialisations (inits.ts) on rectangular targets and every depth form: shapes, the product's scale, the seeded draws. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../init/rng.js';
import { type Matrix, matmul, matmulABt, matmulAtB, maxAbsDiff, zeros } from '../linalg/matrix.js';
import { singularPairs } from '../spectrum/singularPairs.js';
import { deepInit, layerDims } from './inits.js';

const rect = (rows: number, cols: number, seed: number): Matrix => {
  const y = zeros(rows, cols);
  y.data.set(new Rng(seed).normalArray(rows * cols));
  return y;
};
/** W_N ⋯ W₁. */
const product = (w: Matrix[]): Matrix => w.slice(1).reduce((acc, f) => matmul(f, acc), w[0]);
const scaled = (a: Matrix, c: number): Matrix => ({ ...a, data: a.data.map((v) => c * v) });
const shapes = (w: Matrix[]) => w.map((f) => [f.rows, f.cols]);

describe('deep initialisations: shapes and products', () => {
  const y = rect(2, 4, 3); // m = 2, n = 4, k = 2
  it('layerDims: [n, widths…, m], hidden widths min(m, n) by default', () => {
    expect(layerDims(y, 3)).toEqual([4, 2, 2, 2]);
    expect(layerDims(y, 1)).toEqual([4, 2]);
    expect(layerDims(y, 3, [5, 1])).toEqual([4, 5, 1, 2]);
  });
  it('identity: α·I_{d_j×d_{j−1}} (partial identities)', () => {
    const w = deepInit('identity', y, 3, 0.5, undefined, [3, 3]);
    expect(shapes(w)).toEqual([[3, 4], [3, 3], [2, 3]]);
    for (const f of w) {
      for (let a = 0; a < f.rows; a++) for (let b = 0; b < f.cols; b++) expect(f.data[a * f.cols + b]).toBe(a === b ? 0.5 : 0);
    }
  });
  it('aligned: the product is α^N·U_kV_kᵀ for N = 1, 2, 3', () => {
    const p = singularPairs(y);
    const uvt = matmulABt(p.left, p.right);
    for (const N of [1, 2, 3]) {
      const w = deepInit('aligned', y, N, 0.7);
      expect(w).toHaveLength(N);
      expect(maxAbsDiff(product(w), scaled(uvt, 0.7 ** N))).toBeLessThan(1e-14);
    }
    // a hidden width 1 keeps the leading mode only
    const w1 = deepInit('aligned', y, 2, 0.7, undefined, [1]);
    const u1v1 = matmulABt({ rows: 2, cols: 1, data: Float64Array.from([p.left.data[0], p.left.data[2]]) }, { rows: 4, cols: 1, data: Float64Array.from([0, 1, 2, 3].map((b) => p.right.data[b * 2])) });
    expect(maxAbsDiff(product(w1), scaled(u1v1, 0.49))).toBeLessThan(1e-14);
  });
  it('identity: a factor two or more rows taller than wide is α on its diagonal and 0 elsewhere', () => {
    const w = deepInit('identity', y, 2, 0.5, undefined, [6]);
    expect(shapes(w)).toEqual([[6, 4], [2, 6]]);
    for (const f of w) {
      for (let a = 0; a < f.rows; a++) for (let b = 0; b < f.cols; b++) expect(f.data[a * f.cols + b]).toBe(a === b ? 0.5 : 0);
    }
  });
  it('aligned and balanced with hidden widths above k = min(m, n): the product unchanged, W_j = I s I of rank k', () => {
    const p = singularPairs(y);
    const uvt = matmulABt(p.left, p.right);
    const w = deepInit('aligned', y, 3, 0.7, undefined, [3, 3]);
    expect(shapes(w)).toEqual([[3, 4], [3, 3], [2, 3]]);
    expect(maxAbsDiff(product(w), scaled(uvt, 0.7 ** 3))).toBeLessThan(1e-14);
    expect(Array.from(w[1].data)).toEqual([0.7, 0, 0, 0, 0.7, 0, 0, 0, 0]);
    // row k of W₁ and column k of W_N are zero
    expect(Array.from(w[0].data.subarray(8))).toEqual([0, 0, 0, 0]);
    expect([w[2].data[2], w[2].data[5]]).toEqual([0, 0]);
    const b = deepInit('balanced', y, 3, 0.8, 21, [3, 3]);
    const pm = zeros(2, 4);
    pm.data.set(new Rng(21, 'init.seed').normalArray(8, 1 / 2));
    expect(maxAbsDiff(product(b), scaled(pm, 0.8 ** 3))).toBeLessThan(1e-14);
    for (let j = 0; j < 2; j++) expect(maxAbsDiff(matmulAtB(b[j + 1], b[j + 1]), matmulABt(b[j], b[j]))).toBeLessThan(1e-14);
    expect(Array.from(b[0].data.subarray(8))).toEqual([0, 0, 0, 0]);
    expect([b[1].data[8], b[2].data[2], b[2].data[5]]).toEqual([0, 0, 0]);
  });
  it('gaussian: W_j = α·G_j/√d_{j−1} drawn in order from the seed', () => {
    const w = deepInit('gaussian', y, 2, 0.3, 17);
    const rng = new Rng(17, 'init.seed');
    const g1 = rng.normalArray(8, 0.3 / 2), g2 = rng.normalArray(4, 0.3 / Math.sqrt(2));
    expect(shapes(w)).toEqual([[2, 4], [2, 2]]);
    expect(Array.from(w[0].data)).toEqual(Array.from(g1));
    expect(Array.from(w[1].data)).toEqual(Array.from(g2));
    expect(() => deepInit('gaussian', y, 2, 0.3, -1)).toThrow(/^init.seed: must be a non-negative integer/);
  });
  it('orthogonal: α times orthonormal rows or columns', () => {
    const w = deepInit('orthogonal', y, 3, 0.4, 5, [3, 3]);
    expect(shapes(w)).toEqual([[3, 4], [3, 3], [2, 3]]);
    for (const f of w) {
      const small = f.rows <= f.cols ? matmulABt(f, f) : matmulAtB(f, f);
      const d = small.rows;
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) expect(small.data[a * d + b]).toBeCloseTo(a === b ? 0.16 : 0, 14);
    }
    expect(deepInit('orthogonal', y, 3, 0.4, 6, [3, 3])[0].data).not.toEqual(w[0].data);
    expect(() => deepInit('orthogonal', y, 3, 0.4)).toThrow(/^init.seed: is required for the orthogonal init/);
  });
  it('balanced: the product is α^N·P with P = G/√n drawn from the seed, and the factors are balanced', () => {
    for (const N of [1, 2, 3]) {
      const w = deepInit('balanced', y, N, 0.8, 21);
      const pm = zeros(2, 4);
      pm.data.set(new Rng(21, 'init.seed').normalArray(8, 1 / 2));
      expect(maxAbsDiff(product(w), scaled(pm, 0.8 ** N))).toBeLessThan(1e-14);
      for (let j = 0; j + 1 < N; j++) expect(maxAbsDiff(matmulAtB(w[j + 1], w[j + 1]), matmulABt(w[j], w[j]))).toBeLessThan(1e-14);
    }
  });
});
