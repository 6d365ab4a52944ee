/**
 * Haar-distributed random orthogonal matrices: Q from the QR factorisation of a Gaussian matrix,
 * with the signs of R's diagonal moved into Q (Mezzadri 2007), from a seeded {@link Rng}. Cost O(n³).
 */
import { Rng } from '../init/rng.js';
import { type Matrix, zeros } from '../linalg/matrix.js';

export function haarOrthogonal(n: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const a = rng.normalArray(n * n);
  // Modified Gram–Schmidt twice (re-orthogonalised) on the columns; sign convention R_jj > 0.
  const q = zeros(n, n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) col[i] = a[i * n + j];
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q.data[i * n + k] * col[i];
        for (let i = 0; i < n; i++) col[i] -= d * q.data[i * n + k];
      }
    }
    let nrm = 0;
    for (let i = 0; i < n; i++) nrm += col[i] * col[i];
    nrm = Math.sqrt(nrm);
    for (let i = 0; i < n; i++) q.data[i * n + j] = col[i] / nrm;
  }
  return q;
}

/** Q·diag(values)·Qᵀ, exactly symmetric. */
export function withSpectrum(q: Matrix, values: ArrayLike<number>): Matrix {
  const n = q.rows;
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < values.length; k++) s += q.data[i * n + k] * values[k] * q.data[j * n + k];
      out.data[i * n + j] = s;
      out.data[j * n + i] = s;
    }
  }
  return out;
}
