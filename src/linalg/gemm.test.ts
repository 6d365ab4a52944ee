import { describe, expect, it } from 'vitest';
import { Rng } from '../init/rng.js';
import { gemmNN, gemmNT, gemmTN } from './gemm.js';

function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number, ta: boolean, tb: boolean): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
    c[i * n + j] = s;
  }
  return c;
}

describe('gemm kernels', () => {
  it('agree with the naive triple loop for every shape residue', () => {
    const rng = new Rng(1);
    for (const [m, k, n] of [[1, 1, 1], [3, 5, 2], [4, 4, 4], [7, 3, 9], [8, 1, 5], [13, 11, 6]]) {
      const a = rng.normalArray(m * k), b = rng.normalArray(k * n), bt = rng.normalArray(n * k), at = rng.normalArray(k * m);
      const c = new Float64Array(m * n).fill(Number.NaN);
      const check = (ref: Float64Array) => ref.forEach((v, i) => expect(Math.abs(c[i] - v)).toBeLessThan(1e-13));
      gemmNN(a, b, c, m, k, n);
      check(naive(a, b, m, k, n, false, false));
      c.fill(Number.NaN);
      gemmTN(at, b, c, m, k, n);
      check(naive(at, b, m, k, n, true, false));
      c.fill(Number.NaN);
      gemmNT(a, bt, c, m, k, n);
      check(naive(a, bt, m, k, n, false, true));
    }
  });
});
