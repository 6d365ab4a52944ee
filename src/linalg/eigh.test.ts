import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { eigh } from './eigh.js';
import { fromRows, identity, matmul, matmulAtB, maxAbs, maxAbsDiff, transpose } from './matrix.js';
import { singularValues } from './svd.js';

const EPS = 2 ** -52;

describe('eigh', () => {
  it('has a small residual and orthonormal eigenvectors, eigenvalues decreasing (JAX-style checks)', () => {
    for (const n of [1, 2, 5, 17, 40]) {
      const q = haarOrthogonal(n, n);
      const lam = Array.from({ length: n }, (_, i) => Math.sin(3 * i + 1) * 5);
      const a = withSpectrum(q, lam);
      const { values, vectors } = eigh(a);
      const av = matmul(a, vectors);
      let res = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) res = Math.max(res, Math.abs(av.data[i * n + j] - vectors.data[i * n + j] * values[j]));
      expect(res).toBeLessThanOrEqual(10 * n * EPS * 5);
      expect(maxAbsDiff(matmulAtB(vectors, vectors), identity(n))).toBeLessThanOrEqual(10 * n * EPS);
      for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
      const sorted = [...lam].sort((x, y) => y - x);
      sorted.forEach((l, i) => expect(Math.abs(values[i] - l)).toBeLessThanOrEqual(10 * n * EPS * 5));
    }
  });
  it('treats matrices symmetric up to rounding with the symmetric algorithm', () => {
    const a = fromRows([[2, 1 + 1e-16], [1, 3]]);
    const { vectors } = eigh(a);
    expect(maxAbsDiff(matmul(transpose(vectors), vectors), identity(2))).toBeLessThan(1e-15);
  });
  it('gives singular values of general and symmetric matrices, decreasing', () => {
    expect(Array.from(singularValues(fromRows([[3, 0], [0, -4]])))).toEqual([4, 3]);
    const wide = fromRows([[1, 0, 0], [0, 2, 0]]);
    const sv = singularValues(wide);
    expect(sv.length).toBe(2);
    expect(sv[0]).toBeCloseTo(2, 14);
    expect(sv[1]).toBeCloseTo(1, 14);
    const tall = singularValues(transpose(wide));
    expect(maxAbs(fromRows([[tall[0] - 2, tall[1] - 1]]))).toBeLessThan(1e-14);
  });
});
